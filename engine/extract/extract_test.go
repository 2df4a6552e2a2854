package extract

import (
	"testing"

	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/fields"
	"github.com/aerie-sec/aerie/engine/state"
)

func ref(t *testing.T, name, arg string, hasArg bool) fields.Ref {
	t.Helper()
	r, err := fields.Syscall().Resolve(name, arg, hasArg)
	if err != nil {
		t.Fatalf("resolve %s: %v", name, err)
	}
	return r
}

func TestExtract(t *testing.T) {
	tb := state.New(state.Options{})
	tb.AddThread(state.Thread{TID: 1, PID: 1, Comm: "systemd"})
	tb.AddThread(state.Thread{TID: 50, PID: 50, PTID: 1, SID: 50, Comm: "sshd", Exe: "/usr/sbin/sshd"})
	tb.AddThread(state.Thread{TID: 100, PID: 100, PTID: 50, SID: 50, Comm: "bash", Exe: "-bash", ExePath: "/bin/bash",
		Args: []string{"-c", "cat x"}, Env: []string{"HOME=/root", "TERM=xterm"}, UID: 0, LoginUID: 1000, TTY: 34816})
	tb.SetCwd(100, "/root")
	tb.AddUser(state.User{UID: 0, Name: "root", Home: "/root", Shell: "/bin/bash"})
	tb.AddUser(state.User{UID: 1000, Name: "alice"})
	tb.Link()
	raw, err := event.AppendRecord(nil, 1_000_000_000, 100, event.SyscallOpenatV2X,
		event.I64(3), event.I64(-100), event.CStr("/etc/shadow"), event.U32(1|4096), event.U32(0), event.U32(0), event.U64(0))
	if err != nil {
		t.Fatal(err)
	}
	ev, err := event.Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	ev.Num = 7
	c := &Ctx{Ev: &ev, Table: tb}
	tb.Apply(&ev, &c.R)

	tests := []struct {
		name, arg string
		hasArg    bool
		want      string
		ok        bool
	}{
		{"proc.name", "", false, "bash", true},
		{"proc.pname", "", false, "sshd", true},
		{"proc.aname", "2", true, "systemd", true},
		{"proc.aname", "3", true, "", false},
		{"proc.cmdline", "", false, "bash -c cat x", true},
		{"proc.pcmdline", "", false, "sshd", true},
		{"proc.exepath", "", false, "/bin/bash", true},
		{"proc.env", "HOME", true, "/root", true},
		{"proc.env", "NOPE", true, "", false},
		{"proc.cwd", "", false, "/root/", true},
		{"proc.sname", "", false, "sshd", true},
		{"proc.tty", "", false, "34816", true},
		{"user.name", "", false, "root", true},
		{"user.loginname", "", false, "alice", true},
		{"user.loginuid", "", false, "1000", true},
		{"fd.name", "", false, "/etc/shadow", true},
		{"fd.nameraw", "", false, "/etc/shadow", true},
		{"fd.directory", "", false, "/etc", true},
		{"fd.filename", "", false, "shadow", true},
		{"fd.typechar", "", false, "f", true},
		{"fd.num", "", false, "3", true},
		{"fd.sip", "", false, "", false},
		{"evt.type", "", false, "openat", true},
		{"evt.num", "", false, "7", true},
		{"evt.dir", "", false, "<", true},
		{"evt.res", "", false, "SUCCESS", true},
		{"evt.rawres", "", false, "3", true},
		{"evt.is_open_read", "", false, "true", true},
		{"evt.is_open_write", "", false, "false", true},
		{"evt.arg.flags", "", false, "O_RDONLY|O_CLOEXEC", true},
		{"evt.arg.fd", "", false, "<f>/etc/shadow", true},
		{"evt.arg", "2", true, "/etc/shadow", true},
		{"container.id", "", false, "host", true},
		{"container.image.repository", "", false, "", false},
		{"evt.time", "", false, "00:00:01.000000000", true},
	}
	for _, tt := range tests {
		name := tt.name
		if tt.hasArg {
			name += "[" + tt.arg + "]"
		}
		t.Run(name, func(t *testing.T) {
			x, err := New(ref(t, tt.name, tt.arg, tt.hasArg))
			if err != nil {
				t.Fatal(err)
			}
			var v Value
			ok := x.Get(c, 0, &v)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if ok {
				if got := string(v.Append(nil)); got != tt.want {
					t.Fatalf("value = %q, want %q", got, tt.want)
				}
			}
		})
	}
	// proc.aname without index: every ancestor, nearest first.
	x, _ := New(ref(t, "proc.aname", "", false))
	var got []string
	var v Value
	for i := 0; x.Get(c, i, &v); i++ {
		got = append(got, v.Str)
	}
	if !x.Multi || len(got) != 2 || got[0] != "sshd" || got[1] != "systemd" {
		t.Fatalf("proc.aname values = %q (multi %v)", got, x.Multi)
	}
}

