package install

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"oras.land/oras-go/v2"
	"oras.land/oras-go/v2/content/oci"

	"github.com/aerie-sec/aerie/artifact"
	"github.com/aerie-sec/aerie/artifact/pull"
	"github.com/aerie-sec/aerie/artifact/push"
)

// layoutWith pushes a rules artifact holding files (name -> content) as tag into a layout at dir.
func layoutWith(t testing.TB, dir, name, version string, typ artifact.Type, files map[string]string) (*oci.Store, *pull.Artifact) {
	t.Helper()
	ctx := context.Background()
	src := filepath.Join(t.TempDir(), name+".tar.gz")
	if err := os.WriteFile(src, tarGz(t, files), 0o644); err != nil {
		t.Fatal(err)
	}
	store, err := oci.New(dir)
	if err != nil {
		t.Fatal(err)
	}
	opts := push.Options{Type: typ, Name: name, Version: version, Files: []string{src}}
	if typ == artifact.Plugin {
		opts.Platforms = []string{pull.HostPlatform()}
	}
	if _, err := push.Push(ctx, store, version, opts); err != nil {
		t.Fatal(err)
	}
	a, err := pull.Resolve(ctx, store, version, "")
	if err != nil {
		t.Fatal(err)
	}
	return store, a
}

func tarGz(t testing.TB, files map[string]string) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		_ = tw.WriteHeader(&tar.Header{Name: n, Typeflag: tar.TypeReg, Mode: 0o644, Size: int64(len(files[n]))})
		_, _ = tw.Write([]byte(files[n]))
	}
	_ = tw.Close()
	_ = zw.Close()
	return buf.Bytes()
}

type recordVerifier struct {
	calls []string
	err   error
}

func (r *recordVerifier) Verify(_ context.Context, _ oras.ReadOnlyGraphTarget, ref string, d ocispec.Descriptor) error {
	r.calls = append(r.calls, ref+"@"+d.Digest.String())
	return r.err
}

func listDir(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir+"/", func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[rel] = string(b)
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return out
}

