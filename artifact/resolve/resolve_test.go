package resolve

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/opencontainers/go-digest"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"oras.land/oras-go/v2"
	"oras.land/oras-go/v2/content/oci"
	"oras.land/oras-go/v2/registry"

	"github.com/aerie-sec/aerie/artifact"
	"github.com/aerie-sec/aerie/artifact/access"
	"github.com/aerie-sec/aerie/artifact/push"
	"github.com/aerie-sec/aerie/artifact/ref"
)

// world is a set of repositories as OCI layouts, named test.registry/<name>, all in the index.
type world struct {
	t    *testing.T
	base string

	noTags bool // repositories refuse tag listing

	mu      sync.Mutex
	fetched map[digest.Digest]int // layer fetches
	open    int                   // layer streams not closed
}

// layers counts layer fetches and tracks the streams left open.
type layers struct {
	oras.GraphTarget
	w *world
}

func (l layers) Fetch(ctx context.Context, d ocispec.Descriptor) (io.ReadCloser, error) {
	rc, err := l.GraphTarget.Fetch(ctx, d)
	if _, isLayer := artifact.TypeFromLayerMediaType(d.MediaType); err != nil || !isLayer {
		return rc, err
	}
	l.w.mu.Lock()
	defer l.w.mu.Unlock()
	if l.w.fetched == nil {
		l.w.fetched = map[digest.Digest]int{}
	}
	l.w.fetched[d.Digest]++
	l.w.open++
	return &tracked{ReadCloser: rc, w: l.w}, nil
}

func (l layers) Tags(ctx context.Context, last string, fn func([]string) error) error {
	if l.w.noTags {
		return errors.New("DENIED: tag listing is not allowed")
	}
	return l.GraphTarget.(registry.TagLister).Tags(ctx, last, fn)
}

type tracked struct {
	io.ReadCloser
	w    *world
	once sync.Once
}

func (t *tracked) Close() error {
	t.once.Do(func() {
		t.w.mu.Lock()
		t.w.open--
		t.w.mu.Unlock()
	})
	return t.ReadCloser.Close()
}

func (w *world) Open(ctx context.Context, r ref.Ref) (*access.Target, error) {
	if r.Kind != ref.Remote || r.Registry != "test.registry" {
		return nil, errors.New("unexpected ref " + r.String())
	}
	p := filepath.Join(w.base, r.Repository)
	if _, err := os.Stat(p); err != nil {
		return nil, err
	}
	s, err := oci.NewWithContext(ctx, p)
	if err != nil {
		return nil, err
	}
	return &access.Target{GraphTarget: layers{s, w}, Ref: r}, nil
}

func (w *world) Lookup(name string) (ref.Ref, bool) {
	if _, err := os.Stat(filepath.Join(w.base, name)); err != nil {
		return ref.Ref{}, false
	}
	return ref.Ref{Kind: ref.Remote, Registry: "test.registry", Repository: name}, true
}

// add pushes name@version with deps and reqs, tagged version (and extra tags).
func (w *world) add(name, version string, typ artifact.Type, deps []string, reqs []artifact.Requirement, tags ...string) {
	w.t.Helper()
	f := filepath.Join(w.t.TempDir(), name+".txt")
	if err := os.WriteFile(f, []byte(name+version), 0o644); err != nil {
		w.t.Fatal(err)
	}
	s, err := oci.New(filepath.Join(w.base, name))
	if err != nil {
		w.t.Fatal(err)
	}
	if reqs == nil {
		reqs = []artifact.Requirement{}
	}
	opts := push.Options{Type: typ, Name: name, Version: version, Files: []string{f}, Tags: tags, Requirements: reqs, Dependencies: []artifact.Dependency{}}
	if typ == artifact.Plugin {
		opts.Platforms = []string{"linux/amd64"}
	}
	for _, d := range deps {
		dep, err := artifact.ParseDependency(d)
		if err != nil {
			w.t.Fatal(err)
		}
		opts.Dependencies = append(opts.Dependencies, dep)
	}
	if _, err := push.Push(context.Background(), s, version, opts); err != nil {
		w.t.Fatal(err)
	}
}

func newWorld(t *testing.T) *world {
	w := &world{t: t, base: t.TempDir()}
	for _, v := range []string{"0.6.0", "0.7.0", "0.7.2", "1.0.0"} {
		w.add("k8saudit", v, artifact.Plugin, nil, nil)
	}
	w.add("k8saudit-eks", "0.4.0", artifact.Plugin, nil, nil)
	w.add("k8saudit-eks", "0.4.1", artifact.Plugin, nil, nil)
	w.add("json", "0.7.0", artifact.Plugin, nil, nil, "latest")
	w.add("json", "0.8.1", artifact.Plugin, nil, nil)
	w.add("json", "0.9.0-rc1", artifact.Plugin, nil, nil)
	w.add("k8saudit-rules", "0.7.0", artifact.Rulesfile, []string{"k8saudit:0.7.0|k8saudit-eks:0.4.0", "json:0.7.0"}, nil)
	w.add("other-rules", "1.0.0", artifact.Rulesfile, []string{"json:0.8.0"}, nil)
	w.add("json2-rules", "1.0.0", artifact.Rulesfile, []string{"json:1.0.0"}, nil)
	w.add("missing-rules", "1.0.0", artifact.Rulesfile, []string{"nowhere:1.0.0"}, nil)
	w.add("future-rules", "1.0.0", artifact.Rulesfile, []string{"k8saudit:0.9.0"}, nil)
	return w
}

