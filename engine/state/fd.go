package state

import (
	"net/netip"
	"strconv"
)

// FDType is the kind of object a file descriptor refers to, numbered as in .scap fd lists.
type FDType uint8

// File descriptor types (the scap numbering).
const (
	FDUnknown     FDType = 0
	FDFile        FDType = 1
	FDDirectory   FDType = 2
	FDIPv4Socket  FDType = 3
	FDIPv6Socket  FDType = 4
	FDIPv4Server  FDType = 5
	FDIPv6Server  FDType = 6
	FDFIFO        FDType = 7
	FDUnixSocket  FDType = 8
	FDEvent       FDType = 9
	FDUnsupported FDType = 10
	FDSignalFD    FDType = 11
	FDEventPoll   FDType = 12
	FDInotify     FDType = 13
	FDTimerFD     FDType = 14
	FDNetlink     FDType = 15
	FDFileV2      FDType = 16
	FDBPF         FDType = 17
	FDUserfaultFD FDType = 18
	FDIOUring     FDType = 19
	FDMemFD       FDType = 20
	FDPidFD       FDType = 21
)

// String returns the name libsinsp prints for fd.type.
func (t FDType) String() string {
	switch t {
	case FDFile, FDFileV2:
		return "file"
	case FDDirectory:
		return "directory"
	case FDIPv4Socket, FDIPv4Server:
		return "ipv4"
	case FDIPv6Socket, FDIPv6Server:
		return "ipv6"
	case FDFIFO:
		return "pipe"
	case FDUnixSocket:
		return "unix"
	case FDEvent:
		return "event"
	case FDSignalFD:
		return "signalfd"
	case FDEventPoll:
		return "eventpoll"
	case FDInotify:
		return "inotify"
	case FDTimerFD:
		return "timerfd"
	case FDNetlink:
		return "netlink"
	case FDBPF:
		return "bpf"
	case FDUserfaultFD:
		return "userfaultfd"
	case FDIOUring:
		return "io_uring"
	case FDMemFD:
		return "memfd"
	case FDPidFD:
		return "pidfd"
	}
	return "<NA>"
}

// Char returns the one-character code libsinsp prints for fd.typechar.
func (t FDType) Char() byte {
	switch t {
	case FDFile, FDFileV2:
		return 'f'
	case FDDirectory:
		return 'd'
	case FDIPv4Socket, FDIPv4Server:
		return '4'
	case FDIPv6Socket, FDIPv6Server:
		return '6'
	case FDFIFO:
		return 'p'
	case FDUnixSocket:
		return 'u'
	case FDEvent:
		return 'e'
	case FDSignalFD:
		return 's'
	case FDEventPoll:
		return 'l'
	case FDInotify:
		return 'i'
	case FDTimerFD:
		return 't'
	case FDNetlink:
		return 'n'
	case FDBPF:
		return 'b'
	case FDUserfaultFD:
		return 'u'
	case FDIOUring:
		return 'r'
	case FDMemFD:
		return 'm'
	case FDPidFD:
		return 'P'
	}
	return 'o'
}

// IsSocket reports whether t is a network or unix socket.
func (t FDType) IsSocket() bool {
	switch t {
	case FDIPv4Socket, FDIPv6Socket, FDIPv4Server, FDIPv6Server, FDUnixSocket, FDNetlink:
		return true
	}
	return false
}

// IsFile reports whether t is a regular file or directory opened by path.
func (t FDType) IsFile() bool { return t == FDFile || t == FDFileV2 || t == FDDirectory }

// L4Proto is a socket's transport protocol, numbered as in scap.
type L4Proto uint8

// Transport protocols.
const (
	L4Unknown L4Proto = 0
	L4TCP     L4Proto = 2
	L4UDP     L4Proto = 3
	L4ICMP    L4Proto = 4
	L4Raw     L4Proto = 5
)

// String returns the name libsinsp prints for fd.l4proto.
func (p L4Proto) String() string {
	switch p {
	case L4TCP:
		return "tcp"
	case L4UDP:
		return "udp"
	case L4ICMP:
		return "icmp"
	case L4Raw:
		return "raw"
	}
	return "<NA>"
}

// FD flags.
const (
	FlagRoleClient  = 1 << iota // the socket connected out (local end is the tuple's source)
	FlagRoleServer              // the socket was accepted or bound (local end is the tuple's destination)
	FlagConnected               // connect or accept completed
	FlagNameChanged             // the descriptor's name changed since it was opened (connect on a socket)
	FlagCloseOnExec             // O_CLOEXEC: dropped on a successful execve
	FlagTupleName               // the name is rendered from the socket's endpoints on demand (AppendName)
	FlagRawName                 // opened during the capture: fd.nameraw is NameRaw, or Name when NameRaw is empty
)

