// Package index reads, merges, caches and searches artifact indexes in falcoctl's index.yaml format:
// a YAML list of entries naming an artifact's type, registry and repository, with optional cosign
// signature policy, description, keywords and maintainers.
package index

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/aerie-sec/aerie/artifact/ref"
)

// Entry is one artifact of an index, field for field as falcoctl writes it.
type Entry struct {
	Name        string       `yaml:"name" json:"name"`
	Type        string       `yaml:"type" json:"type"`
	Registry    string       `yaml:"registry" json:"registry"`
	Repository  string       `yaml:"repository" json:"repository"`
	Signature   *Signature   `yaml:"signature,omitempty" json:"signature,omitempty"`
	Description string       `yaml:"description,omitempty" json:"description,omitempty"`
	Home        string       `yaml:"home,omitempty" json:"home,omitempty"`
	Keywords    []string     `yaml:"keywords,omitempty" json:"keywords,omitempty"`
	License     string       `yaml:"license,omitempty" json:"license,omitempty"`
	Maintainers []Maintainer `yaml:"maintainers,omitempty" json:"maintainers,omitempty"`
	Sources     []string     `yaml:"sources,omitempty" json:"sources,omitempty"`
}

// Signature is an entry's signature policy.
type Signature struct {
	Cosign *Cosign `yaml:"cosign,omitempty" json:"cosign,omitempty"`
}

// Cosign holds falcoctl's cosign verification keys, with their hyphenated names.
type Cosign struct {
	CertificateOIDCIssuer       string `yaml:"certificate-oidc-issuer,omitempty" json:"certificate-oidc-issuer,omitempty"`
	CertificateOIDCIssuerRegexp string `yaml:"certificate-oidc-issuer-regexp,omitempty" json:"certificate-oidc-issuer-regexp,omitempty"`
	CertificateIdentity         string `yaml:"certificate-identity,omitempty" json:"certificate-identity,omitempty"`
	CertificateIdentityRegexp   string `yaml:"certificate-identity-regexp,omitempty" json:"certificate-identity-regexp,omitempty"`
	CertificateGithubWorkflow   string `yaml:"certificate-github-workflow,omitempty" json:"certificate-github-workflow,omitempty"`
	Key                         string `yaml:"key,omitempty" json:"key,omitempty"`
	IgnoreTlog                  bool   `yaml:"ignore-tlog,omitempty" json:"ignore-tlog,omitempty"`
}

// Maintainer is an entry's maintainer.
type Maintainer struct {
	Email string `yaml:"email,omitempty" json:"email,omitempty"`
	Name  string `yaml:"name,omitempty" json:"name,omitempty"`
}

// Ref returns the entry's repository as a Remote reference (no tag).
func (e Entry) Ref() ref.Ref {
	return ref.Ref{Kind: ref.Remote, Registry: e.Registry, Repository: e.Repository}
}

// typeRE is what an entry type must look like; rulesfile, plugin and asset are the known ones.
var typeRE = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// MaxSize bounds an index file.
const MaxSize = 16 << 20

// Parse decodes an index file. Unknown fields are ignored, as in falcoctl; a missing mandatory
// field, an unknown type or a duplicate name is an error naming file, line and field.
func Parse(file string, data []byte) ([]Entry, error) {
	if len(data) > MaxSize {
		return nil, fmt.Errorf("parse index %s: %d bytes exceeds the %d limit", file, len(data), MaxSize)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("parse index %s: %w", file, err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("parse index %s:%d: want a list of entries", file, root.Line)
	}
	seen := map[string]int{}
	entries := make([]Entry, 0, len(root.Content))
	for _, n := range root.Content {
		var e Entry
		if err := n.Decode(&e); err != nil {
			return nil, fmt.Errorf("parse index %s:%d: %w", file, n.Line, err)
		}
		for _, f := range []struct{ name, v string }{{"name", e.Name}, {"type", e.Type}, {"registry", e.Registry}, {"repository", e.Repository}} {
			if f.v == "" {
				return nil, fmt.Errorf("parse index %s:%d: entry %q: missing field %q", file, n.Line, e.Name, f.name)
			}
		}
		// Types beyond rulesfile, plugin and asset are kept, so that an index listing a newer
		// kind of artifact still serves the others (the type installed is read from the layer).
		if !typeRE.MatchString(e.Type) {
			return nil, fmt.Errorf("parse index %s:%d: entry %q: invalid type %q: want rulesfile, plugin or asset", file, n.Line, e.Name, e.Type)
		}
		if line, dup := seen[e.Name]; dup {
			return nil, fmt.Errorf("parse index %s:%d: duplicate entry %q (first at line %d)", file, n.Line, e.Name, line)
		}
		seen[e.Name] = n.Line
		entries = append(entries, e)
	}
	return entries, nil
}

// Marshal writes entries as falcoctl does: sorted by name, YAML.
func Marshal(entries []Entry) ([]byte, error) {
	sorted := append([]Entry(nil), entries...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(sorted); err != nil {
		return nil, fmt.Errorf("encode index: %w", err)
	}
	return buf.Bytes(), enc.Close()
}

// Set is the merge of several indexes; a later index wins on name clashes.
type Set struct {
	entries map[string]Found
	order   []string
}

// Found is an entry with the index it came from.
type Found struct {
	Entry `yaml:",inline"`
	Index string `json:"index" yaml:"index"`
}

// NewSet returns an empty Set.
func NewSet() *Set { return &Set{entries: map[string]Found{}} }

// Add merges the entries of the index named indexName.
func (s *Set) Add(indexName string, entries []Entry) {
	for _, e := range entries {
		if _, ok := s.entries[e.Name]; !ok {
			s.order = append(s.order, e.Name)
		}
		s.entries[e.Name] = Found{Entry: e, Index: indexName}
	}
}

// Get returns the entry named name.
func (s *Set) Get(name string) (Found, bool) {
	f, ok := s.entries[name]
	return f, ok
}

// Lookup returns the repository of the artifact named name.
func (s *Set) Lookup(name string) (ref.Ref, bool) {
	f, ok := s.entries[name]
	if !ok {
		return ref.Ref{}, false
	}
	return f.Ref(), true
}

// All returns every entry, sorted by index then name.
func (s *Set) All() []Found {
	out := make([]Found, 0, len(s.order))
	for _, n := range s.order {
		out = append(out, s.entries[n])
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Index != out[j].Index {
			return out[i].Index < out[j].Index
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// Match is a search hit.
type Match struct {
	Found `yaml:",inline"`
	Score float64 `json:"score"`
}

// Search returns the entries whose name is similar to a keyword (Levenshtein ratio at least
// minScore) or whose keywords, name or description contain it, best first. typ filters by type
// when not empty.
func (s *Set) Search(keywords []string, minScore float64, typ string) []Match {
	var out []Match
	for _, f := range s.All() {
		if typ != "" && f.Type != typ {
			continue
		}
		best := 0.0
		hay := strings.ToLower(strings.Join(append([]string{f.Name, f.Description}, f.Keywords...), " "))
		for _, k := range keywords {
			k = strings.ToLower(k)
			if r := Similarity(k, strings.ToLower(f.Name)); r > best {
				best = r
			}
			if k != "" && strings.Contains(hay, k) && best < minScore {
				best = minScore
			}
		}
		if best >= minScore && best > 0 {
			out = append(out, Match{Found: f, Score: best})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
}
