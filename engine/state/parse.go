package state

import (
	"path"

	"github.com/aerie-sec/aerie/engine/event"
)

// PPM open flags used by the state engine.
const (
	oDirectory = 1 << 10
	oCloexec   = 1 << 12
)

// atFDCWD is AT_FDCWD as the drivers report it in dirfd parameters.
const atFDCWD = -100

// key names an event parameter the state engine reads.
type key uint8

const (
	kRes key = iota
	kFD
	kName
	kFlags
	kDirFD
	kTuple
	kAddr
	kPath
	kExe
	kArgs
	kTID
	kPID
	kPTID
	kCwd
	kFDLimit
	kComm
	kCgroups
	kEnv
	kTTY
	kVPGID
	kLoginUID
	kExeFlags
	kCapInh
	kCapPerm
	kCapEff
	kExeIno
	kExeCtime
	kExeMtime
	kUID
	kGID
	kTrustedExe
	kPGID
	kFilename
	kVTID
	kVPID
	kReaper
	kFD1
	kFD2
	kOldFD
	kNewFD
	kDomain
	kSockType
	kProto
	kEUID
	kEGID
	kIno
	kDev
	kMode
	kPidnsInit
	nKeys
)

var keyNames = [nKeys][]string{
	kRes: {"res"}, kFD: {"fd"}, kName: {"name"}, kFlags: {"flags"}, kDirFD: {"dirfd"}, kTuple: {"tuple"},
	kAddr: {"addr"}, kPath: {"path", "dirname"}, kExe: {"exe"}, kArgs: {"args"}, kTID: {"tid"}, kPID: {"pid"},
	kPTID: {"ptid"}, kCwd: {"cwd"}, kFDLimit: {"fdlimit"}, kComm: {"comm"}, kCgroups: {"cgroups"}, kEnv: {"env"},
	kTTY: {"tty"}, kVPGID: {"vpgid"}, kLoginUID: {"loginuid"}, kExeFlags: {"flags"}, kCapInh: {"cap_inheritable"},
	kCapPerm: {"cap_permitted"}, kCapEff: {"cap_effective"}, kExeIno: {"exe_ino"}, kExeCtime: {"exe_ino_ctime"},
	kExeMtime: {"exe_ino_mtime"}, kUID: {"uid"}, kGID: {"gid"}, kTrustedExe: {"trusted_exepath"}, kPGID: {"pgid"},
	kFilename: {"filename"}, kVTID: {"vtid"}, kVPID: {"vpid"}, kReaper: {"reaper_tid"}, kFD1: {"fd1"},
	kFD2: {"fd2"}, kOldFD: {"oldfd"}, kNewFD: {"newfd"}, kDomain: {"domain"}, kSockType: {"type"},
	kProto: {"proto"}, kEUID: {"euid"}, kEGID: {"egid"}, kIno: {"ino"}, kDev: {"dev"}, kMode: {"mode"},
	kPidnsInit: {"pidns_init_start_ts"},
}

// op is what an event does to the state.
type op uint8

const (
	opNone op = iota
	opClone
	opExec
	opProcExit
	opOpen
	opSocket
	opConnect
	opBind
	opAccept
	opClose
	opDup
	opPipe
	opSocketpair
	opChdir
	opFchdir
	opSetuid
	opSetgid
	opSetresuid
	opSetresgid
	opCapset
	opTypedFD
	opEnter     // an old-style enter event: remember its fd (and execve's filename) for the exit
	opContainer // container metadata (JSON, or the oldest form with id/type/name/image parameters)
)

type handler struct {
	op      op
	fdType  FDType
	usesFD  bool
	destroy bool
	idx     [nKeys]int8
}

func (h *handler) has(k key) bool { return h.idx[k] >= 0 }

// handlers is built once from the event table and never modified.
var handlers = buildHandlers()

