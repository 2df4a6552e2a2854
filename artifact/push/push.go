// Package push builds Falco artifacts in falcoctl's wire format and pushes them to a target:
// one manifest with the config blob and a single titled tar.gz layer for rules files and assets,
// an OCI image index with one manifest per platform for plugins.
package push

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
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/opencontainers/go-digest"
	specs "github.com/opencontainers/image-spec/specs-go"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"oras.land/oras-go/v2"
	"oras.land/oras-go/v2/content"
	"oras.land/oras-go/v2/content/memory"
	"oras.land/oras-go/v2/errdef"
	"oras.land/oras-go/v2/registry"
	"oras.land/oras-go/v2/registry/remote/errcode"

	"github.com/aerie-sec/aerie/artifact"
)

// platformRE is falcoctl's rule for --platform values.
var platformRE = regexp.MustCompile(`^[a-z]+/[a-z0-9_]+$`)

// Options describe one artifact to push. Files pair positionally with Platforms for plugins.
type Options struct {
	Type    artifact.Type
	Name    string
	Version string
	// Files holds one file for rules files and assets, one per platform for plugins. A .tar.gz is
	// pushed as is; any other file is packed as the single root entry of a new tar.gz.
	Files     []string
	Platforms []string // "os/arch", one per file; required for plugins, refused for other types
	// Requirements and Dependencies go to the config. When nil for a rules file, they are derived
	// from its required_engine_version and required_plugin_versions.
	Requirements []artifact.Requirement
	Dependencies []artifact.Dependency
	// Tags are pushed in addition to the reference's own tag.
	Tags []string
	// FloatingTags adds X.Y.Z and, following the rules repository's rule, X.Y, X and latest.
	FloatingTags     bool
	AnnotationSource string
	Created          time.Time // zero means now
}

// Result describes what was pushed.
type Result struct {
	Root   ocispec.Descriptor // the manifest, or the index for plugins
	Tags   []string
	Config artifact.Config
}

// Push packs the files as opts describes and pushes them to dst, tagging the root with tag (the
// reference's tag; "" means the first of opts.Tags, else latest) and the other tags. dst may be a
// registry repository or an OCI layout; for floating tags it must list tags (registry.TagLister).
func Push(ctx context.Context, dst oras.Target, tag string, opts Options) (*Result, error) {
	cfg, err := buildConfig(opts)
	if err != nil {
		return nil, err
	}
	tags, err := pushTags(ctx, dst, tag, opts)
	if err != nil {
		return nil, err
	}
	created := opts.Created
	if created.IsZero() {
		created = time.Now()
	}
	stamp := created.UTC().Format(time.RFC3339)

	mem := memory.New()
	cfgJSON, err := json.Marshal(cfg)
	if err != nil {
		return nil, fmt.Errorf("encode config: %w", err)
	}
	cfgDesc, err := pushBytes(ctx, mem, opts.Type.ConfigMediaType(), cfgJSON)
	if err != nil {
		return nil, err
	}
	manifestAnn := map[string]string{artifact.AnnotationCreated: stamp}
	if opts.AnnotationSource != "" {
		manifestAnn[artifact.AnnotationSource] = opts.AnnotationSource
	}
	var manifests []ocispec.Descriptor
	for _, f := range opts.Files {
		layer, err := layerDesc(ctx, mem, opts.Type, f)
		if err != nil {
			return nil, err
		}
		m := ocispec.Manifest{
			Versioned:   specs.Versioned{SchemaVersion: 2},
			MediaType:   ocispec.MediaTypeImageManifest,
			Config:      cfgDesc,
			Layers:      []ocispec.Descriptor{layer},
			Annotations: manifestAnn,
		}
		b, err := json.Marshal(m)
		if err != nil {
			return nil, fmt.Errorf("encode manifest: %w", err)
		}
		d, err := pushBytes(ctx, mem, ocispec.MediaTypeImageManifest, b)
		if err != nil {
			return nil, err
		}
		manifests = append(manifests, d)
	}
	root := manifests[0]
	if opts.Type == artifact.Plugin {
		idx := ocispec.Index{
			Versioned: specs.Versioned{SchemaVersion: 2},
			MediaType: ocispec.MediaTypeImageIndex,
		}
		for i, d := range manifests {
			os, arch, _ := strings.Cut(opts.Platforms[i], "/")
			d.Platform = &ocispec.Platform{OS: os, Architecture: arch}
			d.ArtifactType = opts.Type.ConfigMediaType()
			d.Annotations = manifestAnn
			idx.Manifests = append(idx.Manifests, d)
		}
		if opts.AnnotationSource != "" {
			idx.Annotations = map[string]string{artifact.AnnotationSource: opts.AnnotationSource}
		}
		b, err := json.Marshal(idx)
		if err != nil {
			return nil, fmt.Errorf("encode index: %w", err)
		}
		if root, err = pushBytes(ctx, mem, ocispec.MediaTypeImageIndex, b); err != nil {
			return nil, err
		}
	}
	if err := mem.Tag(ctx, root, tags[0]); err != nil {
		return nil, fmt.Errorf("tag %s: %w", tags[0], err)
	}
	if _, err := oras.Copy(ctx, mem, tags[0], dst, tags[0], oras.DefaultCopyOptions); err != nil {
		return nil, fmt.Errorf("push %s:%s: %w", cfg.Name, tags[0], err)
	}
	for _, t := range tags[1:] {
		if err := dst.Tag(ctx, root, t); err != nil {
			return nil, fmt.Errorf("tag %s as %s: %w", root.Digest, t, err)
		}
	}
	return &Result{Root: root, Tags: tags, Config: cfg}, nil
}

