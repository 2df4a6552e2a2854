package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aerie-sec/aerie/internal/testenv"
)

var updateRules = flag.Bool("update-rules", false, "rewrite testdata/rules/*.golden")

func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", "rules", name)
	if *updateRules {
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run with -update-rules to create it)", err)
	}
	if string(want) != got {
		t.Errorf("output differs from %s:\n%s", p, got)
	}
}

func TestRulesValidateGolden(t *testing.T) {
	tests := []struct {
		golden string
		args   []string
		code   int
		stderr string
	}{
		{"validate_ok.golden", []string{"rules", "validate", "testdata/rules/ok.yaml"}, 0, ""},
		{"validate_warn.golden", []string{"rules", "validate", "testdata/rules/warn.yaml"}, 0, "LOAD_NO_EVTTYPE"},
		{"validate_warn_strict.golden", []string{"rules", "validate", "--strict", "testdata/rules/warn.yaml"}, 1, "LOAD_UNUSED_LIST"},
		{"validate_bad.golden", []string{"rules", "validate", "testdata/rules/ok.yaml", "testdata/rules/bad.yaml"}, 1, ""},
		{"validate_bad_then_ok.golden", []string{"rules", "validate", "testdata/rules/bad.yaml", "testdata/rules/ok.yaml"}, 1, ""},
		{"validate_bad_json.golden", []string{"rules", "validate", "-o", "json", "testdata/rules/ok.yaml", "testdata/rules/bad.yaml"}, 1, ""},
		{"validate_warn_json.golden", []string{"rules", "validate", "-o", "json", "testdata/rules/warn.yaml"}, 0, ""},
		{"describe_ok.golden", []string{"rules", "describe", "testdata/rules/ok.yaml"}, 0, ""},
		{"describe_ok_json.golden", []string{"rules", "describe", "-o", "json", "testdata/rules/ok.yaml"}, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.golden, func(t *testing.T) {
			code, out, stderr := runCLI(t, nil, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.stderr) {
				t.Errorf("exit %d, stderr %q; want exit %d with %q", code, stderr, tc.code, tc.stderr)
			}
			golden(t, tc.golden, out)
		})
	}
}

func TestRulesDirectory(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"b.yaml":   "- macro: m\n  condition: evt.type = open\n",
		"a.yaml":   "- list: l\n  items: [cat]\n",
		"c.yml":    "- rule: r\n  desc: d\n  condition: m and proc.name in (l)\n  output: o\n  priority: INFO\n",
		"note.txt": "not rules",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Each load recompiles what was collected so far: a.yaml's list and b.yaml's macro are unused until
	// c.yml loads, as in Falco.
	code, out, stderr := runCLI(t, nil, "rules", "validate", dir)
	want := filepath.Join(dir, "a.yaml") + ": Ok, with warnings\n" + filepath.Join(dir, "b.yaml") + ": Ok, with warnings\n" +
		filepath.Join(dir, "c.yml") + ": Ok\n"
	if code != 0 || out != want {
		t.Errorf("exit %d\n%s%s", code, out, stderr)
	}
}

func TestRulesUsage(t *testing.T) {
	code, _, stderr := runCLI(t, nil, "rules", "validate")
	if code != exitUsage || !strings.Contains(stderr, "requires at least 1 arg") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	code, out, _ := runCLI(t, nil, "rules", "validate", "testdata/rules/missing.yaml")
	if code != exitFail || !strings.Contains(out, "LOAD_ERR_FILE_READ") {
		t.Errorf("exit %d, out %q", code, out)
	}
}

// TestRulesUpstream validates the four upstream files together and checks the event types of some rules.
func TestRulesUpstream(t *testing.T) {
	var files []string
	for _, f := range []string{"falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml", "falco-deprecated_rules.yaml"} {
		files = append(files, testenv.CorpusFile(t, "rules", f))
	}
	code, out, stderr := runCLI(t, nil, append([]string{"rules", "validate", "--strict"}, files...)...)
	if code != 0 || strings.Count(out, ": Ok\n") != 4 || stderr != "" {
		t.Fatalf("exit %d\n%s%s", code, out, stderr)
	}
	code, out, _ = runCLI(t, nil, append([]string{"rules", "describe", "-o", "json"}, files...)...)
	if code != 0 {
		t.Fatalf("describe exit %d", code)
	}
	var d struct {
		Rules []struct {
			Info struct {
				Name string `json:"name"`
			} `json:"info"`
			Details struct {
				Events []string `json:"events"`
			} `json:"details"`
		} `json:"rules"`
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"Read sensitive file untrusted":                                          "open,openat,openat2",
		"Terminal shell in container":                                            "execve,execveat",
		"Disallowed SSH Connection Non Standard Port":                            "connect,sendmsg,sendto",
		"Create Hidden Files or Directories":                                     "mkdir,mkdirat,open,openat,openat2,rename,renameat,renameat2,rmdir,unlink,unlinkat",
		"System procs network activity":                                          "accept,accept4,connect,listen",
		"Linux Kernel Module Injection Detected":                                 "finit_module,init_module",
		"Delete or rename shell history":                                         "open,openat,openat2,rename,renameat,renameat2,rmdir,unlink,unlinkat",
		"Unprivileged Delegation of Page Faults Handling to a Userspace Process": "userfaultfd",
	}
	got := map[string]string{}
	for _, r := range d.Rules {
		got[r.Info.Name] = strings.Join(r.Details.Events, ",")
	}
	if len(d.Rules) != 97 {
		t.Errorf("rules: %d, want 97", len(d.Rules))
	}
	for name, ev := range want {
		if got[name] != ev {
			t.Errorf("%s: events %s, want %s", name, got[name], ev)
		}
	}
}