func buildHandlers() *[event.MaxType]handler {
	var hs [event.MaxType]handler
	exitOps := map[string]op{
		"clone": opClone, "fork": opClone, "vfork": opClone, "clone3": opClone,
		"execve": opExec, "execveat": opExec,
		"open": opOpen, "openat": opOpen, "openat2": opOpen, "creat": opOpen, "open_by_handle_at": opOpen,
		"socket": opSocket, "connect": opConnect, "bind": opBind, "accept": opAccept, "accept4": opAccept,
		"close": opClose, "dup": opDup, "dup2": opDup, "dup3": opDup, "pipe": opPipe, "pipe2": opPipe,
		"socketpair": opSocketpair, "chdir": opChdir, "fchdir": opFchdir,
		"setuid": opSetuid, "setgid": opSetgid, "setresuid": opSetresuid, "setresgid": opSetresgid,
		"setreuid": opSetresuid, "setregid": opSetresgid, "capset": opCapset,
		"eventfd": opTypedFD, "eventfd2": opTypedFD, "signalfd": opTypedFD, "signalfd4": opTypedFD,
		"timerfd_create": opTypedFD, "inotify_init": opTypedFD, "inotify_init1": opTypedFD,
		"epoll_create": opTypedFD, "epoll_create1": opTypedFD, "userfaultfd": opTypedFD,
		"memfd_create": opTypedFD, "pidfd_open": opTypedFD, "io_uring_setup": opTypedFD,
	}
	typed := map[string]FDType{
		"eventfd": FDEvent, "eventfd2": FDEvent, "signalfd": FDSignalFD, "signalfd4": FDSignalFD,
		"timerfd_create": FDTimerFD, "inotify_init": FDInotify, "inotify_init1": FDInotify,
		"epoll_create": FDEventPoll, "epoll_create1": FDEventPoll, "userfaultfd": FDUserfaultFD,
		"memfd_create": FDMemFD, "pidfd_open": FDPidFD, "io_uring_setup": FDIOUring,
	}
	for _, t := range event.Types() {
		info, _ := event.Lookup(t)
		h := &hs[t]
		for k := range h.idx {
			h.idx[k] = -1
			for _, n := range keyNames[k] {
				if i := info.ParamIndex(n); i >= 0 && h.idx[k] < 0 {
					h.idx[k] = int8(i)
				}
			}
		}
		h.usesFD = info.Flags&event.FlagUsesFD != 0
		h.destroy = info.Flags&event.FlagDestroysFD != 0
		if info.Name == "container" {
			h.op = opContainer
			continue
		}
		if info.Name == "procexit" {
			h.op = opProcExit
			continue
		}
		if info.Dir == event.Enter {
			h.op = opEnter
			continue
		}
		h.op = exitOps[info.Name]
		h.fdType = typed[info.Name]
	}
	return &hs
}

// Resolved is what the state engine resolved for one event: the thread that generated it and the fd it
// operates on, if any. Pointers stay valid until the next call to Apply.
type Resolved struct {
	Thread *Thread
	FD     *FD   // nil when the event uses no fd or the fd is unknown
	FDNum  int64 // the fd number the event refers to, valid when HasFD
	HasFD  bool
	// Enter is the enter event of an exit event from an old-style capture (enter+exit pairs), when the
	// thread's previous event was it: its parameters complete the exit's, as current libs' capture converter
	// folds them in (old exits often carry only res). nil otherwise.
	Enter *event.Event
}

