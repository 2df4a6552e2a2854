// Package scenario builds the test captures of Aerie's default rules: small, deterministic event
// streams, each holding the action one rule describes among benign look-alike events, written with
// scap.Writer so that Aerie's replay and Debian's sysdig both read them.
package scenario

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"net/netip"

	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/scap"
)

// PPM open flags, as the drivers encode them.
const (
	ORdonly  = 1 << 0
	OWronly  = 1 << 1
	ORdwr    = ORdonly | OWronly
	OCreat   = 1 << 2
	OAppend  = 1 << 3
	OTrunc   = 1 << 8
	OCloexec = 1 << 12
	// FCreated is PPM_O_F_CREATED: the open created the file.
	FCreated = 1 << 14
)

// Well-known thread ids of the base state.
const (
	TIDInit      = 1
	TIDKworker   = 50
	TIDSshd      = 500
	TIDAliceBash = 1000 // alice's login shell, on /dev/pts/0
	TIDRootBash  = 1100 // a root shell (sudo -i) on /dev/pts/1
	TIDNginx     = 2000 // a web server on the host, as www-data
	TIDShim      = 3000 // containerd-shim, on the host
	TIDAppInCtr  = 3001 // a python service inside a docker container
	TIDDockerd   = 4000
	TIDUdevd     = 4100
	TIDCrond     = 4200
	TIDSocat     = 4300 // a socat port forwarder on the host, started before the capture
)

// ContainerID is the full id of the container the base state runs.
const ContainerID = "5a1e9c3d7b2f4e6a8c0d1f3b5a7c9e1d3f5b7a9c1e3d5f7b9a1c3e5d7f9b1a3c"

// TTY numbers as the kernel's new_encode_dev renders them (major 136 = /dev/pts, minor n).
const (
	TTYAlice = 136 << 8
	TTYRoot  = 136<<8 | 1
	TTYOther = 136<<8 | 2
)

const atFDCWD = -100

type proc struct {
	tid, ptid int64
	comm, exe string
	args      []string
	cwd       string
	cgroups   []string
	uid, gid  uint32
	loginuid  uint32
	tty       uint32
	exeFlags  uint32
	nextFD    int64
	env       []string // beside PATH
	argv0     *string  // argv[0] when it is not the executable's path
}

// Builder accumulates the events of one capture over the base state. It is deterministic: equal
// call sequences give equal captures.
type Builder struct {
	ts      int64
	nextTID int64
	procs   map[int64]*proc
	events  []*event.Event
}

// startTs is 2026-11-01T00:00:00Z.
const startTs = 1793491200000000000

func hostCgroups(path string) []string {
	return []string{"cpuset=" + path, "cpu=" + path, "memory=" + path, "pids=" + path}
}

// NewBuilder returns a builder over the base state: init, a kworker, sshd, alice's login shell, a
// root shell, nginx, dockerd, udevd, crond, a socat port forwarder, and a docker container running a
// python service.
func NewBuilder() *Builder {
	b := &Builder{ts: startTs, nextTID: 10000, procs: map[int64]*proc{}}
	for _, p := range baseProcs() {
		b.procs[p.tid] = p
	}
	return b
}

