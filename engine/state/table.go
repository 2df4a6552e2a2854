package state

import "net/netip"

// Options bounds a Table. The zero value selects libsinsp's defaults.
type Options struct {
	// MaxThreads caps the thread table (default 262144); threads beyond it are not tracked.
	MaxThreads int
	// MaxFDs caps each process's descriptor table (default 65536).
	MaxFDs int
	// ThreadTimeout is how long, in ns of event time, a thread may go without events before it is purged
	// (default 1800 s, as libsinsp's thread_timeout).
	ThreadTimeout int64
	// PurgeInterval is how often, in ns of event time, inactive threads are looked for (default 1200 s).
	PurgeInterval int64
}

func (o Options) withDefaults() Options {
	if o.MaxThreads <= 0 {
		o.MaxThreads = 262144
	}
	if o.MaxFDs <= 0 {
		o.MaxFDs = 65536
	}
	if o.ThreadTimeout <= 0 {
		o.ThreadTimeout = 1800e9
	}
	if o.PurgeInterval <= 0 {
		o.PurgeInterval = 1200e9
	}
	return o
}

// Stats counts what the table dropped to stay bounded.
type Stats struct {
	Threads          int    // threads currently tracked
	DroppedThreads   uint64 // threads not tracked because the table was full
	PurgedThreads    uint64 // threads removed for inactivity
	RemovedThreads   uint64 // threads removed after their procexit
	LazilyCreated    uint64 // threads first seen in an event rather than a snapshot
	ReparentedOnExit uint64
}

// Table is the thread, descriptor, user and group state of one event stream.
type Table struct {
	opts    Options
	threads map[int64]*Thread
	users   map[userKey]*User
	groups  map[userKey]*Group

	pending   []int64 // tids to remove before the next event
	lastPurge int64
	lastTs    int64
	stats     Stats

	strs    map[string]string   // interned names
	lists   map[string][]string // interned NUL-separated lists
	scratch []byte
	pool    fdPool
	failed  FD // the descriptor of the latest failed open
	local   []netip.Addr
	last    *Thread // the thread of the previous event (events of one thread come in runs)

	containers  map[string]*Container
	freeThreads []*Thread // threads removed after their procexit, for reuse
	freeFiles   []*Files  // descriptor tables no thread uses any more, for reuse
	kids        []*Thread // Exit's scratch list
}

// newFiles returns an empty descriptor table used by one thread, reusing a released one if any.
func (tb *Table) newFiles() *Files {
	if n := len(tb.freeFiles); n > 0 {
		f := tb.freeFiles[n-1]
		tb.freeFiles = tb.freeFiles[:n-1]
		f.refs = 1
		return f
	}
	f := newFiles(tb.opts.MaxFDs, &tb.pool)
	f.refs = 1
	return f
}

// release drops one thread's use of f. When no thread uses it any more, its descriptors go back to the
// pool (usable from the next event on) and the table itself to the free list. Tables whose users are
// not counted (refs 0: merged by Link, or of purged threads' processes) are left to the collector.
func (tb *Table) release(f *Files) {
	if f == nil || f.refs <= 0 {
		return
	}
	f.refs--
	if f.refs > 0 || len(tb.freeFiles) >= 1024 || len(f.fds) > 64 {
		return
	}
	for _, fd := range f.fds {
		tb.pool.put(fd)
	}
	clear(f.fds)
	f.Cwd = ""
	tb.freeFiles = append(tb.freeFiles, f)
}

// AddLocalAddr records an address of the machine's network interfaces (from a capture's interface list
// or the host), used to tell the local end of a socket as libsinsp does.
func (tb *Table) AddLocalAddr(a netip.Addr) {
	if a.IsValid() {
		tb.local = append(tb.local, a.Unmap())
	}
}

// IsLocal reports whether a is an address of the machine's interfaces.
func (tb *Table) IsLocal(a netip.Addr) bool {
	a = a.Unmap()
	for _, l := range tb.local {
		if l == a {
			return true
		}
	}
	return false
}