// Apply updates the table with ev, as libsinsp's parsers do before filtering, and fills r with the event's
// thread and fd. Descriptors closed by ev are still resolved for it; exited threads stay until the next event.
func (tb *Table) Apply(ev *event.Event, r *Resolved) {
	tb.Begin(ev.Ts)
	*r = Resolved{}
	th := tb.Touch(ev.TID, ev.Ts)
	r.Thread = th
	if ev.Type >= event.MaxType {
		return
	}
	h := &handlers[ev.Type]
	if th == nil {
		return
	}
	a := args{ev: ev, h: h}
	if ev.Dir() == event.Exit && th.enterType != 0 && th.enterType == ev.Type-1 {
		a.en, a.he = &th.enter, &handlers[th.enterType]
		r.Enter = &th.enter
	}
	// The fd the event operates on: its own fd parameter, else the one its enter event carried.
	if h.usesFD || h.op == opClose {
		if n, ok := a.int(kFD); ok {
			r.FDNum, r.HasFD = n, true
		}
		if r.HasFD {
			r.FD = th.files.Get(r.FDNum)
		} else if ev.Dir() == event.Exit {
			// an exit whose descriptor is unknown (its enter event was not captured): libsinsp reports fd -1
			r.FDNum, r.HasFD = -1, true
		}
	}
	switch h.op {
	case opContainer:
		tb.container(ev)
	case opEnter:
		if ev.Name() == "connect" && r.FD != nil && h.has(kAddr) {
			// libsinsp records the destination on connect enter (TOCTOU-safe), before the exit's tuple
			if sa, ok := ev.SockAddr(int(h.idx[kAddr])); ok && (sa.Family == event.AFInet || sa.Family == event.AFInet6) &&
				r.FD.Flags&FlagTupleName == 0 && (r.FD.Type == FDIPv4Socket || r.FD.Type == FDIPv6Socket) {
				r.FD.ServerIP, r.FD.ServerPort = sa.Addr, sa.Port
			}
		}
		if ev.NumParams() > 0 {
			th.enter.CopyFrom(ev)
			th.enterType = ev.Type
		} else {
			th.enterType = 0
		}
	case opClone:
		tb.clone(ev, &a, th)
	case opExec:
		tb.exec(ev, &a, th)
	case opProcExit:
		reaper, _ := a.int(kReaper)
		tb.Exit(th.TID, reaper)
	case opOpen:
		tb.open(&a, th, r)
	case opSocket:
		tb.socket(&a, th, r)
	case opConnect:
		tb.connect(ev, &a, th, r)
	case opBind:
		tb.bind(ev, &a, r)
	case opAccept:
		tb.accept(ev, &a, th, r)
	case opClose:
		if res, ok := a.int(kRes); ok && res >= 0 && r.HasFD {
			th.files.Remove(r.FDNum)
		}
	case opDup:
		res, ok := a.int(kRes)
		old, ok2 := a.int(kOldFD)
		if !ok2 {
			old, ok2 = r.FDNum, r.HasFD
		}
		if ok && ok2 && res >= 0 {
			if src := th.files.Get(old); src != nil {
				cp := *src
				cp.Num = res
				cp.Flags &^= FlagCloseOnExec
				th.files.Add(&cp)
				r.FD, r.FDNum, r.HasFD = th.files.Get(res), res, true
			}
		}
	case opPipe, opSocketpair:
		res, ok := a.int(kRes)
		if ok && res >= 0 {
			typ := FDFIFO
			if h.op == opSocketpair {
				typ = FDUnixSocket
			}
			ino, _ := a.uint(kIno)
			for _, k := range [...]key{kFD1, kFD2} {
				if n, ok := a.int(k); ok && n >= 0 {
					th.files.Add(&FD{Num: n, Type: typ, Ino: ino})
					// the event resolves to the last descriptor created, as libsinsp's
					r.FD, r.FDNum, r.HasFD = th.files.Get(n), n, true
				}
			}
		}
	case opChdir:
		if res, ok := a.int(kRes); ok && res == 0 && a.has(kPath) {
			th.files.Cwd = tb.resolve(th.files.Cwd, a.bytes(kPath))
		}
	case opFchdir:
		if res, ok := a.int(kRes); ok && res == 0 && r.FD != nil {
			th.files.Cwd = r.FD.Name
		}
	case opSetuid, opSetresuid:
		k := kUID
		if h.op == opSetresuid {
			k = kEUID
		}
		if res, ok := a.int(kRes); ok && res == 0 {
			if v, ok := a.uint(k); ok && uint32(v) != 0xffffffff {
				th.UID = uint32(v)
			}
		}
	case opSetgid, opSetresgid:
		k := kGID
		if h.op == opSetresgid {
			k = kEGID
		}
		if res, ok := a.int(kRes); ok && res == 0 {
			if v, ok := a.uint(k); ok && uint32(v) != 0xffffffff {
				th.GID = uint32(v)
			}
		}
	case opCapset:
		if res, ok := a.int(kRes); ok && res == 0 {
			th.CapInheritable, _ = a.uint(kCapInh)
			th.CapPermitted, _ = a.uint(kCapPerm)
			th.CapEffective, _ = a.uint(kCapEff)
		}
	case opTypedFD:
		fd, ok := a.int(kRes)
		if !ok {
			fd, ok = a.int(kFD)
		}
		if ok && fd >= 0 {
			f := tb.pool.get()
			f.Num, f.Type = fd, h.fdType
			if h.fdType == FDMemFD && a.has(kName) {
				f.Name = tb.intern(a.bytes(kName))
			}
			th.files.Add(f)
			r.FD, r.FDNum, r.HasFD = f, fd, true
		}
	}
	if ev.Dir() == event.Exit {
		th.enterType = 0
	}
}

