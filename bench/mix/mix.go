// Package mix writes synthetic .scap captures with a realistic syscall mix (process spawns with exec and
// exit, file opens and closes, socket connects, read and write headers) for Aerie's replay benchmark.
// The captures are written with engine/scap's writer, with the old enter events so that Debian's sysdig
// 0.29.3 tracks state on the same file.
package mix

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/netip"

	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/scap"
)

// Options sizes a capture; the zero value writes one million exit events (plus their enter events).
type Options struct {
	Events int    // exit events to write (default 1,000,000)
	Seed   uint64 // PRNG seed (default 1)
	Gzip   bool
}

var (
	files = []string{
		"/etc/ld.so.cache", "/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/locale/locale-archive", "/etc/nsswitch.conf",
		"/etc/hosts", "/etc/resolv.conf", "/var/log/app/app.log", "/tmp/work.txt", "/srv/data/index.db",
		"/home/alice/.cache/x", "/proc/self/status", "/dev/null", "/usr/share/zoneinfo/UTC", "/etc/passwd",
		"/var/lib/app/state.json", "/run/app.pid", "/etc/shadow",
	}
	programs = []struct{ comm, exe string }{
		{"bash", "/usr/bin/bash"}, {"sh", "/usr/bin/sh"}, {"curl", "/usr/bin/curl"}, {"ls", "/usr/bin/ls"},
		{"cat", "/usr/bin/cat"}, {"python3", "/usr/bin/python3"}, {"git", "/usr/bin/git"}, {"grep", "/usr/bin/grep"},
	}
	peers = []netip.AddrPort{
		netip.MustParseAddrPort("10.0.0.12:5432"), netip.MustParseAddrPort("93.184.216.34:443"),
		netip.MustParseAddrPort("127.0.0.1:6379"), netip.MustParseAddrPort("142.250.74.46:80"),
		netip.MustParseAddrPort("192.168.1.10:8080"),
	}
)

type proc struct {
	tid    int64
	comm   string
	exe    string
	args   []string
	nextFD int64
	open   []int64
}

type gen struct {
	w     *scap.Writer
	rnd   *rand.Rand
	ts    int64
	n     int
	next  int64
	ev    event.Event
	procs []*proc
	buf   [32][]byte
}

