package state

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestContainerID(t *testing.T) {
	const id = "3ad7b26ded6d8e7b23da7d48fe889434573036c27ae5a74837233de441c3601e"
	tests := []struct {
		name    string
		cgroups []string
		want    string
		rt      Runtime
	}{
		{"host", []string{"cpu=/user.slice", "memory=/"}, HostID, RuntimeNone},
		{"empty", nil, HostID, RuntimeNone},
		{"docker cgroupfs", []string{"cpuset=/docker/" + id}, id[:12], RuntimeDocker},
		{"docker systemd", []string{"0::/system.slice/docker-" + id + ".scope"}, id[:12], RuntimeDocker},
		{"containerd", []string{"cpu=/kubepods.slice/kubepods-burstable.slice/cri-containerd-" + id + ".scope"}, id[:12], RuntimeContainerd},
		{"crio", []string{"cpu=/kubepods/besteffort/pod1/crio-" + id}, id[:12], RuntimeCRIO},
		{"crio scope", []string{"cpu=/crio-" + id + ".scope"}, id[:12], RuntimeCRIO},
		{"podman", []string{"0::/machine.slice/libpod-" + id + ".scope/container"}, id[:12], RuntimePodman},
		{"podman bare", []string{"0::/libpod-" + id}, id[:12], RuntimePodman},
		{"short id", []string{"cpu=/docker/3ad7b26ded6d"}, HostID, RuntimeNone},
		{"upper hex", []string{"cpu=/docker/" + strings.ToUpper(id)}, HostID, RuntimeNone},
		{"second entry", []string{"cpu=/", "memory=/docker/" + id}, id[:12], RuntimeDocker},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, rt := ContainerID(tt.cgroups)
			if got != tt.want || rt != tt.rt {
				t.Errorf("ContainerID(%q) = %q, %q; want %q, %q", tt.cgroups, got, rt, tt.want, tt.rt)
			}
		})
	}
}

func TestSpawnExitReparent(t *testing.T) {
	tb := New(Options{})
	init := tb.AddThread(Thread{TID: 1, PID: 1, PTID: 0, Comm: "systemd"})
	tb.SetCwd(1, "/")
	sh := tb.AddThread(Thread{TID: 100, PID: 100, PTID: 1, Comm: "bash", Exe: "bash", Args: []string{"-i"}})
	tb.SetCwd(100, "/home/u")
	tb.AddFD(100, FD{Num: 3, Type: FDFile, Name: "/etc/passwd"})
	tb.Link()

	// fork: the child copies the parent's fields and fd table.
	child := tb.Spawn(sh, Thread{TID: 200, PID: 200, PTID: 100}, 0, 10)
	if child.Comm != "bash" || child.Cwd() != "/home/u" || child.FD(3) == nil || child.FD(3) == sh.FD(3) {
		t.Fatalf("forked child: comm %q cwd %q fd3 %v", child.Comm, child.Cwd(), child.FD(3))
	}
	// thread: shares the table.
	th := tb.Spawn(sh, Thread{TID: 101, PID: 100, PTID: 1}, CloneThread, 11)
	if th.Files() != sh.Files() {
		t.Fatal("CLONE_THREAD child does not share the fd table")
	}
	grand := tb.Spawn(child, Thread{TID: 300, PID: 300, PTID: 200, Comm: "cat"}, 0, 12)
	if got := tb.Ancestor(grand, 2); got != sh {
		t.Fatalf("Ancestor(2) = %v, want bash", got)
	}

	// procexit of 200: kept until the next Begin, its child reparented to the reaper.
	tb.Begin(20)
	tb.Exit(200, 1)
	if tb.Thread(200) == nil {
		t.Fatal("exited thread removed before the next event")
	}
	if grand.PTID != 1 || tb.Parent(grand) != init {
		t.Fatalf("grandchild reparented to %d, want 1", grand.PTID)
	}
	tb.Begin(21)
	if tb.Thread(200) != nil {
		t.Fatal("exited thread still present after the next event")
	}
	if s := tb.Stats(); s.RemovedThreads != 1 || s.ReparentedOnExit != 1 {
		t.Fatalf("stats = %+v", s)
	}
}

