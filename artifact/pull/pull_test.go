package pull

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/opencontainers/go-digest"
	specs "github.com/opencontainers/image-spec/specs-go"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"oras.land/oras-go/v2/content/memory"

	"github.com/aerie-sec/aerie/artifact"
)

func put(t *testing.T, s *memory.Store, mt string, b []byte) ocispec.Descriptor {
	t.Helper()
	d := ocispec.Descriptor{MediaType: mt, Digest: digest.FromBytes(b), Size: int64(len(b))}
	if err := s.Push(context.Background(), d, bytes.NewReader(b)); err != nil {
		t.Fatal(err)
	}
	return d
}

func manifest(t *testing.T, s *memory.Store, tag string, cfg ocispec.Descriptor, layers ...ocispec.Descriptor) {
	t.Helper()
	b, _ := json.Marshal(ocispec.Manifest{Versioned: specs.Versioned{SchemaVersion: 2}, MediaType: ocispec.MediaTypeImageManifest, Config: cfg, Layers: layers})
	d := put(t, s, ocispec.MediaTypeImageManifest, b)
	if err := s.Tag(context.Background(), d, tag); err != nil {
		t.Fatal(err)
	}
}

func TestResolveErrorsAndTitle(t *testing.T) {
	s := memory.New()
	cfg := put(t, s, artifact.Asset.ConfigMediaType(), []byte(`{"name":"a","version":"1.0.0"}`))
	noVer := put(t, s, artifact.Asset.ConfigMediaType(), []byte(`{"name":"a"}`))
	layer := put(t, s, artifact.Asset.LayerMediaType(), []byte("layer"))
	layer.Annotations = map[string]string{artifact.AnnotationTitle: "../../etc/evil.tar.gz"}
	other := put(t, s, "application/vnd.oci.image.layer.v1.tar+gzip", []byte("other"))
	manifest(t, s, "ok", cfg, layer)
	manifest(t, s, "two", cfg, layer, layer)
	manifest(t, s, "image", cfg, other)
	manifest(t, s, "nover", noVer, layer)
	ctx := context.Background()
	a, err := Resolve(ctx, s, "ok", "")
	if err != nil {
		t.Fatal(err)
	}
	if a.Type != artifact.Asset || a.Config.Name != "a" || a.Title() != "evil.tar.gz" {
		t.Errorf("artifact %+v title %q", a, a.Title())
	}
	for tag, want := range map[string]string{"two": "exactly one layer", "image": "not a Falco artifact type", "nover": "empty version", "missing": "not found"} {
		if _, err := Resolve(ctx, s, tag, ""); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", tag, err, want)
		}
	}
	dir := t.TempDir()
	p, err := ToDir(ctx, s, a, dir, nil)
	if err != nil || p != filepath.Join(dir, "evil.tar.gz") {
		t.Fatalf("ToDir = %s, %v", p, err)
	}
	if b, _ := os.ReadFile(p); string(b) != "layer" {
		t.Errorf("content %q", b)
	}
	// A layer whose bytes do not match its digest is refused and nothing is left behind.
	bad := *a
	bad.Layer.Digest = digest.FromString("something else")
	bad.Layer.Annotations = map[string]string{artifact.AnnotationTitle: "bad.tar.gz"}
	if _, err := ToDir(ctx, s, &bad, dir, nil); err == nil {
		t.Error("mismatched layer accepted")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("left behind: %v", ents)
	}
}

// counting counts layer fetches and tracks the streams left open.
type counting struct {
	*memory.Store
	mu      sync.Mutex
	fetched map[digest.Digest]int
	open    int
}

func (c *counting) Fetch(ctx context.Context, d ocispec.Descriptor) (io.ReadCloser, error) {
	rc, err := c.Store.Fetch(ctx, d)
	if err != nil || d.MediaType != artifact.Asset.LayerMediaType() {
		return rc, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.fetched[d.Digest]++
	c.open++
	return &tracked{ReadCloser: rc, c: c}, nil
}

func (c *counting) state() (map[digest.Digest]int, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.fetched), c.open
}

type tracked struct {
	io.ReadCloser
	c    *counting
	once sync.Once
}

func (t *tracked) Close() error {
	t.once.Do(func() {
		t.c.mu.Lock()
		t.c.open--
		t.c.mu.Unlock()
	})
	return t.ReadCloser.Close()
}

