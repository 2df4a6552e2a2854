//go:build linux && amd64

package probe_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/sys/unix"

	"github.com/aerie-sec/aerie/bpf/probe"
	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/internal/testenv"
)

// TestMain doubles as a helper program: with AERIE_PROBE_HELPER set, the test binary performs one action
// that needs raw syscalls (fileless exec, setuid) and exits.
func TestMain(m *testing.M) {
	switch os.Getenv("AERIE_PROBE_HELPER") {
	case "":
		os.Exit(m.Run())
	case "memfd":
		helperMemfdExec()
	case "load-as-nobody":
		if err := unix.Setresuid(65534, 65534, 65534); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		_, err := probe.Load(probe.Options{})
		fmt.Print(err)
		if errors.Is(err, probe.ErrNotRoot) {
			os.Exit(0)
		}
		os.Exit(1)
	case "setuid":
		if err := unix.Setuid(65534); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(2)
}

// helperMemfdExec copies /usr/bin/true into a memfd and executes it from there.
func helperMemfdExec() {
	fd, err := unix.MemfdCreate("aerie-fileless", 0)
	if err != nil {
		os.Exit(3)
	}
	src, err := os.Open("/usr/bin/true")
	if err != nil {
		os.Exit(4)
	}
	if _, err := io.Copy(os.NewFile(uintptr(fd), "memfd"), src); err != nil {
		os.Exit(5)
	}
	path := fmt.Sprintf("/proc/self/fd/%d", fd)
	_ = unix.Exec(path, []string{"aerie-fileless"}, os.Environ())
	os.Exit(6)
}

// harness is a loaded probe with a reader; the events of every test pass through its table check.
type harness struct {
	t  *testing.T
	p  *probe.Probe
	r  *probe.Reader
	ev event.Event // decoded in place: the harness keeps up with a busy machine's event rate
}

func newHarness(t *testing.T, opts probe.Options) *harness {
	t.Helper()
	testenv.RequireRoot(t)
	testenv.RequireBTF(t)
	p, err := probe.Load(opts)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	r, err := p.NewReader(probe.ReaderOptions{Poll: 2 * time.Millisecond, QueueBatches: 256})
	if err != nil {
		p.Close()
		t.Fatalf("NewReader: %v", err)
	}
	t.Cleanup(func() {
		r.Close()
		st, err := p.Stats()
		if err == nil {
			t.Logf("probe stats: %+v", st)
		}
		p.Close()
	})
	return &harness{t: t, p: p, r: r}
}

// next decodes the next event and checks it against the event table: known type, the table's parameter
// count, and fixed-size parameters either empty or of their size. The event is valid until the next call.
func (h *harness) next(ctx context.Context) (*event.Event, error) {
	raw, err := h.r.NextRaw(ctx)
	if err != nil {
		return nil, err
	}
	ev := &h.ev
	if err := ev.Decode(raw); err != nil {
		h.t.Errorf("decode probe record (% x): %v", raw[:min(len(raw), 32)], err)
		return nil, err
	}
	info, ok := event.Lookup(ev.Type)
	if !ok {
		h.t.Errorf("probe emitted unknown event type %d", ev.Type)
		return ev, nil
	}
	if ev.NumParams() != len(info.Params) {
		h.t.Errorf("%s (%d): %d params, table has %d", info.Name, ev.Type, ev.NumParams(), len(info.Params))
	}
	for i, pi := range info.Params {
		if i >= ev.NumParams() {
			break
		}
		if sz := pi.Type.Size(); sz > 0 && len(ev.Param(i)) != 0 && len(ev.Param(i)) != sz {
			h.t.Errorf("%s (%d) param %s: %d bytes, want %d", info.Name, ev.Type, pi.Name, len(ev.Param(i)), sz)
		}
	}
	return ev, nil
}

// run starts cmd and returns the events of its process tree, up to the root's procexit.
func (h *harness) run(cmd *exec.Cmd) []*event.Event {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), liveTimeout)
	defer cancel()
	if err := cmd.Start(); err != nil {
		h.t.Fatalf("start %v: %v", cmd.Args, err)
	}
	root := int64(cmd.Process.Pid)
	waitErr := make(chan error, 1)
	go func() { waitErr <- cmd.Wait() }()
	tree := map[int64]bool{root: true}
	var out []*event.Event
	for {
		ev, err := h.next(ctx)
		if err != nil {
			h.t.Fatalf("events of %v: %v (got %d)", cmd.Args, err, len(out))
		}
		if isClone(ev) {
			// A child's own clone event (res 0) can come before its parent's: join by ptid or pid.
			res, _ := ev.Int(0)
			switch {
			case res > 0 && tree[ev.TID]:
				tree[res] = true
			case res == 0 && (tree[num(ev, "ptid")] || tree[num(ev, "pid")]):
				tree[ev.TID] = true
			}
		}
		if !tree[ev.TID] {
			continue
		}
		out = append(out, ev.Clone())
		if ev.Type == 186 && ev.TID == root {
			break
		}
	}
	if err := <-waitErr; err != nil {
		h.t.Logf("%v: %v", cmd.Args, err)
	}
	return out
}

// liveTimeout bounds every wait for live events: generous, since a loaded CI host (-race, two test binaries
// on two cores) can delay them by seconds, and a passing test never waits for it.
const liveTimeout = 2 * time.Minute

// isMine reports whether ev comes from a thread of the test process; other processes make the same calls.
func isMine(ev *event.Event) bool {
	_, err := os.Stat(fmt.Sprintf("/proc/%d/task/%d", os.Getpid(), ev.TID))
	return err == nil
}

