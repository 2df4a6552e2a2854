package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aerie-sec/aerie/config"
	"github.com/aerie-sec/aerie/internal/testenv"
)

// liveRuleTriggers are upstream rules that testdata/live/actions.sh triggers on the host, each by the action its
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
	"Change thread namespace",
	"Directory traversal monitored file read",
	"Non sudo setuid",
	"DB program spawned process",
	"System user interactive",
	"Read sensitive file trusted after startup",
	"Write below rpm database",
	"Unexpected UDP Traffic",
	"System procs network activity",
	"Disallowed SSH Connection Non Standard Port",
	"Unprivileged Delegation of Page Faults Handling to a Userspace Process",
	"BPF Program Not Profiled",
	"Create Hidden Files or Directories", // disabled upstream, enabled by testdata/live/enable.yaml
	"Potential Local Privilege Escalation via Environment Variables Misuse",
	"Polkit Local Privilege Escalation Vulnerability (CVE-2021-4034)",
	"Sudo Potential Privilege Escalation",
	"Read ssh information",
	"Update Package Repository",
	"Basic Interactive Reconnaissance",
	"Backdoored library loaded into SSHD (CVE-2024-3094)",
	"Java Process Class File Download", // disabled upstream, enabled by testdata/live/enable.yaml
	"Write below root",
	"Detect crypto miners using the Stratum protocol",
	"Web Server Spawned Suspicious Child Process",
	"Reverse Shell from Web Server",
	"Adding ssh keys to authorized_keys",
	"Write below monitored dir",
}

// liveContainerRuleTriggers are upstream rules that the script triggers in a cgroup named like docker's; their
// alerts must carry that container's id.
var liveContainerRuleTriggers = []string{
	"Netcat Remote Code Execution in Container",
	"Kubernetes Client Tool Launched in Container",
	"Launch Remote File Copy Tools in Container",
	"Launch Package Management Process in Container",
	"Read environment variable from /proc files",
	"Linux Kernel Module Injection Detected",
	"Packet socket created in container",
	"Redirect STDOUT/STDIN to Network Connection in Container",
	"Detect release_agent File Container Escapes",
	"Decoding Payload in Container",
	"Drop and execute new binary in container",
	"Launch Ingress Remote File Copy Tools in Container",
	"Modify Container Entrypoint", // disabled upstream, enabled by testdata/live/enable.yaml
	"Launch Suspicious Network Tool in Container",
	"Terminal shell in container",
	"Exfiltrating Artifacts via Kubernetes Control Plane",
	"Change namespace privileges via unshare",
	"Contact EC2 Instance Metadata Service From Container",
	"Container Access to Host Sensitive Paths",
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
	ruleArgs = append(ruleArgs, "-r", "testdata/live/enable.yaml")
	dir := t.TempDir()
	helper := filepath.Join(dir, "helper")
	if out, err := exec.Command(clang, "-O2", "-o", helper, "testdata/live/helper.c").CombinedOutput(); err != nil {
		t.Fatalf("build helper: %v: %s", err, out)
	}
	id := containerID("a1e2")
	base := "/sys/fs/cgroup/docker" // cgroup v2
	if _, err := os.Stat("/sys/fs/cgroup/pids"); err == nil {
		base = "/sys/fs/cgroup/pids/docker" // v1, as on the project machine
	}
	cg := filepath.Join(base, id)
	if err := os.MkdirAll(cg, 0o755); err != nil {
		t.Fatalf("create docker-named cgroup: %v", err)
	}
	t.Cleanup(func() { _ = os.Remove(cg); _ = os.Remove(base) })

	capture := filepath.Join(dir, "live.scap")
	env := config.MapEnv{"HOME": dir}
	lv := startLiveCLI(t, env, "aeriectl run: watching", append([]string{"run", "-o", "json", "--capture", capture}, ruleArgs...)...)

	act := exec.Command("bash", "testdata/live/actions.sh")
	act.Env = append(actionEnv(), "W="+filepath.Join(dir, "w"), "CG="+cg, "HELPER="+helper)
	if b, err := act.CombinedOutput(); err != nil {
		t.Logf("actions.sh: %v\n%s", err, b)
	}
	out, stderr := lv.stop()
	live := parseAlerts(t, out)
	fired := map[string]bool{}
	for _, a := range live {
		if slices.Contains(liveContainerRuleTriggers, a.Rule) {
			if got, _ := a.Fields["container.id"].(string); got != id[:12] {
				if !otherContainer(got) {
					t.Errorf("%s: container.id = %v, want %s", a.Rule, got, id[:12])
				}
				continue
			}
		}
		fired[a.Rule] = true
	}
	var missing []string
	for _, r := range slices.Concat(liveRuleTriggers, liveContainerRuleTriggers) {
		if !fired[r] {
			missing = append(missing, r)
		}
	}
	if len(missing) > 0 {
		t.Errorf("rules not triggered live: %q\nstderr:\n%s", missing, stderr)
	}
	for _, a := range live {
		// A loopback connection on the host: the start-up interface list makes its local end known.
		if a.Rule == "Java Process Class File Download" && (a.Fields["fd.lport"] == nil || a.Fields["fd.rport"] == nil) {
			t.Errorf("%s: fd.lport %v, fd.rport %v, want both", a.Rule, a.Fields["fd.lport"], a.Fields["fd.rport"])
		}
	}
	if !strings.Contains(stderr, ", 0 dropped") {
		t.Logf("probe reported drops (counted, not silent):\n%s", stderr)
	}
	t.Logf("%d alerts, %d distinct rules; %s", len(live), len(fired), lastLine(stderr))

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

// containerID returns a docker-style container id starting with prefix (4 hex digits) and the test process's
// pid: unique, so that runs overlapping on one host (several checkouts) neither remove each other's cgroup
// nor mistake each other's alerts for their own.
func containerID(prefix string) string {
	return prefix + fmt.Sprintf("%08x", os.Getpid()) + strings.Repeat(prefix, 13)
}

// otherContainer reports whether id is some container's id (12 hex digits), so not the host: another
// test's docker-named cgroup, as when runs overlap on one host.
func otherContainer(id string) bool {
	return len(id) == 12 && strings.Trim(id, "0123456789abcdef") == ""
}

// actionEnv is the test's environment for the live actions, without the host's proxy variables: a CI runner
// behind a proxy would otherwise make every download tool match the proxy rule first (rules match first-wins),
// hiding the rule the action is for. The scripts set a proxy themselves where a rule wants one.
func actionEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch strings.ToLower(k) {
		case "http_proxy", "https_proxy", "all_proxy", "no_proxy", "ftp_proxy":
			continue
		}
		env = append(env, kv)
	}
	return env
}

