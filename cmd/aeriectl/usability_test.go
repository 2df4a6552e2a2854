package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spf13/cobra"
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
		{[]string{"help", "nosuch"}, `help: unknown command "nosuch" for "aeriectl"`},
		{[]string{"help", "rules", "valid"}, "did you mean validate?"},
		{[]string{"rules", "valid"}, "did you mean validate?"},
		{[]string{"artifact", "lsit"}, `unknown command "lsit" for "aeriectl artifact"`},
		{[]string{"registry", "auth", "digest"}, `unknown command "digest" for "aeriectl registry auth"`},
		{[]string{"capture", "extra"}, `unknown command "extra" for "aeriectl capture"`},
		{[]string{"registry", "push", "oci-layout:" + dir, rules, "--type", "rulesfile"}, `required flag(s) "version" not set`},
		{[]string{"artifact", "sign", "oci-layout:" + dir}, `required flag(s) "key" not set`},
		{[]string{"registry", "push", "oci-layout:" + dir, rules, "--type", "rulesfile", "--version", "v1.0"}, `--version: invalid version "v1.0"`},
		{[]string{"registry", "push", "oci-layout:" + dir, rules, "--type", "plugin", "--version", "1.0.0"}, "plugins need one --platform per file"},
		{[]string{"registry", "push", "oci-layout:" + dir, rules, "--type", "rulesfile", "--version", "1.0.0", "--platform", "linux/amd64"}, "--platform applies to plugins only"},
		{[]string{"artifact", "install", "x", "--engine-version", "0.40.0", "--falco-versions", "v.json"}, "if any flags in the group"},
		{[]string{"artifact", "list", "-o", "xml"}, "invalid output format"},
		{[]string{"artifact", "list", "--type", "rules"}, `unknown artifact type "rules"`},
		{[]string{"artifact", "search", "x", "--min-score", "2"}, "want a similarity between 0 and 1"},
		{[]string{"replay", "-o", "yaml", rules}, "want text or json"},
		{[]string{"replay", "--filter", "evt.num>0", "-p", "%nosuch.field", writeSynthCapture(t, 5)}, `-p/--print "%nosuch.field": unknown filter: nosuch.field`},
		{[]string{"replay", "--filter", "evt.num>", writeSynthCapture(t, 5)}, `compile filter "evt.num>"`},
		// Checked before the probe loads (no root needed to see it).
		{[]string{"run", "--metrics-addr", "8765"}, `--metrics-addr "8765": want HOST:PORT`},
	}
	for _, tt := range tests {
		code, out, stderr := runCLI(t, nil, tt.args...)
		if code != exitUsage || !strings.Contains(stderr, tt.err) || !strings.Contains(stderr, "--help' for usage") || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 with %q", tt.args, code, out, stderr, tt.err)
		}
	}
	// help works even with a broken configuration, and prints on stdout.
	code, out, stderr := runCLI(t, nil, "--config", filepath.Join(dir, "missing.yaml"), "help", "rules", "validate")
	if code != exitOK || !strings.Contains(out, "Load the rules files in order") {
		t.Errorf("help rules validate: exit %d, stdout %q, stderr %q", code, out, stderr)
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
		{fmt.Errorf("dependency of x: %w", fmt.Errorf("resolve y: %w", resolve.ErrUnknownName)), "--resolve-deps=false"},
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
	env := isolatedEnv(t.TempDir())
	code, _, stderr := runCLI(t, env, "artifact", "info", "falco-rules")
	if code != exitFail || !strings.Contains(stderr, "not found in the configured indexes (names resolve through the indexes") {
		t.Errorf("artifact info falco-rules: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, env, "artifact", "list", "--index", "nosuch"); code != exitFail || !strings.Contains(stderr, "no index named nosuch") {
		t.Errorf("artifact list --index nosuch: exit %d, %q", code, stderr)
	}
	for _, args := range [][]string{{"artifact", "list"}, {"artifact", "search", "k8saudit"}} {
		code, out, stderr := runCLI(t, env, args...)
		if code != exitOK || !strings.HasPrefix(out, "INDEX") || !strings.Contains(stderr, "no index configured: add one with 'aeriectl index add NAME URL'") {
			t.Errorf("%v with no index: exit %d, stdout %q, stderr %q", args, code, out, stderr)
		}
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
	// The raw commands also print indented JSON and YAML.
	for _, f := range []string{"json", "yaml"} {
		code, out, stderr := runIn("", "artifact", "config", "--plain-http", repo+":1.0.0", "-o", f)
		var cfg struct{ Name, Version string }
		if err := yaml.Unmarshal([]byte(out), &cfg); code != 0 || err != nil || cfg.Name != "plain" || cfg.Version != "1.0.0" {
			t.Errorf("artifact config -o %s: exit %d, %v, %q %s", f, code, err, out, stderr)
		}
	}
	// sign -o json has the table's status; signing again changes nothing.
	code, out, stderr := runIn("", "artifact", "sign", "--plain-http", repo+":1.0.0", "--key", key+".key", "-o", "json")
	var signed struct{ Status, Layout string }
	if err := json.Unmarshal([]byte(out), &signed); code != 0 || err != nil || signed.Status != "already signed" || signed.Layout != "legacy-tag" {
		t.Errorf("sign again -o json: exit %d, %v, %q %s", code, err, out, stderr)
	}
	// No policy covers the repository: verify fails without the install-time "accepted unverified" warning.
	code, _, stderr = runIn("", "artifact", "verify", "--plain-http", repo+":1.0.0")
	if code != exitFail || !strings.Contains(stderr, "nothing was verified") || strings.Contains(stderr, "accepted unverified") {
		t.Errorf("verify with no policy: exit %d, %q", code, stderr)
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
	cmd.Env = append(os.Environ(), "COSIGN_PASSWORD=pw", "HOME="+filepath.Dir(prefix)) // CI's HOME may be unset or unwritable
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

// TestExamplesParse: every aeriectl command line in the help examples, README.md and docs/*.md names an
// existing command with existing flags, the flags it requires and an accepted number of arguments.
func TestExamplesParse(t *testing.T) {
	var lines []string
	for path, ex := range examples {
		for l := range strings.Lines(ex) {
			lines = append(lines, "examples["+path+"]\x00"+strings.TrimSpace(l))
		}
	}
	root := testenv.RepoRoot(t)
	docs, _ := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	for _, doc := range append([]string{filepath.Join(root, "README.md")}, docs...) {
		data, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		inBlock := false
		for i, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), "```") {
				inBlock = !inBlock
				continue
			}
			if inBlock {
				lines = append(lines, fmt.Sprintf("%s:%d\x00%s", filepath.Base(doc), i+1, l))
			}
		}
	}
	checked := 0
	for _, entry := range lines {
		where, line, _ := strings.Cut(entry, "\x00")
		for _, args := range commandLines(line) {
			checked++
			if err := checkCommandLine(args); err != nil {
				t.Errorf("%s: %q: %v", where, strings.Join(args, " "), err)
			}
		}
	}
	t.Logf("%d command lines checked", checked)
	if checked < len(examples) {
		t.Fatalf("checked only %d command lines", checked)
	}
}

// commandLines returns the aeriectl invocations on a shell line, without the program name. README usage
// notation is unfolded: [-o json] and [-r FILE]... count as given.
func commandLines(line string) [][]string {
	var out [][]string
	if i := strings.Index(line, "  #"); i >= 0 {
		line = line[:i]
	}
	for _, seg := range strings.Split(line, "|") {
		words := shellWords(seg)
		for len(words) > 0 && strings.Contains(words[0], "=") && !strings.HasPrefix(words[0], "-") {
			words = words[1:] // VAR=value prefix
		}
		if len(words) == 0 || words[0] != "aeriectl" {
			continue
		}
		var args []string
		for _, w := range words[1:] {
			if w == "<" || w == ">" || w == "2>" {
				break
			}
			w = strings.TrimSuffix(strings.Trim(w, "[]"), "]...")
			if w = strings.TrimSuffix(strings.Trim(w, "[]"), "..."); w != "" {
				args = append(args, w)
			}
		}
		out = append(out, args)
	}
	return out
}

// shellWords splits s into words as a POSIX shell does for simple quoting.
func shellWords(s string) []string {
	var words []string
	var cur strings.Builder
	in, quote := false, rune(0)
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, in = r, true
		case r == ' ' || r == '\t':
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if in {
		words = append(words, cur.String())
	}
	return words
}

// checkCommandLine parses args against a fresh command tree without running anything.
func checkCommandLine(args []string) error {
	root := newRootCmd(&app{streams: streams{in: strings.NewReader(""), out: new(strings.Builder), err: new(strings.Builder)}, env: config.MapEnv{}})
	c, rest, err := root.Find(args)
	if err != nil {
		return err
	}
	if c == root {
		return errors.New("no command")
	}
	if err := c.ParseFlags(rest); err != nil {
		return err
	}
	if err := c.ValidateArgs(c.Flags().Args()); err != nil {
		return err
	}
	if err := c.ValidateRequiredFlags(); err != nil {
		return err
	}
	return c.ValidateFlagGroups()
}

// TestEveryCommandHasExamples: each command that does something shows how to call it.
func TestEveryCommandHasExamples(t *testing.T) {
	root := newRootCmd(&app{streams: streams{out: new(strings.Builder), err: new(strings.Builder)}, env: config.MapEnv{}})
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Runnable() && !c.HasSubCommands() && !c.Hidden && c.Name() != "help" && !strings.HasPrefix(c.Name(), "__") && c.Example == "" && c.Name() != "completion" {
			t.Errorf("%s has no examples", c.CommandPath())
		}
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	walk(root)
}

func TestLocalIndexURL(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("index.yaml", []byte("[]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	abs := filepath.Join(dir, "index.yaml")
	for in, want := range map[string]string{
		"./index.yaml":   abs,
		"index.yaml":     abs,
		"missing.yaml":   "missing.yaml", // left for the fetch error to name
		".":              ".",            // a directory is not an index file
		"/srv/i.yaml":    "/srv/i.yaml",
		"https://x/i":    "https://x/i",
		"oci-layout:./l": "oci-layout:./l",
	} {
		if got := localIndexURL(in); got != want {
			t.Errorf("localIndexURL(%q) = %q, want %q", in, got, want)
		}
	}
	env := isolatedEnv(dir)
	if code, _, stderr := runCLI(t, env, "index", "add", "rel", "./index.yaml"); code != 0 || !strings.Contains(stderr, "url="+abs) || !strings.Contains(stderr, "index has no entries") {
		t.Errorf("index add rel ./index.yaml: exit %d, %s", code, stderr)
	}
}

func TestConfigValidateNamesFiles(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(file, []byte("log:\n  level: warn\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, config.MapEnv{"HOME": dir}, "--config", file, "--log-level", "info", "config", "validate")
	if code != 0 || !strings.Contains(stderr, "configuration is valid") || !strings.Contains(stderr, "files="+file) {
		t.Errorf("config validate --config FILE: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(config.DefaultFile); err == nil {
		return // this host has a system configuration
	}
	code, _, stderr = runCLI(t, config.MapEnv{"HOME": dir}, "config", "validate")
	if code != 0 || !strings.Contains(stderr, "no configuration file") || !strings.Contains(stderr, filepath.Join(dir, ".config", "aerie", "config.yaml")) {
		t.Errorf("config validate without a file: exit %d, %q", code, stderr)
	}
}

func TestSlowRequestLogged(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		<-release
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	logs := &lockedBuffer{}
	rt := slowLog{base: http.DefaultTransport, log: slog.New(slog.NewTextHandler(logs, nil)), after: 20 * time.Millisecond}
	go func() {
		time.Sleep(200 * time.Millisecond)
		close(release)
	}()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+"/v2/", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := logs.String(); !strings.Contains(got, "still waiting for the server") || !strings.Contains(got, "path=/v2/") {
		t.Errorf("slow request not reported: %q", got)
	}
	// A fast request says nothing.
	logs = &lockedBuffer{}
	rt = slowLog{base: http.DefaultTransport, log: slog.New(slog.NewTextHandler(logs, nil)), after: time.Minute}
	if resp, err = rt.RoundTrip(req.Clone(t.Context())); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if logs.String() != "" {
		t.Errorf("fast request logged: %q", logs.String())
	}
}

// lockedBuffer is a strings.Builder safe for a logger writing from a timer goroutine.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestInstallPermissionHint(t *testing.T) {
	dir := t.TempDir()
	env := isolatedEnv(dir)
	rules := filepath.Join(dir, "r.yaml")
	if err := os.WriteFile(rules, []byte("- list: l\n  items: [a]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	layout := "oci-layout:" + filepath.Join(dir, "layout")
	if code, _, stderr := runCLI(t, env, "registry", "push", layout+":1.0.0", rules, "--type", "rulesfile", "--version", "1.0.0"); code != 0 {
		t.Fatalf("push: %s", stderr)
	}
	// /sys refuses mkdir with EPERM, even to root.
	code, _, stderr := runCLI(t, env, "artifact", "install", layout+":1.0.0", "--no-verify", "--rulesfiles-dir", "/sys/aerie-test-rules")
	if code != exitFail || !strings.Contains(stderr, "run as root, or install into writable directories: --rulesfiles-dir") {
		t.Errorf("install into an unwritable directory: exit %d, %q", code, stderr)
	}
}

func TestReplayWarnsAboutRuleWarnings(t *testing.T) {
	dir := t.TempDir()
	rules := filepath.Join(dir, "warn.yaml")
	if err := os.WriteFile(rules, []byte("- macro: unused_m\n  condition: evt.type=open\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, nil, "replay", "-r", rules, writeSynthCapture(t, 5))
	if code != exitOK || !strings.Contains(stderr, "rules loaded with warnings") || !strings.Contains(stderr, "file="+rules) {
		t.Errorf("replay with a warning: exit %d, %q", code, stderr)
	}
}

func TestInterruptedMessage(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	var out, errb strings.Builder
	code := run(ctx, []string{"replay", writeSynthCapture(t, 50)}, streams{in: strings.NewReader(""), out: &out, err: &errb}, isolatedEnv(t.TempDir()))
	if code != exitFail || !strings.Contains(errb.String(), "Error: interrupted; nothing more was done") {
		t.Errorf("replay interrupted: exit %d, stderr %q", code, errb.String())
	}
}

func TestIndexUpdateKeepsGoing(t *testing.T) {
	dir := t.TempDir()
	env := isolatedEnv(dir)
	for _, n := range []string{"a", "b"} {
		f := filepath.Join(dir, n+".yaml")
		if err := os.WriteFile(f, []byte("- name: "+n+"-rules\n  type: rulesfile\n  registry: ghcr.io\n  repository: x/"+n+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if code, _, stderr := runCLI(t, env, "index", "add", n, f); code != 0 {
			t.Fatalf("index add %s: %s", n, stderr)
		}
	}
	if err := os.Remove(filepath.Join(dir, "a.yaml")); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCLI(t, env, "index", "update")
	if code != exitFail || !strings.Contains(out, "b.yaml") || !strings.Contains(stderr, "a.yaml") {
		t.Errorf("index update with a missing index file: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
}

func TestStatusFollowsLogFormat(t *testing.T) {
	for _, format := range []string{"text", "json"} {
		var errb strings.Builder
		a := &app{streams: streams{err: &errb}, cfg: &config.Config{Log: config.Log{Level: "info", Format: format}}}
		a.log = newLogger(&errb, a.cfg.Log)
		a.status("aeriectl run: watching (%d rules)", 3)
		got := errb.String()
		if format == "text" && got != "aeriectl run: watching (3 rules)\n" {
			t.Errorf("text: %q", got)
		}
		var rec struct{ Level, Msg string }
		if format == "json" && (json.Unmarshal([]byte(got), &rec) != nil || rec.Msg != "aeriectl run: watching (3 rules)" || rec.Level != "INFO") {
			t.Errorf("json: %q", got)
		}
	}
}