// until reads events until one satisfies pred.
func (h *harness) until(what string, pred func(*event.Event) bool) *event.Event {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), liveTimeout)
	defer cancel()
	for {
		ev, err := h.next(ctx)
		if err != nil {
			h.t.Fatalf("waiting for %s: %v", what, err)
		}
		if pred(ev) {
			return ev.Clone()
		}
	}
}

func isClone(ev *event.Event) bool {
	switch ev.Type {
	case 223, 225, 227, 335:
		return true
	}
	return false
}

func str(ev *event.Event, name string) string {
	i := ev.ParamIndex(name)
	if i < 0 {
		return ""
	}
	return strings.TrimRight(ev.Str(i), "\x00")
}

func num(ev *event.Event, name string) int64 {
	i := ev.ParamIndex(name)
	if i < 0 {
		return -1 << 62
	}
	v, _ := ev.Int(i)
	return v
}

func unum(ev *event.Event, name string) uint64 {
	i := ev.ParamIndex(name)
	if i < 0 {
		return 0
	}
	v, _ := ev.Uint(i)
	return v
}

// find returns the first event named name (e.g. "openat") in direction dir satisfying pred.
func find(t *testing.T, evs []*event.Event, name string, dir event.Direction, pred func(*event.Event) bool) *event.Event {
	t.Helper()
	for _, ev := range evs {
		if ev.Name() == name && ev.Dir() == dir && (pred == nil || pred(ev)) {
			return ev
		}
	}
	var seen []string
	for _, ev := range evs {
		seen = append(seen, ev.Name()+map[event.Direction]string{event.Enter: ">", event.Exit: "<"}[ev.Dir()])
	}
	t.Fatalf("no %s event (dir %d) matched among %d events: %s", name, dir, len(evs), strings.Join(seen, " "))
	return nil
}

func execOf(t *testing.T, evs []*event.Event, comm string) *event.Event {
	t.Helper()
	return find(t, evs, "execve", event.Exit, func(ev *event.Event) bool { return str(ev, "comm") == comm && num(ev, "res") == 0 })
}

// rawOpen calls open(2) or creat(2) itself (x/sys implements both with openat).
func rawOpen(nr uintptr, path string, a1, a2 uintptr) (int, error) {
	b, err := unix.BytePtrFromString(path)
	if err != nil {
		return -1, err
	}
	fd, _, errno := unix.Syscall(nr, uintptr(unsafe.Pointer(b)), a1, a2)
	if errno != 0 {
		return -1, errno
	}
	return int(fd), nil
}