func TestBounds(t *testing.T) {
	tb := New(Options{MaxThreads: 3, MaxFDs: 2, ThreadTimeout: 100, PurgeInterval: 50})
	tb.Begin(1)
	for tid := int64(1); tid <= 3; tid++ {
		if tb.Touch(tid, 1) == nil {
			t.Fatalf("Touch(%d) = nil below the bound", tid)
		}
	}
	if tb.Touch(4, 1) != nil {
		t.Fatal("Touch beyond MaxThreads created a thread")
	}
	th := tb.Thread(1)
	for n := int64(0); n < 5; n++ {
		th.Files().Add(&FD{Num: n})
	}
	if th.Files().Len() != 2 {
		t.Fatalf("fd table holds %d, want 2", th.Files().Len())
	}
	// Threads 2 and 3 go quiet; thread 1 stays active; the purge drops the quiet ones.
	tb.Touch(1, 150)
	tb.Begin(200)
	if tb.Len() != 1 || tb.Thread(1) == nil {
		t.Fatalf("after purge: %d threads", tb.Len())
	}
	if s := tb.Stats(); s.DroppedThreads != 1 || s.PurgedThreads != 2 {
		t.Fatalf("stats = %+v", s)
	}
}

func TestUsers(t *testing.T) {
	tb := New(Options{})
	passwd := "root:x:0:0:root:/root:/bin/bash\n# comment\nalice:x:1000:1000:Alice:/home/alice:/bin/zsh\nbad:line\n"
	if err := tb.LoadPasswd(context.Background(), strings.NewReader(passwd)); err != nil {
		t.Fatal(err)
	}
	if err := tb.LoadGroup(context.Background(), strings.NewReader("root:x:0:\nwheel:x:10:alice\n")); err != nil {
		t.Fatal(err)
	}
	tb.AddUser(User{UID: 1000, Name: "bob", ContainerID: "abcdefabcdef"})
	if u := tb.User(HostID, 1000); u == nil || u.Name != "alice" || u.Shell != "/bin/zsh" {
		t.Fatalf("host user 1000 = %+v", u)
	}
	if u := tb.User("abcdefabcdef", 1000); u == nil || u.Name != "bob" {
		t.Fatalf("container user 1000 = %+v", u)
	}
	if u := tb.User("abcdefabcdef", 0); u == nil || u.Name != "root" {
		t.Fatalf("container falls back to host: %+v", u)
	}
	if g := tb.Group("", 10); g == nil || g.Name != "wheel" {
		t.Fatalf("group 10 = %+v", g)
	}
	if tb.User("", 4242) != nil {
		t.Fatal("unknown uid resolved")
	}
}

func TestTupleName(t *testing.T) {
	var fd FD
	fd.SetTuple(L4TCP, mustAddr("127.0.0.1"), 42934, mustAddr("::ffff:127.0.0.1"), 8080)
	if fd.Name != "127.0.0.1:42934->127.0.0.1:8080" {
		t.Fatalf("name = %q", fd.Name)
	}
}

// TestForkTableRecycling checks that the descriptor tables of exited children are reused without
// touching the tables of live processes, and that a table shared by threads is only released with its
// last thread.
func TestForkTableRecycling(t *testing.T) {
	tb := New(Options{})
	sh := tb.AddThread(Thread{TID: 100, PID: 100, PTID: 1, Comm: "bash"})
	tb.AddFD(100, FD{Num: 3, Type: FDFile, Name: "/etc/passwd", Flags: FlagCloseOnExec})
	tb.AddFD(100, FD{Num: 4, Type: FDFile, Name: "/tmp/log"})
	tb.Link()
	ts := int64(10)
	for i := range 3 {
		tid := int64(200 + i)
		tb.Begin(ts)
		child := tb.Spawn(sh, Thread{TID: tid, PID: tid, PTID: 100}, 0, ts)
		if child.FD(3) == nil || child.FD(3) == sh.FD(3) || child.FD(4).Name != "/tmp/log" {
			t.Fatalf("fork %d: child table %v %v", i, child.FD(3), child.FD(4))
		}
		thread := tb.Spawn(child, Thread{TID: tid + 50, PID: tid, PTID: 100}, CloneThread, ts)
		tb.CloseOnExec(child)
		child.Files().Remove(4)
		files := child.Files()
		tb.Exit(tid, 0)
		ts++
		tb.Begin(ts) // removes the child; its thread still uses the table
		if thread.Files() != files || files.refs != 1 || slices.Contains(tb.freeFiles, files) {
			t.Fatalf("fork %d: table released while a thread uses it", i)
		}
		tb.Exit(tid+50, 0)
		ts++
		tb.Begin(ts)
		ts++
		if !slices.Contains(tb.freeFiles, files) || files.Len() != 0 {
			t.Fatalf("fork %d: table of the exited process not recycled", i)
		}
		if f := sh.FD(3); f == nil || f.Name != "/etc/passwd" || sh.FD(4) == nil || sh.FD(4).Name != "/tmp/log" || sh.Files().Len() != 2 {
			t.Fatalf("fork %d: parent table changed: %v %v", i, sh.FD(3), sh.FD(4))
		}
	}
}
