// Package synth generates realistic synthetic event streams (process start-up, file opens, network
// connections, reads and writes) for building test and benchmark captures with scap.Writer.
package synth

import (
	"fmt"
	"math/rand/v2"
	"net/netip"

	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/scap"
)

// Options configures a Generator; the zero value is usable.
type Options struct {
	Seed    uint64 // random seed; equal seeds give equal streams
	StartTs int64  // time of the first event in ns since the epoch (default 2026-01-01)
	CPUs    int    // number of CPUs events are spread over (default 2)
}

// Base is the host state a generated stream starts from: users, groups and running processes.
type Base struct {
	Users   []event.UserInfo
	Groups  []event.GroupInfo
	Threads []event.ThreadInfo
	FDs     []event.FDInfo
	Machine scap.MachineInfo
}

// HostBase returns the starting state: init, sshd, a login bash and a web server, with their open fds.
func HostBase() Base {
	cg := func(path string) []string {
		return []string{"cpuset=" + path, "cpu=" + path, "memory=" + path, "pids=" + path}
	}
	t := func(tid, ptid, uid int64, comm, exe string, args []string, cwd string, cgroups []string) event.ThreadInfo {
		return event.ThreadInfo{
			TID: tid, PID: tid, PTID: ptid, SID: 1, VPGID: tid, PGID: tid, VTID: tid, VPID: tid,
			Comm: comm, Exe: exe, ExePath: exe, Args: args, Cwd: cwd, Env: []string{"PATH=/usr/bin:/bin", "HOME=/root"},
			Cgroups: cgroups, Root: "/", FDLimit: 1024, UID: uint32(uid), GID: uint32(uid), LoginUID: uint32(uid),
			CapPermitted: 0x1ffffffffff, CapEffective: 0x1ffffffffff,
		}
	}
	return Base{
		Machine: scap.MachineInfo{NumCPUs: 2, MemoryBytes: 24 << 30, MaxPID: 4194304, Hostname: "aerie-host",
			BootTs: 1767225600000000000},
		Users: []event.UserInfo{
			{UID: 0, GID: 0, Name: "root", Home: "/root", Shell: "/bin/bash"},
			{UID: 1000, GID: 1000, Name: "alice", Home: "/home/alice", Shell: "/bin/bash"},
			{UID: 33, GID: 33, Name: "www-data", Home: "/var/www", Shell: "/usr/sbin/nologin"},
		},
		Groups: []event.GroupInfo{{GID: 0, Name: "root"}, {GID: 1000, Name: "alice"}, {GID: 33, Name: "www-data"}},
		Threads: []event.ThreadInfo{
			t(1, 0, 0, "systemd", "/sbin/init", nil, "/", cg("/init.scope")),
			t(500, 1, 0, "sshd", "/usr/sbin/sshd", []string{"-D"}, "/", cg("/system.slice/ssh.service")),
			t(1000, 500, 1000, "bash", "/bin/bash", nil, "/home/alice", cg("/user.slice")),
			t(2000, 1, 33, "nginx", "/usr/sbin/nginx", []string{"-g", "daemon off;"}, "/",
				cg("/docker/3f1c2b8a9d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a")),
		},
		FDs: []event.FDInfo{
			{TID: 1000, FD: 0, Type: event.FDFile, Name: "/dev/pts/0", Flags: 3},
			{TID: 1000, FD: 1, Type: event.FDFile, Name: "/dev/pts/0", Flags: 3},
			{TID: 1000, FD: 2, Type: event.FDFile, Name: "/dev/pts/0", Flags: 3},
			{TID: 2000, FD: 6, Type: event.FDIPv4Server, DstAddr: netip.MustParseAddr("0.0.0.0"), DstPort: 80, L4Proto: event.L4TCP},
		},
	}
}

// Generator produces an endless event stream with a realistic mix. It is not safe for concurrent use.
type Generator struct {
	rng    *rand.Rand
	ts     int64
	cpus   int
	num    int64
	nextID int64
	queue  []*event.Event
	pool   []*event.Event
}

// New returns a Generator.
func New(opts Options) *Generator {
	if opts.StartTs == 0 {
		opts.StartTs = 1767225600000000000
	}
	if opts.CPUs <= 0 {
		opts.CPUs = 2
	}
	return &Generator{rng: rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15)), ts: opts.StartTs, cpus: opts.CPUs, nextID: 10000}
}

// appendFlags is O_WRONLY|O_CREAT|O_APPEND in the drivers' PPM encoding.
const appendFlags = 2 | 4 | 8

