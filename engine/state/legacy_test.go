package state

import (
	"testing"

	"github.com/aerie-sec/aerie/engine/event"
)

// TestOldStylePairs applies enter+exit pairs of old captures, whose exits lack what their enter events
// carried, and checks the state libsinsp derives from them.
func TestOldStylePairs(t *testing.T) {
	type ev struct {
		typ event.Type
		tid int64
		p   map[string][]byte
	}
	cases := []struct {
		name  string
		evs   []ev
		check func(t *testing.T, tb *Table, r *Resolved)
	}{
		{"openat 1: name, flags and dirfd on the enter", []ev{
			{event.SyscallOpenatE, 100, map[string][]byte{"dirfd": event.I64(-100), "name": event.CStr("x/y.txt"),
				"flags": event.U32(2 | 4), "mode": event.U32(0o644)}},
			{event.SyscallOpenatX, 100, map[string][]byte{"fd": event.I64(5)}},
		}, func(t *testing.T, tb *Table, r *Resolved) {
			f := tb.Thread(100).FD(5)
			if f == nil || f.Name != "/home/alice/x/y.txt" || f.OpenFlags != 6 || r.FD != f || r.Enter == nil {
				t.Fatalf("fd %+v, resolved %+v", f, r)
			}
		}},
		{"setuid: the uid on the enter", []ev{
			{event.SyscallSetuidE, 100, map[string][]byte{"uid": event.U32(1)}},
			{event.SyscallSetuidX, 100, map[string][]byte{"res": event.I64(0)}},
		}, func(t *testing.T, tb *Table, _ *Resolved) {
			if u := tb.Thread(100).UID; u != 1 {
				t.Fatalf("uid %d after setuid(1)", u)
			}
		}},
		{"failed setuid keeps the uid", []ev{
			{event.SyscallSetuidE, 100, map[string][]byte{"uid": event.U32(0)}},
			{event.SyscallSetuidX, 100, map[string][]byte{"res": event.I64(-1)}},
		}, func(t *testing.T, tb *Table, _ *Resolved) {
			if u := tb.Thread(100).UID; u != 1000 {
				t.Fatalf("uid %d after a failed setuid", u)
			}
		}},
		{"socket: domain and type on the enter", []ev{
			{event.SocketSocketE, 100, map[string][]byte{"domain": event.U32(10), "type": event.U32(2), "proto": event.U32(0)}},
			{event.SocketSocketX, 100, map[string][]byte{"fd": event.I64(4)}},
		}, func(t *testing.T, tb *Table, _ *Resolved) {
			if f := tb.Thread(100).FD(4); f == nil || f.Type != FDIPv6Socket || f.L4 != L4UDP {
				t.Fatalf("socket fd %+v", f)
			}
		}},
		{"an exit not preceded by its enter borrows nothing", []ev{
			{event.SyscallSetuidE, 100, map[string][]byte{"uid": event.U32(1)}},
			{event.SyscallCloseX, 100, map[string][]byte{"res": event.I64(0)}},
			{event.SyscallSetuidX, 100, map[string][]byte{"res": event.I64(0)}},
		}, func(t *testing.T, tb *Table, r *Resolved) {
			if u := tb.Thread(100).UID; u != 1000 || r.Enter != nil {
				t.Fatalf("uid %d, enter %v", u, r.Enter)
			}
		}},
		{"clone 11: no comm, no vtid/vpid, no cgroups", []ev{
			{event.SyscallCloneV11X, 100, map[string][]byte{"res": event.I64(300), "exe": event.CStr("-bash"),
				"args": event.NULList(), "tid": event.I64(100), "pid": event.I64(100), "ptid": event.I64(1),
				"cwd": event.CStr("/home/alice"), "fdlimit": event.I64(1024), "flags": event.U32(0),
				"uid": event.U32(1000), "gid": event.U32(1000)}},
		}, func(t *testing.T, tb *Table, _ *Resolved) {
			c := tb.Thread(300)
			if c == nil || c.Comm != "-bash" || c.VTID != 300 || c.VPID != 300 || len(c.Cgroups) != 0 || c.ContainerID != HostID {
				t.Fatalf("child %+v", c)
			}
		}},
		{"execve 8: no comm, the exe names the process", []ev{
			{event.SyscallExecveV8E, 100, nil},
			{event.SyscallExecveV8X, 100, map[string][]byte{"res": event.I64(0), "exe": event.CStr("/usr/bin/id"),
				"args": event.NULList("-u"), "tid": event.I64(100), "pid": event.I64(100), "ptid": event.I64(1),
				"cwd": event.CStr("/home/alice"), "fdlimit": event.U64(1024)}},
		}, func(t *testing.T, tb *Table, _ *Resolved) {
			if th := tb.Thread(100); th.Comm != "/usr/bin/id" || th.Exe != "/usr/bin/id" {
				t.Fatalf("after execve: comm %q exe %q", th.Comm, th.Exe)
			}
		}},
		{"pipe: the event resolves to the second fd", []ev{
			{event.SyscallPipeX, 100, map[string][]byte{"res": event.I64(0), "fd1": event.I64(6), "fd2": event.I64(7), "ino": event.U64(9)}},
		}, func(t *testing.T, tb *Table, r *Resolved) {
			if r.FDNum != 7 || r.FD == nil || r.FD.Type != FDFIFO || tb.Thread(100).FD(6) == nil {
				t.Fatalf("resolved %+v", r)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tb := New(Options{})
			tb.AddThread(Thread{TID: 1, PID: 1, Comm: "systemd", Exe: "/sbin/init"})
			tb.AddThread(Thread{TID: 100, PID: 100, PTID: 1, Comm: "bash", Exe: "bash", UID: 1000, GID: 1000,
				Cgroups: []string{"cpu=/docker/0123456789ab0123456789ab0123456789ab0123456789ab0123456789ab0123"}})
			tb.SetCwd(100, "/home/alice")
			tb.Link()
			var r Resolved
			for i, e := range c.evs {
				tb.Apply(mk(t, int64(10+i), e.tid, e.typ, e.p), &r)
			}
			c.check(t, tb, &r)
		})
	}
}
