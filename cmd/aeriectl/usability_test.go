package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/aerie-sec/aerie/artifact/resolve"
	"github.com/aerie-sec/aerie/config"
	"github.com/aerie-sec/aerie/internal/testenv"
)

// TestUsageExitStatus: every way of calling a command wrongly exits 2 and names the command to ask for help.
func TestUsageExitStatus(t *testing.T) {
	dir := t.TempDir()
	rules := filepath.Join(dir, "r.yaml")
	if err := os.WriteFile(rules, []byte("- list: l\n  items: [a]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		err  string
	}{
		{[]string{"rules", "nosuch"}, `unknown command "nosuch" for "aeriectl rules"`},
		{[]string{"rules", "valid"}, "did you mean validate?"},
		{[]string{"artifact", "lsit"}, `unknown command "lsit" for "aeriectl artifact"`},
		{[]string{"registry", "auth", "digest"}, `unknown command "digest" for "aeriectl registry auth"`},
		{[]string{"capture", "extra"}, `unknown command "extra" for "aeriectl capture"`},
		{[]string{"registry", "push", "oci-layout:" + dir, rules, "--type", "rulesfile"}, `required flag(s) "version" not set`},
		{[]string{"artifact", "sign", "oci-layout:" + dir}, `required flag(s) "key" not set`},
		{[]string{"artifact", "install", "x", "--engine-version", "0.40.0", "--falco-versions", "v.json"}, "if any flags in the group"},
		{[]string{"artifact", "list", "-o", "xml"}, "invalid output format"},
		{[]string{"replay", "-o", "yaml", rules}, "want text or json"},
	}
	for _, tt := range tests {
		code, out, stderr := runCLI(t, nil, tt.args...)
		if code != exitUsage || !strings.Contains(stderr, tt.err) || !strings.Contains(stderr, "--help' for usage") || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 with %q", tt.args, code, out, stderr, tt.err)
		}
	}
	// A command group alone prints its help on stdout and succeeds.
	for _, group := range []string{"rules", "registry", "artifact", "index", "config", "registry auth"} {
		code, out, _ := runCLI(t, nil, strings.Fields(group)...)
		if code != exitOK || !strings.Contains(out, "Available Commands:") {
			t.Errorf("%s: exit %d, stdout %q", group, code, out)
		}
	}
}

// TestPathErrors: directories, empty directories and missing files where files are expected fail with
// exit 1 and a message naming the path and what was expected, before any work is done.
func TestPathErrors(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.d")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	emptyFile := filepath.Join(dir, "empty.yaml")
	if err := os.WriteFile(emptyFile, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	capture := writeSynthCapture(t, 10)
	tests := []struct {
		args []string
		err  string
	}{
		{[]string{"rules", "validate", empty}, "rules directory " + empty + ": no rules files (*.yaml, *.yml) in it"},
		{[]string{"rules", "describe", empty}, "rules directory " + empty + ": no rules files"},
		{[]string{"replay", "-r", empty, capture}, "rules directory " + empty + ": no rules files"},
		{[]string{"replay", empty}, "capture " + empty + ": is a directory"},
		{[]string{"replay", "--filter", "evt.num>0", empty}, "capture " + empty + ": is a directory"},
		{[]string{"capture", "inspect", empty}, "capture " + empty + ": is a directory"},
		{[]string{"capture", "inspect", emptyFile}, "empty file"},
		{[]string{"replay", filepath.Join(dir, "missing.scap"), "-r", emptyFile}, "missing.scap: no such file"},
		// The capture file is created before the probe loads: no root needed to see the error.
		{[]string{"capture", "-w", empty, "--duration", "1s"}, "create capture " + empty + ": is a directory"},
		{[]string{"run", "--capture", empty, "--duration", "1s"}, "create capture " + empty + ": is a directory"},
		{[]string{"capture", "-w", filepath.Join(dir, "no", "such", "x.scap")}, "create capture"},
	}
	for _, tt := range tests {
		code, out, stderr := runCLI(t, nil, tt.args...)
		if code != exitFail || !strings.Contains(stderr, tt.err) || strings.Contains(stderr, "probe loaded") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 1 with %q", tt.args, code, out, stderr, tt.err)
		}
	}
	// An empty rules file is valid, as for Falco.
	if code, out, _ := runCLI(t, nil, "rules", "validate", emptyFile); code != exitOK || out != emptyFile+": Ok\n" {
		t.Errorf("empty rules file: exit %d, %q", code, out)
	}
}

