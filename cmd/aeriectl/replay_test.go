package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aerie-sec/aerie/internal/testenv"
)

func upstreamRuleArgs(t *testing.T) []string {
	var args []string
	for _, f := range []string{"falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml", "falco-deprecated_rules.yaml"} {
		args = append(args, "-r", testenv.CorpusFile(t, "rules", f))
	}
	return args
}

// TestReplayFilterMatchesSysdig runs `aeriectl replay --filter EXPR -p %evt.num CAPTURE` on a sample of
// the expression/capture pairs whose sysdig 0.29.3 output test/testdata/sysdig_filters.json records
// (test/ compares all of them through the same code path).
func TestReplayFilterMatchesSysdig(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(testenv.RepoRoot(t), "test", "testdata", "sysdig_filters.json"))
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Expressions []string                     `json:"expressions"`
		Results     map[string]map[string]string `json:"results"`
	}
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	caps := []string{"cat_write.scap", "connect_localhost.scap", "curl_google.scap", "open-multiple-files.scap",
		"ping_sendto.scap", "single_ipv6_conn.scap", "syscall.scap"}
	known := map[string]bool{"connect_localhost.scap|user.loginuid=-1": true, "open-multiple-files.scap|user.loginuid=-1": true}
	n := 0
	for i := 0; i < len(g.Expressions); i += 9 {
		e := g.Expressions[i]
		c := caps[i%len(caps)]
		want, ok := g.Results[e][c]
		if !ok || known[c+"|"+e] {
			continue
		}
		code, out, errOut := runCLI(t, nil, "replay", "--filter", e, "-p", "%evt.num", testenv.CorpusFile(t, "scap", c))
		if code != 0 || out != want {
			t.Errorf("replay --filter %q %s: exit %d, stderr %q\n got  %q\n want %q", e, c, code, errOut, clip(out), clip(want))
		}
		n++
	}
	if n < 30 {
		t.Fatalf("only %d pairs checked", n)
	}
}

func clip(s string) string {
	if len(s) > 200 {
		return s[:200] + "..."
	}
	return s
}

func TestReplayDefaultFormat(t *testing.T) {
	code, out, _ := runCLI(t, nil, "replay", "--filter", "evt.type=open and evt.dir=<", testenv.CorpusFile(t, "scap", "syscall.scap"))
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	// sysdig's default format: evt.num, time, cpu, proc.name (tid), dir, type, args
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "180 ") || !strings.Contains(lines[0], " <NA> (16518) < open fd=3(<f>/etc/ld.so.cache) name=/etc/ld.so.cache flags=4097(O_RDONLY|O_CLOEXEC) mode=0") {
		t.Fatalf("default format output:\n%s", out)
	}
}

func TestReplayRules(t *testing.T) {
	caps := []string{testenv.CorpusFile(t, "scap", "curl_google.scap"), testenv.CorpusFile(t, "scap", "single_ipv6_conn.scap")}
	// default selection: no alert, Falco's summary on stderr
	code, out, errOut := runCLI(t, nil, append(append([]string{"replay"}, upstreamRuleArgs(t)...), caps...)...)
	if code != 0 || out != "" || !strings.Contains(errOut, "Events detected: 0") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	// every rule enabled with -t: the five sandbox alerts, as Falco JSON
	args := append([]string{"replay", "-o", "json", "-t", "maturity_sandbox", "-t", "maturity_deprecated"}, upstreamRuleArgs(t)...)
	code, out, errOut = runCLI(t, nil, append(args, caps...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 5 {
		t.Fatalf("%d alerts, want 5:\n%s", len(lines), out)
	}
	for _, l := range lines {
		var a map[string]any
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatalf("alert is not JSON: %v\n%s", err, l)
		}
		for _, k := range []string{"hostname", "output", "output_fields", "priority", "rule", "source", "tags", "time"} {
			if _, ok := a[k]; !ok {
				t.Errorf("alert lacks %q: %s", k, l)
			}
		}
		if a["priority"] != "Notice" || a["source"] != "syscall" {
			t.Errorf("priority/source: %s", l)
		}
	}
	if !strings.Contains(errOut, "Events detected: 5") || !strings.Contains(errOut, "   NOTICE: 5") ||
		!strings.Contains(errOut, "   Unexpected outbound connection destination: 3") ||
		!strings.Contains(errOut, "   Unexpected inbound connection source: 2") {
		t.Errorf("summary:\n%s", errOut)
	}
	// --min-priority above notice drops them
	args = append([]string{"replay", "--min-priority", "warning", "-t", "maturity_sandbox", "-t", "maturity_deprecated"}, upstreamRuleArgs(t)...)
	if code, out, _ = runCLI(t, nil, append(args, caps...)...); code != 0 || out != "" {
		t.Errorf("--min-priority warning: exit %d, %q", code, out)
	}
}

func TestReplayErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("- rule: r\n  desc: d\n  condition: proc.nobody = x\n  output: o\n  priority: INFO\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	capture := testenv.CorpusFile(t, "scap", "syscall.scap")
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"replay", "-r", bad, capture}, exitFail, "proc.nobody"},
		{[]string{"replay", "-r", bad, "-t", "a", "-D", "b", capture}, exitFail, "proc.nobody"},
		{[]string{"replay", "-p", "%evt.num", "-r", bad, capture}, exitUsage, "-p/--print needs --filter"},
		{[]string{"replay", "--filter", "evt.type=open", "-r", bad, capture}, exitUsage, "cannot be combined"},
		{[]string{"replay", "--filter", "evt.type=open and (", capture}, exitUsage, "compile filter"},
		{[]string{"replay", "--filter", "evt.num>0", filepath.Join(dir, "missing.scap")}, exitFail, "missing.scap"},
		{[]string{"replay", "-r", bad, "--min-priority", "loud", capture}, exitUsage, "invalid --min-priority"},
	}
	for _, tt := range tests {
		code, _, errOut := runCLI(t, nil, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.err) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d with %q", tt.args, code, errOut, tt.code, tt.err)
		}
	}
}
