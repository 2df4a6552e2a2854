package legacygen

import (
	"net/netip"

	"github.com/aerie-sec/aerie/engine/event"
)

// Era selects the event versions a stream uses.
type Era int

const (
	// Era2016 is the event set of sysdig 0.1x / Falco 0.x drivers (2016-2017): execve 16 (no enter
	// params), clone 20, open exit with fd name flags mode, old openat 102/103, mkdir 98/99, unlink 108/109,
	// procexit 1 with 4 params, connect enter with only the fd.
	Era2016 Era = iota
	// Era2019 is the set of 2018-2020 drivers: execve 18 (enter carries filename, exit adds tty), openat 2
	// (306/307, exit with fd dirfd name flags mode), mkdir 2 and unlink 2 (path on the exit), open exit with dev.
	Era2019
)

// Proc is a process of a generated stream.
type Proc struct {
	TID, PID, PTID int64
	Comm, Exe      string
	Args           []string
	Cwd            string
	UID, GID       uint32
	Cgroups        []string
	Env            []string
}

// Stream writes realistic old-style syscall sequences (enter and exit events) through a Writer.
type Stream struct {
	W   *Writer
	Era Era
	Ts  int64 // timestamp of the next event; each event advances it by 1000 ns
	CPU uint16
}

func (s *Stream) ev(tid int64, t event.Type, params ...[]byte) {
	_ = s.W.Event(s.CPU, 0, s.Ts, tid, t, params...)
	s.Ts += 1000
}

func (s *Stream) pair(p *Proc, enter event.Type, ep [][]byte, xp [][]byte) {
	s.ev(p.TID, enter, ep...)
	s.ev(p.TID, enter+1, xp...)
}

// Err returns the first write error.
func (s *Stream) Err() error { return s.W.err }

func i64(v int64) []byte { return event.I64(v) }

// Clone writes parent's clone (fork when vfork is false and fork is true) creating child: the enter, the
// parent's exit (res = child tid) and the child's exit (res = 0), in the clone 20 layout.
func (s *Stream) Clone(parent, child *Proc, flags uint32) {
	s.ev(parent.TID, event.SyscallCloneV20E)
	s.ev(parent.TID, event.SyscallCloneV20X, s.cloneParams(child.TID, parent, flags)...)
	s.ev(child.TID, event.SyscallCloneV20X, s.cloneParams(0, child, flags)...)
}

func (s *Stream) cloneParams(res int64, p *Proc, flags uint32) [][]byte {
	return [][]byte{i64(res), event.CStr(p.Exe), event.NULList(p.Args...), i64(p.TID), i64(p.PID), i64(p.PTID),
		event.CStr(p.Cwd), i64(1024), event.U64(0), event.U64(120), event.U32(2048), event.U32(512), event.U32(0),
		event.CStr(p.Comm), event.NULList(p.Cgroups...), event.U32(flags), event.U32(p.UID), event.U32(p.GID),
		i64(p.TID), i64(p.PID)}
}

// Execve replaces p's program: p is updated to the new one, filename is the path passed to execve.
func (s *Stream) Execve(p *Proc, filename, exe, comm string, args ...string) {
	p.Exe, p.Comm, p.Args = exe, comm, args
	x := [][]byte{i64(0), event.CStr(exe), event.NULList(args...), i64(p.TID), i64(p.PID), i64(p.PTID),
		event.CStr(p.Cwd), event.U64(1024), event.U64(0), event.U64(150), event.U32(4096), event.U32(1024),
		event.U32(0), event.CStr(comm), event.NULList(p.Cgroups...), event.NULList(p.Env...)}
	if s.Era == Era2016 {
		s.pair(p, event.SyscallExecveV16E, nil, x)
		return
	}
	x = append(x, event.U32(34816)) // tty 136:0
	s.pair(p, event.SyscallExecveV18E, [][]byte{event.CStr(filename)}, x)
}