// New returns an empty table bounded by opts.
func New(opts Options) *Table {
	return &Table{
		opts:    opts.withDefaults(),
		threads: make(map[int64]*Thread),
		users:   make(map[userKey]*User),
		groups:  make(map[userKey]*Group),
	}
}

// Reset empties the table (a concatenated capture restarts its state).
func (tb *Table) Reset() {
	tb.last = nil
	clear(tb.containers)
	clear(tb.threads)
	clear(tb.users)
	clear(tb.groups)
	tb.pending = tb.pending[:0]
	tb.lastPurge, tb.lastTs = 0, 0
}

// Stats returns the table's counters.
func (tb *Table) Stats() Stats {
	s := tb.stats
	s.Threads = len(tb.threads)
	return s
}

// Len returns the number of tracked threads.
func (tb *Table) Len() int { return len(tb.threads) }

// Thread returns the thread tid, or nil.
func (tb *Table) Thread(tid int64) *Thread { return tb.threads[tid] }

// Each calls fn for every thread, in no particular order.
func (tb *Table) Each(fn func(*Thread)) {
	for _, t := range tb.threads {
		fn(t)
	}
}

// Parent returns t's parent thread, or nil.
func (tb *Table) Parent(t *Thread) *Thread {
	if t == nil || t.PTID == t.TID {
		return nil
	}
	return tb.threads[t.PTID]
}

// Ancestor returns t's n-th ancestor (1 = parent), or nil. Loops in the parent chain end the walk.
func (tb *Table) Ancestor(t *Thread, n int) *Thread {
	for i := 0; i < n && t != nil; i++ {
		p := tb.Parent(t)
		if p == nil || p == t {
			return nil
		}
		t = p
	}
	return t
}

// NA is the name libsinsp gives threads it knows nothing about.
const NA = "<NA>"

// MaxDepth bounds ancestor walks, so a corrupt parent chain cannot loop forever.
const MaxDepth = 256

// Main returns the main thread of t's process (t itself if it is the main thread or the main is unknown).
func (tb *Table) Main(t *Thread) *Thread {
	if t.TID == t.PID {
		return t
	}
	if m := tb.threads[t.PID]; m != nil {
		return m
	}
	return t
}

// Begin prepares the table for an event at ts: threads whose procexit was the previous event are removed and,
// every PurgeInterval, threads inactive for ThreadTimeout are purged.
func (tb *Table) Begin(ts int64) {
	tb.pool.recycle()
	if len(tb.pending) > 0 {
		for _, tid := range tb.pending {
			if t := tb.threads[tid]; t != nil && t.Dead {
				tb.last = nil
				delete(tb.threads, tid)
				tb.release(t.files)
				t.files = nil
				tb.stats.RemovedThreads++
				if len(tb.freeThreads) < 1024 {
					tb.freeThreads = append(tb.freeThreads, t) // reused from the next event on
				}
			}
		}
		tb.pending = tb.pending[:0]
	}
	tb.lastTs = ts
	if tb.lastPurge == 0 {
		tb.lastPurge = ts
	} else if ts-tb.lastPurge >= tb.opts.PurgeInterval {
		tb.purge(ts)
		tb.lastPurge = ts
	}
}

func (tb *Table) purge(now int64) {
	for tid, t := range tb.threads {
		if t.lastEvent != 0 && now-t.lastEvent > tb.opts.ThreadTimeout {
			// keep a main thread while other threads of its process are active
			if t.IsMain() && tb.groupActive(t.PID, now) {
				continue
			}
			tb.last = nil
			delete(tb.threads, tid)
			tb.stats.PurgedThreads++
		}
	}
}

func (tb *Table) groupActive(pid, now int64) bool {
	for _, o := range tb.threads {
		if o.PID == pid && o.TID != pid && now-o.lastEvent <= tb.opts.ThreadTimeout {
			return true
		}
	}
	return false
}