// args reads an event's parameters by key: the exit's own, else its enter event's.
type args struct {
	ev, en *event.Event
	h, he  *handler
}

// param returns the raw bytes of parameter k, nil when neither event carries it. An exit parameter sent
// empty (as drivers send parameters they lack) is taken from the enter event when that carries it.
func (a *args) param(k key) []byte {
	var b []byte
	if i := a.h.idx[k]; i >= 0 {
		if b = a.ev.Param(int(i)); len(b) > 0 {
			return b
		}
	}
	if a.en != nil {
		if i := a.he.idx[k]; i >= 0 {
			if e := a.en.Param(int(i)); e != nil {
				return e
			}
		}
	}
	return b
}

func (a *args) has(k key) bool { return a.param(k) != nil }

func (a *args) int(k key) (int64, bool) { return event.DecodeInt(a.param(k)) }

func (a *args) uint(k key) (uint64, bool) { return event.DecodeUint(a.param(k)) }

// bytes returns a string parameter without its trailing NUL.
func (a *args) bytes(k key) []byte {
	b := a.param(k)
	if n := len(b); n > 0 && b[n-1] == 0 {
		return b[:n-1]
	}
	return b
}

func (tb *Table) str(a *args, k key) (string, bool) {
	b := a.param(k)
	if b == nil {
		return "", false
	}
	return tb.intern(a.bytes(k)), true
}

func (tb *Table) list(a *args, k key) ([]string, bool) {
	b := a.param(k)
	if b == nil {
		return nil, false
	}
	return tb.internList(b), true
}

func (tb *Table) clone(ev *event.Event, a *args, caller *Thread) {
	res, ok := a.int(kRes)
	if !ok || res < 0 {
		return
	}
	flags, _ := a.uint(kExeFlags)
	var tmpl Thread
	tmpl.Exe, _ = tb.str(a, kExe)
	tmpl.Args, _ = tb.list(a, kArgs)
	var hasComm bool
	tmpl.Comm, hasComm = tb.str(a, kComm)
	if !hasComm {
		tmpl.Comm = tmpl.Exe // versions before comm: libsinsp names the process by its exe
	}
	if cg, ok := tb.list(a, kCgroups); ok && len(cg) > 0 {
		tmpl.Cgroups = cg
	} else if !a.h.has(kCgroups) {
		// clone versions before cgroups: libsinsp leaves the child without any (so on the host), rather
		// than copying the parent's
		tmpl.Cgroups = []string{}
	}
	tmpl.FDLimit, _ = a.int(kFDLimit)
	if v, ok := a.uint(kUID); ok {
		tmpl.UID = uint32(v)
	}
	if v, ok := a.uint(kGID); ok {
		tmpl.GID = uint32(v)
	}
	pid, _ := a.int(kPID)
	ptid, _ := a.int(kPTID)
	vtid, hasVTID := a.int(kVTID)
	vpid, hasVPID := a.int(kVPID)
	cwd, hasCwd := tb.str(a, kCwd)
	if res > 0 {
		// The parent's event: refresh the caller, and create the child unless its own event came first.
		if caller.Invalid {
			caller.Invalid = false
			caller.PID, caller.PTID = pid, ptid
			fillFrom(caller, &tmpl)
			if hasCwd && cwd != "" {
				caller.files.Cwd = cwd
			}
		}
		if c := tb.threads[res]; c != nil && !c.Invalid {
			return
		}
		child := tmpl
		child.TID = res
		child.PTID = caller.TID
		child.PID = res
		child.VTID, child.VPID = res, res
		if hasVPID && vpid != pid {
			child.VTID, child.VPID = 0, 0 // in a pid namespace: known from the child's own event
		}
		if flags&CloneThread != 0 {
			child.PID = caller.PID
			child.VPID = caller.VPID
			if hasVPID {
				child.VPID = vpid
			}
		}
		// uid/gid come from the event when it carries them (as libsinsp), else from the caller
		if !a.has(kUID) {
			child.UID, child.GID = caller.UID, caller.GID
		}
		tb.Spawn(caller, child, uint32(flags), ev.Ts)
		return
	}
	// The child's own event.
	if !caller.Invalid && caller.CloneTs != 0 {
		return // already created from the parent's event
	}
	parent := tb.threads[ptid]
	if flags&CloneThread != 0 {
		if m := tb.threads[pid]; m != nil && m != caller {
			parent = m
		}
	}
	child := tmpl
	if !hasVTID {
		vtid = caller.TID // versions before pid namespaces: the ids are the same
	}
	if !hasVPID {
		vpid = pid
	}
	child.TID, child.PID, child.PTID, child.VTID, child.VPID = caller.TID, pid, ptid, vtid, vpid
	c := tb.Spawn(parent, child, uint32(flags), ev.Ts)
	if c != nil && hasCwd && cwd != "" && (parent == nil || flags&(CloneThread|CloneFS) == 0) {
		c.files.Cwd = cwd
	}
}

