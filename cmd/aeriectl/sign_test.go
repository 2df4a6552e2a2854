package main

import (
	"bytes"
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
	"strings"
	"sync/atomic"
	"testing"

	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"oras.land/oras-go/v2/registry/remote"

	"github.com/aerie-sec/aerie/config"
	"github.com/aerie-sec/aerie/internal/testenv"
)

// trustEnv is a loopback registry, a cosign key pair, an index and a configuration whose policy
// requires signatures by that key for everything under REG/falco/.
type trustEnv struct {
	host, dir, key, pub, cfg, rulesDir string
	cfgText                            string
	env                                config.MapEnv
}

// writeConfig writes the configuration with extra YAML appended under the registry section.
func (e *trustEnv) writeConfig(t *testing.T, registryExtra string) {
	t.Helper()
	e.cfg = filepath.Join(e.dir, "config.yaml")
	text := strings.Replace(e.cfgText, "registry:\n", "registry:\n"+registryExtra, 1)
	if err := os.WriteFile(e.cfg, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func newTrustEnv(t *testing.T) *trustEnv {
	t.Helper()
	cosign := testenv.Tool(t, "cosign")
	reg := testenv.DockerRegistry(t, testenv.RegistryOptions{})
	e := &trustEnv{host: reg.Host, dir: t.TempDir()}
	e.key, e.pub = filepath.Join(e.dir, "cosign.key"), filepath.Join(e.dir, "cosign.pub")
	gen := exec.Command(cosign, "generate-key-pair")
	gen.Dir = e.dir
	gen.Env = append(os.Environ(), "COSIGN_PASSWORD=pw", "HOME="+e.dir)
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("cosign generate-key-pair: %v\n%s", err, out)
	}
	index := fmt.Sprintf(`- name: signed-rules
  type: rulesfile
  registry: %[1]s
  repository: falco/signed-rules
  signature:
    cosign:
      key: %[2]s
- name: dep-rules
  type: rulesfile
  registry: %[1]s
  repository: falco/dep-rules
`, e.host, e.pub)
	ixFile := filepath.Join(e.dir, "index.yaml")
	if err := os.WriteFile(ixFile, []byte(index), 0o644); err != nil {
		t.Fatal(err)
	}
	e.rulesDir = filepath.Join(e.dir, "rules.d")
	cfg := fmt.Sprintf(`registry:
  plain_http: [%[1]s]
indexes:
  - name: local
    url: file://%[2]s
artifact:
  rulesfiles_dir: %[3]s
paths:
  cache_dir: %[4]s/cache
  state_dir: %[4]s/state
policy:
  rules:
    - name: falco-signed
      match: %[1]s/falco/**
      require: true
      keys: [%[5]s]
`, e.host, ixFile, e.rulesDir, e.dir, e.pub)
	e.cfgText = cfg
	e.writeConfig(t, "")
	e.env = config.MapEnv{"HOME": e.dir, "AERIE_COSIGN_PASSWORD": "pw"}
	return e
}

func (e *trustEnv) run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return runCLI(t, e.env, append([]string{"--config", e.cfg}, args...)...)
}

// push publishes a rules file artifact name:version, optionally depending on dep.
func (e *trustEnv) push(t *testing.T, name, version, rules string, deps ...string) {
	t.Helper()
	e.pushRepo(t, "falco/"+name, version, rules, deps...)
}

// pushRepo publishes a rules file artifact to repo (a path under the registry).
func (e *trustEnv) pushRepo(t *testing.T, repo, version, rules string, deps ...string) {
	t.Helper()
	f := filepath.Join(t.TempDir(), filepath.Base(repo)+".yaml")
	if err := os.WriteFile(f, []byte(rules), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"registry", "push", e.host + "/" + repo + ":" + version, f, "--type", "rulesfile", "--version", version}
	for _, d := range deps {
		args = append(args, "--depends-on", d)
	}
	if code, out, errs := e.run(t, args...); code != 0 {
		t.Fatalf("push %s: exit %d\n%s%s", repo, code, out, errs)
	}
}