// Touch returns the thread tid for an event at ts, creating an invalid thread when it is unknown.
// It returns nil only when the table is full.
func (tb *Table) Touch(tid, ts int64) *Thread {
	if t := tb.last; t != nil && t.TID == tid {
		t.lastEvent = ts
		return t
	}
	if t := tb.threads[tid]; t != nil {
		tb.last = t
		t.lastEvent = ts
		return t
	}
	t := tb.create(tid)
	if t == nil {
		return nil
	}
	// As libsinsp, a thread first seen in an event (no snapshot, no /proc) has "<NA>" names, no parent
	// and unknown ids until an event carrying them arrives.
	t.Invalid = true
	t.PID, t.PTID, t.SID, t.VPID, t.VTID, t.VPGID = tid, -1, -1, -1, -1, -1
	t.Comm, t.Exe = NA, NA
	t.UID, t.GID, t.LoginUID = 0xffffffff, 0xffffffff, 0xffffffff
	t.lastEvent = ts
	tb.last = t
	tb.stats.LazilyCreated++
	return t
}

func (tb *Table) create(tid int64) *Thread {
	if len(tb.threads) >= tb.opts.MaxThreads {
		tb.purge(tb.lastTs)
		if len(tb.threads) >= tb.opts.MaxThreads {
			tb.stats.DroppedThreads++
			return nil
		}
	}
	var t *Thread
	if n := len(tb.freeThreads); n > 0 {
		t = tb.freeThreads[n-1]
		tb.freeThreads = tb.freeThreads[:n-1]
		*t = Thread{enter: t.enter} // the enter copy's buffers, reused (unused while enterType is 0)
	} else {
		t = new(Thread)
	}
	t.TID, t.ContainerID, t.files = tid, HostID, tb.newFiles()
	tb.threads[tid] = t
	return t
}

// AddThread inserts or replaces a thread from a snapshot record (process list or /proc scan). Threads of
// one process share the main thread's descriptor table once Link has run.
func (tb *Table) AddThread(th Thread) *Thread {
	t := tb.threads[th.TID]
	if t == nil {
		if t = tb.create(th.TID); t == nil {
			return nil
		}
	}
	files := t.files
	*t = th
	t.files = files
	if t.files == nil {
		t.files = tb.newFiles()
	}
	if t.ContainerID == "" {
		t.ContainerID, t.Runtime = ContainerID(t.Cgroups)
	}
	return t
}

// SetCwd sets the working directory of tid's process.
func (tb *Table) SetCwd(tid int64, cwd string) {
	if t := tb.threads[tid]; t != nil {
		t.files.Cwd = cwd
	}
}

// AddFD adds a descriptor from a snapshot fd list to tid's process.
func (tb *Table) AddFD(tid int64, fd FD) {
	t := tb.threads[tid]
	if t == nil {
		return
	}
	cp := fd
	t.files.Add(&cp)
}

// Link makes every thread share its main thread's descriptor table and working directory, merging
// descriptors recorded on other threads. Call it after loading a snapshot.
func (tb *Table) Link() {
	for _, t := range tb.threads {
		if t.TID == t.PID {
			continue
		}
		m := tb.threads[t.PID]
		if m == nil || m.files == t.files {
			continue
		}
		for n, fd := range t.files.fds {
			if _, ok := m.files.fds[n]; !ok {
				m.files.fds[n] = fd
			}
		}
		if m.files.Cwd == "" {
			m.files.Cwd = t.files.Cwd
		}
		t.files.refs = 0 // its descriptors now belong to m's table too: never recycled
		t.files = m.files
		m.files.refs++
	}
}

// CloneFlags a clone event may carry (PPM_CL_* values).
const (
	CloneFiles  = 1 << 2  // PPM_CL_CLONE_FILES
	CloneFS     = 1 << 3  // PPM_CL_CLONE_FS
	CloneThread = 1 << 13 // PPM_CL_CLONE_THREAD
	CloneVfork  = 1 << 27 // PPM_CL_CLONE_VFORK
)