// FD is one open file descriptor of a process.
type FD struct {
	Num       int64
	Type      FDType
	Flags     uint32
	Name      string // fd.name as libsinsp renders it (path, "cip:cport->sip:sport", unix path...)
	NameRaw   string // the path as the open passed it, when it differs from Name (see FlagRawName)
	OpenFlags uint32 // PPM open flags for files
	Mode      uint32
	Ino       uint64
	Dev       uint32

	L4         L4Proto
	ClientIP   netip.Addr // the connecting side of a tuple
	ServerIP   netip.Addr // the listening side of a tuple, or a server socket's address
	ClientPort uint16
	ServerPort uint16
	UnixSource uint64
	UnixDest   uint64
}

// Is reports whether flag is set.
func (f *FD) Is(flag uint32) bool { return f.Flags&flag != 0 }

// LocalIsClient reports whether the local end of a connected socket is its client side.
func (f *FD) LocalIsClient() bool { return f.Flags&FlagRoleClient != 0 }

// AppendName appends the descriptor's name (fd.name) to b: its path, or "cip:cport->sip:sport" for a
// connected socket, rendered on demand so that tracking connections does not allocate.
func (f *FD) AppendName(b []byte) []byte {
	if f.Flags&FlagTupleName != 0 {
		b = AppendEndpoint(b, f.ClientIP, f.ClientPort)
		b = append(b, "->"...)
		return AppendEndpoint(b, f.ServerIP, f.ServerPort)
	}
	return append(b, f.Name...)
}

// SetTuple records a socket's endpoints and renders its name as libsinsp does ("cip:cport->sip:sport").
func (f *FD) SetTuple(l4 L4Proto, cip netip.Addr, cport uint16, sip netip.Addr, sport uint16) {
	f.L4, f.ClientIP, f.ClientPort, f.ServerIP, f.ServerPort = l4, cip, cport, sip, sport
	f.Name = TupleName(cip, cport, sip, sport)
}

// TupleName renders an endpoint pair as libsinsp's fd.name does.
func TupleName(cip netip.Addr, cport uint16, sip netip.Addr, sport uint16) string {
	b := make([]byte, 0, 48)
	b = AppendEndpoint(b, cip, cport)
	b = append(b, "->"...)
	b = AppendEndpoint(b, sip, sport)
	return string(b)
}

// AppendEndpoint appends "ip:port" to b; IPv4-mapped IPv6 addresses print as IPv4.
func AppendEndpoint(b []byte, ip netip.Addr, port uint16) []byte {
	b = ip.Unmap().AppendTo(b)
	b = append(b, ':')
	return strconv.AppendUint(b, uint64(port), 10)
}

// Files is the descriptor table and working directory of a process, shared by all its threads.
type Files struct {
	Cwd  string
	fds  map[int64]*FD
	max  int
	pool *fdPool
	refs int // threads of the table using the table (see Table.release)
}

// fdPool recycles descriptors: those removed during an event are reused from the next event on, so
// steady-state open/close does not allocate.
type fdPool struct {
	free, pending []*FD
}

func (p *fdPool) get() *FD {
	if p == nil || len(p.free) == 0 {
		return new(FD)
	}
	f := p.free[len(p.free)-1]
	p.free = p.free[:len(p.free)-1]
	*f = FD{}
	return f
}

func (p *fdPool) put(f *FD) {
	if p != nil && len(p.pending) < 4096 {
		p.pending = append(p.pending, f)
	}
}

// recycle makes the descriptors released by the previous event reusable.
func (p *fdPool) recycle() {
	if len(p.pending) > 0 && len(p.free) < 4096 {
		p.free = append(p.free, p.pending...)
	}
	p.pending = p.pending[:0]
}

func newFiles(max int, pool *fdPool) *Files {
	return &Files{fds: make(map[int64]*FD), max: max, pool: pool}
}

// Get returns the descriptor numbered n, or nil.
func (f *Files) Get(n int64) *FD {
	if f == nil {
		return nil
	}
	return f.fds[n]
}

// Len returns the number of open descriptors.
func (f *Files) Len() int { return len(f.fds) }

// Add stores fd, replacing any descriptor with the same number. Beyond the table's bound the
// descriptor is dropped, as libsinsp does when a process's fd table is full.
func (f *Files) Add(fd *FD) {
	old, ok := f.fds[fd.Num]
	if !ok && f.max > 0 && len(f.fds) >= f.max {
		return
	}
	if ok && old != fd {
		f.pool.put(old)
	}
	f.fds[fd.Num] = fd
}

// Remove deletes the descriptor numbered n.
func (f *Files) Remove(n int64) {
	if old, ok := f.fds[n]; ok {
		f.pool.put(old)
		delete(f.fds, n)
	}
}

// Each calls fn for every descriptor, in no particular order.
func (f *Files) Each(fn func(*FD)) {
	for _, fd := range f.fds {
		fn(fd)
	}
}

// copyTo fills the empty table c with copies of f's descriptors, for a forked child (entries are copied,
// not shared).
func (f *Files) copyTo(c *Files) {
	c.Cwd = f.Cwd
	for n, fd := range f.fds {
		cp := f.pool.get()
		*cp = *fd
		c.fds[n] = cp
	}
}