// Write writes a capture with the mix to dst.
func Write(dst io.Writer, o Options) error {
	if o.Events <= 0 {
		o.Events = 1_000_000
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	g := &gen{rnd: rand.New(rand.NewPCG(o.Seed, 2)), ts: 1_700_000_000_000_000_000, next: 20000}
	var threads []event.ThreadInfo
	threads = append(threads, event.ThreadInfo{TID: 1, PID: 1, PTID: 0, Comm: "systemd", Exe: "/sbin/init", ExePath: "/usr/lib/systemd/systemd", Cwd: "/", VTID: 1, VPID: 1, LoginUID: 0xffffffff})
	for i := range 40 {
		p := programs[i%len(programs)]
		tid := int64(1000 + i)
		threads = append(threads, event.ThreadInfo{TID: tid, PID: tid, PTID: 1, SID: tid, VTID: tid, VPID: tid, Comm: p.comm, Exe: p.exe, ExePath: p.exe,
			Args: []string{"-c", "work"}, Cwd: "/srv", UID: uint32(1000 + i%3), GID: 1000, LoginUID: 1000})
		g.procs = append(g.procs, &proc{tid: tid, comm: p.comm, exe: p.exe, args: []string{"-c", "work"}, nextFD: 3})
	}
	w, err := scap.NewWriter(dst, scap.WriterOptions{
		Machine:        &scap.MachineInfo{NumCPUs: 2, Hostname: "bench", MemoryBytes: 8 << 30},
		Interfaces:     []scap.Interface{{Name: "lo", Addr: netip.MustParseAddr("127.0.0.1"), Netmask: netip.MustParseAddr("255.0.0.0")}},
		Users:          []event.UserInfo{{UID: 0, Name: "root", Home: "/root", Shell: "/bin/bash"}, {UID: 1000, GID: 1000, Name: "alice", Home: "/home/alice", Shell: "/bin/bash"}, {UID: 1001, Name: "bob"}, {UID: 1002, Name: "carol"}},
		Groups:         []event.GroupInfo{{GID: 0, Name: "root"}, {GID: 1000, Name: "users"}},
		Threads:        threads,
		OldEnterEvents: true,
		Gzip:           o.Gzip,
	})
	if err != nil {
		return fmt.Errorf("write mix capture: %w", err)
	}
	g.w = w
	for g.n < o.Events {
		if err := g.step(); err != nil {
			return fmt.Errorf("write mix capture: %w", err)
		}
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("write mix capture: %w", err)
	}
	return nil
}

// emit writes one exit event of type t with the named parameters (others empty).
func (g *gen) emit(tid int64, t event.Type, p map[string][]byte) error {
	info, _ := event.Lookup(t)
	params := g.buf[:len(info.Params)]
	for i, pi := range info.Params {
		params[i] = p[pi.Name]
	}
	g.ts += 1000 + int64(g.rnd.IntN(2000))
	g.ev = event.Event{Ts: g.ts, TID: tid, Type: t, CPU: uint16(tid % 2)}
	g.ev.SetParams(params...)
	g.n++
	return g.w.Write(&g.ev)
}

func (g *gen) step() error {
	p := g.procs[g.rnd.IntN(len(g.procs))]
	switch r := g.rnd.IntN(100); {
	case r < 45: // read/write headers on an open fd
		if len(p.open) == 0 {
			return g.open(p)
		}
		fd := p.open[g.rnd.IntN(len(p.open))]
		t := event.SyscallReadX
		if r%2 == 1 {
			t = event.SyscallWriteX
		}
		return g.emit(p.tid, t, map[string][]byte{"res": event.I64(512), "data": {}, "fd": event.I64(fd), "size": event.U32(512)})
	case r < 70:
		if len(p.open) > 6 {
			return g.closeOne(p)
		}
		return g.open(p)
	case r < 85:
		return g.closeOne(p)
	case r < 95:
		return g.connect(p)
	default:
		return g.spawn(p)
	}
}

func (g *gen) open(p *proc) error {
	fd := p.nextFD
	p.nextFD++
	flags := uint32(1 | 4096) // O_RDONLY|O_CLOEXEC
	if g.rnd.IntN(4) == 0 {
		flags = 2 | 4 // O_WRONLY|O_CREAT
	}
	p.open = append(p.open, fd)
	return g.emit(p.tid, event.SyscallOpenatV2X, map[string][]byte{
		"fd": event.I64(fd), "dirfd": event.I64(-100), "name": event.CStr(files[g.rnd.IntN(len(files))]),
		"flags": event.U32(flags), "mode": event.U32(0o644), "dev": event.U32(2049), "ino": event.U64(uint64(g.rnd.IntN(1 << 20))),
	})
}

func (g *gen) closeOne(p *proc) error {
	if len(p.open) == 0 {
		return g.open(p)
	}
	i := g.rnd.IntN(len(p.open))
	fd := p.open[i]
	p.open = append(p.open[:i], p.open[i+1:]...)
	if len(p.open) == 0 {
		p.nextFD = 3
	}
	return g.emit(p.tid, event.SyscallCloseX, map[string][]byte{"res": event.I64(0), "fd": event.I64(fd)})
}

func (g *gen) connect(p *proc) error {
	fd := p.nextFD
	p.nextFD++
	if err := g.emit(p.tid, event.SocketSocketX, map[string][]byte{"fd": event.I64(fd), "domain": event.U32(2), "type": event.U32(1), "proto": event.U32(0), "flags": event.U32(0)}); err != nil {
		return err
	}
	dst := peers[g.rnd.IntN(len(peers))]
	src := netip.AddrPortFrom(netip.MustParseAddr("10.0.0.5"), uint16(30000+g.rnd.IntN(30000)))
	if dst.Addr().IsLoopback() {
		src = netip.AddrPortFrom(dst.Addr(), src.Port())
	}
	if err := g.emit(p.tid, event.SocketConnectX, map[string][]byte{"res": event.I64(0), "tuple": event.SockTupleInet(src, dst), "fd": event.I64(fd), "addr": event.SockAddrInet(dst)}); err != nil {
		return err
	}
	p.open = append(p.open, fd)
	return nil
}

// spawn forks a child of p that execs a program, opens a file and exits.
func (g *gen) spawn(p *proc) error {
	child := g.next
	g.next++
	common := func(res, tid int64) map[string][]byte {
		return map[string][]byte{
			"res": event.I64(res), "exe": event.CStr(p.exe), "args": event.NULList(p.args...), "tid": event.I64(tid),
			"pid": event.I64(tid), "ptid": event.I64(p.tid), "cwd": event.CStr("/srv"), "fdlimit": event.I64(1024),
			"comm": event.CStr(p.comm), "cgroups": event.NULList("cpu=/user.slice"), "flags": event.U32(0),
			"uid": event.U32(1000), "gid": event.U32(1000), "vtid": event.I64(tid), "vpid": event.I64(tid),
		}
	}
	if err := g.emit(p.tid, event.SyscallCloneV20X, common(child, p.tid)); err != nil {
		return err
	}
	pc := common(0, child)
	pc["ptid"] = event.I64(p.tid)
	if err := g.emit(child, event.SyscallCloneV20X, pc); err != nil {
		return err
	}
	prog := programs[g.rnd.IntN(len(programs))]
	if err := g.emit(child, event.SyscallExecveV19X, map[string][]byte{
		"res": event.I64(0), "exe": event.CStr(prog.comm), "args": event.NULList("-l", "/srv/data"), "tid": event.I64(child),
		"pid": event.I64(child), "ptid": event.I64(p.tid), "cwd": event.CStr(""), "fdlimit": event.U64(1024),
		"comm": event.CStr(prog.comm), "cgroups": event.NULList("cpu=/user.slice"), "env": event.NULList("PATH=/usr/bin", "HOME=/home/alice"),
		"tty": event.U32(0), "vpgid": event.I64(child), "loginuid": event.U32(1000), "flags": event.U32(0),
		"uid": event.U32(1000), "trusted_exepath": event.CStr(prog.exe), "pgid": event.I64(child), "gid": event.U32(1000),
		"filename": event.CStr(prog.exe),
	}); err != nil {
		return err
	}
	cp := &proc{tid: child, comm: prog.comm, exe: prog.exe, nextFD: 3}
	if err := g.open(cp); err != nil {
		return err
	}
	if err := g.closeOne(cp); err != nil {
		return err
	}
	return g.emit(child, event.ProcexitV1E, map[string][]byte{"status": event.I64(0), "ret": event.I64(0), "sig": {0}, "core": {0}, "reaper_tid": event.I64(0)})
}
