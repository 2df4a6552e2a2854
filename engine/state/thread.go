package state

import "github.com/aerie-sec/aerie/engine/event"

// Thread flags describing the executable, as the execve exit event's flags parameter reports them.
const (
	ExeWritable   = 1 << 0
	ExeUpperLayer = 1 << 1
	ExeFromMemfd  = 1 << 2
	ExeLowerLayer = 1 << 3
)

// Thread is one thread as libsinsp tracks it. Threads of one process share their Files.
type Thread struct {
	TID, PID, PTID int64
	SID, VPGID     int64
	PGID           int64
	VTID, VPID     int64

	Comm    string   // proc.name
	Exe     string   // argv[0] (proc.exe)
	ExePath string   // full executable path (proc.exepath)
	Args    []string // argv[1:]
	Env     []string
	Cgroups []string // "subsys=path"
	Root    string

	UID, GID uint32 // effective user and group
	LoginUID uint32
	TTY      uint32
	FDLimit  int64

	CapInheritable, CapPermitted, CapEffective uint64

	ExeFlags    uint32 // Exe* flags
	ExeIno      uint64
	ExeInoCtime int64
	ExeInoMtime int64

	CloneTs          int64 // when the thread was created (ns since the epoch), 0 if unknown
	PidnsInitStartTs int64

	ContainerID string // HostID outside containers
	Runtime     Runtime

	// Invalid marks a thread created lazily from an event of an unknown tid; its fields fill as events arrive.
	Invalid bool
	// Dead marks a thread whose procexit was seen; it is removed before the next event.
	Dead bool

	files     *Files
	lastEvent int64

	// old-style captures: the last enter event with parameters (a copy owning its bytes), whose exit
	// takes from it what it does not carry itself, as libsinsp's parsers read the enter event
	enter event.Event
	// enterType is enter's type while it still awaits its exit, else 0
	enterType event.Type
}

// Files returns the process's descriptor table and working directory.
func (t *Thread) Files() *Files { return t.files }

// FD returns the thread's descriptor numbered n, or nil.
func (t *Thread) FD(n int64) *FD { return t.files.Get(n) }

// Cwd returns the process's working directory.
func (t *Thread) Cwd() string {
	if t.files == nil {
		return ""
	}
	return t.files.Cwd
}

// IsMain reports whether the thread is its process's main thread.
func (t *Thread) IsMain() bool { return t.TID == t.PID }

// SetCgroups stores the cgroups and derives the container id from them.
func (t *Thread) SetCgroups(cg []string) {
	t.Cgroups = cg
	t.ContainerID, t.Runtime = ContainerID(cg)
}

// LastEvent returns the timestamp of the thread's latest event.
func (t *Thread) LastEvent() int64 { return t.lastEvent }
