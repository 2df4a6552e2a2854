package legacygen

import (
	"bytes"
	"net/netip"

	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/scap"
)

// PPM flag values used by the scenarios.
const (
	ORdonly   = 1 << 0
	OWronly   = 1 << 1
	ORdwr     = ORdonly | OWronly
	OCreat    = 1 << 2
	OTrunc    = 1 << 8
	OCloexec  = 1 << 12
	CloneVM   = 1 << 7 // PPM_CL_CLONE_VM
	AFInet    = 2
	SockTCP   = 1
	SockUDP   = 2
	dockerCID = "8b6f52e0f4a74a0c2ce2d5f1ab6e4d7c3f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c"
)

// HostMetadata is a 2016 host: init, sshd, a login shell of an ssh session, a mysqld, an nginx and a
// process in a docker container, with users and a few open descriptors.
func HostMetadata() *Metadata {
	th := func(tid, ptid int64, uid uint32, comm, exe string, args []string, cwd string, cg string) event.ThreadInfo {
		return event.ThreadInfo{TID: tid, PID: tid, PTID: ptid, SID: tid, VPGID: tid, PGID: -1, VTID: tid, VPID: tid,
			Comm: comm, Exe: exe, ExePath: exe, Args: args, Cwd: cwd, FDLimit: 1024, UID: uid, GID: uid,
			VMSizeKB: 1000, VMRSSKB: 200, Env: []string{"PATH=/usr/bin:/bin", "TERM=xterm"},
			Cgroups: []string{"cpu=" + cg, "memory=" + cg}, Root: "/", LoginUID: uid}
	}
	return &Metadata{
		Machine: scap.MachineInfo{NumCPUs: 2, MemoryBytes: 4 << 30, MaxPID: 32768, Hostname: "falco-host"},
		Interfaces: []scap.Interface{
			{Name: "lo", Addr: netip.MustParseAddr("127.0.0.1"), Netmask: netip.MustParseAddr("255.0.0.0"), Bcast: netip.MustParseAddr("127.0.0.1")},
			{Name: "eth0", Addr: netip.MustParseAddr("10.0.2.15"), Netmask: netip.MustParseAddr("255.255.255.0"), Bcast: netip.MustParseAddr("10.0.2.255"), LinkSpeed: 1000},
		},
		Users: []event.UserInfo{
			{UID: 0, GID: 0, Name: "root", Home: "/root", Shell: "/bin/bash"},
			{UID: 1, GID: 1, Name: "daemon", Home: "/usr/sbin", Shell: "/usr/sbin/nologin"},
			{UID: 2, GID: 2, Name: "bin", Home: "/bin", Shell: "/usr/sbin/nologin"},
			{UID: 1000, GID: 1000, Name: "vagrant", Home: "/home/vagrant", Shell: "/bin/bash"},
			{UID: 999, GID: 999, Name: "mysql", Home: "/var/lib/mysql", Shell: "/bin/false"},
		},
		Groups: []event.GroupInfo{{GID: 0, Name: "root"}, {GID: 1000, Name: "vagrant"}},
		Threads: []event.ThreadInfo{
			th(1, 0, 0, "init", "/sbin/init", nil, "/", "/"),
			th(800, 1, 0, "sshd", "/usr/sbin/sshd", []string{"-D"}, "/", "/"),
			th(900, 800, 0, "sshd", "sshd: vagrant [priv]", nil, "/", "/"),
			th(1000, 900, 1000, "bash", "-bash", nil, "/home/vagrant", "/user.slice"),
			th(1100, 1, 999, "mysqld", "/usr/sbin/mysqld", []string{"--basedir=/usr"}, "/var/lib/mysql", "/"),
			th(1200, 1, 0, "nginx", "/usr/sbin/nginx", []string{"-g", "daemon off;"}, "/", "/"),
			th(1300, 1, 0, "sleep", "sleep", []string{"3600"}, "/", "/docker/"+dockerCID),
		},
		FDs: []event.FDInfo{
			{TID: 1000, FD: 0, Type: event.FDFile, Name: "/dev/pts/0"},
			{TID: 1000, FD: 255, Type: event.FDFileV2, Name: "/dev/pts/0", Flags: ORdwr},
			{TID: 1100, FD: 10, Type: event.FDIPv4Server, DstAddr: netip.MustParseAddr("0.0.0.0"), DstPort: 3306, L4Proto: 2},
			{TID: 1100, FD: 11, Type: event.FDUnixSock, Source: 0xffff880012345678, Name: "/var/run/mysqld/mysqld.sock"},
			{TID: 1200, FD: 6, Type: event.FDIPv4Sock, SrcAddr: netip.MustParseAddr("10.0.2.2"), SrcPort: 51000,
				DstAddr: netip.MustParseAddr("10.0.2.15"), DstPort: 80, L4Proto: 2},
			{TID: 1200, FD: 7, Type: event.FDIPv6Server, DstAddr: netip.MustParseAddr("::"), DstPort: 80, L4Proto: 2},
			{TID: 1300, FD: 3, Type: event.FDFifo, Name: "pipe:[12345]"},
		},
	}
}

