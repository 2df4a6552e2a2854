package push

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"oras.land/oras-go/v2/content"
	"oras.land/oras-go/v2/content/memory"
	"oras.land/oras-go/v2/content/oci"

	"github.com/aerie-sec/aerie/artifact"
	"github.com/aerie-sec/aerie/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite golden files")

var created = time.Date(2026, 6, 12, 10, 0, 0, 0, time.UTC)

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, got, "", "  "); err != nil {
		t.Fatal(err)
	}
	pretty.WriteByte('\n')
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(p, pretty.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(pretty.Bytes(), want) {
		t.Errorf("%s differs:\n%s", name, pretty.Bytes())
	}
}

func writeFile(t *testing.T, dir, name, data string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	// The layer's tar header carries the file mode, and the golden digests assume 0644 whatever the umask.
	if err := os.Chmod(p, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const rules = `- required_engine_version: 0.57.0
- required_plugin_versions:
  - name: k8saudit
    version: 0.7.0
    alternatives:
      - name: k8saudit-eks
        version: 0.4.0
  - name: json
    version: 0.7.0
- rule: r
  desc: d
  condition: evt.type=open
  output: o
  priority: INFO
`

func TestRulesfileWireFormat(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	f := writeFile(t, dir, "k8s_audit_rules.yaml", rules)
	mem := memory.New()
	res, err := Push(ctx, mem, "", Options{Type: artifact.Rulesfile, Name: "k8saudit-rules", Version: "0.7.0", Files: []string{f}, Created: created, AnnotationSource: "https://github.com/falcosecurity/plugins"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Tags, []string{"latest"}) {
		t.Errorf("tags = %v, want [latest]", res.Tags)
	}
	mb, err := content.FetchAll(ctx, mem, res.Root)
	if err != nil {
		t.Fatal(err)
	}
	// Field by field against falcoctl's format (falcoctl.md section 2).
	var m map[string]any
	if err := json.Unmarshal(mb, &m); err != nil {
		t.Fatal(err)
	}
	keys := sortedKeys(m)
	if !slices.Equal(keys, []string{"annotations", "config", "layers", "mediaType", "schemaVersion"}) {
		t.Errorf("manifest keys = %v (no artifactType, no subject)", keys)
	}
	var man ocispec.Manifest
	_ = json.Unmarshal(mb, &man)
	if man.MediaType != ocispec.MediaTypeImageManifest || man.SchemaVersion != 2 {
		t.Errorf("manifest type %s/%d", man.MediaType, man.SchemaVersion)
	}
	if man.Config.MediaType != "application/vnd.cncf.falco.rulesfile.config.v1+json" || man.Config.Annotations != nil {
		t.Errorf("config descriptor %+v", man.Config)
	}
	if len(man.Layers) != 1 || man.Layers[0].MediaType != "application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz" ||
		!reflect.DeepEqual(man.Layers[0].Annotations, map[string]string{"org.opencontainers.image.title": "k8s_audit_rules.yaml.tar.gz"}) {
		t.Errorf("layers %+v", man.Layers)
	}
	if man.Annotations["org.opencontainers.image.created"] != "2026-06-12T10:00:00Z" || man.Annotations["org.opencontainers.image.source"] != "https://github.com/falcosecurity/plugins" {
		t.Errorf("annotations %v", man.Annotations)
	}
	cb, _ := content.FetchAll(ctx, mem, man.Config)
	want := `{"name":"k8saudit-rules","version":"0.7.0","dependencies":[{"name":"json","version":"0.7.0"},{"name":"k8saudit","version":"0.7.0","alternatives":[{"name":"k8saudit-eks","version":"0.4.0"}]}],"requirements":[{"name":"engine_version_semver","version":"0.57.0"}]}`
	if string(cb) != want {
		t.Errorf("config\n got %s\nwant %s", cb, want)
	}
	golden(t, "rulesfile.manifest.json", mb)
	// The layer holds the file at its root, mode kept, zero mtime.
	lb, _ := content.FetchAll(ctx, mem, man.Layers[0])
	zr, err := gzip.NewReader(bytes.NewReader(lb))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	h, err := tr.Next()
	if err != nil {
		t.Fatal(err)
	}
	if h.Name != "k8s_audit_rules.yaml" || h.Mode != 0o644 || h.ModTime.Unix() != 0 || h.Typeflag != tar.TypeReg {
		t.Errorf("tar header %+v", h)
	}
	body, _ := io.ReadAll(tr)
	if string(body) != rules {
		t.Error("tar content differs")
	}
	if _, err := tr.Next(); !errors.Is(err, io.EOF) {
		t.Error("more than one entry")
	}
}

func TestPluginIndexWireFormat(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	amd := writeFile(t, dir, "libk8saudit.so", "amd64 plugin")
	arm := writeFile(t, dir, "libk8saudit-arm.so", "arm64 plugin")
	mem := memory.New()
	res, err := Push(ctx, mem, "0.7.0", Options{
		Type: artifact.Plugin, Name: "k8saudit", Version: "0.7.0", Files: []string{amd, arm},
		Platforms: []string{"linux/amd64", "linux/arm64"}, Created: created,
		Requirements:     []artifact.Requirement{{Name: "plugin_api_version", Version: "3.0.0"}},
		AnnotationSource: "https://github.com/falcosecurity/plugins",
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Root.MediaType != ocispec.MediaTypeImageIndex {
		t.Fatalf("root %s, want an OCI index", res.Root.MediaType)
	}
	ib, _ := content.FetchAll(ctx, mem, res.Root)
	var idx ocispec.Index
	_ = json.Unmarshal(ib, &idx)
	if len(idx.Manifests) != 2 || idx.Annotations["org.opencontainers.image.source"] == "" {
		t.Fatalf("index %+v", idx)
	}
	for i, p := range []string{"amd64", "arm64"} {
		d := idx.Manifests[i]
		if d.Platform.OS != "linux" || d.Platform.Architecture != p || d.Platform.Variant != "" {
			t.Errorf("platform %+v", d.Platform)
		}
		if d.ArtifactType != "application/vnd.cncf.falco.plugin.config.v1+json" || d.MediaType != ocispec.MediaTypeImageManifest {
			t.Errorf("descriptor %+v", d)
		}
		if d.Annotations["org.opencontainers.image.created"] != "2026-06-12T10:00:00Z" {
			t.Errorf("annotations %v", d.Annotations)
		}
	}
	golden(t, "plugin.index.json", ib)
}

func TestPushErrors(t *testing.T) {
	dir := t.TempDir()
	f := writeFile(t, dir, "a.yaml", "- rule: x\n")
	g := writeFile(t, dir, "b.yaml", "- rule: y\n")
	tests := []struct {
		name string
		opts Options
		err  string
	}{
		{"bad version", Options{Type: artifact.Asset, Name: "a", Version: "v1.0.0", Files: []string{f}}, "strict semver"},
		{"two files", Options{Type: artifact.Asset, Name: "a", Version: "1.0.0", Files: []string{f, g}}, "exactly one file"},
		{"plugin without platform", Options{Type: artifact.Plugin, Name: "p", Version: "1.0.0", Files: []string{f}}, "one --platform per file"},
		{"bad platform", Options{Type: artifact.Plugin, Name: "p", Version: "1.0.0", Files: []string{f}, Platforms: []string{"linux"}}, "invalid platform"},
		{"platform on rules", Options{Type: artifact.Rulesfile, Name: "r", Version: "1.0.0", Files: []string{f}, Platforms: []string{"linux/amd64"}}, "plugins only"},
		{"missing file", Options{Type: artifact.Asset, Name: "a", Version: "1.0.0", Files: []string{filepath.Join(dir, "nope")}}, "no such file"},
		{"bad engine version", Options{Type: artifact.Rulesfile, Name: "r", Version: "1.0.0", Files: []string{writeFile(t, dir, "c.yaml", "- required_engine_version: 0.5\n")}}, "c.yaml:1"},
		{"fake tar.gz", Options{Type: artifact.Asset, Name: "a", Version: "1.0.0", Files: []string{writeFile(t, dir, "x.tar.gz", "plain")}}, "not a gzip"},
		{"bad tag", Options{Type: artifact.Asset, Name: "a", Version: "1.0.0", Files: []string{f}, Tags: []string{"-x"}}, "invalid tag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mem := memory.New()
			_, err := Push(context.Background(), mem, "", tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("err = %v, want %q", err, tt.err)
			}
		})
	}
}

func TestFloatingTagsOnLayout(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	f := writeFile(t, dir, "r.yaml", "- rule: x\n")
	store, err := oci.New(filepath.Join(dir, "layout"))
	if err != nil {
		t.Fatal(err)
	}
	push := func(v string) []string {
		res, err := Push(ctx, store, "", Options{Type: artifact.Rulesfile, Name: "r", Version: v, Files: []string{f}, FloatingTags: true})
		if err != nil {
			t.Fatal(err)
		}
		return res.Tags
	}
	steps := []struct {
		v    string
		tags []string
	}{
		{"1.0.0", []string{"1.0.0", "1.0", "1", "latest"}},
		{"2.0.0", []string{"2.0.0", "2.0", "2", "latest"}},
		{"1.1.0", []string{"1.1.0", "1.1", "1"}},
		{"1.0.1", []string{"1.0.1", "1.0"}},
		{"3.0.0-rc1", []string{"3.0.0-rc1"}},
	}
	for _, s := range steps {
		if got := push(s.v); !slices.Equal(got, s.tags) {
			t.Errorf("push %s: tags %v, want %v", s.v, got, s.tags)
		}
	}
	// latest still names 2.0.0.
	d, err := store.Resolve(ctx, "latest")
	if err != nil {
		t.Fatal(err)
	}
	d2, _ := store.Resolve(ctx, "2.0.0")
	if d.Digest != d2.Digest {
		t.Error("latest moved backwards")
	}
}

func TestFloatingTags(t *testing.T) {
	tests := []struct {
		v        string
		existing []string
		want     []string
	}{
		{"5.0.0", nil, []string{"5.0.0", "5.0", "5", "latest"}},
		{"5.0.1", []string{"5.1.0", "5", "latest"}, []string{"5.0.1", "5.0"}},
		{"4.2.0", []string{"5.0.0", "4.1.0"}, []string{"4.2.0", "4.2", "4"}},
		{"6.0.0-rc1", nil, []string{"6.0.0-rc1"}},
		{"5.0.0", []string{"5.0.1-rc1", "sha256-x.sig"}, []string{"5.0.0", "5.0", "5", "latest"}},
	}
	for _, tt := range tests {
		got, err := FloatingTags(tt.v, tt.existing)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("FloatingTags(%s, %v) = %v, %v; want %v", tt.v, tt.existing, got, err, tt.want)
		}
	}
}

func TestRulesfileMetaFromCorpus(t *testing.T) {
	p := testenv.CorpusFile(t, "rules", "falco_rules.yaml")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	meta, err := ParseRulesfileMeta(p, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(meta.Requirements) != 1 || meta.Requirements[0].Name != "engine_version_semver" {
		t.Fatalf("requirements %v", meta.Requirements)
	}
	if len(meta.Dependencies) != 1 || meta.Dependencies[0].Name != "container" {
		t.Fatalf("dependencies %v", meta.Dependencies)
	}
}

func TestRulesfileMeta(t *testing.T) {
	tests := []struct {
		in   string
		req  string
		deps string
		err  string
	}{
		{"- required_engine_version: 13\n", "0.13.0", "", ""},
		{"- required_engine_version: 0.31.0\n- required_engine_version: 0.26.0\n", "0.31.0", "", ""},
		{"- required_plugin_versions:\n  - name: a\n    version: 1.0.0\n  - name: a\n    version: 1.2.0\n", "", "a:1.2.0", ""},
		{"- rule: x\n", "", "", ""},
		{"rule: x\n", "", "", "top level must be a list"},
		{"- required_plugin_versions: x\n", "", "", "must be a list"},
		{"- required_plugin_versions:\n  - name: a\n", "", "", "needs name and version"},
		{"- required_engine_version: [1]\n", "", "", "must be a number"},
	}
	for _, tt := range tests {
		m, err := ParseRulesfileMeta("f.yaml", []byte(tt.in))
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: err %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		var req, deps string
		if len(m.Requirements) > 0 {
			req = m.Requirements[0].Version
		}
		var ds []string
		for _, d := range m.Dependencies {
			ds = append(ds, d.String())
		}
		deps = strings.Join(ds, ",")
		if req != tt.req || deps != tt.deps {
			t.Errorf("%q: req %q deps %q", tt.in, req, deps)
		}
	}
}

func sortedKeys(m map[string]any) []string {
	var k []string
	for x := range m {
		k = append(k, x)
	}
	slices.Sort(k)
	return k
}

// TestPackNames packs files as single root entries with their mode and a zero modification time,
// whatever their name: USTAR when it fits, PAX for long or non-ASCII names.
func TestPackNames(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name   string
		mode   os.FileMode
		format tar.Format
	}{
		{"falco_rules.yaml", 0o644, tar.FormatUSTAR},
		{"libk8saudit.so", 0o755, tar.FormatUSTAR},
		{strings.Repeat("r", 120) + "_rules.yaml", 0o600, tar.FormatPAX},
		{"règles_ü.yaml", 0o640, tar.FormatPAX},
	} {
		p := filepath.Join(dir, c.name)
		if err := os.WriteFile(p, []byte("body of "+c.name), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, c.mode); err != nil {
			t.Fatal(err)
		}
		b, err := Pack(p)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		tr := tar.NewReader(zr)
		h, err := tr.Next()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(tr)
		if h.Name != c.name || h.Typeflag != tar.TypeReg || h.Mode != int64(c.mode) || !h.ModTime.Equal(time.Unix(0, 0)) || h.Format&c.format == 0 || string(body) != "body of "+c.name {
			t.Errorf("%s: header %+v body %q", c.name, h, body)
		}
		if _, err := tr.Next(); !errors.Is(err, io.EOF) {
			t.Errorf("%s: more than one entry (%v)", c.name, err)
		}
	}
}