func TestGlobalHints(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{errors.New(`Head "https://127.0.0.1:5000/v2/": http: server gave HTTP response to HTTPS client`), "pass --plain-http, or list its host:port in registry.plain_http"},
		{fmt.Errorf("resolve falco-rules: %w", resolve.ErrUnknownName), "add one with 'aeriectl index add NAME URL'"},
		{fmt.Errorf("dependency of x: %w", fmt.Errorf("resolve y: %w", resolve.ErrUnknownName)), "'aeriectl index list'"},
	}
	for _, tt := range tests {
		got := withGlobalHints(tt.err)
		if !strings.Contains(got.Error(), tt.want) || !errors.Is(got, tt.err) {
			t.Errorf("withGlobalHints(%v) = %v; want the error wrapped with %q", tt.err, got, tt.want)
		}
	}
	if err := errors.New("other"); withGlobalHints(err).Error() != "other" {
		t.Error("withGlobalHints changed an error it has no hint for")
	}
	// End to end: an unknown name with no index configured.
	code, _, stderr := runCLI(t, isolatedEnv(t.TempDir()), "artifact", "info", "falco-rules")
	if code != exitFail || !strings.Contains(stderr, "not found in the configured indexes (names resolve through the indexes") {
		t.Errorf("artifact info falco-rules: exit %d, %q", code, stderr)
	}
}

