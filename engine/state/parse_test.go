package state

import (
	"net/netip"
	"testing"

	"github.com/aerie-sec/aerie/engine/event"
)

// mk builds an event of type typ with the named parameters (others sent empty), as a current writer does.
func mk(t *testing.T, ts, tid int64, typ event.Type, p map[string][]byte) *event.Event {
	t.Helper()
	info, ok := event.Lookup(typ)
	if !ok {
		t.Fatalf("unknown type %d", typ)
	}
	params := make([][]byte, len(info.Params))
	for i, pi := range info.Params {
		params[i] = p[pi.Name]
		delete(p, pi.Name)
	}
	for n := range p {
		t.Fatalf("%s has no parameter %q", typ, n)
	}
	raw, err := event.AppendRecord(nil, ts, tid, typ, params...)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := event.Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	return &ev
}

func TestApplyLifecycle(t *testing.T) {
	tb := New(Options{})
	tb.AddThread(Thread{TID: 1, PID: 1, Comm: "systemd", Exe: "/sbin/init"})
	tb.AddThread(Thread{TID: 100, PID: 100, PTID: 1, Comm: "bash", Exe: "bash", ExePath: "/bin/bash", UID: 1000})
	tb.SetCwd(100, "/home/alice")
	tb.Link()
	var r Resolved
	apply := func(ev *event.Event) *Resolved { tb.Apply(ev, &r); return &r }

	clone := func(ts, tid, res, pid, ptid int64) *event.Event {
		return mk(t, ts, tid, event.SyscallCloneV20X, map[string][]byte{
			"res": event.I64(res), "exe": event.CStr("bash"), "args": event.NULList(), "tid": event.I64(tid),
			"pid": event.I64(pid), "ptid": event.I64(ptid), "cwd": event.CStr(""), "comm": event.CStr("bash"),
			"flags": event.U32(0), "uid": event.U32(1000), "gid": event.U32(1000),
		})
	}
	// parent then child: the child is created from the parent's event.
	apply(clone(10, 100, 200, 100, 1))
	c := tb.Thread(200)
	if c == nil || c.PTID != 100 || c.Comm != "bash" || c.Cwd() != "/home/alice" {
		t.Fatalf("child after parent event: %+v", c)
	}
	apply(clone(11, 200, 0, 200, 100))
	apply(mk(t, 12, 200, event.SyscallExecveV19X, map[string][]byte{
		"res": event.I64(0), "exe": event.CStr("cat"), "args": event.NULList("/etc/shadow"), "tid": event.I64(200),
		"pid": event.I64(200), "ptid": event.I64(100), "comm": event.CStr("cat"), "uid": event.U32(0),
		"trusted_exepath": event.CStr("/usr/bin/cat"), "loginuid": event.U32(1000),
	}))
	c = tb.Thread(200)
	if c.Comm != "cat" || c.ExePath != "/usr/bin/cat" || len(c.Args) != 1 || c.Args[0] != "/etc/shadow" || c.UID != 0 || c.LoginUID != 1000 {
		t.Fatalf("after execve: %+v", c)
	}
	if p := tb.Parent(c); p == nil || p.Comm != "bash" {
		t.Fatalf("parent = %+v", p)
	}
	// relative openat against cwd
	r2 := apply(mk(t, 13, 200, event.SyscallOpenatV2X, map[string][]byte{
		"fd": event.I64(3), "dirfd": event.I64(-100), "name": event.CStr("../bob/./x"), "flags": event.U32(1 | oCloexec),
	}))
	if r2.FD == nil || r2.FD.Name != "/home/bob/x" || r2.FD.Type != FDFile || r2.FDNum != 3 {
		t.Fatalf("openat: %+v %+v", r2, r2.FD)
	}
	// socket + connect
	apply(mk(t, 14, 200, event.SocketSocketX, map[string][]byte{
		"fd": event.I64(4), "domain": event.U32(2), "type": event.U32(1), "proto": event.U32(0),
	}))
	src, dst := netip.MustParseAddrPort("10.0.0.1:40000"), netip.MustParseAddrPort("1.2.3.4:443")
	r3 := apply(mk(t, 15, 200, event.SocketConnectX, map[string][]byte{
		"res": event.I64(0), "tuple": event.SockTupleInet(src, dst), "fd": event.I64(4),
	}))
	if r3.FD == nil || string(r3.FD.AppendName(nil)) != "10.0.0.1:40000->1.2.3.4:443" || r3.FD.L4 != L4TCP || !r3.FD.Is(FlagConnected) {
		t.Fatalf("connect: %+v", r3.FD)
	}
	// close: resolved for the event, gone afterwards
	r4 := apply(mk(t, 16, 200, event.SyscallCloseX, map[string][]byte{"res": event.I64(0), "fd": event.I64(3)}))
	if r4.FD == nil || r4.FD.Name != "/home/bob/x" || tb.Thread(200).FD(3) != nil {
		t.Fatalf("close: %+v", r4.FD)
	}
	// procexit: still visible for its own event
	apply(mk(t, 17, 200, event.ProcexitV1E, map[string][]byte{"status": event.I64(0)}))
	if tb.Thread(200) == nil {
		t.Fatal("thread removed during its procexit")
	}
	apply(mk(t, 18, 100, event.SyscallCloseX, map[string][]byte{"res": event.I64(-9), "fd": event.I64(99)}))
	if tb.Thread(200) != nil {
		t.Fatal("thread still present after procexit")
	}
}

func TestOldStyleEnterExit(t *testing.T) {
	tb := New(Options{})
	tb.AddThread(Thread{TID: 5, PID: 5, Comm: "nc"})
	tb.Link()
	var r Resolved
	tb.Apply(mk(t, 1, 5, event.SocketSocketX, map[string][]byte{"fd": event.I64(3), "domain": event.U32(2), "type": event.U32(1)}), &r)
	// old capture: connect enter carries the fd, the exit only res and tuple
	tb.Apply(mk(t, 2, 5, event.SocketConnectE, map[string][]byte{"fd": event.I64(3)}), &r)
	ev := mk(t, 3, 5, event.SocketConnectX, map[string][]byte{"res": event.I64(0),
		"tuple": event.SockTupleInet(netip.MustParseAddrPort("127.0.0.1:5000"), netip.MustParseAddrPort("127.0.0.1:22"))})
	tb.Apply(ev, &r)
	if !r.HasFD || r.FDNum != 3 || r.FD == nil || string(r.FD.AppendName(nil)) != "127.0.0.1:5000->127.0.0.1:22" {
		t.Fatalf("old connect: %+v %+v", r, r.FD)
	}
}

func TestIsClean(t *testing.T) {
	for p, want := range map[string]bool{"/": true, "/a/b": true, "/a/": false, "/a//b": false, "/a/./b": false,
		"/a/../b": false, "/a/.b": true, "/a/..b": true, "/a/.": false} {
		if got := isClean([]byte(p)); got != want {
			t.Errorf("isClean(%q) = %v", p, got)
		}
	}
}
