package procscan

import (
	"context"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/scap"
)

func TestScanLive(t *testing.T) {
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	f, err := os.Create(filepath.Join(t.TempDir(), "held-open"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sleeper := exec.Command("sleep", "30")
	if err := sleeper.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = sleeper.Process.Kill(); _ = sleeper.Wait() }()

	snap, err := Scan(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	me := int64(os.Getpid())
	i := slices.IndexFunc(snap.Threads, func(ti event.ThreadInfo) bool { return ti.TID == me })
	if i < 0 {
		t.Fatalf("own process %d not in %d threads", me, len(snap.Threads))
	}
	self := snap.Threads[i]
	exe, _ := os.Executable()
	if self.PID != me || self.PTID != int64(os.Getppid()) || self.ExePath != exe || self.Cwd == "" || len(self.Cgroups) == 0 || self.ExeIno == 0 {
		t.Errorf("own thread = %+v", self)
	}
	threads := 0
	for _, ti := range snap.Threads {
		if ti.PID == me {
			threads++
		}
	}
	if threads < 2 {
		t.Errorf("found %d threads of the Go test process, want several", threads)
	}
	j := slices.IndexFunc(snap.Threads, func(ti event.ThreadInfo) bool { return ti.TID == int64(sleeper.Process.Pid) })
	if j < 0 {
		t.Fatal("child not found")
	}
	if c := snap.Threads[j]; c.Comm != "sleep" || c.PTID != me || !slices.Equal(c.Args, []string{"30"}) || c.Exe != "sleep" {
		t.Errorf("child = comm %q ptid %d exe %q args %q", c.Comm, c.PTID, c.Exe, c.Args)
	}
	var gotFile, gotServer bool
	port := uint16(ln.Addr().(*net.TCPAddr).Port)
	for _, fd := range snap.FDs {
		if fd.TID != me {
			continue
		}
		if fd.Name == f.Name() && fd.Type == event.FDFileV2 && fd.Flags&3 == 3 && fd.Ino != 0 {
			gotFile = true
		}
		if fd.Type == event.FDIPv4Server && fd.DstPort == port && fd.DstAddr == netip.MustParseAddr("127.0.0.1") && fd.L4Proto == event.L4TCP {
			gotServer = true
		}
	}
	if !gotFile || !gotServer {
		t.Errorf("fds of own process: file %v, tcp server %v", gotFile, gotServer)
	}
	lo := func(in scap.Interface) bool {
		return in.Addr == netip.MustParseAddr("127.0.0.1") && in.Netmask == netip.MustParseAddr("255.0.0.0")
	}
	if !slices.ContainsFunc(snap.Interfaces, lo) {
		t.Errorf("no 127.0.0.1/8 among interfaces %+v", snap.Interfaces)
	}
	if !slices.ContainsFunc(snap.Users, func(u event.UserInfo) bool { return u.UID == 0 && u.Name == "root" }) {
		t.Errorf("no root user among %d", len(snap.Users))
	}
	if !slices.ContainsFunc(snap.Groups, func(g event.GroupInfo) bool { return g.GID == 0 && g.Name == "root" }) {
		t.Errorf("no root group among %d", len(snap.Groups))
	}
}

func TestParseHexAddr(t *testing.T) {
	for _, tc := range []struct {
		in   string
		v6   bool
		want string
		port uint16
	}{
		{"0100007F:1F90", false, "127.0.0.1", 8080},
		{"00000000:0016", false, "0.0.0.0", 22},
		{"00000000000000000000000001000000:0050", true, "::1", 80},
		{"0000000000000000FFFF00000100007F:01BB", true, "::ffff:127.0.0.1", 443},
	} {
		a, p, ok := parseHexAddr(tc.in, tc.v6)
		if !ok || a.String() != tc.want || p != tc.port {
			t.Errorf("parseHexAddr(%q) = %v %d %v, want %s %d", tc.in, a, p, ok, tc.want, tc.port)
		}
	}
}

func TestReadCgroups(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cgroup")
	id := strings.Repeat("ab", 32)
	data := "12:pids:/docker/" + id + "\n3:cpu,cpuacct:/docker/" + id + "\n1:name=systemd:/\n0::/\n"
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	got := readCgroups(p)
	want := []string{"pids=/docker/" + id, "cpu=/docker/" + id, "cpuacct=/docker/" + id, "unified=/"}
	if !slices.Equal(got, want) {
		t.Errorf("readCgroups = %q, want %q", got, want)
	}
}

func TestOpenFlagsToScap(t *testing.T) {
	for _, tc := range []struct {
		linux uint64
		want  string
	}{
		{0o100000, "O_LARGEFILE|O_RDONLY"},
		{0o2100002, "O_LARGEFILE|O_RDWR|O_CLOEXEC"},
		{0o1101, "O_TRUNC|O_CREAT|O_WRONLY"},
	} {
		if got := event.FileFlags.Names(openFlagsToScap(tc.linux)); got != tc.want {
			t.Errorf("openFlagsToScap(%o) = %s, want %s", tc.linux, got, tc.want)
		}
	}
}
