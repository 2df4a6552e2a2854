// Package pull resolves Falco artifacts on a source and fetches their parts with digest checks:
// root descriptor, platform manifest, config and the single layer.
package pull

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/opencontainers/go-digest"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"oras.land/oras-go/v2"
	"oras.land/oras-go/v2/content"
	"oras.land/oras-go/v2/errdef"

	"github.com/aerie-sec/aerie/artifact"
)

// MaxManifestSize bounds manifests, indexes and configs read into memory.
const MaxManifestSize = 4 << 20

// HostPlatform is the running platform as "os/arch".
func HostPlatform() string { return runtime.GOOS + "/" + runtime.GOARCH }

// Artifact is a resolved artifact: the root the reference names, the manifest for the platform,
// its config and its layer.
type Artifact struct {
	Root      ocispec.Descriptor // manifest, or plugin index
	Manifest  ocispec.Descriptor // the platform's manifest (== Root for single manifests)
	Type      artifact.Type
	Config    artifact.Config
	RawConfig []byte // the config blob as stored, digest-checked
	Layer     ocispec.Descriptor
	Platform  string // os/arch selected from an index, else ""

	prefetch *prefetch // the layer request started by ResolveOptions.Prefetch, if any
}

// Title is the layer's file name from its title annotation, reduced to a base name.
func (a *Artifact) Title() string {
	t := a.Layer.Annotations[artifact.AnnotationTitle]
	t = filepath.Base(filepath.Clean("/" + t))
	if t == "/" || t == "." || t == "" {
		return a.Config.Name + ".tar.gz"
	}
	return t
}

// Resolve resolves reference (a tag or digest) on src and fetches the root, the manifest for
// platform ("os/arch"; "" means the host's) and the config, checking every digest.
func Resolve(ctx context.Context, src oras.ReadOnlyTarget, reference, platform string) (*Artifact, error) {
	return ResolveWithOptions(ctx, src, reference, ResolveOptions{Platform: platform})
}

// ResolveOptions configure ResolveWithOptions; the zero value resolves for the host's platform
// without prefetching.
type ResolveOptions struct {
	Platform string // os/arch; "" means the host's
	// Prefetch starts the layer request as soon as the manifest names the layer, concurrently
	// with the config request, so that its latency overlaps the rest of the resolution. Only the
	// response headers are awaited; the body is left unread (so memory stays bounded) until
	// [Artifact.OpenLayer] hands it over. The request lives in the ctx given to
	// ResolveWithOptions, which must outlast the read. The caller must call OpenLayer or
	// [Artifact.Release].
	Prefetch bool
}

// ResolveWithOptions is Resolve with options.
func ResolveWithOptions(ctx context.Context, src oras.ReadOnlyTarget, reference string, opts ResolveOptions) (a *Artifact, err error) {
	platform := opts.Platform
	if platform == "" {
		platform = HostPlatform()
	}
	root, body, err := oras.FetchBytes(ctx, src, reference, oras.FetchBytesOptions{MaxBytes: MaxManifestSize})
	if err != nil {
		if errors.Is(err, errdef.ErrNotFound) {
			return nil, fmt.Errorf("resolve %s: %w", reference, err)
		}
		return nil, fmt.Errorf("resolve %s: %w", reference, err)
	}
	a = &Artifact{Root: root, Manifest: root}
	anyPlatform := false
	switch root.MediaType {
	case ocispec.MediaTypeImageIndex:
		var idx ocispec.Index
		if err := json.Unmarshal(body, &idx); err != nil {
			return nil, fmt.Errorf("decode index %s: %w", root.Digest, err)
		}
		os, arch, _ := strings.Cut(platform, "/")
		var found bool
		var have []string
		for _, m := range idx.Manifests {
			if m.Platform == nil {
				continue
			}
			have = append(have, m.Platform.OS+"/"+m.Platform.Architecture)
			if m.Platform.OS == os && m.Platform.Architecture == arch {
				a.Manifest, found = m, true
				break
			}
		}
		switch {
		case found:
			a.Platform = platform
		case len(idx.Manifests) == 1 && idx.Manifests[0].Platform == nil:
			// A single manifest without a platform (a rules file or asset some publishers wrap
			// in an index) applies to every platform; a plugin must name its platform.
			a.Manifest, anyPlatform = idx.Manifests[0], true
		case len(have) == 0:
			return nil, fmt.Errorf("resolve %s: no manifest for platform %s (index %s has %d manifests, none with a platform)", reference, platform, root.Digest, len(idx.Manifests))
		default:
			return nil, fmt.Errorf("resolve %s: no manifest for platform %s (index %s has %s)", reference, platform, root.Digest, strings.Join(have, ", "))
		}
		if body, err = content.FetchAll(ctx, src, a.Manifest); err != nil {
			return nil, fmt.Errorf("fetch manifest %s: %w", a.Manifest.Digest, err)
		}
	case ocispec.MediaTypeImageManifest:
	default:
		return nil, fmt.Errorf("resolve %s: unsupported media type %q: not a Falco artifact", reference, root.MediaType)
	}
	var m ocispec.Manifest
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, fmt.Errorf("decode manifest %s: %w", a.Manifest.Digest, err)
	}
	if len(m.Layers) != 1 {
		return nil, fmt.Errorf("manifest %s: want exactly one layer, got %d: not a Falco artifact", a.Manifest.Digest, len(m.Layers))
	}
	a.Layer = m.Layers[0]
	t, ok := artifact.TypeFromLayerMediaType(a.Layer.MediaType)
	if !ok {
		return nil, fmt.Errorf("manifest %s: layer media type %q is not a Falco artifact type", a.Manifest.Digest, a.Layer.MediaType)
	}
	a.Type = t
	if anyPlatform && t == artifact.Plugin {
		return nil, fmt.Errorf("resolve %s: plugin index %s has no manifest for platform %s (its only manifest names no platform)", reference, root.Digest, platform)
	}
	if m.Config.Size > MaxManifestSize {
		return nil, fmt.Errorf("config %s: %d bytes exceeds the %d limit", m.Config.Digest, m.Config.Size, MaxManifestSize)
	}
	if opts.Prefetch {
		a.prefetch = startPrefetch(ctx, src, a.Layer)
		started := a
		defer func() {
			if err != nil {
				started.Release()
			}
		}()
	}
	cb, err := content.FetchAll(ctx, src, m.Config)
	if err != nil {
		return nil, fmt.Errorf("fetch config %s: %w", m.Config.Digest, err)
	}
	a.RawConfig = cb
	if err := json.Unmarshal(cb, &a.Config); err != nil {
		return nil, fmt.Errorf("decode config %s: %w", m.Config.Digest, err)
	}
	if err := a.Config.Validate(); err != nil {
		return nil, err
	}
	return a, nil
}

