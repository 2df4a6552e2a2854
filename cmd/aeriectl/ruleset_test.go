package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/aerie-sec/aerie/internal/testenv"
)

// With no -r and no engine.rules_files, replay (like run) uses the embedded default rulesets.
func TestReplayEmbeddedDefaults(t *testing.T) {
	dir := filepath.Join(testenv.RepoRoot(t), "rulesets", "testdata")
	tests := []struct {
		capture, rule string
	}{
		{"password_store_read.scap", "Password Store Read by Unexpected Program"},
		{"memfd_exec.scap", "Program Executed from Memory File"},
		{"tmp_exec.scap", "Program Executed from Temporary Directory"},
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(t, nil, "replay", "-o", "json", filepath.Join(dir, tt.capture))
		if code != exitOK || !strings.Contains(out, `"rule":"`+tt.rule+`"`) {
			t.Errorf("replay %s: exit %d, stdout %q, stderr %q; want an alert of %q", tt.capture, code, out, errOut, tt.rule)
		}
	}
	// Falco's -T drops the incubating file's rules from the embedded set too.
	code, out, _ := runCLI(t, nil, "replay", "-T", "maturity_incubating", filepath.Join(dir, "tmp_exec.scap"))
	if code != exitOK || out != "" {
		t.Errorf("replay -T maturity_incubating: exit %d, stdout %q; want no alerts", code, out)
	}
	code, out, _ = runCLI(t, nil, "replay", filepath.Join(dir, "benign.scap"))
	if code != exitOK || out != "" {
		t.Errorf("replay benign.scap: exit %d, stdout %q; want no alerts", code, out)
	}
}