// ProcExit writes p's procexit (version 1, four parameters).
func (s *Stream) ProcExit(p *Proc) {
	s.ev(p.TID, event.ProcexitV1E, i64(0), i64(0), event.U8(0), event.U8(0))
}

// Open writes open(2) returning fd (negative for an errno); flags are PPM open flags.
func (s *Stream) Open(p *Proc, name string, flags, mode uint32, fd int64) {
	x := [][]byte{i64(fd), event.CStr(name), event.U32(flags), event.U32(mode)}
	if s.Era == Era2019 {
		x = append(x, event.U32(0x803))
	}
	s.pair(p, event.SyscallOpenE, [][]byte{event.CStr(name), event.U32(flags), event.U32(mode)}, x)
}

// Openat writes openat(2) relative to dirfd (-100 for AT_FDCWD).
func (s *Stream) Openat(p *Proc, dirfd int64, name string, flags, mode uint32, fd int64) {
	e := [][]byte{i64(dirfd), event.CStr(name), event.U32(flags), event.U32(mode)}
	if s.Era == Era2016 {
		s.pair(p, event.SyscallOpenatE, e, [][]byte{i64(fd)})
		return
	}
	x := append([][]byte{i64(fd)}, e...)
	s.pair(p, event.SyscallOpenatV2E, e, append(x, event.U32(0x803)))
}

// Close writes close(2): the exit carries only res.
func (s *Stream) Close(p *Proc, fd int64) {
	s.pair(p, event.SyscallCloseE, [][]byte{i64(fd)}, [][]byte{i64(0)})
}

// Read writes read(2) of data from fd: the enter has fd and size, the exit res and data.
func (s *Stream) Read(p *Proc, fd int64, data []byte) {
	s.pair(p, event.SyscallReadE, [][]byte{i64(fd), event.U32(4096)}, [][]byte{i64(int64(len(data))), data})
}

// Write writes write(2) of data to fd.
func (s *Stream) Write(p *Proc, fd int64, data []byte) {
	s.pair(p, event.SyscallWriteE, [][]byte{i64(fd), event.U32(uint32(len(data)))}, [][]byte{i64(int64(len(data))), data})
}

// Socket writes socket(2): domain/type/proto on the enter, the fd on the exit.
func (s *Stream) Socket(p *Proc, domain, typ, proto uint32, fd int64) {
	s.pair(p, event.SocketSocketE, [][]byte{event.U32(domain), event.U32(typ), event.U32(proto)}, [][]byte{i64(fd)})
}

// Connect writes connect(2) of fd from src to dst: the enter carries only the fd, the exit res and tuple.
func (s *Stream) Connect(p *Proc, fd int64, src, dst netip.AddrPort, res int64) {
	s.pair(p, event.SocketConnectE, [][]byte{i64(fd)}, [][]byte{i64(res), event.SockTupleInet(src, dst)})
}

// Accept writes accept(2) (version 5) on listening fd returning fd with the peer src.
func (s *Stream) Accept(p *Proc, fd int64, peer, local netip.AddrPort) {
	s.pair(p, event.SocketAcceptV5E, nil, [][]byte{i64(fd), event.SockTupleInet(peer, local), event.U8(0),
		event.U32(0), event.U32(128)})
}

// Mkdir writes mkdir(2): the 2016 exit has only res (the path is on the enter).
func (s *Stream) Mkdir(p *Proc, path string, mode uint32) {
	if s.Era == Era2016 {
		s.pair(p, event.SyscallMkdirE, [][]byte{event.CStr(path), event.U32(mode)}, [][]byte{i64(0)})
		return
	}
	s.pair(p, event.SyscallMkdirV2E, [][]byte{event.U32(mode)}, [][]byte{i64(0), event.CStr(path)})
}

// Unlink writes unlink(2).
func (s *Stream) Unlink(p *Proc, path string) {
	if s.Era == Era2016 {
		s.pair(p, event.SyscallUnlinkE, [][]byte{event.CStr(path)}, [][]byte{i64(0)})
		return
	}
	s.pair(p, event.SyscallUnlinkV2E, nil, [][]byte{i64(0), event.CStr(path)})
}