// prefetch is a layer request started ahead of its use.
type prefetch struct {
	layer  digest.Digest
	cancel context.CancelFunc
	done   chan struct{} // closed when rc or err is set
	rc     io.ReadCloser
	err    error
	once   sync.Once // hands the stream over, or releases it, once
}

func startPrefetch(ctx context.Context, src content.Fetcher, desc ocispec.Descriptor) *prefetch {
	ctx, cancel := context.WithCancel(ctx)
	p := &prefetch{layer: desc.Digest, cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(p.done)
		p.rc, p.err = src.Fetch(ctx, desc)
	}()
	return p
}

// prefetched closes the stream and cancels the request's context together.
type prefetched struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (p prefetched) Close() error {
	err := p.ReadCloser.Close()
	p.cancel()
	return err
}

// OpenLayer returns the layer's content stream, not yet checked: the response of the request
// Resolve started with ResolveOptions.Prefetch (once; content is addressed by digest, so it does
// not matter which source it came from), else a new fetch from src. Wrap it in
// content.NewVerifyReader; the caller closes it.
func (a *Artifact) OpenLayer(ctx context.Context, src content.Fetcher) (io.ReadCloser, error) {
	var rc io.ReadCloser
	var err error
	taken := false
	if p := a.prefetch; p != nil && p.layer == a.Layer.Digest {
		p.once.Do(func() {
			taken = true
			select {
			case <-p.done:
			case <-ctx.Done():
				p.cancel()
				<-p.done
			}
			if p.err != nil {
				p.cancel()
				rc, err = nil, p.err
				return
			}
			rc = prefetched{p.rc, p.cancel}
		})
	}
	if !taken {
		rc, err = src.Fetch(ctx, a.Layer)
	}
	if err != nil {
		return nil, fmt.Errorf("fetch layer %s: %w", a.Layer.Digest, err)
	}
	return rc, nil
}

// Release cancels a prefetched layer request that will not be read (an artifact dropped by the
// resolver, or an install that failed before downloading); it is a no-op otherwise.
func (a *Artifact) Release() {
	p := a.prefetch
	if p == nil {
		return
	}
	p.once.Do(func() {
		p.cancel()
		<-p.done
		if p.rc != nil {
			p.rc.Close()
		}
	})
}

// Progress wraps the stream of a layer being downloaded to report progress (a terminal bar);
// nil means no reporting.
type Progress func(name string, size int64, r io.Reader) io.Reader

// Wrap applies p to r, or returns r when p is nil.
func (p Progress) Wrap(name string, size int64, r io.Reader) io.Reader {
	if p == nil {
		return r
	}
	return p(name, size, r)
}

// FetchLayer streams the artifact's layer to w, checking its size and digest; on a mismatch the
// error wraps content.ErrMismatchedDigest or content.ErrTrailingData and what was written must be discarded.
func FetchLayer(ctx context.Context, src oras.ReadOnlyTarget, a *Artifact, w io.Writer, progress Progress) error {
	rc, err := a.OpenLayer(ctx, src)
	if err != nil {
		return err
	}
	defer rc.Close()
	vr := content.NewVerifyReader(progress.Wrap(a.Title(), a.Layer.Size, rc), a.Layer)
	if _, err := io.Copy(w, vr); err != nil {
		return fmt.Errorf("fetch layer %s: %w", a.Layer.Digest, err)
	}
	if err := vr.Verify(); err != nil {
		return fmt.Errorf("fetch layer %s: %w", a.Layer.Digest, err)
	}
	return nil
}

// ToDir writes the artifact's layer tarball, unextracted, into dir under its title, as falcoctl's
// registry pull does. The file appears only once complete and digest-checked. It returns its path.
func ToDir(ctx context.Context, src oras.ReadOnlyTarget, a *Artifact, dir string, progress Progress) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("create %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, ".aerie-pull-*")
	if err != nil {
		return "", fmt.Errorf("create temporary file in %s: %w", dir, err)
	}
	defer os.Remove(tmp.Name())
	if err := FetchLayer(ctx, src, a, tmp, progress); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("write %s: %w", tmp.Name(), err)
	}
	dst := filepath.Join(dir, a.Title())
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return "", fmt.Errorf("chmod %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return "", fmt.Errorf("move layer into place: %w", err)
	}
	return dst, nil
}