func baseProcs() []*proc {
	ctr := hostCgroups("/system.slice/docker-" + ContainerID + ".scope")
	return []*proc{
		{tid: TIDInit, comm: "systemd", exe: "/usr/lib/systemd/systemd", cwd: "/", cgroups: hostCgroups("/init.scope"), loginuid: 0xffffffff},
		{tid: TIDKworker, ptid: 2, comm: "kworker/u8:1", exe: "", cwd: "/", cgroups: nil, loginuid: 0xffffffff},
		{tid: TIDSshd, ptid: 1, comm: "sshd", exe: "/usr/sbin/sshd", args: []string{"-D"}, cwd: "/", cgroups: hostCgroups("/system.slice/ssh.service"), loginuid: 0xffffffff},
		{tid: TIDAliceBash, ptid: TIDSshd, comm: "bash", exe: "/bin/bash", cwd: "/home/alice", cgroups: hostCgroups("/user.slice/user-1000.slice/session-3.scope"), uid: 1000, gid: 1000, loginuid: 1000, tty: TTYAlice},
		{tid: TIDRootBash, ptid: TIDSshd, comm: "bash", exe: "/bin/bash", cwd: "/root", cgroups: hostCgroups("/user.slice/user-1000.slice/session-4.scope"), loginuid: 1000, tty: TTYRoot},
		{tid: TIDNginx, ptid: 1, comm: "nginx", exe: "/usr/sbin/nginx", args: []string{"-g", "daemon off;"}, cwd: "/", cgroups: hostCgroups("/system.slice/nginx.service"), uid: 33, gid: 33, loginuid: 0xffffffff},
		{tid: TIDShim, ptid: 1, comm: "containerd-shim", exe: "/usr/bin/containerd-shim-runc-v2", cwd: "/", cgroups: hostCgroups("/system.slice/containerd.service"), loginuid: 0xffffffff},
		{tid: TIDAppInCtr, ptid: TIDShim, comm: "python3", exe: "/usr/local/bin/python3", args: []string{"/app/server.py"}, cwd: "/app", cgroups: ctr, loginuid: 0xffffffff},
		{tid: TIDDockerd, ptid: 1, comm: "dockerd", exe: "/usr/bin/dockerd", cwd: "/", cgroups: hostCgroups("/system.slice/docker.service"), loginuid: 0xffffffff},
		{tid: TIDUdevd, ptid: 1, comm: "systemd-udevd", exe: "/usr/lib/systemd/systemd-udevd", cwd: "/", cgroups: hostCgroups("/system.slice/systemd-udevd.service"), loginuid: 0xffffffff},
		{tid: TIDCrond, ptid: 1, comm: "cron", exe: "/usr/sbin/cron", args: []string{"-f"}, cwd: "/var/spool/cron", cgroups: hostCgroups("/system.slice/cron.service"), loginuid: 0xffffffff},
		{tid: TIDSocat, ptid: 1, comm: "socat", exe: "/usr/bin/socat", args: []string{"TCP-LISTEN:8022,fork", "TCP:127.0.0.1:22"}, cwd: "/", cgroups: hostCgroups("/system.slice/socat-forward.service"), loginuid: 0xffffffff},
	}
}

// WriterOptions returns the capture metadata of the base state: machine, users, groups, processes
// and the login shells' terminals.
func WriterOptions() scap.WriterOptions {
	var threads []event.ThreadInfo
	var fds []event.FDInfo
	for _, p := range baseProcs() {
		threads = append(threads, event.ThreadInfo{
			TID: p.tid, PID: p.tid, PTID: p.ptid, SID: p.tid, VPGID: p.tid, PGID: p.tid, VTID: p.tid, VPID: p.tid,
			Comm: p.comm, Exe: p.exe, ExePath: p.exe, Args: p.args, Cwd: p.cwd, Cgroups: p.cgroups,
			Env: []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}, Root: "/",
			FDLimit: 1024, UID: p.uid, GID: p.gid, LoginUID: p.loginuid, TTY: p.tty,
			CapPermitted: 0x1ffffffffff, CapEffective: 0x1ffffffffff,
		})
		if p.tty != 0 {
			pts := fmt.Sprintf("/dev/pts/%d", p.tty&0xfffff)
			for fd := range int64(3) {
				fds = append(fds, event.FDInfo{TID: p.tid, FD: fd, Type: event.FDFile, Name: pts, Flags: ORdwr})
			}
		}
	}
	return scap.WriterOptions{
		Machine: &scap.MachineInfo{NumCPUs: 2, MemoryBytes: 8 << 30, MaxPID: 4194304, Hostname: "aerie-test",
			BootTs: startTs - 3600_000000000},
		Users: []event.UserInfo{
			{UID: 0, GID: 0, Name: "root", Home: "/root", Shell: "/bin/bash"},
			{UID: 33, GID: 33, Name: "www-data", Home: "/var/www", Shell: "/usr/sbin/nologin"},
			{UID: 1000, GID: 1000, Name: "alice", Home: "/home/alice", Shell: "/bin/bash"},
		},
		Groups:  []event.GroupInfo{{GID: 0, Name: "root"}, {GID: 33, Name: "www-data"}, {GID: 1000, Name: "alice"}},
		Threads: threads,
		FDs:     fds,
		// Debian's sysdig 0.29.3 tracks fds only with the old enter events.
		OldEnterEvents: true,
	}
}

