package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aerie-sec/aerie/config"
	"github.com/aerie-sec/aerie/internal/testenv"
)

// defaultRuleTriggers are the embedded default rules that testdata/live-defaults/actions.sh triggers,
// each by the action on the line that names it.
var defaultRuleTriggers = []string{
	"Password Store Read by Unexpected Program",
	"System File Reached Through Path Traversal",
	"Search for Private Keys or Cloud Credentials",
	"Program Started by Database Server",
	"Cryptocurrency Miner Started",
	"Data Destruction Tool Run",
	"Program Executed from Shared Memory",
	"Glibc Tunables Passed to Setuid Program",
	"Glibc Tunables Set for Program",
	"Pkexec Started Without Arguments",
	"Sudoedit Started with Trailing Backslash",
	"Unprivileged Userfaultfd Created",
	"Cgroup Release Agent Written",
	"Interactive Session of System Account",
	"Account Management Program Run",
	"File Created Below /dev",
	"Standard Stream Redirected to Network Socket",
	"Shell Configuration File Modified",
	"Job Scheduler Command Run",
	"File Below /etc Written by Unexpected Program",
	"File Directly in /root Written",
	"Hidden File Created in System Directory",
	"SSH Directory Read by Unexpected Program",
	"Network Scanner or Relay Tool Started",
	"Connection to Mining Pool Port",
	"Download Tool Run with Unlisted HTTP Proxy",
	"Non-root Process Tried to Change User",
	"Binary Directory Written",
	"BPF Program Loaded",
	"Process Memory Written Without Ptrace",
	"Device Node or FIFO Created Below /dev",
	"Kernel Module Unload Attempted",
	"Program Executed from Temporary Directory", // every program copied into the work directory
	// container rules, for processes in a cgroup named like docker's
	"Packet Socket Created in Container",
	"File Opened by Handle in Container",
	"Filesystem Created with Mount API in Container",
	"Package Manager Run in Container",
	"Remote File Copy Tool Run in Container",
	"Base64 Decoding in Container",
	"Container or Cluster Client Run in Container",
	"Program Dropped into Container Executed",
}

// benignMarker is in the command line of every program of the benign workload.
const benignMarker = "aerie-benign"