// liveCLI is an aeriectl command running in the background until stop.
type liveCLI struct {
	t      *testing.T
	cancel context.CancelFunc
	code   chan int
	out    *testenv.SyncBuffer
	stderr *testenv.SyncBuffer
	// syncAlerts makes stop wait for the alert of a sentinel read of /etc/shadow first (set for `run`,
	// whose upstream and default rulesets both alert on it).
	syncAlerts bool
}

// startLiveCLI starts aeriectl with args and waits until a stderr line starts with readyPrefix.
func startLiveCLI(t *testing.T, env config.MapEnv, readyPrefix string, args ...string) *liveCLI {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	l := &liveCLI{t: t, cancel: cancel, code: make(chan int, 1), out: &testenv.SyncBuffer{}, stderr: &testenv.SyncBuffer{}, syncAlerts: args[0] == "run"}
	t.Cleanup(cancel)
	pr, pw := io.Pipe()
	go func() {
		l.code <- run(ctx, args, streams{in: strings.NewReader(""), out: l.out, err: pw}, env)
		pw.Close()
	}()
	ready := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(pr)
		once := sync.Once{}
		for sc.Scan() {
			_, _ = l.stderr.Write(append(sc.Bytes(), '\n'))
			if strings.HasPrefix(sc.Text(), readyPrefix) {
				once.Do(func() { close(ready) })
			}
		}
		_, _ = io.Copy(io.Discard, pr)
	}()
	select {
	case <-ready:
	case c := <-l.code:
		t.Fatalf("aeriectl %s exited with %d before it was ready:\n%s", args[0], c, l.stderr.String())
	case <-time.After(90 * time.Second):
		t.Fatalf("aeriectl %s not ready after 90s:\n%s", args[0], l.stderr.String())
	}
	return l
}