// Encode writes the accumulated events as a capture.
func (b *Builder) Encode() ([]byte, error) {
	var buf bytes.Buffer
	w, err := scap.NewWriter(&buf, WriterOptions())
	if err != nil {
		return nil, err
	}
	for _, e := range b.events {
		if err := w.Write(e); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Events returns the accumulated events.
func (b *Builder) Events() []*event.Event { return b.events }

// Call appends one event of type t for thread tid, with parameters given by name; parameters not
// given are sent as zero values of their type. Values may be integers, strings, string slices
// (NUL-separated lists) or raw bytes (sockaddr, socktuple).
func (b *Builder) Call(tid int64, t event.Type, params map[string]any) {
	info, ok := event.Lookup(t)
	if !ok {
		panic(fmt.Sprintf("scenario: unknown event type %d", t))
	}
	used := 0
	enc := make([][]byte, len(info.Params))
	for i, p := range info.Params {
		v, given := params[p.Name]
		if given {
			used++
		}
		enc[i] = encode(p, v)
	}
	if used != len(params) {
		panic(fmt.Sprintf("scenario: event %s has no parameter among %v", info.Name, params))
	}
	b.ts += 1_000_000 // 1 ms per event
	e := &event.Event{Num: int64(len(b.events) + 1), Ts: b.ts, TID: tid, Type: t}
	e.SetParams(enc...)
	b.events = append(b.events, e)
}

func encode(p event.ParamInfo, v any) []byte {
	switch x := v.(type) {
	case []byte:
		return x
	case []string:
		return event.NULList(x...)
	case string:
		if p.Type == event.ParamByteBuf {
			return []byte(x)
		}
		return event.CStr(x)
	}
	var n uint64
	switch x := v.(type) {
	case nil:
	case int:
		n = uint64(x)
	case int64:
		n = uint64(x)
	case uint32:
		n = uint64(x)
	case uint64:
		n = x
	default:
		panic(fmt.Sprintf("scenario: unsupported value %T for %s", v, p.Name))
	}
	if p.Type == event.ParamDyn {
		return binary.LittleEndian.AppendUint64([]byte{0}, n)
	}
	switch p.Type.Size() {
	case 1:
		return []byte{byte(n)}
	case 2:
		return binary.LittleEndian.AppendUint16(nil, uint16(n))
	case 4:
		return binary.LittleEndian.AppendUint32(nil, uint32(n))
	case 8:
		return binary.LittleEndian.AppendUint64(nil, n)
	}
	switch p.Type {
	case event.ParamCharBuf, event.ParamFSPath, event.ParamFSRelPath:
		return event.CStr("")
	}
	return nil
}

// Proc options for Spawn.
type Opt func(*proc)

// AsUser runs the new program with uid and gid.
func AsUser(uid uint32) Opt { return func(p *proc) { p.uid, p.gid = uid, uid } }

// OnTTY gives the new program a controlling terminal.
func OnTTY(tty uint32) Opt { return func(p *proc) { p.tty = tty } }

// NoTTY starts the new program without a controlling terminal.
func NoTTY() Opt { return func(p *proc) { p.tty = 0 } }

// ExePath sets the executable path the kernel reports (trusted_exepath) when it differs from argv[0].
func ExePath(path string) Opt { return func(p *proc) { p.exe = path } }

// ExeFlags sets the execve exe flags (1 writable, 2 upper layer, 4 from memfd).
func ExeFlags(f uint32) Opt { return func(p *proc) { p.exeFlags = f } }

// Env adds environment variables (KEY=value) to the new program's environment.
func Env(vars ...string) Opt {
	return func(p *proc) { p.env = append(append([]string(nil), p.env...), vars...) }
}

// Argv0 sets the new program's argv[0], e.g. "" for an empty argument vector.
func Argv0(s string) Opt { return func(p *proc) { p.argv0 = &s } }

// Spawn forks parent and executes exe in the child with args (argv[1:]); the command name is exe's
// base name. The child inherits the parent's user, terminal, cwd and cgroups unless opts change
// them. It returns the child's tid.
func (b *Builder) Spawn(parent int64, exe string, args []string, opts ...Opt) int64 {
	pp := b.procs[parent]
	if pp == nil {
		panic(fmt.Sprintf("scenario: unknown parent %d", parent))
	}
	b.nextTID++
	tid := b.nextTID
	child := *pp
	child.tid, child.ptid, child.nextFD, child.exeFlags, child.argv0 = tid, parent, 0, 0, nil
	for _, o := range opts {
		o(&child)
	}
	b.procs[tid] = &child
	clone := func(caller, res int64, cwd string) {
		b.Call(caller, event.SyscallCloneV20X, map[string]any{
			"res": res, "exe": pp.exe, "args": pp.args, "tid": caller, "pid": caller, "ptid": b.procs[caller].ptid,
			"cwd": cwd, "fdlimit": 1024, "comm": pp.comm, "cgroups": pp.cgroups, "uid": pp.uid, "gid": pp.gid,
			"vtid": caller, "vpid": caller,
		})
	}
	clone(parent, tid, pp.cwd)
	clone(tid, 0, child.cwd)
	b.Exec(tid, exe, args, opts...)
	return tid
}

// Fork forks parent without executing a new program: the child runs the parent's program. It
// returns the child's tid.
func (b *Builder) Fork(parent int64) int64 {
	pp := b.procs[parent]
	if pp == nil {
		panic(fmt.Sprintf("scenario: unknown parent %d", parent))
	}
	b.nextTID++
	tid := b.nextTID
	child := *pp
	child.tid, child.ptid, child.nextFD = tid, parent, 0
	b.procs[tid] = &child
	for _, c := range []struct{ caller, res int64 }{{parent, tid}, {tid, 0}} {
		b.Call(c.caller, event.SyscallCloneV20X, map[string]any{
			"res": c.res, "exe": pp.exe, "args": pp.args, "tid": c.caller, "pid": c.caller, "ptid": b.procs[c.caller].ptid,
			"cwd": pp.cwd, "fdlimit": 1024, "comm": pp.comm, "cgroups": pp.cgroups, "uid": pp.uid, "gid": pp.gid,
			"vtid": c.caller, "vpid": c.caller,
		})
	}
	return tid
}

// Exec replaces thread tid's program with exe.
func (b *Builder) Exec(tid int64, exe string, args []string, opts ...Opt) {
	p := b.procs[tid]
	p.exe, p.args = exe, args
	p.comm = base(exe)
	for _, o := range opts {
		o(p)
	}
	argv0 := exe
	if p.argv0 != nil {
		argv0 = *p.argv0
	}
	env := append([]string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}, p.env...)
	b.Call(tid, event.SyscallExecveV19X, map[string]any{
		"res": 0, "exe": argv0, "args": args, "tid": tid, "pid": tid, "ptid": p.ptid, "cwd": "", "fdlimit": 1024,
		"comm": p.comm, "cgroups": p.cgroups, "env": env,
		"tty": p.tty, "vpgid": tid, "loginuid": p.loginuid, "flags": p.exeFlags,
		"cap_permitted": uint64(0x1ffffffffff), "cap_effective": uint64(0x1ffffffffff), "exe_ino": uint64(tid),
		"uid": p.uid, "gid": p.gid, "trusted_exepath": p.exe, "pgid": tid, "filename": exe,
	})
}

func base(p string) string {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '/' {
			p = p[i+1:]
			break
		}
	}
	if len(p) > 15 {
		p = p[:15]
	}
	return p
}