func TestNoAllocs(t *testing.T) {
	tb := state.New(state.Options{})
	tb.AddThread(state.Thread{TID: 100, PID: 100, Comm: "bash", Args: []string{"-c", "x"}})
	tb.Link()
	raw, _ := event.AppendRecord(nil, 1, 100, event.SyscallOpenatV2X,
		event.I64(3), event.I64(-100), event.CStr("/etc/shadow"), event.U32(1), event.U32(0), event.U32(0), event.U64(0))
	ev, _ := event.Decode(raw)
	c := &Ctx{Ev: &ev, Table: tb}
	var xs []*Extractor
	for _, n := range []string{"proc.name", "proc.cmdline", "fd.name", "fd.directory", "evt.type", "evt.arg.flags", "evt.time"} {
		x, err := New(ref(t, n, "", false))
		if err != nil {
			t.Fatal(err)
		}
		xs = append(xs, x)
	}
	var v Value
	allocs := testing.AllocsPerRun(200, func() {
		tb.Apply(&ev, &c.R)
		c.Reset()
		for _, x := range xs {
			x.Get(c, 0, &v)
		}
	})
	if allocs != 0 {
		t.Fatalf("%v allocations per event", allocs)
	}
}

// TestFDNameRaw checks that fd.nameraw keeps the path an open passed (not normalized, not joined to the
// working directory, repeated slashes collapsed) while fd.name is the resolved path, as libsinsp does.
func TestFDNameRaw(t *testing.T) {
	tests := []struct {
		path, name, raw string
	}{
		{"/etc/shadow", "/etc/shadow", "/etc/shadow"},
		{"/tmp/../etc/../etc/shadow", "/etc/shadow", "/tmp/../etc/../etc/shadow"},
		{"../etc//passwd", "/etc/passwd", "../etc/passwd"},
		{"notes.txt", "/root/notes.txt", "notes.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			tb := state.New(state.Options{})
			tb.AddThread(state.Thread{TID: 100, PID: 100, Comm: "cat"})
			tb.SetCwd(100, "/root")
			tb.Link()
			raw, err := event.AppendRecord(nil, 1, 100, event.SyscallOpenatV2X,
				event.I64(3), event.I64(-100), event.CStr(tt.path), event.U32(1), event.U32(0), event.U32(0), event.U64(0))
			if err != nil {
				t.Fatal(err)
			}
			ev, err := event.Decode(raw)
			if err != nil {
				t.Fatal(err)
			}
			c := &Ctx{Ev: &ev, Table: tb}
			tb.Apply(&ev, &c.R)
			for field, want := range map[string]string{"fd.name": tt.name, "fd.nameraw": tt.raw} {
				x, err := New(ref(t, field, "", false))
				if err != nil {
					t.Fatal(err)
				}
				var v Value
				if !x.Get(c, 0, &v) || string(v.Append(nil)) != want {
					t.Errorf("%s = %q, want %q", field, v.Str, want)
				}
			}
		})
	}
}
