// Package artifact defines Falco OCI artifacts exactly as falcoctl writes them: the three types and their
// media types, the config JSON (name, version, dependencies with alternatives, requirements), the
// annotations readers rely on, and the [Verifier] that install and pull call on the resolved root
// descriptor before anything is extracted.
//
// Sub-packages do one job each: ref parses references, access builds registry and OCI-layout targets
// from the configuration, push and pull move artifacts, resolve picks versions, install extracts and
// swaps, untar extracts tarballs safely.
package artifact

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"oras.land/oras-go/v2"
)

// Type is the kind of a Falco artifact.
type Type string

// The artifact types falcoctl knows.
const (
	Rulesfile Type = "rulesfile"
	Plugin    Type = "plugin"
	Asset     Type = "asset"
)

// Types lists every artifact type, in falcoctl's order.
var Types = []Type{Rulesfile, Plugin, Asset}

// Annotation keys written on manifests and layers (OCI image-spec pre-defined keys).
const (
	AnnotationTitle   = ocispec.AnnotationTitle   // layer: the tarball's file name, used by pullers as the file name
	AnnotationCreated = ocispec.AnnotationCreated // manifest: RFC 3339 UTC creation time
	AnnotationSource  = ocispec.AnnotationSource  // manifest and plugin index: source repository URL
)

// ParseType returns the Type named s, or an error listing the valid ones.
func ParseType(s string) (Type, error) {
	for _, t := range Types {
		if string(t) == s {
			return t, nil
		}
	}
	return "", fmt.Errorf("unknown artifact type %q: want rulesfile, plugin or asset", s)
}

// ConfigMediaType is the media type of the config blob of an artifact of type t.
func (t Type) ConfigMediaType() string {
	return "application/vnd.cncf.falco." + string(t) + ".config.v1+json"
}

// LayerMediaType is the media type of the single tar.gz layer of an artifact of type t.
func (t Type) LayerMediaType() string {
	return "application/vnd.cncf.falco." + string(t) + ".layer.v1+tar.gz"
}

// TypeFromLayerMediaType returns the type whose layer media type is mt; readers decide the type from
// the first layer, as falcoctl does.
func TypeFromLayerMediaType(mt string) (Type, bool) {
	for _, t := range Types {
		if t.LayerMediaType() == mt {
			return t, true
		}
	}
	return "", false
}

// TypeFromConfigMediaType returns the type whose config media type is mt.
func TypeFromConfigMediaType(mt string) (Type, bool) {
	for _, t := range Types {
		if t.ConfigMediaType() == mt {
			return t, true
		}
	}
	return "", false
}

// Requirement names used in configs; they are keys of Falco's /versions document.
const (
	ReqEngineVersionSemver = "engine_version_semver" // rules files, e.g. "0.57.0"
	ReqEngineVersion       = "engine_version"        // legacy integer engine version of rules files
	ReqPluginAPIVersion    = "plugin_api_version"    // plugins, e.g. "3.0.0"
)

// Config is the artifact config blob, field for field as falcoctl writes it (compact JSON; empty
// dependencies and requirements omitted; both kept sorted by name).
type Config struct {
	Name         string        `json:"name"`
	Version      string        `json:"version"`
	Dependencies []Dependency  `json:"dependencies,omitempty"`
	Requirements []Requirement `json:"requirements,omitempty"`
}

// Dependency is an artifact needed by another, satisfied by any of its alternatives.
type Dependency struct {
	Name         string      `json:"name"`
	Version      string      `json:"version"`
	Alternatives []Reference `json:"alternatives,omitempty"`
}

// Reference is a name and minimum version, as used in dependency alternatives.
type Reference struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Requirement is a version the consumer (Falco or the engine) must provide under a given key.
type Requirement struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// String writes the dependency as falcoctl's --depends-on syntax, "name:ver|alt:ver".
func (d Dependency) String() string {
	var b strings.Builder
	b.WriteString(d.Name + ":" + d.Version)
	for _, a := range d.Alternatives {
		b.WriteString("|" + a.Name + ":" + a.Version)
	}
	return b.String()
}

// Verifier checks the signature of a resolved artifact before anything is extracted.
type Verifier interface {
	Verify(ctx context.Context, src oras.ReadOnlyGraphTarget, ref string, desc ocispec.Descriptor) error
}

// SkipVerify is the explicit no-op Verifier used with --no-verify; it logs a warning on every call.
type SkipVerify struct {
	Log *slog.Logger
}

// Verify logs that verification of ref was skipped and returns nil.
func (s SkipVerify) Verify(ctx context.Context, _ oras.ReadOnlyGraphTarget, ref string, desc ocispec.Descriptor) error {
	if s.Log != nil {
		s.Log.WarnContext(ctx, "signature verification skipped (--no-verify)", "ref", ref, "digest", desc.Digest.String())
	}
	return nil
}