func buildConfig(opts Options) (artifact.Config, error) {
	cfg := artifact.Config{Name: opts.Name, Version: opts.Version}
	if _, err := artifact.ParseType(string(opts.Type)); err != nil {
		return cfg, err
	}
	if opts.Name == "" {
		return cfg, fmt.Errorf("push: artifact name is empty")
	}
	if _, err := artifact.ParseStrictVersion(opts.Version); err != nil {
		return cfg, fmt.Errorf("push %s: %w", opts.Name, err)
	}
	if len(opts.Files) == 0 {
		return cfg, fmt.Errorf("push %s: no file given", opts.Name)
	}
	switch opts.Type {
	case artifact.Plugin:
		if len(opts.Platforms) != len(opts.Files) {
			return cfg, fmt.Errorf("push %s: plugins need one --platform per file: got %d files and %d platforms", opts.Name, len(opts.Files), len(opts.Platforms))
		}
		seen := map[string]bool{}
		for _, p := range opts.Platforms {
			if !platformRE.MatchString(p) {
				return cfg, fmt.Errorf("push %s: invalid platform %q: want os/arch, e.g. linux/amd64", opts.Name, p)
			}
			if seen[p] {
				return cfg, fmt.Errorf("push %s: platform %s given twice", opts.Name, p)
			}
			seen[p] = true
		}
	default:
		if len(opts.Files) != 1 {
			return cfg, fmt.Errorf("push %s: a %s artifact holds exactly one file, got %d", opts.Name, opts.Type, len(opts.Files))
		}
		if len(opts.Platforms) != 0 {
			return cfg, fmt.Errorf("push %s: --platform applies to plugins only", opts.Name)
		}
	}
	cfg.Requirements = opts.Requirements
	cfg.Dependencies = opts.Dependencies
	if opts.Type == artifact.Rulesfile && !isTarGz(opts.Files[0]) && (opts.Requirements == nil || opts.Dependencies == nil) {
		data, err := os.ReadFile(opts.Files[0])
		if err != nil {
			return cfg, fmt.Errorf("read rules file: %w", err)
		}
		meta, err := ParseRulesfileMeta(opts.Files[0], data)
		if err != nil {
			return cfg, err
		}
		if opts.Requirements == nil {
			cfg.Requirements = meta.Requirements
		}
		if opts.Dependencies == nil {
			cfg.Dependencies = meta.Dependencies
		}
	}
	cfg.Normalize()
	return cfg, nil
}

