package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aerie-sec/aerie/config"
	"github.com/aerie-sec/aerie/internal/testenv"
)

// distEnv is a directory with a configuration for one or more loopback registries.
type distEnv struct {
	dir, cfg  string
	env       config.MapEnv
	rulesDir  string
	pluginDir string
	assetDir  string
	index     string // file index path
	stdin     string
}

type envOptions struct {
	plainHTTP []string
	extra     string // YAML appended to the configuration
}

func newDistEnv(t *testing.T, o envOptions) *distEnv {
	t.Helper()
	e := &distEnv{dir: t.TempDir()}
	e.rulesDir = filepath.Join(e.dir, "rules.d")
	e.pluginDir = filepath.Join(e.dir, "plugins")
	e.assetDir = filepath.Join(e.dir, "assets")
	e.index = filepath.Join(e.dir, "index.yaml")
	if err := os.WriteFile(e.index, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := fmt.Sprintf(`registry:
  plain_http: [%s]
  credentials_file: %s/docker/config.json
  retries: 2
  timeout: 10s
indexes:
  - name: local
    url: file://%s
artifact:
  rulesfiles_dir: %s
  plugins_dir: %s
  assets_dir: %s
paths:
  cache_dir: %s/cache
  state_dir: %s/state
%s`, strings.Join(o.plainHTTP, ", "), e.dir, e.index, e.rulesDir, e.pluginDir, e.assetDir, e.dir, e.dir, o.extra)
	e.cfg = filepath.Join(e.dir, "config.yaml")
	if err := os.WriteFile(e.cfg, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	e.env = config.MapEnv{"HOME": e.dir}
	return e
}

func (e *distEnv) run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"--config", e.cfg}, args...),
		streams{in: strings.NewReader(e.stdin), out: &out, err: &errb}, e.env)
	return code, out.String(), errb.String()
}