// Chdir changes thread tid's working directory to the absolute path dir.
func (b *Builder) Chdir(tid int64, dir string) {
	b.procs[tid].cwd = dir
	b.Call(tid, event.SyscallChdirX, map[string]any{"res": 0, "path": dir})
}

// Exit ends thread tid.
func (b *Builder) Exit(tid int64) {
	b.Call(tid, event.ProcexitV1E, map[string]any{"status": 0, "ret": 0, "reaper_tid": 1})
	delete(b.procs, tid)
}

func (b *Builder) fd(tid int64) int64 {
	p := b.procs[tid]
	if p.nextFD < 3 {
		p.nextFD = 3
	}
	fd := p.nextFD
	p.nextFD++
	return fd
}

// Open opens path with PPM flags in thread tid (openat from the cwd) and returns the fd.
func (b *Builder) Open(tid int64, path string, flags uint32) int64 {
	fd := b.fd(tid)
	b.OpenResult(tid, path, flags, fd)
	return fd
}

// OpenResult records an openat with an explicit result (an fd, or a negative errno).
func (b *Builder) OpenResult(tid int64, path string, flags uint32, res int64) {
	mode := 0
	if flags&OCreat != 0 {
		mode = 0o644
	}
	b.Call(tid, event.SyscallOpenatV2E, map[string]any{"dirfd": atFDCWD, "name": path, "flags": flags &^ FCreated, "mode": mode})
	b.Call(tid, event.SyscallOpenatV2X, map[string]any{"fd": res, "dirfd": atFDCWD, "name": path, "flags": flags, "mode": mode,
		"dev": 0x803, "ino": uint64(len(b.events) + 100)})
}