// Spawn creates (or refreshes) the child child.TID of parent, as a clone/fork/vfork/clone3 exit does. The
// child inherits the parent's fields left empty in child; CLONE_THREAD (and CLONE_FILES) children share the
// parent's descriptor table, others get a copy.
func (tb *Table) Spawn(parent *Thread, child Thread, flags uint32, ts int64) *Thread {
	old := tb.threads[child.TID]
	var c *Thread
	if old != nil {
		c = old
	} else if c = tb.create(child.TID); c == nil {
		return nil
	}
	prev := c.files
	files := prev
	if parent != nil {
		inherit(&child, parent)
		if flags&(CloneThread|CloneFiles) != 0 {
			files = parent.files
			if files != prev && files != nil {
				files.refs++
			}
		} else if (old == nil || old.Invalid) && parent.files != nil {
			files = tb.newFiles()
			parent.files.copyTo(files)
		}
	}
	enter := c.enter
	*c = child
	c.enter = enter // the enter copy's buffers (unused while enterType is 0), reused across forks
	c.files = files
	if c.files == nil {
		c.files = tb.newFiles()
	}
	if c.files != prev {
		tb.release(prev)
	}
	if c.CloneTs == 0 {
		c.CloneTs = ts
	}
	c.lastEvent = ts
	if len(c.Cgroups) > 0 {
		c.ContainerID, c.Runtime = ContainerID(c.Cgroups)
	} else if c.ContainerID == "" {
		c.ContainerID = HostID
	}
	return c
}

func inherit(c *Thread, p *Thread) {
	if c.Comm == "" {
		c.Comm = p.Comm
	}
	if c.Exe == "" {
		c.Exe = p.Exe
	}
	if c.ExePath == "" {
		c.ExePath = p.ExePath
	}
	if c.Args == nil {
		c.Args = p.Args
	}
	if c.Env == nil {
		c.Env = p.Env
	}
	if c.Cgroups == nil {
		c.Cgroups = p.Cgroups
		c.ContainerID, c.Runtime = p.ContainerID, p.Runtime
	}
	if c.Root == "" {
		c.Root = p.Root
	}
	if c.SID == 0 {
		c.SID = p.SID
	}
	if c.VPGID == 0 {
		c.VPGID = p.VPGID
	}
	if c.PGID == 0 {
		c.PGID = p.PGID
	}
	if c.TTY == 0 {
		c.TTY = p.TTY
	}
	if c.LoginUID == 0 {
		c.LoginUID = p.LoginUID
	}
	if c.CapEffective == 0 && c.CapPermitted == 0 && c.CapInheritable == 0 {
		c.CapInheritable, c.CapPermitted, c.CapEffective = p.CapInheritable, p.CapPermitted, p.CapEffective
	}
	if c.ExeFlags == 0 {
		c.ExeFlags = p.ExeFlags
	}
	if c.ExeIno == 0 {
		c.ExeIno, c.ExeInoCtime, c.ExeInoMtime = p.ExeIno, p.ExeInoCtime, p.ExeInoMtime
	}
	if c.FDLimit == 0 {
		c.FDLimit = p.FDLimit
	}
}

// Exit marks tid dead (its procexit) and reparents its children to reaper (when > 0), else to another live
// thread of its process, else to init (1). The thread itself is removed at the next Begin.
func (tb *Table) Exit(tid, reaper int64) {
	t := tb.threads[tid]
	if t == nil {
		return
	}
	t.Dead = true
	tb.pending = append(tb.pending, tid)
	// one pass over the threads finds both the children and, without a reaper, a live thread of the
	// process to adopt them
	newParent, find := reaper, reaper <= 0
	if find {
		newParent = 1
	}
	kids := tb.kids[:0]
	for _, o := range tb.threads {
		if o.TID == tid {
			continue
		}
		if find && o.PID == t.PID && !o.Dead {
			newParent, find = o.TID, false
		}
		if o.PTID == tid {
			kids = append(kids, o)
		}
	}
	for _, o := range kids {
		o.PTID = newParent
		tb.stats.ReparentedOnExit++
	}
	clear(kids)
	tb.kids = kids[:0]
}

// CloseOnExec drops the descriptors of t's process opened with O_CLOEXEC, as a successful execve does.
func (tb *Table) CloseOnExec(t *Thread) {
	for n, fd := range t.files.fds {
		if fd.Flags&FlagCloseOnExec != 0 {
			delete(t.files.fds, n)
			tb.pool.put(fd)
		}
	}
}