// ProcOf returns a Proc for the metadata thread tid, nil if there is none.
func ProcOf(md *Metadata, tid int64) *Proc {
	for _, t := range md.Threads {
		if t.TID == tid {
			return &Proc{TID: t.TID, PID: t.PID, PTID: t.PTID, Comm: t.Comm, Exe: t.Exe, Args: t.Args, Cwd: t.Cwd,
				UID: t.UID, GID: t.GID, Cgroups: t.Cgroups, Env: t.Env}
		}
	}
	return nil
}

// Spawn forks parent into a new process tid and execs path in it, as a shell runs a command.
func (s *Stream) Spawn(parent *Proc, tid int64, path, comm string, args ...string) *Proc {
	c := *parent
	c.TID, c.PID, c.PTID = tid, tid, parent.TID
	s.Clone(parent, &c, 0)
	s.Execve(&c, path, path, comm, args...)
	return &c
}

// Mixed writes a general old-style stream on HostMetadata's processes: shell commands with their file
// opens, reads and writes, a client connection, an accepted connection, mkdir/rename/unlink, setuid and
// exits. It exercises every Stream call.
func (s *Stream) Mixed(md *Metadata) {
	bash := ProcOf(md, 1000)
	cat := s.Spawn(bash, 2001, "/bin/cat", "cat", "/etc/hosts")
	s.Open(cat, "/etc/ld.so.cache", ORdonly|OCloexec, 0, 3)
	s.Read(cat, 3, []byte("\x7fELF"))
	s.Close(cat, 3)
	s.Open(cat, "/etc/hosts", ORdonly, 0, 3)
	s.Read(cat, 3, []byte("127.0.0.1 localhost\n"))
	s.Write(cat, 1, []byte("127.0.0.1 localhost\n"))
	s.Open(cat, "/etc/nonexistent", ORdonly, 0, -2)
	s.Close(cat, 3)
	s.ProcExit(cat)

	curl := s.Spawn(bash, 2002, "/usr/bin/curl", "curl", "-s", "http://93.184.216.34/")
	s.Socket(curl, AFInet, SockTCP, 0, 3)
	src := netip.MustParseAddrPort("10.0.2.15:41234")
	dst := netip.MustParseAddrPort("93.184.216.34:80")
	s.Connect(curl, 3, src, dst, -115)
	s.Write(curl, 3, []byte("GET / HTTP/1.1\r\n"))
	s.Read(curl, 3, []byte("HTTP/1.1 200 OK\r\n"))
	s.Socket(curl, AFInet, SockUDP, 0, 4)
	s.Connect(curl, 4, netip.MustParseAddrPort("10.0.2.15:53000"), netip.MustParseAddrPort("8.8.8.8:53"), 0)
	s.Close(curl, 4)
	s.Close(curl, 3)
	s.ProcExit(curl)

	nginx := ProcOf(md, 1200)
	s.Accept(nginx, 8, netip.MustParseAddrPort("10.0.2.2:51002"), netip.MustParseAddrPort("10.0.2.15:80"))
	s.Read(nginx, 8, []byte("GET /index.html HTTP/1.1\r\n"))
	s.Openat(nginx, -100, "/var/www/html/index.html", ORdonly, 0, 9)
	s.Read(nginx, 9, bytes.Repeat([]byte("x"), 64))
	s.Write(nginx, 8, []byte("HTTP/1.1 200 OK\r\n"))
	s.Close(nginx, 9)
	s.Read(nginx, 6, []byte("GET /a HTTP/1.1\r\n"))

	sh := s.Spawn(bash, 2003, "/bin/sh", "sh", "-c", "mkdir /tmp/d && mv /tmp/d /tmp/e")
	s.Chdir(sh, "/tmp")
	s.Mkdir(sh, "/tmp/d", 0o755)
	s.Rename(sh, "/tmp/d", "/tmp/e")
	s.Openat(sh, -100, "e/f.txt", OWronly|OCreat|OTrunc, 0o644, 3)
	s.Write(sh, 3, []byte("hello\n"))
	s.Close(sh, 3)
	s.Unlink(sh, "/tmp/e/f.txt")
	s.Setuid(sh, 1, 0)
	s.Open(sh, "/tmp/owned-by-daemon", OWronly|OCreat, 0o600, 4)
	s.ProcExit(sh)

	mysqld := ProcOf(md, 1100)
	s.Read(mysqld, 11, []byte("ping"))
	s.Open(mysqld, "/var/lib/mysql/ibdata1", ORdwr, 0, 12)
	s.Write(mysqld, 12, []byte("page"))

	ctr := ProcOf(md, 1300)
	s.Read(ctr, 3, []byte("x"))
	s.Open(ctr, "/etc/shadow", ORdonly, 0, 4)
	s.Setns(ctr, 4, 0)
}