func versions(p *Plan) string {
	var s []string
	for _, it := range p.Items {
		s = append(s, it.Name+"@"+it.Artifact.Config.Version)
	}
	return strings.Join(s, " ")
}

func TestResolveDependencies(t *testing.T) {
	w := newWorld(t)
	tests := []struct {
		name string
		args []string
		want string
		why  string // a substring of the explanation
		err  string
	}{
		{"highest compatible, not the minimum tag", []string{"k8saudit-rules:0.7.0"}, "k8saudit-rules@0.7.0 json@0.8.1 k8saudit@0.7.2", "highest compatible of 0.6.0, 0.7.0, 0.7.2, 1.0.0", ""},
		{"alternative already selected", []string{"k8saudit-eks:0.4.1", "k8saudit-rules:0.7.0"}, "k8saudit-eks@0.4.1 k8saudit-rules@0.7.0 json@0.8.1", "", ""},
		{"upgrade of an unpinned request", []string{"json", "other-rules:1.0.0"}, "json@0.8.1 other-rules@1.0.0", "upgraded from 0.7.0", ""},
		{"full reference", []string{"test.registry/other-rules:1.0.0"}, "other-rules@1.0.0 json@0.8.1", "", ""},
		{"major conflict", []string{"k8saudit:1.0.0", "k8saudit-rules:0.7.0"}, "", "", "majors differ"},
		{"pinned too old", []string{"json:0.7.0", "other-rules:1.0.0"}, "", "", "requested at 0.7.0"},
		{"no compatible version", []string{"json2-rules:1.0.0"}, "", "", "json >= 1.0.0 (major 1)"},
		{"none high enough", []string{"future-rules:1.0.0"}, "", "", "k8saudit >= 0.9.0"},
		{"unknown dependency", []string{"missing-rules:1.0.0"}, "", "", "nowhere: not found in the configured indexes"},
		{"unknown name", []string{"nope"}, "", "", "nope: not found"},
		{"missing tag", []string{"json:9.9.9"}, "", "", "9.9.9: not found"},
		{"duplicate keeps highest", []string{"json:0.8.1", "json:0.7.0"}, "json@0.8.1", "dropped", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Resolver{Opener: w, Index: w, Platform: "linux/amd64", ResolveDeps: true, Versions: EngineVersions()}
			p, err := r.Resolve(context.Background(), tt.args)
			if err == nil {
				checkPrefetch(t, w, tt.args, p)
			}
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := versions(p); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			if tt.why != "" && !strings.Contains(strings.Join(p.Explain, "\n"), tt.why) {
				t.Errorf("explain lacks %q:\n%s", tt.why, strings.Join(p.Explain, "\n"))
			}
		})
	}
	var ce *ConflictError
	_, err := (&Resolver{Opener: w, Index: w, Platform: "linux/amd64", ResolveDeps: true}).Resolve(context.Background(), []string{"k8saudit:1.0.0", "k8saudit-rules:0.7.0"})
	if !errors.As(err, &ce) || ce.Name != "k8saudit" {
		t.Errorf("want ConflictError, got %v", err)
	}
	// Without --resolve-deps only the requested artifact.
	p, err := (&Resolver{Opener: w, Index: w, Platform: "linux/amd64"}).Resolve(context.Background(), []string{"k8saudit-rules:0.7.0"})
	if err != nil || versions(p) != "k8saudit-rules@0.7.0" {
		t.Errorf("no deps: %v %v", p, err)
	}
	// A plugin for a platform the index lacks.
	_, err = (&Resolver{Opener: w, Index: w, Platform: "linux/riscv64"}).Resolve(context.Background(), []string{"json:0.8.1"})
	if err == nil || !strings.Contains(err.Error(), "no manifest for platform linux/riscv64") {
		t.Errorf("platform: %v", err)
	}
}