func TestLiveEvents(t *testing.T) {
	h := newHarness(t, probe.Options{Interest: probe.AllInterest(), RingSize: 64 << 20})
	if h.p.Flavor() != probe.FlavorBTF {
		t.Errorf("flavor = %s, want tp_btf on this kernel", h.p.Flavor())
	}
	dir := t.TempDir()

	// Open exits take the path the enter event read when nothing else was written on the CPU in between, else
	// read it again: either way each exit carries its own call's path, equal to its enter's.
	t.Run("open family paths, enter and exit", func(t *testing.T) {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		tid := int64(unix.Gettid())
		want := map[string]bool{}
		for i := range 40 {
			base := filepath.Join(dir, fmt.Sprintf("p%02d-%s", i, strings.Repeat("x", i*5)))
			calls := []struct {
				path string
				open func(string) (int, error)
			}{
				{base + ".openat", func(p string) (int, error) { return unix.Openat(unix.AT_FDCWD, p, unix.O_CREAT|unix.O_WRONLY, 0o600) }},
				{base + ".openat2", func(p string) (int, error) {
					return unix.Openat2(unix.AT_FDCWD, p, &unix.OpenHow{Flags: unix.O_CREAT | unix.O_WRONLY, Mode: 0o600})
				}},
				{base + ".creat", func(p string) (int, error) { return rawOpen(unix.SYS_CREAT, p, 0o600, 0) }},
				{base + ".open", func(p string) (int, error) { return rawOpen(unix.SYS_OPEN, p, unix.O_CREAT|unix.O_WRONLY, 0o600) }},
			}
			for _, c := range calls {
				fd, err := c.open(c.path)
				if err != nil {
					t.Fatalf("open %s: %v", c.path, err)
				}
				unix.Close(fd)
				want[c.path] = true
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), liveTimeout)
		defer cancel()
		enters := map[string]string{} // path -> syscall name
		for len(want) > 0 {
			ev, err := h.next(ctx)
			if err != nil {
				t.Fatalf("waiting for open exits (%d left): %v", len(want), err)
			}
			if ev.TID != tid {
				continue
			}
			switch ev.Name() {
			case "open", "openat", "openat2", "creat":
			default:
				continue
			}
			name := str(ev, "name")
			if !strings.HasPrefix(name, dir) {
				continue
			}
			if ev.Dir() == event.Enter {
				enters[name] = ev.Name()
				continue
			}
			if !want[name] || !strings.HasSuffix(name, "."+ev.Name()) {
				t.Errorf("%s exit with path %q, not a path this call opened", ev.Name(), name)
			}
			if enters[name] != ev.Name() {
				t.Errorf("%s exit %q without its enter event", ev.Name(), name)
			}
			if num(ev, "fd") < 0 || unum(ev, "ino") == 0 {
				t.Errorf("%s exit %q: fd=%d ino=%d", ev.Name(), name, num(ev, "fd"), unum(ev, "ino"))
			}
			delete(want, name)
		}
	})

	t.Run("read /etc/shadow", func(t *testing.T) {
		evs := h.run(exec.Command("cat", "/etc/shadow"))
		ex := execOf(t, evs, "cat")
		if got := str(ex, "trusted_exepath"); got != "/usr/bin/cat" {
			t.Errorf("trusted_exepath = %q, want /usr/bin/cat", got)
		}
		if got := ex.List(ex.ParamIndex("args")); !slices.Equal(got, []string{"/etc/shadow"}) {
			t.Errorf("args = %q", got)
		}
		if got := str(ex, "exe"); got != "cat" {
			t.Errorf("exe = %q", got)
		}
		if num(ex, "ptid") != int64(os.Getpid()) {
			if _, err := os.Stat(fmt.Sprintf("/proc/self/task/%d", num(ex, "ptid"))); err != nil {
				t.Errorf("ptid %d is not a thread of the test process %d", num(ex, "ptid"), os.Getpid())
			}
		}
		find(t, evs, "openat", event.Enter, func(ev *event.Event) bool { return str(ev, "name") == "/etc/shadow" })
		op := find(t, evs, "openat", event.Exit, func(ev *event.Event) bool { return str(ev, "name") == "/etc/shadow" })
		if num(op, "fd") < 0 || unum(op, "ino") == 0 || unum(op, "dev") == 0 {
			t.Errorf("openat exit fd=%d ino=%d dev=%d", num(op, "fd"), unum(op, "ino"), unum(op, "dev"))
		}
		if f := unum(op, "flags"); f&3 != 1 {
			t.Errorf("openat flags = %#x, want O_RDONLY (1)", f)
		}
		find(t, evs, "close", event.Exit, func(ev *event.Event) bool { return num(ev, "fd") == num(op, "fd") })
		pe := find(t, evs, "procexit", event.Enter, nil)
		if num(pe, "ret") != 0 {
			t.Errorf("procexit ret = %d", num(pe, "ret"))
		}
	})

	t.Run("shell spawned by non-shell", func(t *testing.T) {
		evs := h.run(exec.Command("sh", "-c", "cd /tmp && ls >/dev/null"))
		ex := execOf(t, evs, "sh")
		if got := str(ex, "filename"); !strings.HasSuffix(got, "/sh") {
			t.Errorf("filename = %q", got)
		}
		child := find(t, evs, "clone", event.Exit, func(ev *event.Event) bool { return num(ev, "res") == 0 })
		if str(child, "comm") == "" || num(child, "tid") != child.TID || num(child, "pid") != child.TID {
			t.Errorf("clone child event: comm=%q tid=%d pid=%d event tid=%d", str(child, "comm"), num(child, "tid"), num(child, "pid"), child.TID)
		}
		find(t, evs, "chdir", event.Exit, func(ev *event.Event) bool { return str(ev, "path") == "/tmp" })
		execOf(t, evs, "ls")
	})

	t.Run("netcat-style connect", func(t *testing.T) {
		ln, err := net.Listen("tcp4", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer ln.Close()
		go func() {
			c, err := ln.Accept()
			if err == nil {
				_, _ = io.Copy(io.Discard, c)
				c.Close()
			}
		}()
		port := ln.Addr().(*net.TCPAddr).Port
		evs := h.run(exec.Command("bash", "-c", fmt.Sprintf("exec 3<>/dev/tcp/127.0.0.1/%d; echo hi >&3", port)))
		find(t, evs, "socket", event.Exit, func(ev *event.Event) bool { return unum(ev, "domain") == 2 })
		// bash may first connect to nscd's unix socket to look up the user; pick the inet connect.
		ce := find(t, evs, "connect", event.Enter, func(ev *event.Event) bool {
			a, ok := ev.SockAddr(ev.ParamIndex("addr"))
			return ok && a.Family != 1
		})
		if a, ok := ce.SockAddr(ce.ParamIndex("addr")); !ok || a.Port != uint16(port) || a.Addr.String() != "127.0.0.1" {
			t.Errorf("connect enter addr = %+v", a)
		}
		cx := find(t, evs, "connect", event.Exit, func(ev *event.Event) bool {
			tu, ok := ev.SockTuple(ev.ParamIndex("tuple"))
			return ev.TID == ce.TID && ev.Ts > ce.Ts && (!ok || tu.Family != 1)
		})
		tu, ok := cx.SockTuple(cx.ParamIndex("tuple"))
		if !ok || num(cx, "res") != 0 || tu.DstPort != uint16(port) || tu.DstAddr.String() != "127.0.0.1" || tu.SrcPort == 0 {
			t.Errorf("connect exit res=%d tuple=%+v", num(cx, "res"), tu)
		}
		find(t, evs, "write", event.Exit, func(ev *event.Event) bool { return num(ev, "res") == 3 && unum(ev, "size") == 3 })
	})

	t.Run("sendmsg and recvmsg", func(t *testing.T) {
		// python-free: bash's /dev/udp uses connect+write, so drive a unix datagram pair from the test process.
		fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_DGRAM, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer unix.Close(fds[0])
		defer unix.Close(fds[1])
		if err := unix.Sendmsg(fds[0], []byte("hello"), nil, nil, 0); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 16)
		if _, _, _, _, err := unix.Recvmsg(fds[1], buf, nil, 0); err != nil {
			t.Fatal(err)
		}
		sm := h.until("sendmsg", func(ev *event.Event) bool {
			return ev.Name() == "sendmsg" && isMine(ev) && num(ev, "fd") == int64(fds[0])
		})
		if num(sm, "res") != 5 || unum(sm, "size") != 5 {
			t.Errorf("sendmsg res=%d size=%d", num(sm, "res"), unum(sm, "size"))
		}
		rm := h.until("recvmsg", func(ev *event.Event) bool {
			return ev.Name() == "recvmsg" && isMine(ev) && num(ev, "fd") == int64(fds[1])
		})
		if num(rm, "res") != 5 {
			t.Errorf("recvmsg res=%d", num(rm, "res"))
		}
	})

	t.Run("sendto and recvfrom data", func(t *testing.T) {
		// The events carry the first 80 bytes (Falco's snaplen) of what moved: enough for payload rules.
		fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_DGRAM, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer unix.Close(fds[0])
		defer unix.Close(fds[1])
		payload := append([]byte{0xca, 0xfe, 0xba, 0xbe}, make([]byte, 96)...)
		for i := 4; i < len(payload); i++ {
			payload[i] = byte(i)
		}
		if err := unix.Sendto(fds[0], payload, 0, nil); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 128)
		if n, _, err := unix.Recvfrom(fds[1], buf, 0); err != nil || n != len(payload) {
			t.Fatalf("recvfrom: %d, %v", n, err)
		}
		for _, name := range []string{"sendto", "recvfrom"} {
			ev := h.until(name, func(ev *event.Event) bool { return ev.Name() == name && isMine(ev) })
			data := ev.Param(ev.ParamIndex("data"))
			if num(ev, "res") != int64(len(payload)) || !bytes.Equal(data, payload[:80]) {
				t.Errorf("%s res=%d data=% x, want the first 80 of %d bytes", name, num(ev, "res"), data, len(payload))
			}
		}
	})

	t.Run("typed fds", func(t *testing.T) {
		efd, err := unix.Eventfd(0, unix.EFD_CLOEXEC)
		if err != nil {
			t.Fatal(err)
		}
		defer unix.Close(efd)
		ifd, err := unix.InotifyInit1(unix.IN_NONBLOCK)
		if err != nil {
			t.Fatal(err)
		}
		defer unix.Close(ifd)
		// Other processes (every Go program starting) create eventfds with the same fd number: only ours.
		ev := h.until("eventfd2", func(ev *event.Event) bool {
			return ev.Name() == "eventfd2" && isMine(ev) && num(ev, "res") == int64(efd)
		})
		if unum(ev, "flags") != 2 {
			t.Errorf("eventfd2 flags = %d, want 2 (cloexec)", unum(ev, "flags"))
		}
		ev = h.until("inotify_init1", func(ev *event.Event) bool {
			return ev.Name() == "inotify_init1" && isMine(ev) && num(ev, "res") == int64(ifd)
		})
		if unum(ev, "flags") != 1 {
			t.Errorf("inotify_init1 flags = %d, want 1 (nonblock)", unum(ev, "flags"))
		}
	})

	t.Run("chmod +s", func(t *testing.T) {
		f := filepath.Join(dir, "suid")
		if err := os.WriteFile(f, nil, 0o755); err != nil {
			t.Fatal(err)
		}
		evs := h.run(exec.Command("chmod", "u+s", f))
		ev := find(t, evs, "fchmodat", event.Exit, nil)
		if str(ev, "filename") != f || unum(ev, "mode")&0o4000 == 0 || num(ev, "res") != 0 {
			t.Errorf("fchmodat filename=%q mode=%o res=%d", str(ev, "filename"), unum(ev, "mode"), num(ev, "res"))
		}
	})

	t.Run("mkdir under /bin", func(t *testing.T) {
		d := fmt.Sprintf("/bin/.aerie-probe-test-%d", os.Getpid())
		defer os.Remove(d)
		evs := h.run(exec.Command("sh", "-c", "mkdir "+d+" && rmdir "+d))
		mk := find(t, evs, "mkdir", event.Exit, nil)
		if str(mk, "path") != d || num(mk, "res") != 0 {
			t.Errorf("mkdir path=%q res=%d", str(mk, "path"), num(mk, "res"))
		}
		find(t, evs, "rmdir", event.Exit, func(ev *event.Event) bool { return str(ev, "path") == d })
	})

	t.Run("symlink over /etc file", func(t *testing.T) {
		l := filepath.Join(dir, "shadow-link")
		evs := h.run(exec.Command("ln", "-s", "/etc/shadow", l))
		ev := find(t, evs, "symlinkat", event.Exit, nil)
		if str(ev, "target") != "/etc/shadow" || str(ev, "linkpath") != l {
			t.Errorf("symlinkat target=%q linkpath=%q", str(ev, "target"), str(ev, "linkpath"))
		}
	})

	t.Run("log clearing", func(t *testing.T) {
		f := fmt.Sprintf("/var/log/aerie-probe-test-%d.log", os.Getpid())
		_ = os.Remove(f) // a leftover of a killed run with the same pid would not be created again
		defer os.Remove(f)
		evs := h.run(exec.Command("bash", "-c", ": > "+f))
		ev := find(t, evs, "openat", event.Exit, func(ev *event.Event) bool { return str(ev, "name") == f })
		fl := unum(ev, "flags")
		trunc, _ := event.FileFlags.Value("O_TRUNC")
		if fl&uint64(trunc) == 0 {
			t.Errorf("flags %#x lack O_TRUNC (%s)", fl, event.FileFlags.Format(uint32(fl)))
		}
		if fl&(1<<14) == 0 {
			t.Errorf("flags %#x lack O_F_CREATED for a new file", fl)
		}
	})

	t.Run("pipe and dup", func(t *testing.T) {
		evs := h.run(exec.Command("bash", "-c", "echo x | cat >/dev/null"))
		find(t, evs, "pipe2", event.Exit, func(ev *event.Event) bool { return num(ev, "fd1") >= 0 && unum(ev, "ino") != 0 })
		find(t, evs, "dup2", event.Exit, nil)
	})

	t.Run("ptrace attach", func(t *testing.T) {
		sleeper := exec.Command("sleep", "10")
		if err := sleeper.Start(); err != nil {
			t.Fatal(err)
		}
		defer func() { _ = sleeper.Process.Kill(); _ = sleeper.Wait() }()
		pid := sleeper.Process.Pid
		done := make(chan error, 1)
		go func() {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			if err := unix.PtraceAttach(pid); err != nil {
				done <- err
				return
			}
			var ws unix.WaitStatus
			_, _ = unix.Wait4(pid, &ws, unix.WALL, nil)
			done <- unix.PtraceDetach(pid)
		}()
		attach, _ := event.PtraceRequests.Value("PTRACE_ATTACH")
		ev := h.until("ptrace attach", func(ev *event.Event) bool {
			return ev.Name() == "ptrace" && num(ev, "pid") == int64(pid)
		})
		if err := <-done; err != nil {
			t.Fatalf("ptrace: %v", err)
		}
		if unum(ev, "request") != uint64(attach) || num(ev, "res") != 0 {
			t.Errorf("ptrace request=%d (%s) res=%d, want PTRACE_ATTACH (%d)", unum(ev, "request"),
				event.PtraceRequests.FormatEnum(uint32(unum(ev, "request"))), num(ev, "res"), attach)
		}
	})

	t.Run("memfd execution", func(t *testing.T) {
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), "AERIE_PROBE_HELPER=memfd")
		evs := h.run(cmd)
		find(t, evs, "memfd_create", event.Exit, func(ev *event.Event) bool { return str(ev, "name") == "aerie-fileless" })
		ex := find(t, evs, "execve", event.Exit, func(ev *event.Event) bool { return str(ev, "exe") == "aerie-fileless" })
		if unum(ex, "flags")&4 == 0 { // PPM_EXE_FROM_MEMFD
			t.Errorf("execve flags = %#x, want PPM_EXE_FROM_MEMFD; trusted_exepath=%q", unum(ex, "flags"), str(ex, "trusted_exepath"))
		}
	})

	t.Run("overlayfs layers", func(t *testing.T) {
		// In a private mount namespace, an overlay whose lower layer holds one executable (an image's) and
		// whose upper layer gets another (dropped at run time): exec reports the layer of each. The layers
		// live on a tmpfs mounted there, so whatever holds TMPDIR (overlayfs itself, which cannot be an upper
		// layer, in a container) does not matter.
		dir := t.TempDir()
		script := fmt.Sprintf("mount -t tmpfs aerie-ovl %[1]s && mkdir %[1]s/lower %[1]s/upper %[1]s/work %[1]s/merged && "+
			"cp /usr/bin/true %[1]s/lower/aerie-image && "+
			"mount -t overlay overlay -o lowerdir=%[1]s/lower,upperdir=%[1]s/upper,workdir=%[1]s/work %[1]s/merged && "+
			"cp /usr/bin/true %[1]s/merged/aerie-dropped && %[1]s/merged/aerie-dropped && %[1]s/merged/aerie-image", dir)
		cmd := exec.Command("/bin/sh", "-c", script)
		cmd.SysProcAttr = &syscall.SysProcAttr{Unshareflags: syscall.CLONE_NEWNS}
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		evs := h.run(cmd)
		if !cmd.ProcessState.Success() {
			t.Fatalf("overlay script: %v: %s", cmd.ProcessState, out.String())
		}
		for comm, want := range map[string]uint64{"aerie-dropped": 1 << 1, "aerie-image": 1 << 3} { // PPM_EXE_UPPER_LAYER, PPM_EXE_LOWER_LAYER
			if got := unum(execOf(t, evs, comm), "flags") & (1<<1 | 1<<3); got != want {
				t.Errorf("%s: execve layer flags = %#x, want %#x", comm, got, want)
			}
		}
		var st unix.Statfs_t
		if err := unix.Statfs("/bin/sh", &st); err == nil && st.Type == unix.OVERLAYFS_SUPER_MAGIC {
			t.Logf("/bin/sh is itself on overlayfs (a container's root): its layer flags are not checked")
		} else if got := unum(execOf(t, evs, "sh"), "flags") & (1<<1 | 1<<3); got != 0 {
			t.Errorf("sh (not on overlayfs): execve layer flags = %#x, want 0", got)
		}
	})

	t.Run("setuid", func(t *testing.T) {
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), "AERIE_PROBE_HELPER=setuid")
		evs := h.run(cmd)
		ev := find(t, evs, "setuid", event.Exit, nil)
		if unum(ev, "uid") != 65534 || num(ev, "res") != 0 {
			t.Errorf("setuid uid=%d res=%d", unum(ev, "uid"), num(ev, "res"))
		}
	})

	t.Run("private mount namespace", func(t *testing.T) {
		evs := h.run(exec.Command("unshare", "-m", "sh", "-c", "mount -t tmpfs aerie-test /mnt"))
		un := find(t, evs, "unshare", event.Exit, nil)
		if unum(un, "flags")&32 == 0 { // PPM_CL_CLONE_NEWNS
			t.Errorf("unshare flags = %#x, want CLONE_NEWNS", unum(un, "flags"))
		}
		m := find(t, evs, "mount", event.Exit, func(ev *event.Event) bool { return str(ev, "dev") == "aerie-test" })
		if str(m, "dir") != "/mnt" || str(m, "type") != "tmpfs" || num(m, "res") != 0 {
			t.Errorf("mount dir=%q type=%q res=%d", str(m, "dir"), str(m, "type"), num(m, "res"))
		}
	})

	t.Run("container cgroup", func(t *testing.T) {
		id := fmt.Sprintf("ae12%08x", os.Getpid()) + strings.Repeat("ae12", 13) // unique: runs may overlap
		base := "/sys/fs/cgroup/docker"                                         // cgroup v2
		if _, err := os.Stat("/sys/fs/cgroup/pids"); err == nil {
			base = "/sys/fs/cgroup/pids/docker" // v1, as on the project machine
		}
		cg := filepath.Join(base, id)
		if err := os.MkdirAll(cg, 0o755); err != nil {
			t.Fatalf("create cgroup: %v", err)
		}
		defer func() { _ = os.Remove(cg); _ = os.Remove(base) }()
		evs := h.run(exec.Command("sh", "-c", "echo $$ > "+cg+"/cgroup.procs && exec cat /etc/hostname"))
		ex := execOf(t, evs, "cat")
		cgs := ex.List(ex.ParamIndex("cgroups"))
		if !slices.ContainsFunc(cgs, func(c string) bool { return strings.HasSuffix(c, "=/docker/"+id) }) {
			t.Errorf("cgroups = %q, want an entry SUBSYS=/docker/%s", cgs, id)
		}
	})

	t.Run("mknod and mknodat", func(t *testing.T) {
		// A FIFO (reverse-shell plumbing) and a character device node (what a container escape creates).
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		tid := int64(unix.Gettid())
		fifo, chr := filepath.Join(dir, "fifo"), filepath.Join(dir, "null-copy")
		if err := unix.Mknodat(unix.AT_FDCWD, fifo, unix.S_IFIFO|0o600, 0); err != nil {
			t.Fatal(err)
		}
		b, _ := unix.BytePtrFromString(chr)
		if _, _, errno := unix.Syscall(unix.SYS_MKNOD, uintptr(unsafe.Pointer(b)), unix.S_IFCHR|0o600, uintptr(unix.Mkdev(1, 3))); errno != 0 {
			t.Fatalf("mknod: %v", errno)
		}
		at := h.until("mknodat", func(ev *event.Event) bool { return ev.Name() == "mknodat" && ev.TID == tid && str(ev, "path") == fifo })
		if num(at, "res") != 0 || num(at, "dirfd") != -100 || unum(at, "mode") != unix.S_IFIFO|0o600 || unum(at, "dev") != 0 {
			t.Errorf("mknodat res=%d dirfd=%d mode=%o dev=%#x", num(at, "res"), num(at, "dirfd"), unum(at, "mode"), unum(at, "dev"))
		}
		mk := h.until("mknod", func(ev *event.Event) bool { return ev.Name() == "mknod" && ev.TID == tid && str(ev, "path") == chr })
		// libs passes the user's dev through the kernel dev_t encoder: makedev(1, 3) = 0x103 is reported 0x100003.
		if num(mk, "res") != 0 || unum(mk, "mode") != unix.S_IFCHR|0o600 || unum(mk, "dev") != 0x100003 {
			t.Errorf("mknod res=%d mode=%o dev=%#x", num(mk, "res"), unum(mk, "mode"), unum(mk, "dev"))
		}
	})

	t.Run("open_by_handle_at", func(t *testing.T) {
		// The "shocker" container escape opens host files by handle, bypassing the path: the event names the file.
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		tid := int64(unix.Gettid())
		f := filepath.Join(dir, "by-handle")
		if err := os.WriteFile(f, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		var st unix.Stat_t
		if err := unix.Stat(f, &st); err != nil {
			t.Fatal(err)
		}
		handle, _, err := unix.NameToHandleAt(unix.AT_FDCWD, f, 0)
		if err != nil {
			t.Fatalf("name_to_handle_at: %v", err)
		}
		mfd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer unix.Close(mfd)
		fd, err := unix.OpenByHandleAt(mfd, handle, unix.O_RDONLY)
		if err != nil {
			t.Fatalf("open_by_handle_at: %v", err)
		}
		unix.Close(fd)
		ev := h.until("open_by_handle_at", func(ev *event.Event) bool {
			return ev.Name() == "open_by_handle_at" && ev.TID == tid && num(ev, "fd") == int64(fd)
		})
		if str(ev, "path") != f || num(ev, "mountfd") != int64(mfd) || unum(ev, "flags")&3 != 1 || unum(ev, "ino") != st.Ino || unum(ev, "dev") == 0 {
			t.Errorf("open_by_handle_at path=%q mountfd=%d flags=%#x ino=%d (want %d) dev=%#x", str(ev, "path"), num(ev, "mountfd"),
				unum(ev, "flags"), unum(ev, "ino"), st.Ino, unum(ev, "dev"))
		}
	})

	t.Run("delete_module", func(t *testing.T) {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		tid := int64(unix.Gettid())
		name := fmt.Sprintf("aerie_no_such_module_%d", os.Getpid())
		// ENOENT, or ENOSYS on a kernel built without module unloading: the event is reported either way.
		var errno unix.Errno
		if err := unix.DeleteModule(name, unix.O_NONBLOCK|unix.O_TRUNC); !errors.As(err, &errno) {
			t.Fatalf("delete_module %s: %v, want an errno", name, err)
		}
		ev := h.until("delete_module", func(ev *event.Event) bool { return ev.Name() == "delete_module" && ev.TID == tid })
		if str(ev, "name") != name || num(ev, "res") != -int64(errno) || unum(ev, "flags") != 3 { // O_TRUNC|O_NONBLOCK
			t.Errorf("delete_module name=%q res=%d flags=%#x", str(ev, "name"), num(ev, "res"), unum(ev, "flags"))
		}
	})

	t.Run("process_vm_writev and readv", func(t *testing.T) {
		// Another process's memory written and read without ptrace (injection, credential dumping).
		target := exec.Command("sleep", "10")
		if err := target.Start(); err != nil {
			t.Fatal(err)
		}
		defer func() { _ = target.Process.Kill(); _ = target.Wait() }()
		pid := target.Process.Pid
		// A writable address of the target: the start of its stack mapping.
		maps, err := os.ReadFile(fmt.Sprintf("/proc/%d/maps", pid))
		if err != nil {
			t.Fatal(err)
		}
		var addr uintptr
		for _, line := range strings.Split(string(maps), "\n") {
			if strings.HasSuffix(line, "[stack]") {
				_, _ = fmt.Sscanf(line, "%x-", &addr)
			}
		}
		if addr == 0 {
			t.Fatalf("no stack mapping in /proc/%d/maps", pid)
		}
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		tid := int64(unix.Gettid())
		payload := []byte("aerie-injected-payload")
		remote := []unix.RemoteIovec{{Base: addr, Len: len(payload)}}
		if n, err := unix.ProcessVMWritev(pid, []unix.Iovec{{Base: &payload[0], Len: uint64(len(payload))}}, remote, 0); err != nil || n != len(payload) {
			t.Fatalf("process_vm_writev: %d, %v", n, err)
		}
		back := make([]byte, len(payload))
		if n, err := unix.ProcessVMReadv(pid, []unix.Iovec{{Base: &back[0], Len: uint64(len(back))}}, remote, 0); err != nil || n != len(back) {
			t.Fatalf("process_vm_readv: %d, %v", n, err)
		}
		for _, name := range []string{"process_vm_writev", "process_vm_readv"} {
			ev := h.until(name, func(ev *event.Event) bool { return ev.Name() == name && ev.TID == tid })
			if num(ev, "res") != int64(len(payload)) || num(ev, "pid") != int64(pid) || !bytes.Equal(ev.Param(ev.ParamIndex("data")), payload) {
				t.Errorf("%s res=%d pid=%d data=%q", name, num(ev, "res"), num(ev, "pid"), ev.Param(ev.ParamIndex("data")))
			}
		}
	})

	t.Run("sendfile, splice and copy_file_range", func(t *testing.T) {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		tid := int64(unix.Gettid())
		src := filepath.Join(dir, "xfer-src")
		if err := os.WriteFile(src, []byte("0123456789abcdef"), 0o600); err != nil {
			t.Fatal(err)
		}
		in, err := unix.Open(src, unix.O_RDONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer unix.Close(in)
		out, err := unix.Open(filepath.Join(dir, "xfer-dst"), unix.O_WRONLY|unix.O_CREAT, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		defer unix.Close(out)
		off := int64(4)
		if n, err := unix.Sendfile(out, in, &off, 6); err != nil || n != 6 {
			t.Fatalf("sendfile: %d, %v", n, err)
		}
		var p [2]int
		if err := unix.Pipe(p[:]); err != nil {
			t.Fatal(err)
		}
		defer unix.Close(p[0])
		defer unix.Close(p[1])
		if _, err := unix.Write(p[1], []byte("piped")); err != nil {
			t.Fatal(err)
		}
		if n, err := unix.Splice(p[0], nil, out, nil, 5, unix.SPLICE_F_MOVE|unix.SPLICE_F_MORE); err != nil || n != 5 {
			t.Fatalf("splice: %d, %v", n, err)
		}
		if n, err := unix.CopyFileRange(in, nil, out, nil, 3, 0); err != nil || n != 3 {
			t.Fatalf("copy_file_range: %d, %v", n, err)
		}
		mine := func(name string) func(*event.Event) bool {
			return func(ev *event.Event) bool { return ev.Name() == name && ev.TID == tid }
		}
		sf := h.until("sendfile", mine("sendfile"))
		if num(sf, "res") != 6 || num(sf, "out_fd") != int64(out) || num(sf, "in_fd") != int64(in) || unum(sf, "size") != 6 || unum(sf, "offset") != 10 {
			t.Errorf("sendfile res=%d out_fd=%d in_fd=%d size=%d offset=%d", num(sf, "res"), num(sf, "out_fd"), num(sf, "in_fd"), unum(sf, "size"), unum(sf, "offset"))
		}
		sp := h.until("splice", mine("splice"))
		if num(sp, "res") != 5 || num(sp, "fd_in") != int64(p[0]) || num(sp, "fd_out") != int64(out) || unum(sp, "size") != 5 || unum(sp, "flags") != 5 {
			t.Errorf("splice res=%d fd_in=%d fd_out=%d size=%d flags=%d", num(sp, "res"), num(sp, "fd_in"), num(sp, "fd_out"), unum(sp, "size"), unum(sp, "flags"))
		}
		cf := h.until("copy_file_range", mine("copy_file_range"))
		if num(cf, "res") != 3 || num(cf, "fdin") != int64(in) || num(cf, "fdout") != int64(out) || unum(cf, "len") != 3 || unum(cf, "offin") != 0 {
			t.Errorf("copy_file_range res=%d fdin=%d fdout=%d len=%d offin=%d", num(cf, "res"), num(cf, "fdin"), num(cf, "fdout"), unum(cf, "len"), unum(cf, "offin"))
		}
	})

	t.Run("fsconfig", func(t *testing.T) {
		// The new mount API: a tmpfs configured and created, mounted detached, never attached anywhere.
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		tid := int64(unix.Gettid())
		fd, err := unix.Fsopen("tmpfs", unix.FSOPEN_CLOEXEC)
		if err != nil {
			t.Fatalf("fsopen: %v", err)
		}
		defer unix.Close(fd)
		if err := unix.FsconfigSetString(fd, "size", "1m"); err != nil {
			t.Fatalf("fsconfig set string: %v", err)
		}
		if err := unix.FsconfigSetString(fd, "aerie-no-such-option", "x"); err == nil {
			t.Fatal("fsconfig accepted an unknown option")
		}
		if err := unix.FsconfigCreate(fd); err != nil {
			t.Fatalf("fsconfig create: %v", err)
		}
		if mfd, err := unix.Fsmount(fd, unix.FSMOUNT_CLOEXEC, 0); err == nil {
			unix.Close(mfd)
		}
		want := []struct {
			cmd        uint64
			key, value string
			ok         bool
		}{{1, "size", "1m", true}, {1, "aerie-no-such-option", "", false}, {6, "", "", true}} // SET_STRING, CMD_CREATE
		for _, w := range want {
			ev := h.until("fsconfig", func(ev *event.Event) bool {
				return ev.Name() == "fsconfig" && ev.TID == tid && unum(ev, "cmd") == w.cmd && str(ev, "key") == w.key
			})
			if num(ev, "fd") != int64(fd) || str(ev, "value_charbuf") != w.value || (num(ev, "res") == 0) != w.ok {
				t.Errorf("fsconfig cmd=%d key=%q: fd=%d value=%q res=%d", w.cmd, w.key, num(ev, "fd"), str(ev, "value_charbuf"), num(ev, "res"))
			}
		}
	})

	t.Run("swap interest", func(t *testing.T) {
		narrow, err := probe.InterestNames("execve", "procexit", "clone", "clone3", "fork", "vfork")
		if err != nil {
			t.Fatal(err)
		}
		if err := h.p.SetInterest(narrow); err != nil {
			t.Fatal(err)
		}
		d := filepath.Join(dir, "swap")
		evs := h.run(exec.Command("mkdir", d))
		for _, ev := range evs {
			if ev.Name() == "mkdir" || ev.Name() == "openat" {
				t.Errorf("%s event with the narrow interest set", ev.Name())
			}
		}
		wide := narrow.Union(must(probe.InterestNames("rmdir")))
		var during []*event.Event
		err = h.p.SwapInterest(wide, func() error {
			if !h.p.Interest().Has("rmdir") || !h.p.Interest().Has("execve") {
				return errors.New("swap ran before the union was installed")
			}
			during = h.run(exec.Command("rmdir", d))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		find(t, during, "rmdir", event.Exit, nil)
		if !slices.Equal(h.p.Interest().Names(), wide.Names()) {
			t.Errorf("interest after swap = %v, want %v", h.p.Interest().Names(), wide.Names())
		}
		if err := h.p.SetInterest(probe.AllInterest()); err != nil {
			t.Fatal(err)
		}
	})

	st, err := h.p.Stats()
	if err != nil {
		t.Fatal(err)
	}
	var events, drops uint64
	for _, s := range st {
		events += s.Events
		drops += s.Drops
	}
	if events == 0 {
		t.Errorf("counters: events=%d drops=%d", events, drops)
	}
	if drops != 0 {
		t.Logf("drops under this machine's load: %d of %d", drops, events) // counted and reported, not a failure
	}

	reg := prometheus.NewRegistry()
	if err := reg.Register(h.p.Collector()); err != nil {
		t.Fatal(err)
	}
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var exported float64
	for _, mf := range mfs {
		if mf.GetName() == "aerie_probe_events_total" {
			for _, m := range mf.GetMetric() {
				exported += m.GetCounter().GetValue()
			}
			if len(mf.GetMetric()) != len(st) {
				t.Errorf("%d cpu series, want %d", len(mf.GetMetric()), len(st))
			}
		}
	}
	if exported < float64(events) {
		t.Errorf("exported events %v < counted %d", exported, events)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestRawTracepointFallback(t *testing.T) {
	h := newHarness(t, probe.Options{RawTracepoint: true, RingSize: 1 << 20})
	if h.p.Flavor() != probe.FlavorRaw {
		t.Fatalf("flavor = %s", h.p.Flavor())
	}
	evs := h.run(exec.Command("cat", "/etc/hostname"))
	execOf(t, evs, "cat")
	find(t, evs, "openat", event.Exit, func(ev *event.Event) bool { return str(ev, "name") == "/etc/hostname" })
}

// TestDropsCountedAndLogged stalls the reader behind a one-page ring: the kernel counts the lost events per
// CPU, the collector exports them and the reader logs them.
func TestDropsCountedAndLogged(t *testing.T) {
	testenv.RequireRoot(t)
	testenv.RequireBTF(t)
	var logs testenv.SyncBuffer
	p, err := probe.Load(probe.Options{Interest: probe.AllInterest(), RingSize: 4096,
		Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	for i := 0; i < 200; i++ { // nobody reads yet: the page fills after a few dozen events
		f, err := os.Open("/etc/hostname")
		if err == nil {
			f.Close()
		}
	}
	st, err := p.Stats()
	if err != nil {
		t.Fatal(err)
	}
	var drops uint64
	for _, s := range st {
		drops += s.Drops
	}
	if drops == 0 {
		t.Fatalf("no drops counted with a stalled 4 KiB ring: %+v", st)
	}
	r, err := p.NewReader(probe.ReaderOptions{DropReport: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	deadline := time.Now().Add(liveTimeout)
	for !strings.Contains(logs.String(), "probe dropped events") {
		if time.Now().After(deadline) {
			t.Fatalf("drops not logged; log: %q", logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestLoadErrors(t *testing.T) {
	if os.Geteuid() == 0 {
		if _, err := probe.Load(probe.Options{RingSize: 3000}); err == nil || !strings.Contains(err.Error(), "power of two") {
			t.Errorf("odd ring size: %v", err)
		}
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), "AERIE_PROBE_HELPER=load-as-nobody")
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "needs root") {
			t.Errorf("Load as uid 65534: %v: %s", err, out)
		}
		return
	}
	if _, err := probe.Load(probe.Options{}); !errors.Is(err, probe.ErrNotRoot) {
		t.Errorf("Load as non-root: %v, want ErrNotRoot", err)
	}
}