// stop lets the reader drain the last events, interrupts the command and returns its stdout and stderr;
// a non-zero exit status fails the test. Under load (-race, other test binaries, a busy host) the engine
// can trail the kernel by seconds, so for `run` stop first waits for a sentinel's alert (waitCaughtUp).
func (l *liveCLI) stop() (string, string) {
	l.t.Helper()
	if l.syncAlerts {
		l.waitCaughtUp()
	}
	time.Sleep(300 * time.Millisecond)
	l.cancel()
	c := <-l.code
	time.Sleep(10 * time.Millisecond)
	if c != 0 {
		l.t.Fatalf("exit status %d:\n%s", c, l.stderr.String())
	}
	return l.out.String(), l.stderr.String()
}

// waitCaughtUp runs a sentinel program (a copy of cat named aerie-sync) reading /etc/shadow and a file
// named for the attempt, and waits until an alert names that file: the probe's single ring buffer keeps
// commit order, so every event of the actions before it has been evaluated. The sentinel is repeated in
// case one is lost to a full ring buffer.
func (l *liveCLI) waitCaughtUp() {
	l.t.Helper()
	dir := l.t.TempDir()
	bin := filepath.Join(dir, "aerie-sync")
	if out, err := exec.Command("cp", "/usr/bin/cat", bin).CombinedOutput(); err != nil {
		l.t.Fatalf("copy sentinel: %v: %s", err, out)
	}
	deadline := time.Now().Add(3 * time.Minute)
	for i := 0; ; i++ {
		token := filepath.Join(dir, fmt.Sprintf("sync-%d", i))
		if err := os.WriteFile(token, nil, 0o644); err != nil {
			l.t.Fatal(err)
		}
		if out, err := exec.Command(bin, "/etc/shadow", token).CombinedOutput(); err != nil {
			l.t.Fatalf("sentinel: %v: %s", err, out)
		}
		wait := time.Now().Add(5 * time.Second)
		for time.Now().Before(wait) {
			if strings.Contains(l.out.String(), token) {
				if i > 0 {
					l.t.Logf("engine caught up after %d sentinel attempts", i+1)
				}
				return
			}
			select {
			case c := <-l.code:
				l.code <- c
				return // exited early: stop reports the status
			case <-time.After(20 * time.Millisecond):
			}
		}
		if time.Now().After(deadline) {
			l.t.Fatalf("no alert for the sentinel read of /etc/shadow within 3m:\n%s", l.stderr.String())
		}
	}
}

func TestCaptureLive(t *testing.T) {
	testenv.RequireRoot(t)
	testenv.RequireBTF(t)
	dir := t.TempDir()
	env := config.MapEnv{"HOME": dir}
	capture := filepath.Join(dir, "filtered.scap.gz")
	// A capture's progress is invisible until it stops, and a stopping capture hands out what it already
	// read for a short grace only: on a loaded host (-race, other test binaries) the cat may not be read by
	// then, and with every syscall in the kernel filter a busy host can fill the ring buffer, so the cat's
	// events may be dropped (counted). So the cat runs a few times, spread out, and when none of them is in
	// the capture the test records again, waiting longer before it stops.
	dropped := regexp.MustCompile(`probe dropped (\d+)`)
	for attempt, wait := 1, 300*time.Millisecond; ; attempt, wait = attempt+1, wait*4 {
		lv := startLiveCLI(t, env, "aeriectl capture: recording", "capture", "-w", capture, "--filter", "proc.name=cat")
		for range 5 {
			if out, err := exec.Command("cat", "/etc/hostname").CombinedOutput(); err != nil {
				t.Fatalf("cat: %v: %s", err, out)
			}
			time.Sleep(50 * time.Millisecond)
		}
		time.Sleep(wait)
		_, stderr := lv.stop()
		if !dropped.MatchString(stderr) {
			t.Errorf("stderr lacks the drop count: %s", stderr)
		}
		code, out, errOut := runCLI(t, env, "replay", capture, "--filter", "evt.type=openat and evt.dir=< and proc.name=cat", "-p", "%proc.name %proc.pname %fd.name")
		if code == 0 && strings.Contains(out, "cat ") && strings.Contains(out, " /etc/hostname") {
			break
		}
		if attempt == 3 {
			t.Fatalf("replay of the live capture: exit %d, out %q, err %q; capture: %s", code, out, errOut, stderr)
		}
		t.Logf("attempt %d: cat's openat not in the capture (%s); recording again", attempt, lastLine(stderr))
	}
	// Events filtered out but changing state were kept, flagged state-only: the capture knows other processes.
	code, out, _ := runCLI(t, env, "capture", "inspect", capture)
	if code != 0 || !strings.Contains(out, "event with flags V2") {
		t.Errorf("inspect: exit %d\n%s", code, out)
	}
	if sysdig, err := exec.LookPath("sysdig"); err == nil {
		b, err := exec.Command(sysdig, "-r", capture, "-p", "%evt.type %proc.name %fd.name", "proc.name=cat and evt.type=openat").CombinedOutput()
		if err != nil || !strings.Contains(string(b), "openat cat /etc/hostname") {
			t.Errorf("sysdig -r live capture: %v\n%s", err, b)
		}
	}
}