func TestCheckRequirements(t *testing.T) {
	falco57, err := FalcoVersions("0.57.0")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		req      artifact.Requirement
		provided map[string]string
		err      string
	}{
		{artifact.Requirement{Name: "engine_version_semver", Version: "0.57.0"}, EngineVersions(), ""},
		{artifact.Requirement{Name: "engine_version_semver", Version: "0.63.0"}, EngineVersions(), "too old"},
		{artifact.Requirement{Name: "engine_version_semver", Version: "0.60.0"}, falco57, "too old"},
		{artifact.Requirement{Name: "engine_version_semver", Version: "1.0.0"}, EngineVersions(), "major mismatch"},
		{artifact.Requirement{Name: "engine_version", Version: "17"}, EngineVersions(), ""},
		{artifact.Requirement{Name: "engine_version", Version: "58"}, falco57, "have 57"},
		{artifact.Requirement{Name: "plugin_api_version", Version: "3.0.0"}, EngineVersions(), ""},
		{artifact.Requirement{Name: "k8s_version", Version: "1.0.0"}, EngineVersions(), "unrecognized requirement key"},
	}
	for _, tt := range tests {
		err := CheckRequirements(artifact.Config{Name: "x", Version: "1.0.0", Requirements: []artifact.Requirement{tt.req}}, tt.provided)
		if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("%v: err = %v, want %q", tt.req, err, tt.err)
		}
	}
	if _, err := FalcoVersions("0.57"); err == nil {
		t.Error("FalcoVersions accepted 0.57")
	}
	w := newWorld(t)
	w.add("new-rules", "1.0.0", artifact.Rulesfile, nil, []artifact.Requirement{{Name: "engine_version_semver", Version: "0.99.0"}})
	_, err = (&Resolver{Opener: w, Index: w, Versions: EngineVersions()}).Resolve(context.Background(), []string{"new-rules:1.0.0"})
	var re *RequirementError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "new-rules 1.0.0 requires engine_version_semver 0.99.0") {
		t.Errorf("err = %v", err)
	}
}

// checkPrefetch resolves args again with Prefetch: every layer is requested at most once, the
// streams of dropped artifacts are closed, and the plan's are handed over or released.
func checkPrefetch(t *testing.T, w *world, args []string, want *Plan) {
	t.Helper()
	w.mu.Lock()
	w.fetched = nil
	w.mu.Unlock()
	r := &Resolver{Opener: w, Index: w, Platform: "linux/amd64", ResolveDeps: true, Versions: EngineVersions(), Prefetch: true}
	p, err := r.Resolve(context.Background(), args)
	if err != nil {
		t.Fatal(err)
	}
	if versions(p) != versions(want) {
		t.Fatalf("with prefetch: %s, without: %s", versions(p), versions(want))
	}
	ctx := context.Background()
	for _, s := range p.Items[1:] {
		rc, err := s.Artifact.OpenLayer(ctx, s.Target)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, rc); err != nil {
			t.Fatal(err)
		}
		rc.Close()
	}
	p.Release()
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.open != 0 {
		t.Errorf("%d layer streams left open", w.open)
	}
	for d, n := range w.fetched {
		if n > 1 {
			t.Errorf("layer %s fetched %d times", d, n)
		}
	}
}

// TestResolveWithoutTagListing falls back to the minimum version's own tag, as falcoctl pulls it,
// when the registry refuses to list tags.
func TestResolveWithoutTagListing(t *testing.T) {
	w := newWorld(t)
	w.noTags = true
	r := &Resolver{Opener: w, Index: w, Platform: "linux/amd64", ResolveDeps: true, Versions: EngineVersions()}
	p, err := r.Resolve(context.Background(), []string{"k8saudit-rules:0.7.0"})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Release()
	if got := versions(p); got != "k8saudit-rules@0.7.0 json@0.7.0 k8saudit@0.7.0" {
		t.Errorf("got %s", got)
	}
	if why := strings.Join(p.Explain, "\n"); !strings.Contains(why, "tag 0.7.0 (tags cannot be listed") {
		t.Errorf("explain:\n%s", why)
	}
	_, err = r.Resolve(context.Background(), []string{"future-rules:1.0.0"})
	if err == nil || !strings.Contains(err.Error(), "DENIED") || !strings.Contains(err.Error(), "its tag 0.9.0") {
		t.Errorf("missing tag: %v", err)
	}
}

// TestParseFalcoVersions reads Falco's /versions document, as falcoctl's follower does.
func TestParseFalcoVersions(t *testing.T) {
	doc := `{"default_driver_version":"8.0.0+driver","driver_api_version":"8.0.0","driver_schema_version":"3.0.0",` +
		`"engine_version":"57","engine_version_semver":"0.57.0","falco_version":"0.44.0","libs_version":"0.22.1",` +
		`"plugin_api_version":"3.99.0","plugin_versions":{"container":"0.4.0"}}`
	m, err := ParseFalcoVersions("versions.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(m) != 8 || m["plugin_api_version"] != "3.99.0" || m["engine_version"] != "57" || m["falco_version"] != "0.44.0" {
		t.Errorf("versions %v", m)
	}
	plugin := artifact.Config{Name: "k8saudit", Version: "0.20.0", Requirements: []artifact.Requirement{{Name: "plugin_api_version", Version: "3.99.0"}}}
	if err := CheckRequirements(plugin, m); err != nil {
		t.Errorf("plugin for this Falco: %v", err)
	}
	if err := CheckRequirements(plugin, EngineVersions()); err == nil {
		t.Error("plugin API 3.99.0 accepted against Aerie's own versions")
	}
	for in, want := range map[string]string{
		"[]":                                 "versions.json",
		`{"engine_version_semver":"0.57.0"}`: "no plugin_api_version",
		`{"plugin_api_version":"3.0.0"}`:     "no engine_version_semver",
	} {
		if _, err := ParseFalcoVersions("versions.json", []byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", in, err, want)
		}
	}
}