func equal(a, b map[string]string) bool {
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

func TestInstallUpgradeRemovesVanishedFiles(t *testing.T) {
	ctx := context.Background()
	base := t.TempDir()
	dest := filepath.Join(base, "rules.d")
	if err := os.MkdirAll(dest, 0o755); err != nil {
		t.Fatal(err)
	}
	// A user file in the directory before aerie manages it survives every install.
	if err := os.WriteFile(filepath.Join(dest, "local.yaml"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	s1, a1 := layoutWith(t, filepath.Join(base, "l1"), "r", "1.0.0", artifact.Rulesfile, map[string]string{"a.yaml": "v1", "old.yaml": "old"})
	v := &recordVerifier{}
	opts := Options{Dirs: map[artifact.Type]string{artifact.Rulesfile: dest}, Verifier: v}
	got, err := Install(ctx, []Item{{Ref: "example/r:1.0.0", Src: s1, Artifact: a1}}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Version != "1.0.0" || !slices.Equal(got[0].Files, []string{"a.yaml", "old.yaml"}) {
		t.Errorf("installed %+v", got)
	}
	if want := map[string]string{"a.yaml": "v1", "old.yaml": "old", "local.yaml": "mine"}; !equal(listDir(t, dest), want) {
		t.Errorf("after v1: %v", listDir(t, dest))
	}
	if len(v.calls) != 1 || v.calls[0] != "example/r:1.0.0@"+a1.Root.Digest.String() {
		t.Errorf("verifier calls %v", v.calls)
	}
	s2, a2 := layoutWith(t, filepath.Join(base, "l2"), "r", "2.0.0", artifact.Rulesfile, map[string]string{"a.yaml": "v2", "sub/new.yaml": "new"})
	if _, err := Install(ctx, []Item{{Ref: "example/r:2.0.0", Src: s2, Artifact: a2}}, opts); err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"a.yaml": "v2", "sub/new.yaml": "new", "local.yaml": "mine"}; !equal(listDir(t, dest), want) {
		t.Errorf("after v2: %v", listDir(t, dest))
	}
	cur, err := Current(dest)
	if err != nil || cur["r"].Version != "2.0.0" {
		t.Errorf("Current = %v, %v", cur, err)
	}
	// Only the current generation remains.
	ents, _ := os.ReadDir(mgmtDir(dest))
	if len(ents) != 3 { // .lock, gen-x, gen-x.json
		var n []string
		for _, e := range ents {
			n = append(n, e.Name())
		}
		t.Errorf("leftovers in %s: %v", mgmtDir(dest), n)
	}
}

func TestInstallFailuresChangeNothing(t *testing.T) {
	ctx := context.Background()
	base := t.TempDir()
	dest := filepath.Join(base, "rules.d")
	s1, a1 := layoutWith(t, filepath.Join(base, "l1"), "r", "1.0.0", artifact.Rulesfile, map[string]string{"a.yaml": "v1"})
	ok := Options{Dirs: map[artifact.Type]string{artifact.Rulesfile: dest, artifact.Plugin: filepath.Join(base, "plugins")}, Verifier: &recordVerifier{}}
	if _, err := Install(ctx, []Item{{Ref: "r", Src: s1, Artifact: a1}}, ok); err != nil {
		t.Fatal(err)
	}
	before := listDir(t, dest)

	s2, a2 := layoutWith(t, filepath.Join(base, "l2"), "r", "2.0.0", artifact.Rulesfile, map[string]string{"a.yaml": "v2"})
	hostile := filepath.Join(base, "l3")
	s3, a3 := layoutWith(t, hostile, "h", "1.0.0", artifact.Rulesfile, map[string]string{"../escape.yaml": "x"})
	sp, ap := layoutWith(t, filepath.Join(base, "l4"), "p", "1.0.0", artifact.Plugin, map[string]string{"libp.so": "ELF"})
	// corrupted: same size, different bytes in the layer blob of a copy of l2.
	s5, a5 := layoutWith(t, filepath.Join(base, "l5"), "c", "1.0.0", artifact.Rulesfile, map[string]string{"c.yaml": "c"})
	blob := filepath.Join(base, "l5", "blobs", "sha256", a5.Layer.Digest.Encoded())
	b, _ := os.ReadFile(blob)
	b[len(b)-1] ^= 0xff
	if err := os.WriteFile(blob, b, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		items []Item
		opts  Options
		want  string
	}{
		{"nil verifier", []Item{{Ref: "r", Src: s2, Artifact: a2}}, Options{Dirs: ok.Dirs}, "no signature verifier"},
		{"verification fails", []Item{{Ref: "r", Src: s2, Artifact: a2}}, Options{Dirs: ok.Dirs, Verifier: &recordVerifier{err: errors.New("no signature")}}, "no signature"},
		{"hostile tarball", []Item{{Ref: "r", Src: s2, Artifact: a2}, {Ref: "h", Src: s3, Artifact: a3}}, ok, `".." in name`},
		{"corrupted blob", []Item{{Ref: "r", Src: s2, Artifact: a2}, {Ref: "c", Src: s5, Artifact: a5}}, ok, "mismatch"},
		{"type not allowed", []Item{{Ref: "p", Src: sp, Artifact: ap}, {Ref: "r", Src: s2, Artifact: a2}}, Options{Dirs: ok.Dirs, Verifier: ok.Verifier, AllowedTypes: []artifact.Type{artifact.Rulesfile}}, "type plugin is not allowed"},
		{"same file twice", []Item{{Ref: "r", Src: s2, Artifact: a2}, {Ref: "r1", Src: layoutAlias(t, base, "r1", "a.yaml")}}, ok, "is in both"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i := range tt.items {
				if tt.items[i].Artifact == nil {
					tt.items[i].Artifact = aliasArtifact(t, tt.items[i].Src)
				}
			}
			_, err := Install(ctx, tt.items, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if after := listDir(t, dest); !equal(after, before) {
				t.Errorf("directory changed: %v", after)
			}
			if _, err := os.Stat(filepath.Join(base, "plugins")); err == nil {
				t.Error("plugins directory created")
			}
			if _, err := os.Stat(filepath.Join(base, "escape.yaml")); err == nil {
				t.Error("escaped")
			}
		})
	}
}

func layoutAlias(t *testing.T, base, name, file string) *oci.Store {
	s, _ := layoutWith(t, filepath.Join(base, "alias-"+name), name, "1.0.0", artifact.Rulesfile, map[string]string{file: name})
	return s
}

func aliasArtifact(t *testing.T, s oras.ReadOnlyTarget) *pull.Artifact {
	a, err := pull.Resolve(context.Background(), s, "1.0.0", "")
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestKillNineKeepsPreviousContent kills an installing child process at random points; the
// directory must always show exactly one complete generation, and the next install must succeed.
func TestKillNineKeepsPreviousContent(t *testing.T) {
	if os.Getenv("AERIE_INSTALL_CHILD") != "" {
		t.Skip("child")
	}
	base := t.TempDir()
	dest := filepath.Join(base, "rules.d")
	v1 := map[string]string{"a.yaml": "v1", "old.yaml": "old", "big.yaml": strings.Repeat("1", 1<<20)}
	v2 := map[string]string{"a.yaml": "v2", "new.yaml": "new", "big.yaml": strings.Repeat("2", 1<<20)}
	layoutWith(t, filepath.Join(base, "l1"), "r", "1.0.0", artifact.Rulesfile, v1)
	layoutWith(t, filepath.Join(base, "l2"), "r", "2.0.0", artifact.Rulesfile, v2)
	runChild := func(t *testing.T, loops string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestInstallChild$")
		cmd.Env = append(os.Environ(), "AERIE_INSTALL_CHILD="+base, "AERIE_INSTALL_LOOPS="+loops)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if t.Failed() {
				t.Log(out.String())
			}
		})
		return cmd
	}
	// First, one complete install of v1.
	if err := runChild(t, "1").Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	for i := 0; i < 12; i++ {
		cmd := runChild(t, "1000")
		time.Sleep(time.Duration(30+rand.IntN(300)) * time.Millisecond)
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		got := listDir(t, dest)
		if !equal(got, v1) && !equal(got, v2) {
			keys := []string{}
			for k := range got {
				keys = append(keys, k)
			}
			t.Fatalf("kill %d: directory holds neither version: %v (a.yaml=%q)", i, keys, got["a.yaml"])
		}
	}
	if err := runChild(t, "1").Wait(); err != nil {
		t.Fatalf("install after kills: %v", err)
	}
	ents, _ := os.ReadDir(mgmtDir(dest))
	if len(ents) != 3 {
		t.Errorf("leftovers after recovery: %d entries", len(ents))
	}
}

// TestInstallChild is the child of TestKillNineKeepsPreviousContent: it installs v1 and v2 alternately.
func TestInstallChild(t *testing.T) {
	base := os.Getenv("AERIE_INSTALL_CHILD")
	if base == "" {
		t.Skip("run by TestKillNineKeepsPreviousContent")
	}
	ctx := context.Background()
	var loops int
	_, _ = fmt.Sscan(os.Getenv("AERIE_INSTALL_LOOPS"), &loops)
	opts := Options{Dirs: map[artifact.Type]string{artifact.Rulesfile: filepath.Join(base, "rules.d")}, Verifier: &recordVerifier{}}
	for i := 0; i < loops; i++ {
		l := []string{"l1", "l2"}[i%2]
		ver := []string{"1.0.0", "2.0.0"}[i%2]
		s, err := oci.New(filepath.Join(base, l))
		if err != nil {
			t.Fatal(err)
		}
		a, err := pull.Resolve(ctx, s, ver, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Install(ctx, []Item{{Ref: "r:" + ver, Src: s, Artifact: a}}, opts); err != nil {
			t.Fatal(err)
		}
	}
}

// spy counts layer requests, tracks unclosed layer streams and whether any layer byte was read.
type spy struct {
	oras.ReadOnlyTarget
	mu      sync.Mutex
	fetched int
	open    int
	read    bool
}

func (s *spy) Fetch(ctx context.Context, d ocispec.Descriptor) (io.ReadCloser, error) {
	rc, err := s.ReadOnlyTarget.Fetch(ctx, d)
	if _, isLayer := artifact.TypeFromLayerMediaType(d.MediaType); err != nil || !isLayer {
		return rc, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fetched++
	s.open++
	return &spyStream{ReadCloser: rc, s: s}, nil
}

func (s *spy) state() (fetched, open int, read bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fetched, s.open, s.read
}

type spyStream struct {
	io.ReadCloser
	s      *spy
	closed bool
}

func (r *spyStream) Read(p []byte) (int, error) {
	r.s.mu.Lock()
	r.s.read = true
	r.s.mu.Unlock()
	return r.ReadCloser.Read(p)
}

func (r *spyStream) Close() error {
	r.s.mu.Lock()
	if !r.closed {
		r.closed = true
		r.s.open--
	}
	r.s.mu.Unlock()
	return r.ReadCloser.Close()
}

// A layer request started during resolution is read only after verification, once, and is
// released when the install stops before reading it.
func TestInstallPrefetchedLayer(t *testing.T) {
	ctx := context.Background()
	base := t.TempDir()
	store, _ := layoutWith(t, filepath.Join(base, "l"), "r", "1.0.0", artifact.Rulesfile, map[string]string{"a.yaml": "v1"})
	dirs := map[artifact.Type]string{artifact.Rulesfile: filepath.Join(base, "rules.d")}

	s := &spy{ReadOnlyTarget: store}
	a, err := pull.ResolveWithOptions(ctx, s, "1.0.0", pull.ResolveOptions{Prefetch: true})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Install(ctx, []Item{{Ref: "r", Src: s, Artifact: a, Verify: store}}, Options{Dirs: dirs, Verifier: &recordVerifier{err: errors.New("no signature")}})
	if err == nil {
		t.Fatal("unverified install succeeded")
	}
	if fetched, open, read := s.state(); fetched != 1 || open != 0 || read {
		t.Errorf("after failed verification: %d fetched, %d open, read %v", fetched, open, read)
	}

	s = &spy{ReadOnlyTarget: store}
	if a, err = pull.ResolveWithOptions(ctx, s, "1.0.0", pull.ResolveOptions{Prefetch: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := Install(ctx, []Item{{Ref: "r", Src: s, Artifact: a, Verify: store}}, Options{Dirs: dirs, Verifier: &recordVerifier{}}); err != nil {
		t.Fatal(err)
	}
	if fetched, open, read := s.state(); fetched != 1 || open != 0 || !read {
		t.Errorf("after install: %d fetched, %d open, read %v", fetched, open, read)
	}
	if got := listDir(t, dirs[artifact.Rulesfile]); got["a.yaml"] != "v1" {
		t.Errorf("installed %v", got)
	}
}