// Close closes fd in thread tid.
func (b *Builder) Close(tid, fd int64) {
	b.Call(tid, event.SyscallCloseX, map[string]any{"res": 0, "fd": fd})
}

// Connect opens a TCP socket in thread tid and connects it to dst from local; res is the connect
// result (0, or a negative errno such as -115 EINPROGRESS). It returns the fd.
func (b *Builder) Connect(tid int64, local, dst netip.AddrPort, res int64) int64 {
	fd := b.fd(tid)
	domain := 2
	if dst.Addr().Is6() {
		domain = 10
	}
	b.Call(tid, event.SocketSocketX, map[string]any{"fd": fd, "domain": domain, "type": 1, "proto": 0})
	b.Call(tid, event.SocketConnectE, map[string]any{"fd": fd, "addr": event.SockAddrInet(dst)})
	b.Call(tid, event.SocketConnectX, map[string]any{"res": res, "tuple": event.SockTupleInet(local, dst), "fd": fd,
		"addr": event.SockAddrInet(dst)})
	return fd
}

// ConnectUnix opens a unix stream socket in thread tid and connects it to path. It returns the fd.
func (b *Builder) ConnectUnix(tid int64, path string) int64 {
	fd := b.fd(tid)
	b.Call(tid, event.SocketSocketX, map[string]any{"fd": fd, "domain": 1, "type": 1, "proto": 0})
	b.Call(tid, event.SocketConnectE, map[string]any{"fd": fd, "addr": event.SockAddrUnix(path)})
	b.Call(tid, event.SocketConnectX, map[string]any{"res": 0, "tuple": event.SockTupleUnix(0xffff8880a1b2c300+uint64(fd), 0xffff8880a1b2d400, path),
		"fd": fd, "addr": event.SockAddrUnix(path)})
	return fd
}