func (e *distEnv) ok(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := e.run(t, args...)
	if code != 0 {
		t.Fatalf("aeriectl %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

func (e *distEnv) fail(t *testing.T, want string, args ...string) string {
	t.Helper()
	code, out, errs := e.run(t, args...)
	if code == 0 || !strings.Contains(errs, want) {
		t.Fatalf("aeriectl %s: exit %d, stderr %q; want failure with %q\n%s", strings.Join(args, " "), code, errs, want, out)
	}
	return errs
}

// addIndex writes index entries name -> repository on registry host.
func (e *distEnv) addIndex(t *testing.T, host string, entries map[string][2]string) {
	t.Helper()
	var b strings.Builder
	names := make([]string, 0, len(entries))
	for n := range entries {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		fmt.Fprintf(&b, "- name: %s\n  type: %s\n  registry: %s\n  repository: %s\n", n, entries[n][0], host, entries[n][1])
	}
	f, err := os.OpenFile(e.index, os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(b.String()); err != nil {
		t.Fatal(err)
	}
}

func (e *distEnv) file(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(e.dir, "src", name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func tarGzFile(t *testing.T, path string, hdrs ...tar.Header) string {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, h := range hdrs {
		h := h
		body := []byte(strings.Repeat("x", int(h.Size)))
		if err := tw.WriteHeader(&h); err != nil {
			t.Fatal(err)
		}
		_, _ = tw.Write(body)
	}
	_ = tw.Close()
	_ = zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func dirFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	_ = filepath.WalkDir(dir+"/", func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[rel] = string(b)
		}
		return nil
	})
	return out
}

const pluginRules = `- required_engine_version: 0.50.0
- required_plugin_versions:
  - name: k8saudit
    version: 0.7.0
    alternatives:
      - name: k8saudit-eks
        version: 0.4.0
- rule: audit
  desc: d
  condition: evt.type=open
  output: o
  priority: INFO
`

// TestRoundTripsDockerRegistry pushes each type to docker-registry 2.8, then pulls and installs them.
func TestRoundTripsDockerRegistry(t *testing.T) {
	reg := testenv.DockerRegistry(t, testenv.RegistryOptions{})
	roundTrips(t, reg.Host, []string{reg.Host}, "")
}

// TestRoundTripsDistribution3 does the same against distribution 3.1.2.
func TestRoundTripsDistribution3(t *testing.T) {
	reg := testenv.DistributionRegistry(t, testenv.RegistryOptions{})
	roundTrips(t, reg.Host, []string{reg.Host}, "")
}

// TestRoundTripsReferrersRegistry does the same against go-containerregistry's registry with the referrers API.
func TestRoundTripsReferrersRegistry(t *testing.T) {
	reg := testenv.ReferrersRegistry(t)
	roundTrips(t, reg.Host, []string{reg.Host}, "")
}

func roundTrips(t *testing.T, host string, plain []string, extra string) {
	e := newDistEnv(t, envOptions{plainHTTP: plain, extra: extra})
	corpusRules := testenv.CorpusFile(t, "rules", "falco_rules.yaml")
	data, err := os.ReadFile(corpusRules)
	if err != nil {
		t.Fatal(err)
	}
	rulesFile := e.file(t, "falco_rules.yaml", string(data))
	e.addIndex(t, host, map[string][2]string{
		"falco-rules": {"rulesfile", "falco/rules/falco-rules"}, "k8saudit": {"plugin", "falco/plugin/k8saudit"},
		"k8saudit-rules": {"rulesfile", "falco/ruleset/k8saudit"}, "container": {"plugin", "falco/plugin/container"},
		"geo": {"asset", "falco/asset/geo"},
	})
	// Rules file from the corpus: requirements and dependencies derived from the YAML.
	out := e.ok(t, "registry", "push", host+"/falco/rules/falco-rules", rulesFile, "--type", "rulesfile", "--version", "5.0.0", "--add-floating-tags", "-o", "json")
	var pr pushResult
	if err := json.Unmarshal([]byte(out), &pr); err != nil {
		t.Fatalf("push output: %v\n%s", err, out)
	}
	if !slices.Equal(pr.Tags, []string{"5.0.0", "5.0", "5", "latest"}) || pr.Config.Requirements[0].Version != "0.57.0" || pr.Config.Dependencies[0].Name != "container" {
		t.Errorf("push result %+v", pr)
	}
	// Multi-platform plugins.
	for _, v := range []string{"0.6.0", "0.7.0", "0.7.1"} {
		amd := tarGzFile(t, filepath.Join(e.dir, "src", "k8saudit-"+v+"-linux-x86_64.tar.gz"), tar.Header{Name: "libk8saudit.so", Typeflag: tar.TypeReg, Mode: 0o755, Size: 10})
		arm := tarGzFile(t, filepath.Join(e.dir, "src", "k8saudit-"+v+"-linux-aarch64.tar.gz"), tar.Header{Name: "libk8saudit.so", Typeflag: tar.TypeReg, Mode: 0o755, Size: 20})
		e.ok(t, "registry", "push", host+"/falco/plugin/k8saudit:"+v, amd, arm, "--type", "plugin", "--version", v,
			"--platform", "linux/amd64", "--platform", "linux/arm64", "--requires", "plugin_api_version:3.0.0")
	}
	cont := tarGzFile(t, filepath.Join(e.dir, "src", "container.tar.gz"), tar.Header{Name: "libcontainer.so", Typeflag: tar.TypeReg, Mode: 0o755, Size: 5})
	e.ok(t, "registry", "push", host+"/falco/plugin/container:0.6.0", cont, "--type", "plugin", "--version", "0.6.0", "--platform", "linux/amd64", "--platform", "linux/arm64", "--name", "container", cont)
	e.ok(t, "registry", "push", host+"/falco/ruleset/k8saudit:0.7.0", e.file(t, "k8s_audit_rules.yaml", pluginRules), "--type", "rulesfile", "--version", "0.7.0", "--name", "k8saudit-rules")
	e.ok(t, "registry", "push", host+"/falco/asset/geo", e.file(t, "GeoLite2.mmdb", "geo"), "--type", "asset", "--version", "1.0.0", "--tag", "1.0.0")

	// Manifest and config as falcoctl writes them.
	man := e.ok(t, "artifact", "manifest", host+"/falco/plugin/k8saudit:0.7.1", "--platform", "linux/arm64")
	if !strings.Contains(man, `"org.opencontainers.image.title":"k8saudit-0.7.1-linux-aarch64.tar.gz"`) || !strings.Contains(man, `"mediaType":"application/vnd.cncf.falco.plugin.layer.v1+tar.gz"`) {
		t.Errorf("manifest %s", man)
	}
	if cfg := strings.TrimSpace(e.ok(t, "artifact", "config", "k8saudit:0.7.1")); cfg != `{"name":"k8saudit","version":"0.7.1","requirements":[{"name":"plugin_api_version","version":"3.0.0"}]}` {
		t.Errorf("config %s", cfg)
	}
	if info := e.ok(t, "artifact", "info", "falco-rules", "-o", "json"); !strings.Contains(info, `"5.0.0"`) || !strings.Contains(info, `"latest"`) {
		t.Errorf("info %s", info)
	}
	// Pull writes the layer tarball unextracted, for the platform asked.
	pulled := filepath.Join(e.dir, "pulled")
	out = e.ok(t, "registry", "pull", host+"/falco/plugin/k8saudit:0.7.1", "-o", pulled, "--platform", "linux/arm64", "--no-verify")
	if strings.TrimSpace(out) != filepath.Join(pulled, "k8saudit-0.7.1-linux-aarch64.tar.gz") {
		t.Errorf("pull printed %q", out)
	}
	// Install by index name: the rules' dependency resolves to the highest compatible k8saudit.
	out = e.ok(t, "artifact", "install", "k8saudit-rules:0.7.0", "geo:1.0.0", "--no-verify", "--explain", "--platform", "linux/arm64", "-o", "json")
	var ir installResult
	if err := json.Unmarshal([]byte(out), &ir); err != nil {
		t.Fatalf("install output: %v\n%s", err, out)
	}
	var got []string
	for _, i := range ir.Installed {
		got = append(got, i.Name+"@"+i.Version)
	}
	slices.Sort(got)
	if !slices.Equal(got, []string{"geo@1.0.0", "k8saudit-rules@0.7.0", "k8saudit@0.7.1"}) {
		t.Errorf("installed %v", got)
	}
	if !strings.Contains(strings.Join(ir.Explain, "\n"), "highest compatible of 0.6.0, 0.7.0, 0.7.1") {
		t.Errorf("explain %v", ir.Explain)
	}
	if f := dirFiles(t, e.pluginDir); len(f["libk8saudit.so"]) != 20 {
		t.Errorf("plugins %v", f)
	}
	if f := dirFiles(t, e.rulesDir); f["k8s_audit_rules.yaml"] != pluginRules {
		t.Errorf("rules %v", f)
	}
	if f := dirFiles(t, e.assetDir); f["GeoLite2.mmdb"] != "geo" {
		t.Errorf("assets %v", f)
	}
	// falco-rules 5.0.0 requires engine 0.57.0: fine for Aerie, refused for an older Falco.
	e.fail(t, "falco-rules 5.0.0 requires engine_version_semver 0.57.0: have 0.50.0 (too old)", "artifact", "install", "falco-rules:5", "--no-verify", "--engine-version", "0.50.0")
	e.ok(t, "artifact", "install", "falco-rules:5", "--no-verify", "--platform", "linux/amd64")
	if f := dirFiles(t, e.rulesDir); f["falco_rules.yaml"] != string(data) || f["k8s_audit_rules.yaml"] != pluginRules {
		t.Errorf("rules after second install: %d files", len(f))
	}
	if f := dirFiles(t, e.pluginDir); f["libcontainer.so"] == "" {
		t.Errorf("container plugin dependency not installed: %v", f)
	}
	// search and list read the index.
	if out := e.ok(t, "artifact", "search", "k8saudit"); !strings.Contains(out, "k8saudit-rules") {
		t.Errorf("search %s", out)
	}
	if out := e.ok(t, "artifact", "list", "--type", "asset"); !strings.Contains(out, "geo") || strings.Contains(out, "falco-rules") {
		t.Errorf("list %s", out)
	}
}

// TestBadInputChangesNothing checks that each bad input is a clear error and leaves installed content alone.
func TestBadInputChangesNothing(t *testing.T) {
	reg := testenv.DockerRegistry(t, testenv.RegistryOptions{})
	var corrupt atomic.Bool
	px := newProxy(t, "http://"+reg.Host, func(w http.ResponseWriter, r *http.Request) bool {
		if corrupt.Load() && strings.Contains(r.URL.Path, "/blobs/") && r.Method == http.MethodGet {
			rec := httptest.NewRecorder()
			return serveModified(w, r, rec, "http://"+reg.Host)
		}
		return false
	})
	e := newDistEnv(t, envOptions{plainHTTP: []string{reg.Host, px.host}})
	e.addIndex(t, reg.Host, map[string][2]string{"good": {"rulesfile", "t/good"}, "evil": {"rulesfile", "t/evil"}, "plug": {"plugin", "t/plug"}})
	e.addIndex(t, px.host, map[string][2]string{"viaproxy": {"rulesfile", "t/good"}})
	e.ok(t, "registry", "push", reg.Host+"/t/good:1.0.0", e.file(t, "good.yaml", "- rule: good\n"), "--type", "rulesfile", "--version", "1.0.0")
	e.ok(t, "artifact", "install", "good:1.0.0", "--no-verify")
	before := dirFiles(t, e.rulesDir)
	e.ok(t, "registry", "push", reg.Host+"/t/good:2.0.0", e.file(t, "good2.yaml", "- rule: good2\n"), "--type", "rulesfile", "--version", "2.0.0")
	e.ok(t, "registry", "push", reg.Host+"/t/plug:1.0.0", e.file(t, "libp.so", "ELF"), "--type", "plugin", "--version", "1.0.0", "--platform", "linux/amd64")
	hostile := map[string]tar.Header{
		"dotdot":   {Name: "../../escape.yaml", Typeflag: tar.TypeReg, Mode: 0o644, Size: 1},
		"absolute": {Name: "/tmp/aerie-abs.yaml", Typeflag: tar.TypeReg, Mode: 0o644, Size: 1},
		"symlink":  {Name: "link.yaml", Typeflag: tar.TypeSymlink, Linkname: "/etc/passwd"},
		"hardlink": {Name: "hard.yaml", Typeflag: tar.TypeLink, Linkname: "/etc/shadow"},
		"device":   {Name: "null", Typeflag: tar.TypeChar, Devmajor: 1, Devminor: 3},
		"setuid":   {Name: "suid", Typeflag: tar.TypeReg, Mode: 0o4755, Size: 1},
	}
	for name, h := range hostile {
		p := tarGzFile(t, filepath.Join(e.dir, "src", name+".tar.gz"), h)
		e.ok(t, "registry", "push", reg.Host+"/t/evil:"+name, p, "--type", "rulesfile", "--version", "1.0.0", "--name", "evil")
	}
	// A bomb that declares 300 MiB for one file (the entry-count and total caps are covered in
	// package untar); the body is left out, since the header alone must be refused.
	var bombBuf bytes.Buffer
	zw := gzip.NewWriter(&bombBuf)
	if err := tar.NewWriter(zw).WriteHeader(&tar.Header{Name: "bomb.yaml", Typeflag: tar.TypeReg, Mode: 0o644, Size: 300 << 20}); err != nil {
		t.Fatal(err)
	}
	_ = zw.Close()
	bomb := filepath.Join(e.dir, "src", "bomb.tar.gz")
	if err := os.WriteFile(bomb, bombBuf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	e.ok(t, "registry", "push", reg.Host+"/t/evil:bomb", bomb, "--type", "rulesfile", "--version", "1.0.0", "--name", "evil")

	cases := []struct {
		name string
		args []string
		want string
	}{
		{"unknown name", []string{"nosuch:1.0.0"}, "nosuch: not found in the configured indexes"},
		{"missing tag", []string{"good:9.9.9"}, "9.9.9: not found"},
		{"wrong type", []string{"good:2.0.0", "plug:1.0.0", "--allowed-types", "rulesfile"}, "type plugin is not allowed"},
		{"registry down", []string{"127.0.0.1:1/t/good:1.0.0"}, "connection refused"},
		{"dotdot", []string{"evil:dotdot"}, `".." in name`},
		{"absolute", []string{"evil:absolute"}, "absolute name"},
		{"symlink", []string{"evil:symlink"}, "links are not allowed"},
		{"hardlink", []string{"evil:hardlink"}, "links are not allowed"},
		{"device", []string{"evil:device"}, "devices"},
		{"setuid", []string{"evil:setuid"}, "set-user-ID"},
		{"decompression bomb", []string{"evil:bomb"}, "per-file limit"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.fail(t, c.want, append([]string{"artifact", "install", "--no-verify"}, c.args...)...)
			if after := dirFiles(t, e.rulesDir); !equalMaps(after, before) {
				t.Errorf("rules changed: %v", after)
			}
			if _, err := os.Stat(e.pluginDir); err == nil {
				t.Error("plugins dir created")
			}
			if _, err := os.Stat(filepath.Join(e.dir, "escape.yaml")); err == nil {
				t.Error("escaped")
			}
		})
	}
	t.Run("corrupted blob", func(t *testing.T) {
		corrupt.Store(true)
		defer corrupt.Store(false)
		e.fail(t, "mismatch", "artifact", "install", "--no-verify", "viaproxy:2.0.0")
		if after := dirFiles(t, e.rulesDir); !equalMaps(after, before) {
			t.Errorf("rules changed: %v", after)
		}
	})
	e.fail(t, "invalid version", "registry", "push", reg.Host+"/t/x", e.file(t, "x.yaml", "- rule: x\n"), "--type", "rulesfile", "--version", "v1")
	e.fail(t, "unknown artifact type", "registry", "push", reg.Host+"/t/x", e.file(t, "x.yaml", "- rule: x\n"), "--type", "rules", "--version", "1.0.0")
	e.fail(t, "one --platform per file", "registry", "push", reg.Host+"/t/x", e.file(t, "x.so", "x"), "--type", "plugin", "--version", "1.0.0")
	e.fail(t, "not found", "artifact", "config", reg.Host+"/t/none@sha256:"+strings.Repeat("0", 64))
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// proxy is a reverse proxy in front of a registry, counting requests and letting a hook answer.
type proxy struct {
	host  string
	mu    sync.Mutex
	count map[string]int // by method and kind of endpoint
	urls  map[string]int // by method and full URL, to spot repeated requests
}

func newProxy(t testing.TB, target string, hook func(w http.ResponseWriter, r *http.Request) bool) *proxy {
	t.Helper()
	u, _ := url.Parse(target)
	rp := httputil.NewSingleHostReverseProxy(u)
	p := &proxy{count: map[string]int{}, urls: map[string]int{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.count[r.Method+" "+kind(r.URL.Path)]++
		p.urls[r.Method+" "+r.URL.String()]++
		p.mu.Unlock()
		if hook != nil && hook(w, r) {
			return
		}
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	p.host = strings.TrimPrefix(srv.URL, "http://")
	return p
}

func kind(path string) string {
	switch {
	case path == "/v2/":
		return "/v2/"
	case strings.Contains(path, "/manifests/"):
		return "manifest"
	case strings.Contains(path, "/blobs/"):
		return "blob"
	case strings.HasSuffix(path, "/tags/list"):
		return "tags"
	}
	return path
}

func (p *proxy) total() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, c := range p.count {
		n += c
	}
	return n
}

func (p *proxy) reset() map[string]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	c := p.count
	p.count = map[string]int{}
	p.urls = map[string]int{}
	return c
}

// repeated counts requests beyond the first to each URL.
func (p *proxy) repeated() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, c := range p.urls {
		n += c - 1
	}
	return n
}

// serveModified fetches the blob from the registry and serves it with its last byte flipped.
func serveModified(w http.ResponseWriter, r *http.Request, _ *httptest.ResponseRecorder, target string) bool {
	resp, err := http.Get(target + r.URL.Path)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return true
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if len(b) > 0 {
		b[len(b)-1] ^= 0xff
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(b)))
	w.WriteHeader(resp.StatusCode)
	_, _ = w.Write(b)
	return true
}

// TestRetryAfterAndServerErrors checks 429 with Retry-After is retried and persistent 5xx fails clearly.
func TestRetryAfterAndServerErrors(t *testing.T) {
	reg := testenv.DockerRegistry(t, testenv.RegistryOptions{})
	var throttled, broken atomic.Int32
	px := newProxy(t, "http://"+reg.Host, func(w http.ResponseWriter, r *http.Request) bool {
		if strings.Contains(r.URL.Path, "/manifests/") && throttled.Add(-1) >= 0 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, `{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}`, http.StatusTooManyRequests)
			return true
		}
		if broken.Load() > 0 {
			http.Error(w, "upstream failure", http.StatusBadGateway)
			return true
		}
		return false
	})
	e := newDistEnv(t, envOptions{plainHTTP: []string{reg.Host, px.host}})
	e.ok(t, "registry", "push", reg.Host+"/t/r:1.0.0", e.file(t, "r.yaml", "- rule: r\n"), "--type", "rulesfile", "--version", "1.0.0")
	throttled.Store(1)
	e.ok(t, "artifact", "install", "--no-verify", px.host+"/t/r:1.0.0")
	if c := px.reset(); c["GET manifest"] < 2 {
		t.Errorf("429 not retried: %v", c)
	}
	broken.Store(1)
	errs := e.fail(t, "502", "artifact", "install", "--no-verify", "--rulesfiles-dir", filepath.Join(e.dir, "other"), px.host+"/t/r:1.0.0")
	if c := px.reset(); c["GET manifest"] != 3 { // first try + registry.retries (2)
		t.Errorf("5xx attempts %v (%s)", c, errs)
	}
	if _, err := os.Stat(filepath.Join(e.dir, "other")); err == nil {
		t.Error("directory created on failure")
	}
}

// TestTLSAuthLoginAndMirror uses a TLS registry with htpasswd auth: failures without or with wrong
// credentials, login with --password-stdin, push and install through a mirror, logout.
func TestTLSAuthLoginAndMirror(t *testing.T) {
	reg := testenv.DockerRegistry(t, testenv.RegistryOptions{TLS: true, Auth: true})
	extra := fmt.Sprintf("  tls:\n    - registry: %s\n      ca_file: %s\n  mirrors:\n    - registry: ghcr.io\n      mirror: %s/mirror\n", reg.Host, reg.CAFile, reg.Host)
	e := newDistEnv(t, envOptions{})
	// registry: section is first; append tls and mirrors under it.
	b, _ := os.ReadFile(e.cfg)
	cfg := strings.Replace(string(b), "  timeout: 10s\n", "  timeout: 10s\n"+extra, 1)
	if err := os.WriteFile(e.cfg, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	f := e.file(t, "r.yaml", "- rule: r\n")
	e.fail(t, "authentication required", "registry", "push", reg.Host+"/mirror/falcosecurity/rules/r:1.0.0", f, "--type", "rulesfile", "--version", "1.0.0")
	e.stdin = "wrong\n"
	e.fail(t, "401", "registry", "login", reg.Host, "-u", reg.User, "--password-stdin")
	e.stdin = reg.Password + "\n"
	e.ok(t, "registry", "login", reg.Host, "-u", reg.User, "--password-stdin")
	e.stdin = ""
	stored, _ := os.ReadFile(filepath.Join(e.dir, "docker", "config.json"))
	if !strings.Contains(string(stored), reg.Host) {
		t.Errorf("credentials not stored: %s", stored)
	}
	e.ok(t, "registry", "push", reg.Host+"/mirror/falcosecurity/rules/r:1.0.0", f, "--type", "rulesfile", "--version", "1.0.0")
	// ghcr.io is rewritten to the mirror; the installed state keeps the name the user gave.
	out := e.ok(t, "artifact", "install", "--no-verify", "ghcr.io/falcosecurity/rules/r:1.0.0", "-o", "json")
	if !strings.Contains(out, `"ref": "ghcr.io/falcosecurity/rules/r:1.0.0"`) {
		t.Errorf("install %s", out)
	}
	e.ok(t, "registry", "logout", reg.Host)
	e.fail(t, "authentication required", "artifact", "info", reg.Host+"/mirror/falcosecurity/rules/r")
	// falcoctl's spelling: registry auth basic; the password only from standard input.
	e.fail(t, "-p/--password is not accepted", "registry", "auth", "basic", "-u", reg.User, "-p", reg.Password, reg.Host)
	e.fail(t, "pass -u USER --password-stdin", "registry", "auth", "basic", reg.Host)
	e.stdin = reg.Password + "\n"
	e.ok(t, "registry", "auth", "basic", "-u", reg.User, "--password-stdin", reg.Host)
	e.stdin = ""
	e.ok(t, "artifact", "info", reg.Host+"/mirror/falcosecurity/rules/r")
	e.ok(t, "registry", "logout", reg.Host)
	// Without the CA the certificate is refused.
	e2 := newDistEnv(t, envOptions{})
	e2.fail(t, "certificate", "artifact", "info", reg.Host+"/mirror/falcosecurity/rules/r")
}

// TestOCILayout pushes to and installs from an OCI image-layout directory, offline.
func TestOCILayout(t *testing.T) {
	e := newDistEnv(t, envOptions{})
	layout := filepath.Join(e.dir, "layout")
	e.ok(t, "registry", "push", "oci-layout:"+layout+":1.0.0", e.file(t, "l.yaml", "- rule: l\n"), "--type", "rulesfile", "--version", "1.0.0", "--name", "l")
	if _, err := os.Stat(filepath.Join(layout, "index.json")); err != nil {
		t.Fatal(err)
	}
	e.ok(t, "artifact", "install", "--no-verify", "oci-layout:"+layout+":1.0.0")
	if f := dirFiles(t, e.rulesDir); f["l.yaml"] != "- rule: l\n" {
		t.Errorf("installed %v", f)
	}
	e.fail(t, "does not exist", "artifact", "install", "--no-verify", "oci-layout:"+filepath.Join(e.dir, "nope"))
}

// TestORASInterop checks that the oras CLI pulls what aeriectl pushes and that aeriectl installs
// what oras pushes in falcoctl's format.
func TestORASInterop(t *testing.T) {
	orasBin := testenv.Tool(t, "oras")
	reg := testenv.DockerRegistry(t, testenv.RegistryOptions{})
	e := newDistEnv(t, envOptions{plainHTTP: []string{reg.Host}})
	e.ok(t, "registry", "push", reg.Host+"/t/a:1.0.0", e.file(t, "a_rules.yaml", "- rule: a\n"), "--type", "rulesfile", "--version", "1.0.0")
	out := filepath.Join(e.dir, "oras-out")
	cmd := exec.Command(orasBin, "pull", "--plain-http", "-o", out, reg.Host+"/t/a:1.0.0")
	cmd.Env = append(os.Environ(), "HOME="+e.dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("oras pull: %v\n%s", err, b)
	}
	if _, err := os.Stat(filepath.Join(out, "a_rules.yaml.tar.gz")); err != nil {
		t.Fatalf("oras pull did not write the titled layer: %v", err)
	}
	// oras push in falcoctl's format.
	work := filepath.Join(e.dir, "oras-push")
	_ = os.MkdirAll(work, 0o755)
	tarGzFile(t, filepath.Join(work, "b_rules.yaml.tar.gz"), tar.Header{Name: "b_rules.yaml", Typeflag: tar.TypeReg, Mode: 0o644, Size: 3})
	if err := os.WriteFile(filepath.Join(work, "config.json"), []byte(`{"name":"b","version":"2.0.0"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd = exec.Command(orasBin, "push", "--plain-http", "--config", "config.json:application/vnd.cncf.falco.rulesfile.config.v1+json",
		reg.Host+"/t/b:2.0.0", "b_rules.yaml.tar.gz:application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz")
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "HOME="+e.dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("oras push: %v\n%s", err, b)
	}
	e.ok(t, "artifact", "install", "--no-verify", reg.Host+"/t/b:2.0.0")
	if f := dirFiles(t, e.rulesDir); f["b_rules.yaml"] != "xxx" {
		t.Errorf("installed %v", f)
	}
	// A plain oras artifact is not a Falco artifact.
	cmd = exec.Command(orasBin, "push", "--plain-http", reg.Host+"/t/plain:1", "config.json")
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "HOME="+e.dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("oras push: %v\n%s", err, b)
	}
	e.fail(t, "not a Falco artifact", "artifact", "install", "--no-verify", reg.Host+"/t/plain:1")
}

// TestIndexCommands adds, lists, updates and removes an index.
func TestIndexCommands(t *testing.T) {
	e := newDistEnv(t, envOptions{})
	ix := e.file(t, "extra-index.yaml", "- name: extra\n  type: asset\n  registry: example.com\n  repository: a/extra\n  keywords: [geo]\n")
	e.ok(t, "index", "add", "extra", "file://"+ix)
	// Adding the same index again is a no-op (as falcoctl); the same name elsewhere is refused.
	e.ok(t, "index", "add", "extra", "file://"+ix)
	e.fail(t, "exists with URL file://"+ix, "index", "add", "extra", "file://"+ix+".other")
	e.fail(t, "exists with URL file://", "index", "add", "local", "https://example.com/index.yaml")
	e.fail(t, "s3 backend is not supported", "index", "add", "x", "s3://b/k", "s3")
	e.fail(t, "gcs backend is not supported", "index", "add", "x", "gs://b/k")
	e.fail(t, "unknown backend", "index", "add", "x", "https://b/k", "ftp")
	out := e.ok(t, "index", "list", "-o", "json")
	if !strings.Contains(out, `"name": "local"`) || !strings.Contains(out, `"name": "extra"`) {
		t.Errorf("list %s", out)
	}
	if out := e.ok(t, "artifact", "search", "geo"); !strings.Contains(out, "extra") {
		t.Errorf("search %s", out)
	}
	e.ok(t, "index", "update", "extra")
	e.fail(t, "no index named nope", "index", "update", "nope")
	e.ok(t, "index", "remove", "extra")
	if out := e.ok(t, "artifact", "list"); strings.Contains(out, "a/extra") {
		t.Errorf("list after remove %s", out)
	}
	e.fail(t, "configuration file", "index", "remove", "local")
}

func TestProgressBar(t *testing.T) {
	a := &app{streams: streams{err: &bytes.Buffer{}}}
	if a.progress() != nil {
		t.Error("progress bar on a non-terminal")
	}
	var out bytes.Buffer
	p := &progressBar{w: &out, name: "falco_rules.yaml.tar.gz", size: 3 << 20, r: bytes.NewReader(make([]byte, 3<<20))}
	if n, err := io.Copy(io.Discard, p); err != nil || n != 3<<20 {
		t.Fatalf("copy %d %v", n, err)
	}
	if s := out.String(); !strings.Contains(s, "100% 3.0/3.0 MiB") || !strings.HasSuffix(s, "\n") || strings.Count(s, "\n") != 1 {
		t.Errorf("bar output %q", s)
	}
}

// TestOCIIndex publishes an index as an artifact and adds it with the oci backend.
func TestOCIIndex(t *testing.T) {
	reg := testenv.DockerRegistry(t, testenv.RegistryOptions{})
	e := newDistEnv(t, envOptions{plainHTTP: []string{reg.Host}})
	ix := e.file(t, "index.yaml", fmt.Sprintf("- name: shipped\n  type: rulesfile\n  registry: %s\n  repository: t/shipped\n", reg.Host))
	e.ok(t, "registry", "push", reg.Host+"/t/index:latest", ix, "--type", "asset", "--version", "1.0.0", "--name", "index")
	e.ok(t, "registry", "push", reg.Host+"/t/shipped:1.0.0", e.file(t, "shipped.yaml", "- rule: s\n"), "--type", "rulesfile", "--version", "1.0.0")
	e.ok(t, "index", "add", "oci", "oci://"+reg.Host+"/t/index:latest")
	if out := e.ok(t, "index", "list"); !strings.Contains(out, "oci://"+reg.Host+"/t/index:latest") || !strings.Contains(out, " oci ") {
		t.Errorf("index list %s", out)
	}
	e.ok(t, "artifact", "install", "--no-verify", "shipped:1.0.0")
	if f := dirFiles(t, e.rulesDir); f["shipped.yaml"] != "- rule: s\n" {
		t.Errorf("installed %v", f)
	}
	// Unchanged digest: update revalidates without refetching the layer.
	e.ok(t, "index", "update", "oci")
}

// TestOAuthClientCredentials logs in with the OAuth2 client-credentials grant to a registry that
// only accepts the issued bearer token, then pushes and installs through it.
func TestOAuthClientCredentials(t *testing.T) {
	reg := testenv.DockerRegistry(t, testenv.RegistryOptions{})
	var issued atomic.Int32
	tokens := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, secret, ok := r.BasicAuth()
		if err := r.ParseForm(); err != nil || !ok || id != "aerie-ci" || secret != "s3cret" || r.Form.Get("grant_type") != "client_credentials" || r.Form.Get("scope") != "pull push" {
			http.Error(w, `{"error":"invalid_client"}`, http.StatusUnauthorized)
			return
		}
		issued.Add(1)
		_, _ = w.Write([]byte(`{"access_token":"tok-1","token_type":"bearer","expires_in":3600}`))
	}))
	defer tokens.Close()
	px := newProxy(t, "http://"+reg.Host, func(w http.ResponseWriter, r *http.Request) bool {
		if r.Header.Get("Authorization") == "Bearer tok-1" {
			return false
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="`+tokens.URL+`/registry",service="test"`)
		http.Error(w, `{"errors":[{"code":"UNAUTHORIZED"}]}`, http.StatusUnauthorized)
		return true
	})
	e := newDistEnv(t, envOptions{plainHTTP: []string{px.host}})
	login := []string{"registry", "login", px.host, "--oauth-token-url", tokens.URL + "/token", "--client-id", "aerie-ci", "--client-secret-stdin", "--scopes", "pull,push"}
	e.stdin = "wrong\n"
	e.fail(t, "invalid_client", login...)
	e.stdin = "s3cret\n"
	e.ok(t, login...)
	e.stdin = ""
	st, err := os.Stat(filepath.Join(e.dir, "state", "clientcredentials.json"))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("stored credentials: %v %v", st, err)
	}
	e.ok(t, "registry", "push", px.host+"/t/o:1.0.0", e.file(t, "o.yaml", "- rule: o\n"), "--type", "rulesfile", "--version", "1.0.0")
	e.ok(t, "artifact", "install", "--no-verify", px.host+"/t/o:1.0.0")
	if f := dirFiles(t, e.rulesDir); f["o.yaml"] != "- rule: o\n" {
		t.Errorf("installed %v", f)
	}
	e.ok(t, "registry", "logout", px.host)
	e.fail(t, "401", "artifact", "info", px.host+"/t/o")
	// falcoctl's spelling: registry auth oauth --token-url --client-id, the secret from stdin only.
	e.stdin = "s3cret\n"
	e.ok(t, "registry", "auth", "oauth", px.host, "--token-url", tokens.URL+"/token", "--client-id", "aerie-ci", "--client-secret-stdin", "--scopes", "pull,push")
	e.stdin = ""
	e.ok(t, "artifact", "info", px.host+"/t/o")
	e.fail(t, "--client-secret is not accepted", "registry", "auth", "oauth", px.host, "--token-url", tokens.URL+"/token", "--client-id", "aerie-ci", "--client-secret", "s3cret")
	e.fail(t, "pass --token-url URL --client-id ID --client-secret-stdin", "registry", "auth", "oauth", px.host, "--client-id", "aerie-ci")
	e.ok(t, "registry", "logout", px.host)
	e.fail(t, "OAuth2 needs --client-id", "registry", "login", px.host, "--oauth-token-url", tokens.URL)
	e.fail(t, "pass -u USER --password-stdin", "registry", "login", px.host)
}

