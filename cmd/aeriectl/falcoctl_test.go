package main

// Interoperability with falcoctl in both directions, from the wire format documented in
// /work/shared/reference/falcoctl.md (falcoctl itself cannot be fetched here):
//
//   - falcoctlPush writes artifacts into a loopback registry byte for byte as `falcoctl registry
//     push` does (section 2), including what older falcoctl versions and other publishers wrote,
//     and aeriectl must install them;
//   - falcoctlRead reads what `aeriectl registry push` wrote with falcoctl's reader rules
//     (sections 2 to 4), strictly, and fails on anything falcoctl would not take.

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/Masterminds/semver/v3"
	"github.com/opencontainers/go-digest"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"oras.land/oras-go/v2/content"
	"oras.land/oras-go/v2/registry/remote"

	"github.com/aerie-sec/aerie/index"
	"github.com/aerie-sec/aerie/internal/testenv"
)

// falcoctlFile is one tar entry of a falcoctl layer.
type falcoctlFile struct {
	name string
	mode int64
	body string
	dir  bool
}

// falcoctlTarGz packs entries the way falcoctl packs a raw file (root entry, file mode, zero
// modification time); directory entries and "./" prefixes model tarballs made with `tar czf`.
func falcoctlTarGz(t *testing.T, files ...falcoctlFile) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, f := range files {
		h := &tar.Header{Name: f.name, Mode: f.mode, ModTime: time.Unix(0, 0), Typeflag: tar.TypeReg, Size: int64(len(f.body))}
		if f.dir {
			h.Typeflag, h.Size = tar.TypeDir, 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if !f.dir {
			if _, err := tw.Write([]byte(f.body)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// falcoctlLayer is one platform's layer of a falcoctl artifact.
type falcoctlLayer struct {
	platform string // os/arch for plugins
	title    string // org.opencontainers.image.title; "" omits the annotation
	data     []byte
}

// falcoctlArtifact describes one push.
type falcoctlArtifact struct {
	repo   string
	typ    string // rulesfile, plugin, asset
	config string // the config blob, verbatim
	layers []falcoctlLayer
	tags   []string
	// asIndex wraps a single rulesfile or asset manifest in an OCI index whose entry has no
	// platform, as some publishers did.
	asIndex bool
}

const falcoctlCreated = "2025-05-20T08:30:00Z"

// falcoctlPush pushes a as falcoctl does: config blob, single titled layer, manifest with the
// created annotation and no artifactType; plugins under an index with platform and artifactType.
func falcoctlPush(t *testing.T, host string, a falcoctlArtifact) digest.Digest {
	t.Helper()
	ctx := context.Background()
	repo, err := remote.NewRepository(host + "/" + a.repo)
	if err != nil {
		t.Fatal(err)
	}
	repo.PlainHTTP = true
	blob := func(mt string, b []byte) map[string]any {
		d := ocispec.Descriptor{MediaType: mt, Digest: digest.FromBytes(b), Size: int64(len(b))}
		if err := repo.Push(ctx, d, bytes.NewReader(b)); err != nil {
			t.Fatalf("push blob %s: %v", mt, err)
		}
		return map[string]any{"mediaType": mt, "digest": d.Digest.String(), "size": d.Size}
	}
	manifest := func(mt string, doc any) (ocispec.Descriptor, []byte) {
		b, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		d := ocispec.Descriptor{MediaType: mt, Digest: digest.FromBytes(b), Size: int64(len(b))}
		if err := repo.Manifests().Push(ctx, d, bytes.NewReader(b)); err != nil {
			t.Fatalf("push manifest: %v", err)
		}
		return d, b
	}
	cfgMT := "application/vnd.cncf.falco." + a.typ + ".config.v1+json"
	layerMT := "application/vnd.cncf.falco." + a.typ + ".layer.v1+tar.gz"
	cfg := blob(cfgMT, []byte(a.config))
	var entries []map[string]any
	var root ocispec.Descriptor
	for _, l := range a.layers {
		ld := blob(layerMT, l.data)
		if l.title != "" {
			ld["annotations"] = map[string]string{"org.opencontainers.image.title": l.title}
		}
		d, _ := manifest(ocispec.MediaTypeImageManifest, map[string]any{
			"schemaVersion": 2,
			"mediaType":     ocispec.MediaTypeImageManifest,
			"config":        cfg,
			"layers":        []any{ld},
			"annotations":   map[string]string{"org.opencontainers.image.created": falcoctlCreated},
		})
		root = d
		e := map[string]any{"mediaType": d.MediaType, "digest": d.Digest.String(), "size": d.Size,
			"annotations": map[string]string{"org.opencontainers.image.created": falcoctlCreated}}
		if l.platform != "" {
			os, arch, _ := strings.Cut(l.platform, "/")
			e["platform"] = map[string]string{"os": os, "architecture": arch}
			e["artifactType"] = cfgMT
		}
		entries = append(entries, e)
	}
	if a.typ == "plugin" || a.asIndex {
		root, _ = manifest(ocispec.MediaTypeImageIndex, map[string]any{
			"schemaVersion": 2,
			"mediaType":     ocispec.MediaTypeImageIndex,
			"manifests":     entries,
		})
	}
	for _, tag := range a.tags {
		if err := repo.Tag(ctx, root, tag); err != nil {
			t.Fatalf("tag %s: %v", tag, err)
		}
	}
	return root.Digest
}

// falcoctlIndex is the falcosecurity index.yaml as published (reference section 11): cosign keys
// falcoctl does not use are written as "" and false.
func falcoctlIndex(host string, entries ...[3]string) string {
	var b strings.Builder
	for _, e := range entries {
		fmt.Fprintf(&b, `- name: %s
  type: %s
  registry: %s
  repository: %s
  description: %s from falcoctl
  home: https://github.com/falcosecurity/rules/blob/main/rules/falco_rules.yaml
  keywords:
  - %s
  license: apache-2.0
  maintainers:
  - email: cncf-falco-dev@lists.cncf.io
    name: The Falco Authors
  sources:
  - https://github.com/falcosecurity/rules/blob/main/rules/falco_rules.yaml
  signature:
    cosign:
      certificate-oidc-issuer: https://token.actions.githubusercontent.com
      certificate-oidc-issuer-regexp: ""
      certificate-identity: ""
      certificate-identity-regexp: https://github.com/falcosecurity/rules/
      certificate-github-workflow: ""
      key: ""
      ignore-tlog: false
`, e[0], e[1], host, e[2], e[0], e[0])
	}
	return b.String()
}

// TestInstallsWhatFalcoctlPushes installs artifacts written exactly as falcoctl writes them,
// including older and third-party variants.
func TestInstallsWhatFalcoctlPushes(t *testing.T) {
	reg := testenv.DockerRegistry(t, testenv.RegistryOptions{})
	e := newDistEnv(t, envOptions{plainHTTP: []string{reg.Host}})
	if err := os.WriteFile(e.index, []byte(falcoctlIndex(reg.Host,
		[3]string{"falco-rules", "rulesfile", "falcosecurity/rules/falco-rules"},
		[3]string{"k8saudit", "plugin", "falcosecurity/plugins/plugin/k8saudit"},
		[3]string{"k8saudit-eks", "plugin", "falcosecurity/plugins/plugin/k8saudit-eks"},
		[3]string{"json", "plugin", "falcosecurity/plugins/plugin/json"},
		[3]string{"k8saudit-rules", "rulesfile", "falcosecurity/plugins/ruleset/k8saudit"},
		// A kind of artifact newer than this tool does not make the index unusable.
		[3]string{"falco-config", "falcoconfig", "falcosecurity/config/falco"},
	)), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := e.ok(t, "artifact", "list", "--type", "falcoconfig"); !strings.Contains(out, "falco-config") {
		t.Errorf("list %s", out)
	}
	rules5 := "- required_engine_version: 0.57.0\n- rule: five\n"
	// falco-rules 5.0.0 as the rules publisher pushes it; 0.1.0 as pushed in 2022: legacy
	// integer engine_version requirement, only the X.Y.Z tag.
	falcoctlPush(t, reg.Host, falcoctlArtifact{
		repo: "falcosecurity/rules/falco-rules", typ: "rulesfile", tags: []string{"5.0.0", "5", "5.0", "latest"},
		config: `{"name":"falco-rules","version":"5.0.0","requirements":[{"name":"engine_version_semver","version":"0.57.0"}]}`,
		layers: []falcoctlLayer{{title: "falco_rules.yaml.tar.gz", data: falcoctlTarGz(t, falcoctlFile{name: "falco_rules.yaml", mode: 0o644, body: rules5})}},
	})
	falcoctlPush(t, reg.Host, falcoctlArtifact{
		repo: "falcosecurity/rules/falco-rules", typ: "rulesfile", tags: []string{"0.1.0"},
		config: `{"name":"falco-rules","version":"0.1.0","requirements":[{"name":"engine_version","version":"13"}]}`,
		layers: []falcoctlLayer{{title: "falco_rules.yaml.tar.gz", data: falcoctlTarGz(t, falcoctlFile{name: "falco_rules.yaml", mode: 0o644, body: "- rule: zero\n"})}},
	})
	// Plugins: an index even for one platform; tarball titles name x86_64/aarch64.
	for _, p := range []struct{ name, version string }{{"k8saudit", "0.7.0"}, {"json", "0.7.0"}, {"k8saudit-eks", "0.4.0"}} {
		var layers []falcoctlLayer
		for _, arch := range [][2]string{{"amd64", "x86_64"}, {"arm64", "aarch64"}} {
			layers = append(layers, falcoctlLayer{
				platform: "linux/" + arch[0], title: p.name + "-" + p.version + "-linux-" + arch[1] + ".tar.gz",
				data: falcoctlTarGz(t, falcoctlFile{name: "lib" + strings.ReplaceAll(p.name, "-", "") + ".so", mode: 0o755, body: p.name + "-" + arch[0]}),
			})
		}
		falcoctlPush(t, reg.Host, falcoctlArtifact{
			repo: "falcosecurity/plugins/plugin/" + p.name, typ: "plugin", tags: []string{p.version, "latest"},
			config: fmt.Sprintf(`{"name":%q,"version":%q,"requirements":[{"name":"plugin_api_version","version":"3.0.0"}]}`, p.name, p.version),
			layers: layers,
		})
	}
	// A plugin ruleset with dependencies and alternatives, as the plugins publisher writes it.
	falcoctlPush(t, reg.Host, falcoctlArtifact{
		repo: "falcosecurity/plugins/ruleset/k8saudit", typ: "rulesfile", tags: []string{"0.7.0", "latest"},
		config: `{"name":"k8saudit-rules","version":"0.7.0","dependencies":[{"name":"json","version":"0.7.0"},` +
			`{"name":"k8saudit","version":"0.7.0","alternatives":[{"name":"k8saudit-eks","version":"0.4.0"},{"name":"k8saudit-gke","version":"0.1.0"}]}],` +
			`"requirements":[{"name":"engine_version_semver","version":"0.15.0"}]}`,
		layers: []falcoctlLayer{{title: "k8s_audit_rules.yaml.tar.gz", data: falcoctlTarGz(t, falcoctlFile{name: "k8s_audit_rules.yaml", mode: 0o644, body: "- rule: audit\n"})}},
	})

	// By index name, floating major, host platform: resolved through the falcoctl index.
	e.ok(t, "artifact", "install", "--no-verify", "falco-rules:5")
	if f := dirFiles(t, e.rulesDir); f["falco_rules.yaml"] != rules5 {
		t.Errorf("falco-rules:5 installed %v", f)
	}
	// The legacy integer requirement is checked as an integer (13 <= Aerie's engine minor).
	e.ok(t, "artifact", "install", "--no-verify", "falco-rules:0.1.0")
	if f := dirFiles(t, e.rulesDir); f["falco_rules.yaml"] != "- rule: zero\n" {
		t.Errorf("falco-rules:0.1.0 installed %v", f)
	}
	// Dependencies with alternatives: json and k8saudit come along, for the platform asked.
	out := e.ok(t, "artifact", "install", "--no-verify", "--platform", "linux/arm64", "k8saudit-rules", "-o", "json")
	var ir installResult
	if err := json.Unmarshal([]byte(out), &ir); err != nil {
		t.Fatalf("install output: %v\n%s", err, out)
	}
	var got []string
	for _, i := range ir.Installed {
		got = append(got, i.Name+"@"+i.Version)
	}
	slices.Sort(got)
	if !slices.Equal(got, []string{"json@0.7.0", "k8saudit-rules@0.7.0", "k8saudit@0.7.0"}) {
		t.Errorf("installed %v", got)
	}
	if f := dirFiles(t, e.pluginDir); f["libk8saudit.so"] != "k8saudit-arm64" || f["libjson.so"] != "json-arm64" {
		t.Errorf("plugins %v", f)
	}
	if f := dirFiles(t, e.rulesDir); f["k8s_audit_rules.yaml"] != "- rule: audit\n" {
		t.Errorf("rules %v", f)
	}
	// An alternative named on the command line satisfies the dependency instead of the primary.
	e2 := newDistEnv(t, envOptions{plainHTTP: []string{reg.Host}})
	if err := os.WriteFile(e2.index, []byte(falcoctlIndex(reg.Host,
		[3]string{"k8saudit", "plugin", "falcosecurity/plugins/plugin/k8saudit"},
		[3]string{"k8saudit-eks", "plugin", "falcosecurity/plugins/plugin/k8saudit-eks"},
		[3]string{"json", "plugin", "falcosecurity/plugins/plugin/json"},
		[3]string{"k8saudit-rules", "rulesfile", "falcosecurity/plugins/ruleset/k8saudit"},
	)), 0o644); err != nil {
		t.Fatal(err)
	}
	e2.ok(t, "artifact", "install", "--no-verify", "--platform", "linux/amd64", "k8saudit-eks:0.4.0", "k8saudit-rules:0.7.0")
	if f := dirFiles(t, e2.pluginDir); f["libk8sauditeks.so"] != "k8saudit-eks-amd64" || f["libk8saudit.so"] != "" {
		t.Errorf("plugins with alternative %v", f)
	}
	// registry pull writes the tarball under its title, unextracted.
	pulled := filepath.Join(e.dir, "pulled")
	out = e.ok(t, "registry", "pull", "--no-verify", "--platform", "linux/amd64", "-o", pulled, "k8saudit:0.7.0")
	if strings.TrimSpace(out) != filepath.Join(pulled, "k8saudit-0.7.0-linux-x86_64.tar.gz") {
		t.Errorf("pull printed %q", out)
	}
	// The raw config is falcoctl's, unchanged.
	if cfg := strings.TrimSpace(e.ok(t, "artifact", "config", "k8saudit-rules:0.7.0")); !strings.Contains(cfg, `"alternatives":[{"name":"k8saudit-eks","version":"0.4.0"},{"name":"k8saudit-gke","version":"0.1.0"}]`) {
		t.Errorf("config %s", cfg)
	}
}

// TestInstallsOtherPublishersVariants installs what older or other tools wrote for falcoctl:
// no title annotation, a tarball made with `tar czf x .` ("./" entries and directories), a
// config without requirements, a rules file under an index entry without a platform.
func TestInstallsOtherPublishersVariants(t *testing.T) {
	reg := testenv.DockerRegistry(t, testenv.RegistryOptions{})
	e := newDistEnv(t, envOptions{plainHTTP: []string{reg.Host}})
	falcoctlPush(t, reg.Host, falcoctlArtifact{
		repo: "x/untitled", typ: "asset", tags: []string{"1.0.0"},
		config: `{"version":"1.0.0", "name":"untitled", "publisher":{"tool":"other"}}`,
		layers: []falcoctlLayer{{data: falcoctlTarGz(t, falcoctlFile{name: "GeoLite2-City.mmdb", mode: 0o644, body: "geo"})}},
	})
	falcoctlPush(t, reg.Host, falcoctlArtifact{
		repo: "x/dotted", typ: "rulesfile", tags: []string{"1.0.0"},
		config: `{"name":"dotted","version":"1.0.0"}`,
		layers: []falcoctlLayer{{title: "dotted.tar.gz", data: falcoctlTarGz(t,
			falcoctlFile{name: "./", mode: 0o755, dir: true},
			falcoctlFile{name: "./dotted_rules.yaml", mode: 0o644, body: "- rule: dotted\n"},
			falcoctlFile{name: "./extra/", mode: 0o755, dir: true},
			falcoctlFile{name: "./extra/macros.yaml", mode: 0o600, body: "- macro: m\n"},
		)}},
	})
	falcoctlPush(t, reg.Host, falcoctlArtifact{
		repo: "x/indexed", typ: "rulesfile", tags: []string{"1.0.0"}, asIndex: true,
		config: `{"name":"indexed","version":"1.0.0"}`,
		layers: []falcoctlLayer{{title: "indexed_rules.yaml.tar.gz", data: falcoctlTarGz(t, falcoctlFile{name: "indexed_rules.yaml", mode: 0o644, body: "- rule: indexed\n"})}},
	})
	e.ok(t, "artifact", "install", "--no-verify", reg.Host+"/x/untitled:1.0.0", reg.Host+"/x/dotted:1.0.0", reg.Host+"/x/indexed:1.0.0")
	if f := dirFiles(t, e.assetDir); f["GeoLite2-City.mmdb"] != "geo" {
		t.Errorf("assets %v", f)
	}
	if f := dirFiles(t, e.rulesDir); f["dotted_rules.yaml"] != "- rule: dotted\n" || f["extra/macros.yaml"] != "- macro: m\n" || f["indexed_rules.yaml"] != "- rule: indexed\n" {
		t.Errorf("rules %v", f)
	}
	// artifact config prints the blob as stored, as falcoctl does: key order, spacing and
	// fields falcoctl does not know are kept.
	if out := e.ok(t, "artifact", "config", reg.Host+"/x/untitled:1.0.0"); strings.TrimSpace(out) != `{"version":"1.0.0", "name":"untitled", "publisher":{"tool":"other"}}` {
		t.Errorf("config %s", out)
	}
	// Without a title, pull names the tarball after the config name.
	pulled := filepath.Join(e.dir, "pulled")
	if out := e.ok(t, "registry", "pull", "--no-verify", "-o", pulled, reg.Host+"/x/untitled:1.0.0"); strings.TrimSpace(out) != filepath.Join(pulled, "untitled.tar.gz") {
		t.Errorf("pull printed %q", out)
	}
}

// falcoctlConfig is the config blob as falcoctl decodes it (reference section 2).
type falcoctlConfig struct {
	Name         string `json:"name"`
	Version      string `json:"version"`
	Dependencies []struct {
		Name         string `json:"name"`
		Version      string `json:"version"`
		Alternatives []struct {
			Name    string `json:"name"`
			Version string `json:"version"`
		} `json:"alternatives,omitempty"`
	} `json:"dependencies,omitempty"`
	Requirements []struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	} `json:"requirements,omitempty"`
}

// falcoctlRead is what falcoctl reads from a tag: it returns the artifact type, the raw config,
// the layer title and the tarball's regular files, failing the test on anything falcoctl would
// not accept or would read differently.
type falcoctlRead struct {
	typ    string
	config []byte
	title  string
	files  map[string]string
	modes  map[string]int64
}

var (
	falcoctlNameRE    = regexp.MustCompile(`^[a-z]+[a-z0-9-_]*$`)
	falcoctlVersionRE = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?$`)
	// Falco's /versions keys, the only requirement names the follower accepts.
	falcoVersionsKeys = []string{"falco_version", "libs_version", "plugin_api_version", "driver_api_version", "driver_schema_version", "default_driver_version", "engine_version", "engine_version_semver"}
)

func readAsFalcoctl(t *testing.T, host, repoPath, tag, platform string) falcoctlRead {
	t.Helper()
	ctx := context.Background()
	repo, err := remote.NewRepository(host + "/" + repoPath)
	if err != nil {
		t.Fatal(err)
	}
	repo.PlainHTTP = true
	fetchJSON := func(d ocispec.Descriptor, v any) []byte {
		b, err := content.FetchAll(ctx, repo, d)
		if err != nil {
			t.Fatalf("fetch %s: %v", d.Digest, err)
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(v); err != nil {
			t.Fatalf("%s:%s: decode %s: %v\n%s", repoPath, tag, d.MediaType, err, b)
		}
		return b
	}
	root, err := repo.Resolve(ctx, tag)
	if err != nil {
		t.Fatalf("resolve %s:%s: %v", repoPath, tag, err)
	}
	man := root
	if root.MediaType == ocispec.MediaTypeImageIndex {
		var idx ocispec.Index
		fetchJSON(root, &idx)
		os, arch, _ := strings.Cut(platform, "/")
		found := false
		for _, m := range idx.Manifests {
			if m.Platform == nil || m.Platform.Variant != "" || m.Platform.OSVersion != "" || m.ArtifactType != "application/vnd.cncf.falco.plugin.config.v1+json" {
				t.Errorf("%s:%s: index entry %+v: want platform {os, architecture} and the plugin artifactType", repoPath, tag, m)
			}
			if _, err := time.Parse(time.RFC3339, m.Annotations["org.opencontainers.image.created"]); err != nil {
				t.Errorf("%s:%s: index entry without created annotation: %v", repoPath, tag, m.Annotations)
			}
			if m.Platform != nil && m.Platform.OS == os && m.Platform.Architecture == arch {
				man, found = m, true
			}
		}
		if !found {
			t.Fatalf("%s:%s: no %s manifest", repoPath, tag, platform)
		}
	} else if root.MediaType != ocispec.MediaTypeImageManifest {
		t.Fatalf("%s:%s: root media type %s", repoPath, tag, root.MediaType)
	}
	var m struct {
		SchemaVersion int                  `json:"schemaVersion"`
		MediaType     string               `json:"mediaType"`
		Config        ocispec.Descriptor   `json:"config"`
		Layers        []ocispec.Descriptor `json:"layers"`
		Annotations   map[string]string    `json:"annotations"`
	}
	fetchJSON(man, &m) // unknown fields (artifactType, subject) are refused
	if m.SchemaVersion != 2 || m.MediaType != ocispec.MediaTypeImageManifest || len(m.Layers) != 1 {
		t.Fatalf("%s:%s: manifest %+v: want schema 2, image manifest, one layer", repoPath, tag, m)
	}
	created, err := time.Parse(time.RFC3339, m.Annotations["org.opencontainers.image.created"])
	if err != nil || created.Location() != time.UTC {
		t.Errorf("%s:%s: created annotation %q: want RFC 3339 UTC", repoPath, tag, m.Annotations["org.opencontainers.image.created"])
	}
	// Readers decide the type from the first layer.
	layer := m.Layers[0]
	typ, ok := strings.CutPrefix(layer.MediaType, "application/vnd.cncf.falco.")
	typ, ok2 := strings.CutSuffix(typ, ".layer.v1+tar.gz")
	if !ok || !ok2 || !slices.Contains([]string{"rulesfile", "plugin", "asset"}, typ) {
		t.Fatalf("%s:%s: layer media type %s", repoPath, tag, layer.MediaType)
	}
	if m.Config.MediaType != "application/vnd.cncf.falco."+typ+".config.v1+json" || len(m.Config.Annotations) != 0 {
		t.Errorf("%s:%s: config descriptor %+v", repoPath, tag, m.Config)
	}
	title := layer.Annotations["org.opencontainers.image.title"]
	if title == "" || title != path.Base(title) || !strings.HasSuffix(title, ".tar.gz") || len(layer.Annotations) != 1 {
		t.Errorf("%s:%s: layer annotations %v: want only a .tar.gz base name title", repoPath, tag, layer.Annotations)
	}
	var cfg falcoctlConfig
	cb := fetchJSON(m.Config, &cfg)
	if !falcoctlNameRE.MatchString(cfg.Name) || !falcoctlVersionRE.MatchString(cfg.Version) {
		t.Errorf("%s:%s: config name/version %q %q", repoPath, tag, cfg.Name, cfg.Version)
	}
	for _, d := range cfg.Dependencies {
		if !falcoctlNameRE.MatchString(d.Name) || !falcoctlVersionRE.MatchString(d.Version) {
			t.Errorf("%s:%s: dependency %+v", repoPath, tag, d)
		}
		for _, a := range d.Alternatives {
			if !falcoctlNameRE.MatchString(a.Name) || !falcoctlVersionRE.MatchString(a.Version) {
				t.Errorf("%s:%s: alternative %+v", repoPath, tag, a)
			}
		}
	}
	for _, r := range cfg.Requirements {
		if !slices.Contains(falcoVersionsKeys, r.Name) {
			t.Errorf("%s:%s: requirement %s is not a Falco /versions key (the follower refuses it)", repoPath, tag, r.Name)
		}
		if _, err := semver.StrictNewVersion(r.Version); err != nil && !regexp.MustCompile(`^\d+$`).MatchString(r.Version) {
			t.Errorf("%s:%s: requirement version %q", repoPath, tag, r.Version)
		}
	}
	// The tarball, extracted under falcoctl's rules: no "..", only files and directories.
	rc, err := repo.Fetch(ctx, layer)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	zr, err := gzip.NewReader(rc)
	if err != nil {
		t.Fatalf("%s:%s: layer is not gzip: %v", repoPath, tag, err)
	}
	tr := tar.NewReader(zr)
	r := falcoctlRead{typ: typ, config: cb, title: title, files: map[string]string{}, modes: map[string]int64{}}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(h.Name, "..") || (h.Typeflag != tar.TypeReg && h.Typeflag != tar.TypeDir) {
			t.Fatalf("%s:%s: falcoctl refuses entry %q type %c", repoPath, tag, h.Name, h.Typeflag)
		}
		if h.Typeflag == tar.TypeReg {
			b, _ := io.ReadAll(tr)
			r.files[h.Name] = string(b)
			r.modes[h.Name] = h.Mode
		}
	}
	return r
}

// TestFalcoctlReadsWhatAeriePushes pushes every artifact shape with aeriectl and reads it back
// with falcoctl's rules; configs are compared byte for byte with falcoctl's examples.
func TestFalcoctlReadsWhatAeriePushes(t *testing.T) {
	reg := testenv.DockerRegistry(t, testenv.RegistryOptions{})
	e := newDistEnv(t, envOptions{plainHTTP: []string{reg.Host}})
	h := reg.Host
	rulesSrc := "- required_engine_version: 0.57.0\n- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n"
	rulesFile := e.file(t, "falco_rules.yaml", rulesSrc)
	if err := os.Chmod(rulesFile, 0o640); err != nil {
		t.Fatal(err)
	}
	e.ok(t, "registry", "push", h+"/falcosecurity/rules/falco-rules:5.0.0", rulesFile, "--type", "rulesfile", "--version", "5.0.0", "--add-floating-tags", "--annotation-source", "https://github.com/falcosecurity/rules")
	for _, v := range []string{"0.7.0", "0.7.1"} {
		amd := e.file(t, "k8saudit-"+v+"-linux-x86_64.tar.gz", string(falcoctlTarGz(t, falcoctlFile{name: "libk8saudit.so", mode: 0o755, body: "amd64"})))
		arm := e.file(t, "k8saudit-"+v+"-linux-aarch64.tar.gz", string(falcoctlTarGz(t, falcoctlFile{name: "libk8saudit.so", mode: 0o755, body: "arm64"})))
		e.ok(t, "registry", "push", h+"/falcosecurity/plugins/plugin/k8saudit", amd, arm, "--type", "plugin", "--version", v,
			"--platform", "linux/amd64", "--platform", "linux/arm64", "-r", "plugin_api_version:3.0.0", "--add-floating-tags")
	}
	k8sRules := e.file(t, "k8s_audit_rules.yaml", "- rule: k\n")
	e.ok(t, "registry", "push", h+"/falcosecurity/plugins/ruleset/k8saudit:0.7.0", k8sRules, "--type", "rulesfile", "--version", "0.7.0", "--name", "k8saudit-rules",
		"-d", "k8saudit:0.7.0|k8saudit-eks:0.4.0|k8saudit-gke:0.1.0", "-d", "json:0.7.0", "-r", "engine_version_semver:0.15.0")
	e.ok(t, "registry", "push", h+"/x/geo", e.file(t, "GeoLite2-City.mmdb", "geo"), "--type", "asset", "--version", "1.0.0")

	// Configs, byte for byte: falcoctl's example (section 2 and 11) and its sorted dependencies.
	golden := map[string]string{
		"falcosecurity/rules/falco-rules:5":           `{"name":"falco-rules","version":"5.0.0","requirements":[{"name":"engine_version_semver","version":"0.57.0"}]}`,
		"falcosecurity/plugins/plugin/k8saudit:0.7.0": `{"name":"k8saudit","version":"0.7.0","requirements":[{"name":"plugin_api_version","version":"3.0.0"}]}`,
		"falcosecurity/plugins/ruleset/k8saudit:0.7.0": `{"name":"k8saudit-rules","version":"0.7.0","dependencies":[{"name":"json","version":"0.7.0"},` +
			`{"name":"k8saudit","version":"0.7.0","alternatives":[{"name":"k8saudit-eks","version":"0.4.0"},{"name":"k8saudit-gke","version":"0.1.0"}]}],` +
			`"requirements":[{"name":"engine_version_semver","version":"0.15.0"}]}`,
		"x/geo:latest": `{"name":"geo","version":"1.0.0"}`,
	}
	for ref, want := range golden {
		repo, tag, _ := strings.Cut(ref, ":")
		for _, platform := range []string{"linux/amd64", "linux/arm64"} {
			r := readAsFalcoctl(t, h, repo, tag, platform)
			if string(r.config) != want {
				t.Errorf("%s config:\n got %s\nwant %s", ref, r.config, want)
			}
			for name := range r.files {
				if strings.Contains(name, "/") {
					t.Errorf("%s: %q is not at the tarball root", ref, name)
				}
			}
			switch repo {
			case "falcosecurity/rules/falco-rules":
				if r.title != "falco_rules.yaml.tar.gz" || r.files["falco_rules.yaml"] != rulesSrc || r.modes["falco_rules.yaml"] != 0o640 {
					t.Errorf("%s: title %s files %v modes %v", ref, r.title, r.files, r.modes)
				}
			case "falcosecurity/plugins/plugin/k8saudit":
				arch := strings.TrimPrefix(platform, "linux/")
				want := map[string]string{"amd64": "x86_64", "arm64": "aarch64"}[arch]
				if r.title != "k8saudit-0.7.0-linux-"+want+".tar.gz" || r.files["libk8saudit.so"] != arch || r.modes["libk8saudit.so"] != 0o755 {
					t.Errorf("%s %s: title %s files %v", ref, platform, r.title, r.files)
				}
			case "x/geo":
				if r.title != "GeoLite2-City.mmdb.tar.gz" || r.files["GeoLite2-City.mmdb"] != "geo" {
					t.Errorf("%s: title %s files %v", ref, r.title, r.files)
				}
			}
		}
	}
	// Tags falcoctl resolves: a dependency pulls exactly its minimum version's tag, pinned majors
	// use the floating tags, a bare reference uses latest.
	repo, err := remote.NewRepository(h + "/falcosecurity/plugins/plugin/k8saudit")
	if err != nil {
		t.Fatal(err)
	}
	repo.PlainHTTP = true
	var tags []string
	if err := repo.Tags(context.Background(), "", func(ts []string) error { tags = append(tags, ts...); return nil }); err != nil {
		t.Fatal(err)
	}
	slices.Sort(tags)
	if !slices.Equal(tags, []string{"0", "0.7", "0.7.0", "0.7.1", "latest"}) {
		t.Errorf("k8saudit tags %v", tags)
	}
	for _, tag := range []string{"0.7.0", "0.7", "0", "latest"} {
		readAsFalcoctl(t, h, "falcosecurity/plugins/plugin/k8saudit", tag, "linux/amd64")
	}
}

// TestFalcoctlCommandLines runs falcoctl's documented command lines unchanged (reference section
// 1): --plain-http on push, pull, install, info, manifest and config; the same index added twice.
func TestFalcoctlCommandLines(t *testing.T) {
	reg := testenv.DockerRegistry(t, testenv.RegistryOptions{})
	e := newDistEnv(t, envOptions{}) // no registry.plain_http
	h := reg.Host
	rules := e.file(t, "my_rules.yaml", "- rule: mine\n")
	e.fail(t, "http", "registry", "push", h+"/me/rules:1.0.0", rules, "--type", "rulesfile", "--version", "1.0.0")
	e.ok(t, "registry", "push", "--plain-http", h+"/me/rules:1.0.0", rules, "--type", "rulesfile", "--version", "1.0.0", "--tag", "1")
	so := e.file(t, "plugin-linux-x86_64.tar.gz", string(falcoctlTarGz(t, falcoctlFile{name: "libme.so", mode: 0o755, body: "so"})))
	e.ok(t, "registry", "push", "--plain-http", h+"/me/plugin:0.1.0", so, "--type", "plugin", "--version", "0.1.0", "--platform", "linux/amd64", "--requires", "plugin_api_version:3.0.0")
	pulled := filepath.Join(e.dir, "pulled")
	e.ok(t, "registry", "pull", "--plain-http", h+"/me/plugin:0.1.0", "--platform", "linux/amd64", "--dest-dir", pulled, "--no-verify")
	if _, err := os.Stat(filepath.Join(pulled, "plugin-linux-x86_64.tar.gz")); err != nil {
		t.Error(err)
	}
	if out := e.ok(t, "artifact", "info", "--plain-http", h+"/me/rules"); !strings.Contains(out, "1.0.0") {
		t.Errorf("info %s", out)
	}
	if out := e.ok(t, "artifact", "config", "--plain-http", h+"/me/rules:1"); strings.TrimSpace(out) != `{"name":"rules","version":"1.0.0"}` {
		t.Errorf("config %s", out)
	}
	if out := e.ok(t, "artifact", "manifest", "--plain-http", "--platform", "linux/amd64", h+"/me/plugin:0.1.0"); !strings.Contains(out, "application/vnd.cncf.falco.plugin.layer.v1+tar.gz") {
		t.Errorf("manifest %s", out)
	}
	rulesDir, pluginsDir := filepath.Join(e.dir, "etc-falco"), filepath.Join(e.dir, "falco-plugins")
	e.ok(t, "artifact", "install", "--plain-http", "--no-verify", "--platform", "linux/amd64", "--allowed-types", "rulesfile,plugin",
		"--rulesfiles-dir", rulesDir, "--plugins-dir", pluginsDir, "--resolve-deps", h+"/me/rules:1", h+"/me/plugin:0.1.0")
	if f := dirFiles(t, rulesDir); f["my_rules.yaml"] != "- rule: mine\n" {
		t.Errorf("rules %v", f)
	}
	if f := dirFiles(t, pluginsDir); f["libme.so"] != "so" {
		t.Errorf("plugins %v", f)
	}
	// No REF: the configured refs (falcoctl's artifact.install.refs), here from the environment.
	e.fail(t, "artifact.install_refs is empty", "artifact", "install", "--plain-http", "--no-verify")
	e.env["AERIE_ARTIFACT_INSTALL_REFS"] = h + "/me/rules:1"
	noRef := filepath.Join(e.dir, "no-ref")
	e.ok(t, "artifact", "install", "--plain-http", "--no-verify", "--rulesfiles-dir", noRef)
	if f := dirFiles(t, noRef); f["my_rules.yaml"] != "- rule: mine\n" {
		t.Errorf("install of configured refs: %v", f)
	}
}

// TestIndexImportFromFalcoctl adds the indexes of a falcoctl configuration and index list.
func TestIndexImportFromFalcoctl(t *testing.T) {
	e := newDistEnv(t, envOptions{})
	a := e.file(t, "a-index.yaml", falcoctlIndex("ghcr.io", [3]string{"falco-rules", "rulesfile", "falcosecurity/rules/falco-rules"}))
	b := e.file(t, "b-index.yaml", falcoctlIndex("ghcr.io", [3]string{"k8saudit", "plugin", "falcosecurity/plugins/plugin/k8saudit"}))
	conf := e.file(t, "falcoctl.yaml", fmt.Sprintf(`artifact:
  install:
    refs: [falco-rules:5]
indexes:
  - name: falcosecurity
    url: file://%s
  - name: bucket
    url: s3://company/index.yaml
`, a))
	list := filepath.Join(e.dir, ".config", "falcoctl", "indexes.yaml")
	if err := os.MkdirAll(filepath.Dir(list), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(list, []byte(fmt.Sprintf(`configs:
    - added_timestamp: "2025-05-20 10:11:12"
      backend: ""
      name: falcosecurity
      updated_timestamp: "2025-05-20 10:11:12"
      url: https://falcosecurity.github.io/falcoctl/index.yaml
    - added_timestamp: "2025-05-20 10:15:00"
      backend: file
      name: company
      updated_timestamp: "2025-05-20 10:15:00"
      url: file://%s
`, b)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := e.run(t, "index", "import", conf, list)
	if code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(out, "falcosecurity") || !strings.Contains(out, "company") || strings.Contains(out, "bucket") {
		t.Errorf("import output %s", out)
	}
	if !strings.Contains(errs, "s3 backend is not supported") || !strings.Contains(errs, "keeping the first") {
		t.Errorf("import warnings %s", errs)
	}
	if out := e.ok(t, "artifact", "list"); !strings.Contains(out, "falco-rules") || !strings.Contains(out, "k8saudit") {
		t.Errorf("list after import %s", out)
	}
	// Again: nothing changes.
	e.ok(t, "index", "import", conf, list)
	// From the default places (only HOME's list exists here), its falcosecurity entry now names
	// another URL than the imported one: refused, naming where it was read.
	if _, err := os.Stat(index.FalcoctlConfigFile); err != nil {
		e.fail(t, "indexes.yaml:2", "index", "import")
	}
	// A name used here for another URL stops the import before anything is added.
	clash := e.file(t, "clash.yaml", "indexes:\n  - name: new\n    url: file://"+a+"\n  - name: local\n    url: https://example.com/index.yaml\n")
	e.fail(t, "clash.yaml:4", "index", "import", clash)
	if out := e.ok(t, "index", "list"); strings.Contains(out, "new") {
		t.Errorf("partial import: %s", out)
	}
	e.fail(t, "no such file", "index", "import", filepath.Join(e.dir, "missing.yaml"))
	if _, err := os.Stat(index.FalcoctlConfigFile); err == nil {
		return // a real falcoctl configuration is installed on this host
	}
	// Default places: HOME's list alone; none at all is an error.
	e2 := newDistEnv(t, envOptions{})
	e2.fail(t, "no falcoctl file found", "index", "import")
	list2 := filepath.Join(e2.dir, index.FalcoctlListFile)
	if err := os.MkdirAll(filepath.Dir(list2), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(list2, []byte("configs:\n  - name: company\n    url: file://"+b+"\n    backend: file\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := e2.ok(t, "index", "import", "-o", "json"); !strings.Contains(out, `"name": "company"`) {
		t.Errorf("default import %s", out)
	}
}

// TestInstallForFalcoVersions checks requirements against a Falco /versions document, as
// falcoctl's follower does (--falco-versions, URL or file), instead of Aerie's own versions.
func TestInstallForFalcoVersions(t *testing.T) {
	reg := testenv.DockerRegistry(t, testenv.RegistryOptions{})
	e := newDistEnv(t, envOptions{plainHTTP: []string{reg.Host}})
	falcoctlPush(t, reg.Host, falcoctlArtifact{
		repo: "p/future", typ: "plugin", tags: []string{"1.0.0"},
		config: `{"name":"future","version":"1.0.0","requirements":[{"name":"plugin_api_version","version":"3.99.0"}]}`,
		layers: []falcoctlLayer{{platform: "linux/amd64", title: "future-1.0.0-linux-x86_64.tar.gz", data: falcoctlTarGz(t, falcoctlFile{name: "libfuture.so", mode: 0o755, body: "so"})}},
	})
	doc := `{"engine_version":"57","engine_version_semver":"0.57.0","falco_version":"0.44.0","plugin_api_version":"3.99.0","plugin_versions":{}}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/versions" {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write([]byte(doc))
	}))
	defer srv.Close()
	docFile := e.file(t, "versions.json", doc)
	ref := reg.Host + "/p/future:1.0.0"
	e.fail(t, "future 1.0.0 requires plugin_api_version 3.99.0", "artifact", "install", "--no-verify", "--platform", "linux/amd64", ref)
	e.ok(t, "artifact", "install", "--no-verify", "--platform", "linux/amd64", "--falco-versions", srv.URL+"/versions", ref)
	e.ok(t, "artifact", "install", "--no-verify", "--platform", "linux/amd64", "--falco-versions", docFile, ref)
	if f := dirFiles(t, e.pluginDir); f["libfuture.so"] != "so" {
		t.Errorf("plugins %v", f)
	}
	e.fail(t, "404", "artifact", "install", "--no-verify", "--falco-versions", srv.URL+"/nope", ref)
	e.fail(t, "no plugin_api_version", "artifact", "install", "--no-verify", "--falco-versions", e.file(t, "bad.json", `{"engine_version_semver":"0.57.0"}`), ref)
	e.fail(t, "none of the others can be", "artifact", "install", "--no-verify", "--falco-versions", docFile, "--engine-version", "0.57.0", ref)
}