func fillFrom(t *Thread, src *Thread) {
	if src.Comm != "" {
		t.Comm = src.Comm
	}
	if src.Exe != "" {
		t.Exe = src.Exe
	}
	if src.Args != nil {
		t.Args = src.Args
	}
	if src.Cgroups != nil {
		t.SetCgroups(src.Cgroups)
	}
	t.UID, t.GID = src.UID, src.GID
}

func (tb *Table) exec(ev *event.Event, a *args, th *Thread) {
	res, ok := a.int(kRes)
	if !ok || res != 0 {
		return
	}
	th.Invalid = false
	if s, ok := tb.str(a, kExe); ok {
		th.Exe = s
	}
	if l, ok := tb.list(a, kArgs); ok {
		th.Args = l
	}
	if s, ok := tb.str(a, kComm); ok {
		th.Comm = s
	} else if a.has(kExe) {
		th.Comm = th.Exe // versions before comm: libsinsp names the process by its exe
	}
	if v, ok := a.int(kPID); ok && v > 0 {
		th.PID = v
	}
	if v, ok := a.int(kPTID); ok && v > 0 && (th.PTID <= 0 || tb.threads[th.PTID] == nil) {
		th.PTID = v
	}
	// cwd is not taken from execve: libsinsp keeps it from clone and chdir (the probe sends it empty)
	if l, ok := tb.list(a, kEnv); ok {
		th.Env = l
	}
	if l, ok := tb.list(a, kCgroups); ok && len(l) > 0 {
		th.SetCgroups(l)
	}
	if v, ok := a.uint(kTTY); ok {
		th.TTY = uint32(v)
	}
	if v, ok := a.int(kVPGID); ok {
		th.VPGID = v
	}
	if v, ok := a.int(kPGID); ok {
		th.PGID = v
	}
	if v, ok := a.uint(kLoginUID); ok {
		th.LoginUID = uint32(v)
	}
	if v, ok := a.int(kFDLimit); ok {
		th.FDLimit = v
	}
	if v, ok := a.uint(kExeFlags); ok {
		th.ExeFlags = uint32(v)
	}
	if a.has(kCapEff) {
		th.CapInheritable, _ = a.uint(kCapInh)
		th.CapPermitted, _ = a.uint(kCapPerm)
		th.CapEffective, _ = a.uint(kCapEff)
	}
	if v, ok := a.uint(kExeIno); ok {
		th.ExeIno = v
		ct, _ := a.int(kExeCtime)
		mt, _ := a.int(kExeMtime)
		th.ExeInoCtime, th.ExeInoMtime = ct, mt
	}
	if v, ok := a.uint(kUID); ok {
		th.UID = uint32(v)
	}
	if v, ok := a.uint(kGID); ok {
		th.GID = uint32(v)
	}
	// exepath: the task's exe_file, else the path passed to execve, resolved against cwd.
	switch {
	case a.has(kTrustedExe) && len(a.bytes(kTrustedExe)) > 0:
		th.ExePath, _ = tb.str(a, kTrustedExe)
	case a.has(kFilename) && len(a.bytes(kFilename)) > 0:
		th.ExePath = tb.resolve(th.files.Cwd, a.bytes(kFilename))
	}
	tb.CloseOnExec(th)
}