func installed(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

const rulesYAML = "- list: aerie_test_list\n  items: [a]\n"

// TestSignVerifyInstall signs with aeriectl in both layouts, verifies with JSON output, and checks
// that install refuses an unsigned dependency and unsigned artifacts with nothing installed.
func TestSignVerifyInstall(t *testing.T) {
	e := newTrustEnv(t)
	e.push(t, "signed-rules", "1.0.0", rulesYAML)
	ref := e.host + "/falco/signed-rules:1.0.0"

	// Unsigned: verify and install refuse, naming reference, digest and rule; nothing is installed.
	code, _, errs := e.run(t, "artifact", "verify", ref)
	if code != 1 || !strings.Contains(errs, "no signature found") || !strings.Contains(errs, `policy rule "falco-signed"`) || !strings.Contains(errs, ref+"@sha256:") {
		t.Fatalf("verify unsigned: exit %d\n%s", code, errs)
	}
	code, _, errs = e.run(t, "artifact", "install", ref)
	if code != 1 || !strings.Contains(errs, "no signature found") {
		t.Fatalf("install unsigned: exit %d\n%s", code, errs)
	}
	if got := installed(t, e.rulesDir); len(got) != 0 {
		t.Fatalf("unsigned install left files: %v", got)
	}
	pullDir := t.TempDir()
	code, _, errs = e.run(t, "registry", "pull", ref, "--dest-dir", pullDir)
	if code != 1 || !strings.Contains(errs, "no signature found") {
		t.Fatalf("pull unsigned: exit %d\n%s", code, errs)
	}
	if got := installed(t, pullDir); len(got) != 0 {
		t.Fatalf("unsigned pull wrote files: %v", got)
	}
	// A repository no rule or index entry covers: verify says nothing was verified and fails.
	e.pushRepo(t, "elsewhere/rules", "1.0.0", rulesYAML)
	code, out, errs := e.run(t, "artifact", "verify", e.host+"/elsewhere/rules:1.0.0")
	if code != 1 || !strings.Contains(out, "not verified") || !strings.Contains(errs, "nothing was verified") {
		t.Fatalf("verify uncovered: exit %d\n%s%s", code, out, errs)
	}

	// Sign both layouts; verify reports both.
	for _, extra := range [][]string{nil, {"--bundle"}} {
		args := append([]string{"artifact", "sign", ref, "--key", e.key, "-o", "json"}, extra...)
		if code, out, errs := e.run(t, args...); code != 0 || !strings.Contains(out, `"digest": "sha256:`) {
			t.Fatalf("sign %v: exit %d\n%s%s", extra, code, out, errs)
		}
	}
	code, out, errs = e.run(t, "artifact", "verify", ref, "-o", "json")
	if code != 0 {
		t.Fatalf("verify: exit %d\n%s%s", code, out, errs)
	}
	var res struct {
		Reference  string
		Digest     string
		Rule       string
		Verified   bool
		Signatures []struct{ Layout, Key string }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("verify -o json: %v\n%s", err, out)
	}
	if !res.Verified || res.Rule != "falco-signed" || res.Reference != ref || len(res.Signatures) != 2 ||
		res.Signatures[0].Layout != "legacy-tag" || res.Signatures[1].Layout != "bundle-referrer" || res.Signatures[0].Key != e.pub {
		t.Fatalf("verify result = %+v", res)
	}

	// Explicit key flag: another key refuses.
	other := filepath.Join(t.TempDir(), "other")
	if err := os.MkdirAll(other, 0o755); err != nil {
		t.Fatal(err)
	}
	gen := exec.Command(testenv.Tool(t, "cosign"), "generate-key-pair")
	gen.Dir, gen.Env = other, append(os.Environ(), "COSIGN_PASSWORD=x", "HOME="+other)
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	code, _, errs = e.run(t, "artifact", "verify", ref, "--key", filepath.Join(other, "cosign.pub"))
	if code != 1 || !strings.Contains(errs, `policy rule "command line"`) {
		t.Fatalf("verify with another key: exit %d\n%s", code, errs)
	}

	// The signed artifact installs by index name; verification is logged.
	code, out, errs = e.run(t, "--log-level", "debug", "artifact", "install", "signed-rules:1.0.0")
	if code != 0 || !strings.Contains(errs, "signature verified") {
		t.Fatalf("install signed: exit %d\n%s%s", code, out, errs)
	}
	if got := installed(t, e.rulesDir); len(got) == 0 {
		t.Fatal("signed install installed nothing")
	}
	if err := os.RemoveAll(e.rulesDir); err != nil {
		t.Fatal(err)
	}

	// A signed artifact whose dependency is unsigned: refused, nothing installed.
	e.push(t, "dep-rules", "1.0.0", rulesYAML)
	e.push(t, "signed-rules", "2.0.0", rulesYAML, "dep-rules:1.0.0")
	if code, out, errs := e.run(t, "artifact", "sign", e.host+"/falco/signed-rules:2.0.0", "--key", e.key); code != 0 {
		t.Fatalf("sign 2.0.0: exit %d\n%s%s", code, out, errs)
	}
	code, _, errs = e.run(t, "artifact", "install", "signed-rules:2.0.0")
	if code != 1 || !strings.Contains(errs, "falco/dep-rules") || !strings.Contains(errs, "no signature found") {
		t.Fatalf("install with unsigned dependency: exit %d\n%s", code, errs)
	}
	if got := installed(t, e.rulesDir); len(got) != 0 {
		t.Fatalf("install with unsigned dependency left files: %v", got)
	}

	// --no-verify installs and warns for every artifact.
	code, _, errs = e.run(t, "artifact", "install", "signed-rules:2.0.0", "--no-verify")
	if code != 0 || strings.Count(errs, "signature verification skipped") != 2 {
		t.Fatalf("install --no-verify: exit %d\n%s", code, errs)
	}

	// Without a password and without a terminal, sign fails instead of hanging.
	delete(e.env, "AERIE_COSIGN_PASSWORD")
	code, _, errs = e.run(t, "artifact", "sign", ref, "--key", e.key)
	if code != 1 || !strings.Contains(errs, "AERIE_COSIGN_PASSWORD") {
		t.Fatalf("sign without password: exit %d\n%s", code, errs)
	}
}

// TestMirrorTampering installs through a mirror that tampers with what it serves: a layer whose
// bytes differ from the signed manifest's digest, or another manifest under the signed tag.
// Both are refused with nothing installed; the untampered mirror installs.
func TestMirrorTampering(t *testing.T) {
	e := newTrustEnv(t)
	e.push(t, "signed-rules", "1.0.0", rulesYAML)
	e.push(t, "signed-rules", "6.6.6", "- list: evil\n  items: [x]\n")
	if code, out, errs := e.run(t, "artifact", "sign", e.host+"/falco/signed-rules:1.0.0", "--key", e.key); code != 0 {
		t.Fatalf("sign: exit %d\n%s%s", code, out, errs)
	}
	layer := layerDigest(t, e.host, "falco/signed-rules", "1.0.0")

	var mode atomic.Value
	mode.Store("")
	origin := &url.URL{Scheme: "http", Host: e.host}
	proxy := &httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		pr.SetURL(origin)
		if mode.Load() == "manifest" && strings.HasSuffix(pr.Out.URL.Path, "/manifests/1.0.0") {
			pr.Out.URL.Path = strings.TrimSuffix(pr.Out.URL.Path, "1.0.0") + "6.6.6"
		}
	}}
	proxy.ModifyResponse = func(resp *http.Response) error {
		if mode.Load() != "layer" || !strings.HasSuffix(resp.Request.URL.Path, "/blobs/"+layer) || resp.Request.Method != http.MethodGet {
			return nil
		}
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			return err
		}
		resp.Body.Close()
		b[len(b)/2] ^= 0xff
		resp.Body = io.NopCloser(bytes.NewReader(b))
		return nil
	}
	mirror := httptest.NewServer(proxy)
	t.Cleanup(mirror.Close)
	mhost := strings.TrimPrefix(mirror.URL, "http://")
	e.writeConfig(t, fmt.Sprintf("  mirrors:\n    - registry: %s\n      mirror: %s\n", e.host, mhost))
	e.cfgText = strings.Replace(e.cfgText, "plain_http: [", "plain_http: ["+mhost+", ", 1)
	e.writeConfig(t, fmt.Sprintf("  mirrors:\n    - registry: %s\n      mirror: %s\n", e.host, mhost))

	for _, tc := range []struct{ mode, want string }{
		{"layer", "digest"},
		{"manifest", "no signature found"},
	} {
		t.Run(tc.mode, func(t *testing.T) {
			mode.Store(tc.mode)
			code, _, errs := e.run(t, "artifact", "install", "signed-rules:1.0.0")
			t.Logf("refused: %s", errs)
			if code != 1 || !strings.Contains(strings.ToLower(errs), tc.want) {
				t.Fatalf("install through tampering mirror: exit %d\n%s", code, errs)
			}
			if got := installed(t, e.rulesDir); len(got) != 0 {
				t.Fatalf("tampered install left files: %v", got)
			}
		})
	}
	mode.Store("")
	if code, out, errs := e.run(t, "artifact", "install", "signed-rules:1.0.0"); code != 0 {
		t.Fatalf("install through honest mirror: exit %d\n%s%s", code, out, errs)
	}
}

// layerDigest returns the first layer digest of repo:tag on host.
func layerDigest(t *testing.T, host, repo, tag string) string {
	t.Helper()
	r, err := remote.NewRepository(host + "/" + repo)
	if err != nil {
		t.Fatal(err)
	}
	r.PlainHTTP = true
	_, rc, err := r.FetchReference(context.Background(), tag)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	var m ocispec.Manifest
	if err := json.NewDecoder(rc).Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m.Layers[0].Digest.String()
}