var (
	paths = []string{"/etc/passwd", "/etc/hosts", "/etc/ld.so.cache", "/lib/x86_64-linux-gnu/libc.so.6",
		"/usr/share/zoneinfo/UTC", "/proc/self/status", "/var/log/nginx/access.log", "/tmp/build.lock",
		"/etc/shadow", "/home/alice/.bashrc", "/etc/nginx/nginx.conf", "/dev/null"}
	remotes = []netip.AddrPort{netip.MustParseAddrPort("93.184.216.34:443"), netip.MustParseAddrPort("10.0.0.53:53"),
		netip.MustParseAddrPort("140.82.112.3:22"), netip.MustParseAddrPort("172.17.0.2:5432")}
	programs = []struct{ exe, comm string }{{"/usr/bin/ls", "ls"}, {"/usr/bin/cat", "cat"}, {"/usr/bin/curl", "curl"},
		{"/usr/bin/git", "git"}, {"/usr/bin/python3", "python3"}}
)

func (g *Generator) ev(tid int64, typ event.Type, params ...[]byte) *event.Event {
	var e *event.Event
	if n := len(g.pool); n > 0 {
		e, g.pool = g.pool[n-1], g.pool[:n-1]
	} else {
		e = new(event.Event)
	}
	g.ts += int64(200 + g.rng.IntN(2000))
	g.num++
	*e = event.Event{Num: g.num, Ts: g.ts, TID: tid, Type: typ, CPU: uint16(g.rng.IntN(g.cpus))}
	e.SetParams(params...)
	return e
}

// Next returns the next event; it stays valid until Release or the program drops it.
func (g *Generator) Next() *event.Event {
	if len(g.queue) == 0 {
		g.burst()
	}
	e := g.queue[0]
	g.queue = g.queue[1:]
	return e
}

// Release hands e back for reuse by a later Next.
func (g *Generator) Release(e *event.Event) { g.pool = append(g.pool, e) }

// burst queues one scenario: a command run from bash (clone, execve, opens, reads, a connection, exit),
// or web-server activity (accept, read, open, write, close).
func (g *Generator) burst() {
	if g.rng.IntN(4) == 0 {
		g.webRequest()
		return
	}
	g.command()
}

func cloneParams(res, tid, pid, ptid int64, exe, comm string, args []string, cwd string, uid uint32, flags uint32) [][]byte {
	return [][]byte{event.I64(res), event.CStr(exe), event.NULList(args...), event.I64(tid), event.I64(pid),
		event.I64(ptid), event.CStr(cwd), event.I64(1024), event.U64(0), event.U64(0), event.U32(8000),
		event.U32(3000), event.U32(0), event.CStr(comm), event.NULList("cpu=/user.slice", "memory=/user.slice"),
		event.U32(flags), event.U32(uid), event.U32(uid), event.I64(tid), event.I64(pid), event.U64(0)}
}