func (tb *Table) open(a *args, th *Thread, r *Resolved) {
	fd, ok := a.int(kFD)
	if !ok {
		fd, ok = a.int(kRes)
	}
	if !ok || !a.has(kName) {
		return
	}
	name := a.bytes(kName)
	base := th.files.Cwd
	if dirfd, ok := a.int(kDirFD); ok && dirfd != atFDCWD {
		if d := th.files.Get(dirfd); d != nil {
			base = d.Name
		}
	}
	flags, _ := a.uint(kFlags)
	f := tb.pool.get()
	*f = FD{Num: fd, Type: FDFile, Flags: FlagRawName, OpenFlags: uint32(flags), Name: tb.resolve(base, name)}
	if string(name) != f.Name { // relative or not normalized: keep the path as passed for fd.nameraw
		f.NameRaw = tb.intern(name)
	}
	if uint32(flags)&oDirectory != 0 {
		f.Type = FDDirectory
	}
	if uint32(flags)&oCloexec != 0 {
		f.Flags |= FlagCloseOnExec
	}
	if v, ok := a.uint(kMode); ok {
		f.Mode = uint32(v)
	}
	if v, ok := a.uint(kIno); ok {
		f.Ino = v
	}
	if v, ok := a.uint(kDev); ok {
		f.Dev = uint32(v)
	}
	if fd < 0 {
		// A failed open is described by a descriptor that never enters the table, as libsinsp does, so
		// rules on failed opens see fd.name.
		tb.failed = *f
		tb.pool.put(f)
		r.FD, r.FDNum, r.HasFD = &tb.failed, -1, true
		return
	}
	th.files.Add(f)
	r.FD, r.FDNum, r.HasFD = f, fd, true
}

// PPM socket domains and types.
const (
	afUnix    = 1
	afInet    = 2
	afInet6   = 10
	afNetlink = 16
)

func (tb *Table) socket(a *args, th *Thread, r *Resolved) {
	fd, ok := a.int(kFD)
	if !ok {
		fd, ok = a.int(kRes)
	}
	if !ok || fd < 0 {
		return
	}
	// Old captures carry domain/type/proto on the enter event only.
	domain, _ := a.uint(kDomain)
	stype, _ := a.uint(kSockType)
	proto, _ := a.uint(kProto)
	f := tb.pool.get()
	f.Num = fd
	switch domain {
	case afInet:
		f.Type = FDIPv4Socket
	case afInet6:
		f.Type = FDIPv6Socket
	case afUnix:
		f.Type = FDUnixSocket
	case afNetlink:
		f.Type = FDNetlink
	default:
		f.Type = FDIPv4Socket
		if domain != 0 {
			f.Type = FDUnsupported
		}
	}
	switch stype & 0xf {
	case 1:
		f.L4 = L4TCP
	case 2:
		f.L4 = L4UDP
	case 3:
		f.L4 = L4Raw
		if proto == 1 || proto == 58 {
			f.L4 = L4ICMP
		}
	}
	th.files.Add(f)
	r.FD, r.FDNum, r.HasFD = f, fd, true
}

func (tb *Table) connect(ev *event.Event, a *args, th *Thread, r *Resolved) {
	h := a.h
	if !r.HasFD || !h.has(kTuple) {
		return
	}
	res, _ := a.int(kRes)
	const einprogress = -115
	if res < 0 && res != einprogress {
		return
	}
	st, ok := ev.SockTuple(int(h.idx[kTuple]))
	if !ok {
		return
	}
	f := r.FD
	if f == nil {
		f = &FD{Num: r.FDNum}
		th.files.Add(f)
		r.FD = f
	}
	tb.setTuple(f, &st, false)
	// libsinsp marks the socket connected on success and on EINPROGRESS
	f.Flags |= FlagRoleClient | FlagNameChanged | FlagConnected
}

// setTuple fills f from a socket tuple; for an accepted socket the tuple's source is the peer (client).
func (tb *Table) setTuple(f *FD, st *event.SockTuple, accepted bool) {
	switch st.Family {
	case event.AFInet, event.AFInet6:
		if st.Family == event.AFInet {
			f.Type = FDIPv4Socket
		} else {
			f.Type = FDIPv6Socket
		}
		f.ClientIP, f.ClientPort, f.ServerIP, f.ServerPort = st.SrcAddr, st.SrcPort, st.DstAddr, st.DstPort
		f.Name = ""
		f.Flags |= FlagTupleName
	case event.AFUnix:
		f.Type = FDUnixSocket
		f.UnixSource, f.UnixDest = st.Source, st.Dest
		f.Name = tb.intern(st.Path)
		f.Flags &^= FlagTupleName
	}
	_ = accepted
}