// TestRunDefaultsLive runs `aeriectl run` with no -r, so with the embedded default rules, under the
// real probe while testdata/live-defaults/actions.sh performs the actions the rules describe and a
// benign workload (go, git, ls, cat, sh) runs beside them. Each listed rule must fire, container
// rules for the test's container id, and no rule may fire for the benign workload.
func TestRunDefaultsLive(t *testing.T) {
	testenv.RequireRoot(t)
	testenv.RequireBTF(t)
	clang := testenv.Tool(t, "clang")
	dir := t.TempDir()
	// Programs run as a system account (uid 1) must reach the work directory.
	for _, d := range []string{dir, filepath.Dir(dir)} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	helper := filepath.Join(dir, "helper")
	if out, err := exec.Command(clang, "-O2", "-o", helper, "testdata/live-defaults/helper.c").CombinedOutput(); err != nil {
		t.Fatalf("build helper: %v: %s", err, out)
	}
	id := containerID("de7a")
	base := "/sys/fs/cgroup/docker" // cgroup v2
	if _, err := os.Stat("/sys/fs/cgroup/pids"); err == nil {
		base = "/sys/fs/cgroup/pids/docker" // v1
	}
	cg := filepath.Join(base, id)
	if err := os.MkdirAll(cg, 0o755); err != nil {
		t.Fatalf("create docker-named cgroup: %v", err)
	}
	t.Cleanup(func() { _ = os.Remove(cg); _ = os.Remove(base) })

	bdir := filepath.Join(dir, benignMarker)
	if err := os.MkdirAll(bdir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bdir, "normal.txt"), []byte("hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	benign := []string{
		"ls -la " + bdir + " /etc >/dev/null",
		"cat " + bdir + "/normal.txt /etc/hostname >/dev/null",
		"sh -c 'echo " + benignMarker + " >/dev/null'",
		"cp " + bdir + "/normal.txt " + bdir + "/copy.txt",
		"go version >/dev/null",
	}
	if _, err := exec.LookPath("git"); err == nil {
		benign = append(benign, "git -C "+bdir+" init -q && git -C "+bdir+" status --short >/dev/null")
	}

	env := config.MapEnv{"HOME": dir}
	lv := startLiveCLI(t, env, "aeriectl run: watching", "run", "-o", "json")

	bw := exec.Command("bash", "-c", strings.Join(benign, "\n"))
	bw.Env = append(actionEnv(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+bdir)
	if b, err := bw.CombinedOutput(); err != nil {
		t.Errorf("benign workload: %v\n%s", err, b)
	}
	// A Go program renamed mysqld starting ls, as a renamed attack simulator does (Go's os/exec forks
	// with clone3 or vfork-style clone from a multi-threaded process).
	goDB := filepath.Join(dir, "godb", "mysqld")
	if err := copyFile(os.Args[0], goDB); err != nil {
		t.Fatal(err)
	}
	db := exec.Command(goDB, "-test.run=^TestDefaultsHelperProcess$")
	db.Env = append(actionEnv(), "AERIE_DEFAULTS_HELPER=execls")
	if b, err := db.CombinedOutput(); err != nil {
		t.Errorf("Go mysqld: %v\n%s", err, b)
	}
	t.Cleanup(func() { _ = exec.Command("umount", filepath.Join(dir, "w", "ovl", "merged")).Run() }) // if actions.sh stopped early
	act := exec.Command("bash", "testdata/live-defaults/actions.sh")
	act.Env = append(actionEnv(), "W="+filepath.Join(dir, "w"), "CG="+cg, "HELPER="+helper)
	if b, err := act.CombinedOutput(); err != nil {
		t.Logf("actions.sh: %v\n%s", err, b)
	}
	out, stderr := lv.stop()
	alerts := parseAlerts(t, out)
	fired := map[string]bool{}
	for _, a := range alerts {
		if (strings.HasSuffix(a.Rule, "in Container") || strings.Contains(a.Rule, "into Container")) && slices.Contains(defaultRuleTriggers, a.Rule) {
			if got, _ := a.Fields["container.id"].(string); got != id[:12] {
				if !otherContainer(got) {
					t.Errorf("%s: container.id = %v, want %s", a.Rule, got, id[:12])
				}
				continue
			}
		}
		fired[a.Rule] = true
		if testing.Verbose() {
			t.Logf("%s: %s", a.Rule, a.Output)
		}
		cmdline, _ := a.Fields["proc.cmdline"].(string)
		if strings.Contains(cmdline, benignMarker) || strings.HasPrefix(cmdline, "go version") || strings.HasPrefix(cmdline, "git -C") {
			t.Errorf("benign workload raised %q: %s", a.Rule, a.Output)
		}
	}
	goChild := false
	for _, a := range alerts {
		goChild = goChild || a.Rule == "Program Started by Database Server" && strings.Contains(a.Output, "TestDefaultsHelperProcess")
	}
	if !goChild {
		t.Errorf("no database-server alert for the Go program renamed mysqld")
	}
	var missing []string
	for _, r := range defaultRuleTriggers {
		if !fired[r] {
			missing = append(missing, r)
		}
	}
	if len(missing) > 0 {
		t.Errorf("default rules not triggered live: %q\nstderr:\n%s", missing, stderr)
	}
	t.Logf("%d alerts, %d distinct rules; %s", len(alerts), len(fired), lastLine(stderr))
}

// TestDefaultsHelperProcess is the Go program TestRunDefaultsLive runs under the name mysqld: it
// starts ls and exits. It does nothing in a normal test run.
func TestDefaultsHelperProcess(t *testing.T) {
	if os.Getenv("AERIE_DEFAULTS_HELPER") != "execls" {
		t.Skip("helper process of TestRunDefaultsLive")
	}
	if out, err := exec.Command("ls", "/").CombinedOutput(); err != nil {
		t.Fatalf("ls: %v: %s", err, out)
	}
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o755)
}