func pushTags(ctx context.Context, dst oras.Target, tag string, opts Options) ([]string, error) {
	var tags []string
	add := func(t string) {
		for _, x := range tags {
			if x == t {
				return
			}
		}
		tags = append(tags, t)
	}
	if tag != "" {
		add(tag)
	}
	if opts.FloatingTags {
		var existing []string
		if tl, ok := dst.(registry.TagLister); ok {
			var err error
			if existing, err = registry.Tags(ctx, tl); err != nil && !isNotFound(err) {
				return nil, fmt.Errorf("list existing tags for floating tags: %w", err)
			}
		}
		ft, err := FloatingTags(opts.Version, existing)
		if err != nil {
			return nil, err
		}
		for _, t := range ft {
			add(t)
		}
	}
	for _, t := range opts.Tags {
		add(t)
	}
	if len(tags) == 0 {
		add("latest")
	}
	for _, t := range tags {
		if !tagRE.MatchString(t) {
			return nil, fmt.Errorf("push: invalid tag %q", t)
		}
	}
	return tags, nil
}

// isNotFound reports a repository that does not exist yet (registries answer 404 NAME_UNKNOWN).
func isNotFound(err error) bool {
	var er *errcode.ErrorResponse
	return errors.Is(err, errdef.ErrNotFound) || (errors.As(err, &er) && er.StatusCode == http.StatusNotFound)
}

// tagRE is the OCI distribution rule for tags.
var tagRE = regexp.MustCompile(`^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$`)

func isTarGz(path string) bool {
	return strings.HasSuffix(path, ".tar.gz") || strings.HasSuffix(path, ".tgz")
}

func pushBytes(ctx context.Context, s content.Pusher, mediaType string, b []byte) (ocispec.Descriptor, error) {
	d := ocispec.Descriptor{MediaType: mediaType, Digest: digest.FromBytes(b), Size: int64(len(b))}
	if err := s.Push(ctx, d, bytes.NewReader(b)); err != nil && !errors.Is(err, errdef.ErrAlreadyExists) {
		return d, fmt.Errorf("store %s: %w", mediaType, err)
	}
	return d, nil
}

// layerDesc stores the file's layer (as is for a .tar.gz, else packed) and returns its titled descriptor.
func layerDesc(ctx context.Context, s content.Pusher, t artifact.Type, path string) (ocispec.Descriptor, error) {
	var (
		data  []byte
		title = filepath.Base(path)
		err   error
	)
	if isTarGz(path) {
		data, err = os.ReadFile(path)
		if err != nil {
			return ocispec.Descriptor{}, fmt.Errorf("read %s: %w", path, err)
		}
		if len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
			return ocispec.Descriptor{}, fmt.Errorf("read %s: not a gzip file", path)
		}
	} else {
		data, err = Pack(path)
		if err != nil {
			return ocispec.Descriptor{}, err
		}
		title += ".tar.gz"
	}
	d, err := pushBytes(ctx, s, t.LayerMediaType(), data)
	if err != nil {
		return d, err
	}
	d.Annotations = map[string]string{artifact.AnnotationTitle: title}
	return d, nil
}

// Pack returns a tar.gz holding the file at path as its single root entry (base name, file mode,
// zero modification time), as falcoctl packs raw files.
func Pack(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("pack %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("pack %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("pack %s: not a regular file", path)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	hdr := &tar.Header{
		Typeflag: tar.TypeReg,
		Name:     fi.Name(),
		Mode:     int64(fi.Mode().Perm()),
		Size:     fi.Size(),
		ModTime:  time.Unix(0, 0),
		// No fixed format: USTAR when it can encode the header, else PAX (long or non-ASCII
		// names), as Go's writer picks for falcoctl.
	}
	if err := tw.WriteHeader(hdr); err != nil {
		return nil, fmt.Errorf("pack %s: %w", path, err)
	}
	if _, err := io.Copy(tw, f); err != nil {
		return nil, fmt.Errorf("pack %s: %w", path, err)
	}
	if err := tw.Close(); err != nil {
		return nil, fmt.Errorf("pack %s: %w", path, err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("pack %s: %w", path, err)
	}
	return buf.Bytes(), nil
}
