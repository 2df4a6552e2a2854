package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aerie-sec/aerie/config"
	"github.com/aerie-sec/aerie/internal/testenv"
)

// syncBuffer is a bytes.Buffer safe for a writer goroutine and a reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// liveRuleTriggers are upstream rules that testdata/live/actions.sh triggers, each by the action its
// description names (see the comments in the script).
var liveRuleTriggers = []string{
	"Read sensitive file untrusted",
	"Create Symlink Over Sensitive Files",
	"Create Hardlink Over Sensitive Files",
	"Clear Log Activities",
	"Remove Bulk Data from Disk",
	"Search Private Keys or Passwords",
	"Find AWS Credentials",
	"Execution from /dev/shm",
	"Run shell untrusted",
	"Launch Suspicious Network Tool on Host",
	"Delete or rename shell history",
	"Set Setuid or Setgid bit",
	"Mkdir binary dirs",
	"Write below binary dir",
	"Modify binary dirs",
	"Write below etc",
	"Schedule Cron Jobs",
	"Modify Shell Configuration File",
	"User mgmt binaries",
	"Create files below dev",
	"Known Cryptominer Process Executed",
	"Program run with disallowed http proxy env",
	"PTRACE attached to process",
	"PTRACE anti-debug attempt",
	"Fileless execution via memfd_create",
	// container-only rules, for a process in a cgroup named like docker's
	"Netcat Remote Code Execution in Container",
	"Kubernetes Client Tool Launched in Container",
	"Launch Remote File Copy Tools in Container",
	"Launch Package Management Process in Container",
}

type liveAlert struct {
	Rule   string         `json:"rule"`
	Output string         `json:"output"`
	Fields map[string]any `json:"output_fields"`
}

func parseAlerts(t *testing.T, out string) []liveAlert {
	t.Helper()
	var alerts []liveAlert
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var a liveAlert
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("alert line %q: %v", line, err)
		}
		alerts = append(alerts, a)
	}
	return alerts
}

// TestRunLive runs `aeriectl run` with the upstream rules files while a script performs the actions the
// rules describe, checks that each expected rule fires for the acting process, then replays the live
// capture and checks that it raises the same alerts.
func TestRunLive(t *testing.T) {
	testenv.RequireRoot(t)
	testenv.RequireBTF(t)
	clang := testenv.Tool(t, "clang")
	var ruleArgs []string
	for _, f := range []string{"falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml"} {
		ruleArgs = append(ruleArgs, "-r", testenv.CorpusFile(t, "rules", f))
	}
	dir := t.TempDir()
	helper := filepath.Join(dir, "helper")
	if out, err := exec.Command(clang, "-O2", "-o", helper, "testdata/live/helper.c").CombinedOutput(); err != nil {
		t.Fatalf("build helper: %v: %s", err, out)
	}
	id := strings.Repeat("a1e2", 16)
	cg := filepath.Join("/sys/fs/cgroup/pids/docker", id)
	if err := os.MkdirAll(cg, 0o755); err != nil {
		t.Fatalf("create docker-named cgroup: %v", err)
	}
	t.Cleanup(func() { _ = os.Remove(cg) })

	capture := filepath.Join(dir, "live.scap")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out syncBuffer
	pr, pw := io.Pipe()
	env := config.MapEnv{"HOME": dir}
	code := make(chan int, 1)
	go func() {
		args := append([]string{"run", "-o", "json", "--capture", capture}, ruleArgs...)
		code <- run(ctx, args, streams{in: strings.NewReader(""), out: &out, err: pw}, env)
		pw.Close()
	}()
	var stderr syncBuffer
	ready := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(pr)
		once := sync.Once{}
		for sc.Scan() {
			stderr.Write(append(sc.Bytes(), '\n'))
			if strings.HasPrefix(sc.Text(), "aeriectl run: watching") {
				once.Do(func() { close(ready) })
			}
		}
		_, _ = io.Copy(io.Discard, pr)
	}()
	select {
	case <-ready:
	case c := <-code:
		t.Fatalf("aeriectl run exited with %d before watching:\n%s", c, stderr.String())
	case <-time.After(90 * time.Second):
		t.Fatalf("aeriectl run not ready after 90s:\n%s", stderr.String())
	}

	act := exec.Command("bash", "testdata/live/actions.sh")
	act.Env = append(os.Environ(), "W="+filepath.Join(dir, "w"), "CG="+cg, "HELPER="+helper)
	if b, err := act.CombinedOutput(); err != nil {
		t.Logf("actions.sh: %v\n%s", err, b)
	}
	time.Sleep(300 * time.Millisecond) // let the reader drain the last events (it polls every 5 ms)
	cancel()
	if c := <-code; c != 0 {
		t.Fatalf("aeriectl run exit status %d:\n%s", c, stderr.String())
	}
	live := parseAlerts(t, out.String())
	fired := map[string]bool{}
	for _, a := range live {
		fired[a.Rule] = true
	}
	var missing []string
	for _, r := range liveRuleTriggers {
		if !fired[r] {
			missing = append(missing, r)
		}
	}
	if len(missing) > 0 {
		t.Errorf("rules not triggered live: %q\nstderr:\n%s", missing, stderr.String())
	}
	for _, a := range live {
		if strings.HasSuffix(a.Rule, "in Container") && slices.Contains(liveRuleTriggers, a.Rule) {
			if got := a.Fields["container.id"]; got != id[:12] {
				t.Errorf("%s: container.id = %v, want %s", a.Rule, got, id[:12])
			}
		}
	}
	if !strings.Contains(stderr.String(), ", 0 dropped") {
		t.Errorf("probe reported drops:\n%s", stderr.String())
	}
	t.Logf("%d alerts, %d distinct rules; %s", len(live), len(fired), lastLine(stderr.String()))

	// The capture, replayed with the same rules, raises the same alerts.
	rc, rout, rerr := runCLI(t, env, append([]string{"replay", capture, "-o", "json"}, ruleArgs...)...)
	if rc != 0 {
		t.Fatalf("replay exit %d: %s", rc, rerr)
	}
	replayed := parseAlerts(t, rout)
	key := func(a liveAlert) string { return a.Rule + "\x00" + a.Output }
	liveKeys := map[string]int{}
	for _, a := range live {
		liveKeys[key(a)]++
	}
	for _, a := range replayed {
		liveKeys[key(a)]--
	}
	for k, n := range liveKeys {
		if n != 0 {
			t.Errorf("alert count differs between live and replay by %d: %q", n, strings.ReplaceAll(k, "\x00", " | "))
		}
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

func TestRunErrors(t *testing.T) {
	if os.Geteuid() == 0 {
		code, _, stderr := runCLI(t, nil, "run", "--duration", "-1s", "-r", "x.yaml")
		if code != exitUsage || !strings.Contains(stderr, "--duration") {
			t.Errorf("negative duration: %d %q", code, stderr)
		}
		return
	}
	dir := t.TempDir()
	rules := filepath.Join(dir, "r.yaml")
	if err := os.WriteFile(rules, []byte("- rule: x\n  desc: x\n  condition: evt.type=open\n  output: x\n  priority: INFO\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, nil, "run", "-r", rules)
	if code != exitFail || !strings.Contains(stderr, "needs root") {
		t.Errorf("run as non-root: exit %d, stderr %q", code, stderr)
	}
}