// TestDependencyCasesAndFloatingTags runs alternatives, upgrades, conflicts and floating tags against
// docker-registry 2.8.
func TestDependencyCasesAndFloatingTags(t *testing.T) {
	reg := testenv.DockerRegistry(t, testenv.RegistryOptions{})
	e := newDistEnv(t, envOptions{plainHTTP: []string{reg.Host}})
	e.addIndex(t, reg.Host, map[string][2]string{
		"k8saudit": {"plugin", "p/k8saudit"}, "k8saudit-eks": {"plugin", "p/k8saudit-eks"}, "json": {"plugin", "p/json"},
		"k8saudit-rules": {"rulesfile", "r/k8saudit"}, "other-rules": {"rulesfile", "r/other"},
	})
	plugin := func(name, version string, extra ...string) {
		f := e.file(t, "lib"+name+"-"+version+".so", name+version)
		e.ok(t, append([]string{"registry", "push", reg.Host + "/p/" + name, f, "--type", "plugin", "--version", version, "--platform", "linux/amd64", "--add-floating-tags"}, extra...)...)
	}
	for _, v := range []string{"0.6.0", "0.7.0", "0.7.2", "1.0.0"} {
		plugin("k8saudit", v)
	}
	plugin("k8saudit-eks", "0.4.1")
	plugin("json", "0.8.1")
	plugin("json", "0.7.0") // an older line pushed later: X.Y tag only, "0" and latest stay on 0.8.1
	if out := e.ok(t, "artifact", "config", "json:latest", "--platform", "linux/amd64"); !strings.Contains(out, `"version":"0.8.1"`) {
		t.Errorf("latest moved backwards: %s", out)
	}
	if out := e.ok(t, "artifact", "config", "json:0", "--platform", "linux/amd64"); !strings.Contains(out, `"version":"0.8.1"`) {
		t.Errorf("major tag moved backwards: %s", out)
	}
	if out := e.ok(t, "artifact", "info", "json", "-o", "json"); !strings.Contains(out, `"0.7"`) || !strings.Contains(out, `"0.8"`) {
		t.Errorf("tags %s", out)
	}
	e.ok(t, "registry", "push", reg.Host+"/r/k8saudit:0.7.0", e.file(t, "k8s_audit_rules.yaml", pluginRules), "--type", "rulesfile", "--version", "0.7.0", "--name", "k8saudit-rules",
		"--depends-on", "k8saudit:0.7.0|k8saudit-eks:0.4.0", "--depends-on", "json:0.7.0")
	e.ok(t, "registry", "push", reg.Host+"/r/other:1.0.0", e.file(t, "other_rules.yaml", "- rule: other\n"), "--type", "rulesfile", "--version", "1.0.0", "--name", "other-rules",
		"--depends-on", "json:0.8.0", "--requires", "engine_version_semver:0.50.0")
	installed := func(out string) string {
		var ir installResult
		if err := json.Unmarshal([]byte(out), &ir); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		var s []string
		for _, i := range ir.Installed {
			s = append(s, i.Name+"@"+i.Version)
		}
		slices.Sort(s)
		return strings.Join(s, " ")
	}
	args := func(a ...string) []string {
		return append([]string{"artifact", "install", "--no-verify", "--platform", "linux/amd64", "-o", "json"}, a...)
	}
	// Highest compatible versions, not the minimum tags.
	if got := installed(e.ok(t, args("k8saudit-rules:0.7.0")...)); got != "json@0.8.1 k8saudit-rules@0.7.0 k8saudit@0.7.2" {
		t.Errorf("deps: %s", got)
	}
	// An alternative already requested satisfies the dependency; the primary is not installed.
	if got := installed(e.ok(t, args("k8saudit-eks", "k8saudit-rules:0.7.0")...)); got != "json@0.8.1 k8saudit-eks@0.4.1 k8saudit-rules@0.7.0" {
		t.Errorf("alternative: %s", got)
	}
	// json requested without a tag resolves to latest (0.8.1); a pinned older json is upgraded only if unpinned.
	e.fail(t, "other-rules requires json >= 0.8.0 but json was requested at 0.7.0", args("json:0.7.0", "other-rules:1.0.0")...)
	// Major conflict.
	e.fail(t, "majors differ", args("k8saudit:1.0.0", "k8saudit-rules:0.7.0")...)
	// Requirement failure against a Falco engine version.
	e.fail(t, "other-rules 1.0.0 requires engine_version_semver 0.50.0: have 0.40.0 (too old)", args("--engine-version", "0.40.0", "other-rules:1.0.0")...)
	// Upgrade on the installed set: the plugin directory now holds k8saudit 0.7.2, json 0.8.1, eks 0.4.1.
	if f := dirFiles(t, e.pluginDir); f["libjson-0.8.1.so"] != "json0.8.1" || f["libk8saudit-0.7.2.so"] != "k8saudit0.7.2" {
		t.Errorf("plugins %v", f)
	}
	// Explain names why each version was chosen.
	out := e.ok(t, "artifact", "install", "--no-verify", "--platform", "linux/amd64", "--dry-run", "k8saudit-rules:0.7.0")
	for _, want := range []string{"Why:", "k8saudit 0.7.2", "highest compatible of 0.6.0, 0.7.0, 0.7.2, 1.0.0", "requested as k8saudit-rules:0.7.0"} {
		if !strings.Contains(out, want) {
			t.Errorf("explain lacks %q:\n%s", want, out)
		}
	}
}