func (g *Generator) command() {
	g.nextID++
	child := g.nextID
	prog := programs[g.rng.IntN(len(programs))]
	args := []string{paths[g.rng.IntN(len(paths))]}
	g.queue = append(g.queue,
		g.ev(1000, event.SyscallCloneV20X, cloneParams(child, 1000, 1000, 500, "/bin/bash", "bash", nil, "/home/alice", 1000, 0)...),
		g.ev(child, event.SyscallCloneV20X, cloneParams(0, child, child, 1000, "/bin/bash", "bash", nil, "/home/alice", 1000, 0)...),
		g.ev(child, event.SyscallExecveV19X,
			event.I64(0), event.CStr(prog.exe), event.NULList(args...), event.I64(child), event.I64(child), event.I64(1000),
			event.CStr(""), event.U64(1024), event.U64(0), event.U64(0), event.U32(9000), event.U32(3500), event.U32(0),
			event.CStr(prog.comm), event.NULList("cpu=/user.slice", "memory=/user.slice"), event.NULList("PATH=/usr/bin:/bin", "TERM=xterm"),
			event.U32(34816), event.I64(1000), event.U32(1000), event.U32(0), event.U64(0), event.U64(0), event.U64(0),
			event.U64(uint64(1000+g.rng.IntN(9000))), event.U64(0), event.U64(0), event.U32(1000), event.CStr(prog.exe),
			event.I64(child), event.U32(1000), event.CStr(prog.exe)),
	)
	nfiles := 1 + g.rng.IntN(4)
	for i := range nfiles {
		fd := int64(3 + i)
		p := paths[g.rng.IntN(len(paths))]
		g.queue = append(g.queue,
			g.ev(child, event.SyscallOpenatV2E, event.I64(-100), event.CStr(p), event.U32(4097), event.U32(0)),
			g.ev(child, event.SyscallOpenatV2X, event.I64(fd), event.I64(-100), event.CStr(p), event.U32(4097), event.U32(0), event.U32(0x803), event.U64(uint64(100+i))),
		)
		for range 1 + g.rng.IntN(3) {
			n := int64(g.rng.IntN(4096))
			g.queue = append(g.queue, g.ev(child, event.SyscallReadX, event.I64(n), nil, event.I64(fd), event.U32(4096)))
		}
		g.queue = append(g.queue, g.ev(child, event.SyscallCloseX, event.I64(0), event.I64(fd)))
	}
	if g.rng.IntN(3) == 0 {
		fd := int64(3 + nfiles)
		remote := remotes[g.rng.IntN(len(remotes))]
		local := netip.AddrPortFrom(netip.MustParseAddr("192.168.1.10"), uint16(32768+g.rng.IntN(28000)))
		g.queue = append(g.queue,
			g.ev(child, event.SocketSocketX, event.I64(fd), event.U32(2), event.U32(1), event.U32(0), event.U32(0)),
			g.ev(child, event.SocketConnectE, event.I64(fd), event.SockAddrInet(remote)),
			g.ev(child, event.SocketConnectX, event.I64(0), event.SockTupleInet(local, remote), event.I64(fd), event.SockAddrInet(remote)),
			g.ev(child, event.SyscallWriteX, event.I64(120), nil, event.I64(fd), event.U32(120)),
			g.ev(child, event.SyscallReadX, event.I64(1400), nil, event.I64(fd), event.U32(4096)),
			g.ev(child, event.SyscallCloseX, event.I64(0), event.I64(fd)),
		)
	}
	g.queue = append(g.queue,
		g.ev(child, event.SyscallWriteX, event.I64(64), nil, event.I64(1), event.U32(64)),
		g.ev(child, event.ProcexitV1E, event.I64(0), event.I64(0), event.U8(0), event.U8(0), event.I64(1000)),
	)
}

func (g *Generator) webRequest() {
	fd := int64(7 + g.rng.IntN(50))
	peer := netip.AddrPortFrom(netip.AddrFrom4([4]byte{203, 0, 113, byte(1 + g.rng.IntN(250))}), uint16(40000+g.rng.IntN(20000)))
	local := netip.MustParseAddrPort("172.17.0.3:80")
	p := paths[6+g.rng.IntN(2)]
	g.queue = append(g.queue,
		g.ev(2000, event.SocketAccept4V6X, event.I64(fd), event.SockTupleInet(peer, local), event.U8(0), event.U32(0), event.U32(511), event.U32(0)),
		g.ev(2000, event.SyscallReadX, event.I64(400), nil, event.I64(fd), event.U32(8192)),
		g.ev(2000, event.SyscallOpenatV2E, event.I64(-100), event.CStr(p), event.U32(appendFlags), event.U32(0o644)),
		g.ev(2000, event.SyscallOpenatV2X, event.I64(fd+1), event.I64(-100), event.CStr(p), event.U32(appendFlags), event.U32(0o644), event.U32(0x803), event.U64(77)),
		g.ev(2000, event.SyscallWriteX, event.I64(180), nil, event.I64(fd+1), event.U32(180)),
		g.ev(2000, event.SyscallCloseX, event.I64(0), event.I64(fd+1)),
		g.ev(2000, event.SyscallWriteX, event.I64(612), nil, event.I64(fd), event.U32(612)),
		g.ev(2000, event.SyscallCloseX, event.I64(0), event.I64(fd)),
	)
}

// WriteCapture writes a capture of n events from a Generator with opts, starting from HostBase, to w.
func WriteCapture(w *scap.Writer, n int, opts Options) error {
	g := New(opts)
	for range n {
		e := g.Next()
		if err := w.Write(e); err != nil {
			return fmt.Errorf("write synthetic event: %w", err)
		}
		g.Release(e)
	}
	return nil
}

// WriterOptions returns scap.WriterOptions carrying base's metadata.
func (b Base) WriterOptions() scap.WriterOptions {
	m := b.Machine
	return scap.WriterOptions{Machine: &m, Users: b.Users, Groups: b.Groups, Threads: b.Threads, FDs: b.FDs}
}