// Rename writes rename(2).
func (s *Stream) Rename(p *Proc, oldpath, newpath string) {
	s.pair(p, event.SyscallRenameE, nil, [][]byte{i64(0), event.CStr(oldpath), event.CStr(newpath)})
}

// Setuid writes setuid(2): the uid on the enter, res on the exit; p.UID follows a success.
func (s *Stream) Setuid(p *Proc, uid uint32, res int64) {
	s.pair(p, event.SyscallSetuidE, [][]byte{event.U32(uid)}, [][]byte{i64(res)})
	if res == 0 {
		p.UID = uid
	}
}

// Setns writes setns(2) on fd.
func (s *Stream) Setns(p *Proc, fd int64, nstype uint32) {
	s.pair(p, event.SyscallSetnsE, [][]byte{i64(fd), event.U32(nstype)}, [][]byte{i64(0)})
}

// Chdir writes chdir(2) (exit: res and path) and updates p.Cwd.
func (s *Stream) Chdir(p *Proc, path string) {
	s.pair(p, event.SyscallChdirE, nil, [][]byte{i64(0), event.CStr(path)})
	p.Cwd = path
}

// Emit writes one event of type t with the parameters engine/event's table lists for it, in order, taken
// from vals by name (a name vals lacks is sent empty); limit > 0 keeps only the first limit, for versions
// whose later parameters were appended after the capture's time.
func (s *Stream) Emit(tid int64, t event.Type, limit int, vals map[string][]byte) {
	info, _ := event.Lookup(t)
	var params [][]byte
	for i, p := range info.Params {
		if limit > 0 && i >= limit {
			break
		}
		v := vals[p.Name]
		if v == nil {
			v = []byte{}
		}
		params = append(params, v)
	}
	s.ev(tid, t, params...)
}

// procVals are the clone/execve parameters describing p, by name.
func procVals(p *Proc, res int64, flags uint32) map[string][]byte {
	return map[string][]byte{
		"res": i64(res), "exe": event.CStr(p.Exe), "args": event.NULList(p.Args...), "tid": i64(p.TID),
		"pid": i64(p.PID), "ptid": i64(p.PTID), "cwd": event.CStr(p.Cwd), "fdlimit": i64(1024),
		"pgft_maj": event.U64(0), "pgft_min": event.U64(100), "vm_size": event.U32(4096), "vm_rss": event.U32(1024),
		"vm_swap": event.U32(0), "comm": event.CStr(p.Comm), "cgroups": event.NULList(p.Cgroups...),
		"env": event.NULList(p.Env...), "tty": event.U32(34816), "flags": event.U32(flags), "uid": event.U32(p.UID),
		"gid": event.U32(p.GID), "vtid": i64(p.TID), "vpid": i64(p.PID), "vpgid": i64(p.PID),
		"loginuid": event.U32(p.UID),
	}
}

// CloneAs writes a clone, fork or vfork in the layout of exit type x (enter x-1): the parent's exit, then
// the child's; limit as for Emit.
func (s *Stream) CloneAs(x event.Type, limit int, parent, child *Proc, flags uint32) {
	s.Emit(parent.TID, x-1, 0, nil)
	s.Emit(parent.TID, x, limit, procVals(parent, child.TID, flags))
	s.Emit(child.TID, x, limit, procVals(child, 0, flags))
}

// ExecveAs writes an execve in the layout of exit type x (enter x-1, which carries filename when its
// version has it) replacing p's program.
func (s *Stream) ExecveAs(x event.Type, limit int, p *Proc, filename, comm string, args ...string) {
	p.Exe, p.Comm, p.Args = filename, comm, args
	s.Emit(p.TID, x-1, 0, map[string][]byte{"filename": event.CStr(filename)})
	s.Emit(p.TID, x, limit, procVals(p, 0, 0))
}