// TestPlainHTTPEverywhere: every command that talks to a registry takes --plain-http, and without it a plain
// HTTP registry's error says what to do.
func TestPlainHTTPEverywhere(t *testing.T) {
	reg := testenv.DistributionRegistry(t, testenv.RegistryOptions{Auth: true})
	dir := t.TempDir()
	env := isolatedEnv(dir)
	env["AERIE_COSIGN_PASSWORD"] = "pw"
	env["DOCKER_CONFIG"] = filepath.Join(dir, "docker")
	rules := filepath.Join(dir, "r.yaml")
	if err := os.WriteFile(rules, []byte("- list: l\n  items: [a]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	key := filepath.Join(dir, "cosign")
	genKeyPair(t, key)
	repo := reg.Host + "/falco/plain"
	runIn := func(stdin string, args ...string) (int, string, string) {
		t.Helper()
		var out, errb strings.Builder
		code := run(t.Context(), args, streams{in: strings.NewReader(stdin), out: &out, err: &errb}, env)
		return code, out.String(), errb.String()
	}

	code, _, stderr := runIn(reg.Password+"\n", "registry", "login", reg.Host, "-u", reg.User, "--password-stdin")
	if code != exitFail || !strings.Contains(stderr, "pass --plain-http") {
		t.Fatalf("login without --plain-http: exit %d, %q", code, stderr)
	}
	steps := [][]string{
		{"registry", "login", "--plain-http", reg.Host, "-u", reg.User, "--password-stdin"},
		{"registry", "auth", "basic", "--plain-http", reg.Host, "-u", reg.User, "--password-stdin"},
		{"registry", "push", "--plain-http", repo + ":1.0.0", rules, "--type", "rulesfile", "--version", "1.0.0"},
		{"artifact", "info", "--plain-http", repo},
		{"artifact", "manifest", "--plain-http", repo + ":1.0.0"},
		{"artifact", "config", "--plain-http", repo + ":1.0.0"},
		{"artifact", "sign", "--plain-http", repo + ":1.0.0", "--key", key + ".key"},
		{"artifact", "verify", "--plain-http", repo + ":1.0.0", "--key", key + ".pub"},
		{"registry", "pull", "--plain-http", repo + ":1.0.0", "--no-verify", "-o", dir},
		{"artifact", "install", "--plain-http", repo + ":1.0.0", "--no-verify", "--rulesfiles-dir", filepath.Join(dir, "rules.d")},
	}
	for _, args := range steps {
		if code, out, stderr := runIn(reg.Password+"\n", args...); code != exitOK {
			t.Fatalf("%v: exit %d\nstdout %s\nstderr %s", args, code, out, stderr)
		}
	}
	code, _, stderr = runIn("", "artifact", "verify", repo+":1.0.0", "--key", key+".pub")
	if code != exitFail || !strings.Contains(stderr, "pass --plain-http") {
		t.Errorf("verify without --plain-http: exit %d, %q", code, stderr)
	}
}

// genKeyPair writes prefix.key and prefix.pub with cosign generate-key-pair (password "pw").
func genKeyPair(t *testing.T, prefix string) {
	t.Helper()
	cosign := testenv.Tool(t, "cosign")
	cmd := exec.Command(cosign, "generate-key-pair", "--output-key-prefix", prefix)
	cmd.Env = append(os.Environ(), "COSIGN_PASSWORD=pw")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("cosign generate-key-pair: %v\n%s", err, out)
	}
}

// TestYAMLShapeMatchesJSON: -o yaml carries the same keys as -o json for the data commands.
func TestYAMLShapeMatchesJSON(t *testing.T) {
	dir := t.TempDir()
	ix := filepath.Join(dir, "index.yaml")
	if err := os.WriteFile(ix, []byte(`- name: falco-rules
  type: rulesfile
  registry: ghcr.io
  repository: falcosecurity/rules/falco-rules
  description: Falco rules
  keywords: [falco]
  signature:
    cosign:
      key: /k.pub
`), 0o644); err != nil {
		t.Fatal(err)
	}
	rules := filepath.Join(dir, "r.yaml")
	if err := os.WriteFile(rules, []byte("- rule: r\n  desc: d\n  condition: evt.type=open and fd.num>=0\n  output: o\n  priority: INFO\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := isolatedEnv(dir)
	if code, _, stderr := runCLI(t, env, "index", "add", "local", ix); code != 0 || !strings.Contains(stderr, `msg="index added" index=local`) || !strings.Contains(stderr, "entries=1") {
		t.Fatalf("index add: exit %d, %s", code, stderr)
	}
	for _, args := range [][]string{
		{"version"}, {"config", "show"}, {"rules", "validate", rules}, {"rules", "describe", rules},
		{"capture", "inspect", writeSynthCapture(t, 5)},
		{"artifact", "list"}, {"artifact", "search", "falco"}, {"index", "list"}, {"index", "update"},
	} {
		_, jout, _ := runCLI(t, env, append(args, "-o", "json")...)
		_, yout, _ := runCLI(t, env, append(args, "-o", "yaml")...)
		var j, y any
		if err := json.Unmarshal([]byte(jout), &j); err != nil {
			t.Fatalf("%v -o json: %v\n%s", args, err, jout)
		}
		if err := yaml.Unmarshal([]byte(yout), &y); err != nil {
			t.Fatalf("%v -o yaml: %v\n%s", args, err, yout)
		}
		if jk, yk := keyPaths(j, ""), keyPaths(y, ""); strings.Join(jk, " ") != strings.Join(yk, " ") {
			t.Errorf("%v: json keys %v\nyaml keys %v", args, jk, yk)
		}
	}
}

// isolatedEnv keeps the cache and state (added indexes, OAuth credentials) under dir, also for root, whose
// default state directory is /var/lib/aerie.
func isolatedEnv(dir string) config.MapEnv {
	return config.MapEnv{"HOME": dir, "AERIE_PATHS_CACHE_DIR": filepath.Join(dir, "cache"), "AERIE_PATHS_STATE_DIR": filepath.Join(dir, "state")}
}

// keyPaths lists the object keys in v as slash paths, sorted and deduplicated.
func keyPaths(v any, prefix string) []string {
	seen := map[string]bool{}
	var walk func(any, string)
	walk = func(v any, p string) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				seen[p+"/"+k] = true
				walk(c, p+"/"+k)
			}
		case []any:
			for _, c := range x {
				walk(c, p+"[]")
			}
		}
	}
	walk(v, prefix)
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
