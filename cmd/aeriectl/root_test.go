package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aerie-sec/aerie/config"
)

// runCLI runs aeriectl with args in env and returns its exit status, stdout and stderr.
func runCLI(t *testing.T, env config.MapEnv, args ...string) (int, string, string) {
	t.Helper()
	if env == nil {
		env = config.MapEnv{}
	}
	if _, ok := env["HOME"]; !ok {
		env["HOME"] = t.TempDir()
	}
	var out, errb bytes.Buffer
	code := run(context.Background(), args, streams{in: strings.NewReader(""), out: &out, err: &errb}, env)
	return code, out.String(), errb.String()
}

func TestExitStatus(t *testing.T) {
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"version"}, exitOK, ""},
		{[]string{"bogus"}, exitUsage, `unknown command "bogus"`},
		{[]string{"version", "--bogus"}, exitUsage, "unknown flag: --bogus"},
		{[]string{"version", "extra"}, exitUsage, "unknown command"},
		{[]string{"completion", "tcsh"}, exitUsage, "invalid argument"},
		{[]string{"version", "-o", "xml"}, exitUsage, "invalid output format"},
		{[]string{"--log-level", "loud", "version"}, exitUsage, "log.level"},
		{[]string{"--config", "/nonexistent/aerie.yaml", "version"}, exitFail, "read config"},
	}
	for _, tt := range tests {
		code, _, stderr := runCLI(t, nil, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.err) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d with %q", tt.args, code, stderr, tt.code, tt.err)
		}
	}
}

func TestVersionJSON(t *testing.T) {
	code, out, _ := runCLI(t, nil, "version", "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var v map[string]string
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("version -o json: %v\n%s", err, out)
	}
	for _, k := range []string{"version", "commit", "go_version", "platform", "engine_version", "plugin_api_version"} {
		if v[k] == "" {
			t.Errorf("version -o json: missing %q in %s", k, out)
		}
	}
}

func TestCompletion(t *testing.T) {
	for shell, want := range map[string]string{"bash": "__start_aeriectl", "zsh": "#compdef aeriectl", "fish": "complete -c aeriectl"} {
		code, out, _ := runCLI(t, nil, "completion", shell)
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("completion %s: exit %d, output lacks %q", shell, code, want)
		}
	}
}

func TestConfigFileAndEnv(t *testing.T) {
	file := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(file, []byte("log:\n  level: warn\n  format: text\nengine:\n  min_priority: notice\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCLI(t, config.MapEnv{"AERIE_LOG_LEVEL": "error"}, "--config", file, "config", "show", "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var cfg struct {
		Log    struct{ Level, Format string }
		Engine struct {
			MinPriority string `json:"min_priority"`
		}
	}
	if err := json.Unmarshal([]byte(out), &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Log.Level != "error" || cfg.Engine.MinPriority != "notice" {
		t.Errorf("env must beat file: %+v", cfg)
	}
	// The flag beats the environment.
	code, _, stderr = runCLI(t, config.MapEnv{"AERIE_LOG_LEVEL": "error", "AERIE_CONFIG": file}, "--log-level", "debug", "config", "validate")
	if code != 0 || !strings.Contains(stderr, "configuration is valid") {
		t.Errorf("--log-level debug should beat AERIE_LOG_LEVEL=error: exit %d, stderr %q", code, stderr)
	}

	if err := os.WriteFile(file, []byte("log:\n  level: warn\nartifact:\n  allowed_type: [rulesfile]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCLI(t, nil, "--config", file, "version")
	want := file + `:4:3: unknown key "allowed_type" in artifact; did you mean "allowed_types"?`
	if code != exitFail || !strings.Contains(stderr, want) {
		t.Errorf("unknown key: exit %d, stderr %q; want %q", code, stderr, want)
	}
}
