package event

import "net/netip"

// ThreadInfo is one thread of a state snapshot: an entry of a .scap process-list block, or a thread found by
// the probe's start-up scan.
type ThreadInfo struct {
	TID, PID, PTID int64
	SID, VPGID     int64
	PGID           int64 // -1 when unknown
	VTID, VPID     int64

	Comm    string
	Exe     string   // argv[0]
	ExePath string   // full executable path
	Args    []string // argv[1:]
	Cwd     string
	Env     []string
	Cgroups []string // "subsys=path"
	Root    string

	FDLimit  int64
	Flags    uint32 // PPM_CL_* thread flags
	UID, GID uint32
	LoginUID uint32
	TTY      uint32

	VMSizeKB, VMRSSKB, VMSwapKB uint32
	PFMajor, PFMinor            uint64

	PIDNSInitStartTs uint64
	CapInheritable   uint64
	CapPermitted     uint64
	CapEffective     uint64

	ExeWritable   bool
	ExeUpperLayer bool
	ExeLowerLayer bool
	ExeFromMemfd  bool
	ExeIno        uint64
	ExeInoCtime   uint64
	ExeInoMtime   uint64
}

// FDType is the kind of a file descriptor, with the scap numbering (SCAP_FD_*).
type FDType uint8

// File descriptor types.
const (
	FDUnknown     FDType = 0
	FDFile        FDType = 1
	FDDirectory   FDType = 2
	FDIPv4Sock    FDType = 3
	FDIPv6Sock    FDType = 4
	FDIPv4Server  FDType = 5
	FDIPv6Server  FDType = 6
	FDFifo        FDType = 7
	FDUnixSock    FDType = 8
	FDEvent       FDType = 9
	FDUnsupported FDType = 10
	FDSignalfd    FDType = 11
	FDEventPoll   FDType = 12
	FDInotify     FDType = 13
	FDTimerfd     FDType = 14
	FDNetlink     FDType = 15
	FDFileV2      FDType = 16
	FDBPF         FDType = 17
	FDUserfaultfd FDType = 18
	FDIOUring     FDType = 19
	FDMemfd       FDType = 20
	FDPidfd       FDType = 21
)

// String returns the fd type character sysdig prints in fd.type terms ("file", "ipv4", ...).
func (t FDType) String() string {
	switch t {
	case FDFile, FDFileV2:
		return "file"
	case FDDirectory:
		return "directory"
	case FDIPv4Sock, FDIPv4Server:
		return "ipv4"
	case FDIPv6Sock, FDIPv6Server:
		return "ipv6"
	case FDFifo:
		return "pipe"
	case FDUnixSock:
		return "unix"
	case FDEvent:
		return "event"
	case FDSignalfd:
		return "signalfd"
	case FDEventPoll:
		return "eventpoll"
	case FDInotify:
		return "inotify"
	case FDTimerfd:
		return "timerfd"
	case FDNetlink:
		return "netlink"
	case FDBPF:
		return "bpf"
	case FDUserfaultfd:
		return "userfaultfd"
	case FDIOUring:
		return "io_uring"
	case FDMemfd:
		return "memfd"
	case FDPidfd:
		return "pidfd"
	}
	return "unknown"
}

// Layer-4 protocols of socket fds (SCAP_L4_*).
const (
	L4Unknown = 0
	L4NA      = 1
	L4TCP     = 2
	L4UDP     = 3
	L4ICMP    = 4
	L4Raw     = 5
)

// FDInfo is one file descriptor of a state snapshot (.scap fd-list block or start-up scan).
type FDInfo struct {
	TID   int64 // owning thread
	FD    int64
	Ino   uint64
	Type  FDType
	Flags uint32 // PPM_O_* open flags, for files
	Dev   uint32
	Name  string // path for files and other named fds, unix socket path

	// Sockets: for a connected socket the source is the local end; a server socket has only Dst set.
	SrcAddr, DstAddr netip.Addr
	SrcPort, DstPort uint16
	L4Proto          uint8
	Source, Dest     uint64 // unix socket kernel pointers
}

// UserInfo is one user of a state snapshot.
type UserInfo struct {
	UID, GID    uint32
	Name        string
	Home, Shell string
}

// GroupInfo is one group of a state snapshot.
type GroupInfo struct {
	GID  uint32
	Name string
}