func (tb *Table) bind(ev *event.Event, a *args, r *Resolved) {
	h := a.h
	res, _ := a.int(kRes)
	if res != 0 || r.FD == nil || !h.has(kAddr) {
		return
	}
	sa, ok := ev.SockAddr(int(h.idx[kAddr]))
	if !ok {
		return
	}
	f := r.FD
	switch sa.Family {
	case event.AFInet, event.AFInet6:
		tb.scratch = AppendEndpoint(tb.scratch[:0], sa.Addr, sa.Port)
		f.Name = tb.intern(tb.scratch)
		f.Flags &^= FlagTupleName
		if sa.Port == 0 {
			break // an ephemeral bind before connect: still a client socket, as libsinsp
		}
		if sa.Family == event.AFInet {
			f.Type = FDIPv4Server
		} else {
			f.Type = FDIPv6Server
		}
		f.ServerIP, f.ServerPort = sa.Addr, sa.Port
		f.Flags |= FlagRoleServer
	case event.AFUnix:
		f.Name = tb.intern(sa.Path)
	}
}

func (tb *Table) accept(ev *event.Event, a *args, th *Thread, r *Resolved) {
	h := a.h
	fd, ok := a.int(kFD)
	if !ok || fd < 0 {
		return
	}
	f := tb.pool.get()
	f.Num, f.L4 = fd, L4TCP
	if lis := r.FD; lis != nil && lis.Num != fd {
		f.L4 = lis.L4
	}
	if h.has(kTuple) {
		if st, ok := ev.SockTuple(int(h.idx[kTuple])); ok {
			tb.setTuple(f, &st, true)
		}
	}
	f.Flags |= FlagRoleServer | FlagConnected
	th.files.Add(f)
	r.FD, r.FDNum, r.HasFD = f, fd, true
}

// resolve makes p absolute against base (cwd or a directory fd's path) and cleans it, as libsinsp does.
func (tb *Table) resolve(base string, p []byte) string {
	if len(p) == 0 {
		return tb.intern(p)
	}
	if p[0] == '/' {
		if isClean(p) {
			return tb.intern(p)
		}
		return tb.internString(path.Clean(string(p)))
	}
	tb.scratch = append(tb.scratch[:0], base...)
	if len(tb.scratch) == 0 || tb.scratch[len(tb.scratch)-1] != '/' {
		tb.scratch = append(tb.scratch, '/')
	}
	tb.scratch = append(tb.scratch, p...)
	if isClean(tb.scratch) {
		return tb.intern(tb.scratch)
	}
	return tb.internString(path.Clean(string(tb.scratch)))
}

// isClean reports whether an absolute path has no "//", "/./", "/../" or trailing "/" or "/.".
func isClean(p []byte) bool {
	n := len(p)
	if n > 1 && p[n-1] == '/' {
		return false
	}
	for i := 0; i < n; i++ {
		if p[i] != '/' {
			continue
		}
		if i+1 < n && p[i+1] == '/' {
			return false
		}
		if i+1 < n && p[i+1] == '.' && (i+2 == n || p[i+2] == '/' || (p[i+2] == '.' && (i+3 == n || p[i+3] == '/'))) {
			return false
		}
	}
	return true
}

// container records the metadata a container event carries.
func (tb *Table) container(ev *event.Event) {
	if i := ev.ParamIndex("json"); i >= 0 {
		_ = tb.AddContainerJSON(ev.Bytes(i)) // a malformed event leaves the table unchanged, as libsinsp
		return
	}
	id := ev.Bytes(ev.ParamIndex("id"))
	if len(id) == 0 {
		return
	}
	c := &Container{ID: string(id), Name: string(ev.Bytes(ev.ParamIndex("name"))), Image: string(ev.Bytes(ev.ParamIndex("image")))}
	if t, ok := ev.Uint(ev.ParamIndex("type")); ok && int(t) < len(containerTypes) {
		c.Type = containerTypes[t]
	}
	c.ImageRepo, c.ImageTag, c.ImageDigest = splitImage(c.Image, "", "")
	tb.AddContainer(c)
}
