// Package ref parses the references aeriectl accepts: full OCI references (registry/repository[:tag|@digest]),
// OCI image-layout directories (oci-layout:PATH[:TAG|@DIGEST]) and index names (name[:tag|@digest]).
package ref

import (
	"fmt"
	"strings"

	"oras.land/oras-go/v2/registry"
)

// Kind tells what a reference names.
type Kind int

// Reference kinds.
const (
	Remote Kind = iota // registry/repository[:tag|@digest]
	Layout             // oci-layout:PATH[:tag|@digest]
	Name               // an index entry name[:tag|@digest]
)

// LayoutPrefix introduces an OCI image-layout directory reference.
const LayoutPrefix = "oci-layout:"

// DefaultTag is used when a reference names neither a tag nor a digest.
const DefaultTag = "latest"

// Ref is a parsed reference.
type Ref struct {
	Kind       Kind
	Registry   string // Remote: host[:port]
	Repository string // Remote: repository path; Layout: directory; Name: the index entry name
	Tag        string // tag, or "" when Digest is set or nothing was given
	Digest     string // "sha256:..." or ""
}

// Parse parses s. A string that is a valid full OCI reference is Remote; one starting with
// "oci-layout:" is Layout; anything else must be an index name.
func Parse(s string) (Ref, error) {
	if s == "" {
		return Ref{}, fmt.Errorf("parse reference: empty")
	}
	if rest, ok := strings.CutPrefix(s, LayoutPrefix); ok {
		path, tag, dig := splitTagDigest(rest, true)
		if path == "" {
			return Ref{}, fmt.Errorf("parse reference %q: empty layout path", s)
		}
		return Ref{Kind: Layout, Repository: path, Tag: tag, Digest: dig}, nil
	}
	if strings.Contains(s, "/") {
		r, err := registry.ParseReference(s)
		if err != nil {
			return Ref{}, fmt.Errorf("parse reference %q: %w", s, err)
		}
		out := Ref{Kind: Remote, Registry: r.Registry, Repository: r.Repository}
		if strings.HasPrefix(r.Reference, "sha256:") || strings.Contains(r.Reference, ":") {
			out.Digest = r.Reference
		} else {
			out.Tag = r.Reference
		}
		return out, nil
	}
	name, tag, dig := splitTagDigest(s, false)
	if name == "" {
		return Ref{}, fmt.Errorf("parse reference %q: empty name", s)
	}
	if strings.ContainsAny(name, " \t:@") {
		return Ref{}, fmt.Errorf("parse reference %q: invalid name %q", s, name)
	}
	return Ref{Kind: Name, Repository: name, Tag: tag, Digest: dig}, nil
}

// splitTagDigest splits "x@digest" or "x:tag". For layout paths the tag is after the last colon
// that follows the last slash, so "oci-layout:/a:b/c" has no tag.
func splitTagDigest(s string, path bool) (base, tag, dig string) {
	if i := strings.Index(s, "@"); i >= 0 {
		return s[:i], "", s[i+1:]
	}
	i := strings.LastIndex(s, ":")
	if i < 0 || (path && strings.LastIndex(s, "/") > i) {
		return s, "", ""
	}
	return s[:i], s[i+1:], ""
}

// Reference returns the tag or digest to resolve, defaulting to "latest".
func (r Ref) Reference() string {
	switch {
	case r.Digest != "":
		return r.Digest
	case r.Tag != "":
		return r.Tag
	}
	return DefaultTag
}

// Repo returns "registry/repository" for Remote, "oci-layout:PATH" for Layout, the name for Name.
func (r Ref) Repo() string {
	switch r.Kind {
	case Remote:
		return r.Registry + "/" + r.Repository
	case Layout:
		return LayoutPrefix + r.Repository
	}
	return r.Repository
}

// String writes the reference back in its accepted syntax, with the tag or digest given, if any.
func (r Ref) String() string {
	s := r.Repo()
	switch {
	case r.Digest != "":
		s += "@" + r.Digest
	case r.Tag != "":
		s += ":" + r.Tag
	}
	return s
}

// WithTag returns a copy of r naming tag (and no digest).
func (r Ref) WithTag(tag string) Ref { r.Tag, r.Digest = tag, ""; return r }

// WithDigest returns a copy of r naming digest (and no tag).
func (r Ref) WithDigest(d string) Ref { r.Tag, r.Digest = "", d; return r }