// TestRunReload swaps the ruleset of a running `aeriectl run` on SIGHUP: the kernel filter follows the new
// rules (a syscall only the new rules need is delivered) and alerts come from the new rules.
func TestRunReload(t *testing.T) {
	testenv.RequireRoot(t)
	testenv.RequireBTF(t)
	dir := t.TempDir()
	rules := filepath.Join(dir, "rules.yaml")
	write := func(name, cond string) {
		y := "- rule: " + name + "\n  desc: test\n  condition: " + cond + "\n  output: \"" + name + " %evt.type %evt.arg.path\"\n  priority: WARNING\n"
		if err := os.WriteFile(rules, []byte(y), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("old rule", "evt.type=mkdir and evt.arg.path contains aerie-reload")
	env := config.MapEnv{"HOME": dir}
	lv := startLiveCLI(t, env, "aeriectl run: watching", "run", "-r", rules, "--metrics-addr", "127.0.0.1:0")
	lv.syncAlerts = false // the test waits for each of its own alerts
	d := filepath.Join(dir, "aerie-reload")
	// The actions run in child processes: aeriectl ignores its own process's events.
	if out, err := exec.Command("mkdir", d).CombinedOutput(); err != nil {
		t.Fatalf("mkdir: %v: %s", err, out)
	}
	// The old rule's alert must be out before the reload: under load the engine trails the kernel.
	lv.waitOutput("old rule mkdir "+d, time.Minute)
	write("new rule", "evt.type=rmdir and evt.arg.path contains aerie-reload")
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for !strings.Contains(lv.stderr.String(), "aeriectl run: reloaded") {
		if time.Now().After(deadline) {
			t.Fatalf("no reload:\n%s", lv.stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if out, err := exec.Command("rmdir", d).CombinedOutput(); err != nil {
		t.Fatalf("rmdir: %v: %s", err, out)
	}
	lv.waitOutput("new rule rmdir "+d, time.Minute)
	// The probe's per-CPU counters are served for Prometheus.
	var metricsURL string
	for _, line := range strings.Split(lv.stderr.String(), "\n") {
		if u, ok := strings.CutPrefix(line, "aeriectl run: metrics at "); ok {
			metricsURL = u
		}
	}
	resp, err := http.Get(metricsURL)
	if err != nil {
		t.Fatalf("scrape %q: %v", metricsURL, err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `aerie_probe_events_total{cpu="0"}`) || !strings.Contains(string(body), "aerie_probe_drops_total") {
		t.Errorf("metrics:\n%s", body)
	}
	out, stderr := lv.stop()
	if !strings.Contains(out, "old rule mkdir "+d) || !strings.Contains(out, "new rule rmdir "+d) {
		t.Errorf("alerts:\n%s\nstderr:\n%s", out, stderr)
	}
}

// waitOutput waits until the command's stdout contains want, failing the test after timeout.
func (l *liveCLI) waitOutput(want string, timeout time.Duration) {
	l.t.Helper()
	deadline := time.Now().Add(timeout)
	for !strings.Contains(l.out.String(), want) {
		if time.Now().After(deadline) {
			l.t.Fatalf("no %q on stdout within %v:\n%s\nstderr:\n%s", want, timeout, l.out.String(), l.stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
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