// Vintage writes every old version of the process and socket events on HostMetadata's processes: execve
// 8, 13, 14, 15, 16, 17, 18 and 19 (with the 19 parameters of 2019), clone 11, 16, 17 and 20, fork and
// vfork 1, 17 and 20, procexit 0 and 1, accept 1 and 5, bind and listen with their fd on the enter,
// pipe, and the oldest container event (228) before a process of that container execs.
func (s *Stream) Vintage(md *Metadata) {
	bash := ProcOf(md, 1000)
	execs := []struct {
		x     event.Type
		limit int
	}{{event.SyscallExecveV8X, 0}, {event.SyscallExecveV13X, 0}, {event.SyscallExecveV14X, 0},
		{event.SyscallExecveV15X, 0}, {event.SyscallExecveV16X, 0}, {event.SyscallExecveV17X, 0},
		{event.SyscallExecveV18X, 0}, {event.SyscallExecveV19X, 19}}
	clones := []struct {
		x     event.Type
		limit int
	}{{event.SyscallCloneV11X, 0}, {event.SyscallCloneV16X, 0}, {event.SyscallCloneV17X, 0}, {event.SyscallCloneV20X, 20},
		{event.SyscallForkX, 0}, {event.SyscallForkV17X, 0}, {event.SyscallForkV20X, 20},
		{event.SyscallVforkX, 0}, {event.SyscallVforkV17X, 0}, {event.SyscallVforkV20X, 20}}
	tid := int64(5000)
	for i, c := range clones {
		child := *bash
		child.TID, child.PID, child.PTID = tid, tid, bash.TID
		tid++
		s.CloneAs(c.x, c.limit, bash, &child, 0)
		x := execs[i%len(execs)]
		s.ExecveAs(x.x, x.limit, &child, "/usr/bin/id", "id", "-u")
		s.Open(&child, "/etc/passwd", ORdonly|OCloexec, 0, 3)
		s.Close(&child, 3)
		if i%2 == 0 {
			s.Emit(child.TID, event.ProcexitE, 0, nil)
		} else {
			s.ProcExit(&child)
		}
	}
	// a server with the oldest socket calls
	srv := *bash
	srv.TID, srv.PID, srv.PTID = tid, tid, bash.TID
	s.CloneAs(event.SyscallCloneV20X, 20, bash, &srv, 0)
	s.ExecveAs(event.SyscallExecveV16X, 0, &srv, "/usr/bin/python3", "python3", "-m", "http.server")
	s.Socket(&srv, AFInet, SockTCP, 0, 3)
	any := netip.MustParseAddrPort("0.0.0.0:8000")
	s.pair(&srv, event.SocketBindE, [][]byte{i64(3)}, [][]byte{i64(0), event.SockAddrInet(any)})
	s.pair(&srv, event.SocketListenE, [][]byte{i64(3), event.U32(5)}, [][]byte{i64(0)})
	peer, local := netip.MustParseAddrPort("10.0.2.2:52000"), netip.MustParseAddrPort("10.0.2.15:8000")
	s.pair(&srv, event.SocketAcceptE, nil, [][]byte{i64(4), event.SockTupleInet(peer, local), event.U8(1)})
	s.Read(&srv, 4, []byte("GET / HTTP/1.0\r\n"))
	s.Accept(&srv, 5, netip.MustParseAddrPort("10.0.2.2:52001"), local)
	s.Write(&srv, 5, []byte("HTTP/1.0 200 OK\r\n"))
	s.pair(&srv, event.SyscallPipeE, nil, [][]byte{i64(0), i64(6), i64(7), event.U64(4242)})
	s.Write(&srv, 7, []byte("x"))
	s.Read(&srv, 6, []byte("x"))
	s.Close(&srv, 4)
	s.Close(&srv, 5)
	// the oldest container event, then a process of that container
	s.Emit(1300, event.ContainerE, 0, map[string][]byte{"id": event.CStr(dockerCID[:12]), "type": event.U32(0),
		"name": event.CStr("web"), "image": event.CStr("nginx:1.11")})
	ctr := ProcOf(md, 1300)
	c := *ctr
	c.TID, c.PID, c.PTID = tid+1, tid+1, ctr.TID
	s.CloneAs(event.SyscallCloneV17X, 0, ctr, &c, 0)
	s.ExecveAs(event.SyscallExecveV15X, 0, &c, "/bin/cat", "cat", "/etc/hostname")
	s.Open(&c, "/etc/hostname", ORdonly, 0, 3)
	s.Read(&c, 3, []byte("web\n"))
	s.Close(&c, 3)
}