func TestPrefetch(t *testing.T) {
	s := &counting{Store: memory.New(), fetched: map[digest.Digest]int{}}
	cfg := put(t, s.Store, artifact.Asset.ConfigMediaType(), []byte(`{"name":"a","version":"1.0.0"}`))
	noVer := put(t, s.Store, artifact.Asset.ConfigMediaType(), []byte(`{"name":"a"}`))
	layer := put(t, s.Store, artifact.Asset.LayerMediaType(), []byte("layer"))
	manifest(t, s.Store, "ok", cfg, layer)
	manifest(t, s.Store, "nover", noVer, layer)
	ctx := context.Background()

	// The prefetched response is handed over once, so the layer is requested once.
	a, err := ResolveWithOptions(ctx, s, "ok", ResolveOptions{Prefetch: true})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := FetchLayer(ctx, s, a, &buf, nil); err != nil || buf.String() != "layer" {
		t.Fatalf("FetchLayer = %q, %v", buf.String(), err)
	}
	a.Release() // no-op once handed over
	if n, open := s.state(); n[layer.Digest] != 1 || open != 0 {
		t.Errorf("after use: fetched %v, %d open", n, open)
	}
	// A second read fetches again.
	rc, err := a.OpenLayer(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	rc.Close()
	if n, _ := s.state(); n[layer.Digest] != 2 {
		t.Errorf("second read: fetched %v", n)
	}

	// Released unread: the stream is closed.
	a, err = ResolveWithOptions(ctx, s, "ok", ResolveOptions{Prefetch: true})
	if err != nil {
		t.Fatal(err)
	}
	a.Release()
	if _, open := s.state(); open != 0 {
		t.Errorf("released: %d open", open)
	}
	// An invalid config releases it too.
	if _, err := ResolveWithOptions(ctx, s, "nover", ResolveOptions{Prefetch: true}); err == nil {
		t.Fatal("invalid config accepted")
	}
	if _, open := s.state(); open != 0 {
		t.Errorf("failed resolve: %d open", open)
	}
	// A copy pointed at another layer does not get the prefetched stream (and fails its digest check).
	a, err = ResolveWithOptions(ctx, s, "ok", ResolveOptions{Prefetch: true})
	if err != nil {
		t.Fatal(err)
	}
	bad := *a
	bad.Layer.Digest = digest.FromString("other")
	if err := FetchLayer(ctx, s, &bad, io.Discard, nil); err == nil {
		t.Error("unknown layer fetched")
	}
	a.Release()
	if _, open := s.state(); open != 0 {
		t.Errorf("copy: %d open", open)
	}
}

// TestResolveIndexPlatforms selects an index entry by os and architecture; a lone entry without a
// platform (a rules file some publishers wrap in an index) serves every platform unless it is a plugin.
func TestResolveIndexPlatforms(t *testing.T) {
	s := memory.New()
	ctx := context.Background()
	entry := func(typ artifact.Type, body string, p *ocispec.Platform) ocispec.Descriptor {
		cfg := put(t, s, typ.ConfigMediaType(), []byte(`{"name":"`+body+`","version":"1.0.0"}`))
		layer := put(t, s, typ.LayerMediaType(), []byte(body))
		b, _ := json.Marshal(ocispec.Manifest{Versioned: specs.Versioned{SchemaVersion: 2}, MediaType: ocispec.MediaTypeImageManifest, Config: cfg, Layers: []ocispec.Descriptor{layer}})
		d := put(t, s, ocispec.MediaTypeImageManifest, b)
		d.Platform = p
		return d
	}
	index := func(tag string, ms ...ocispec.Descriptor) {
		b, _ := json.Marshal(ocispec.Index{Versioned: specs.Versioned{SchemaVersion: 2}, MediaType: ocispec.MediaTypeImageIndex, Manifests: ms})
		if err := s.Tag(ctx, put(t, s, ocispec.MediaTypeImageIndex, b), tag); err != nil {
			t.Fatal(err)
		}
	}
	amd, arm := &ocispec.Platform{OS: "linux", Architecture: "amd64"}, &ocispec.Platform{OS: "linux", Architecture: "arm64"}
	index("plugin", entry(artifact.Plugin, "amd", amd), entry(artifact.Plugin, "arm", arm))
	index("rules", entry(artifact.Rulesfile, "rules", nil))
	index("plugin-noplatform", entry(artifact.Plugin, "any", nil))
	index("two-noplatform", entry(artifact.Rulesfile, "a", nil), entry(artifact.Rulesfile, "b", nil))
	for _, c := range []struct{ tag, platform, body, err string }{
		{"plugin", "linux/arm64", "arm", ""},
		{"plugin", "linux/amd64", "amd", ""},
		{"plugin", "darwin/arm64", "", "no manifest for platform darwin/arm64 (index sha256:"},
		{"rules", "linux/arm64", "rules", ""},
		{"rules", "windows/amd64", "rules", ""},
		{"plugin-noplatform", "linux/amd64", "", "its only manifest names no platform"},
		{"two-noplatform", "linux/amd64", "", "none with a platform"},
	} {
		a, err := Resolve(ctx, s, c.tag, c.platform)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s %s: err = %v, want %q", c.tag, c.platform, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s %s: %v", c.tag, c.platform, err)
			continue
		}
		var buf bytes.Buffer
		if err := FetchLayer(ctx, s, a, &buf, nil); err != nil || buf.String() != c.body {
			t.Errorf("%s %s: layer %q, %v; want %q", c.tag, c.platform, buf.String(), err, c.body)
		}
	}
}
