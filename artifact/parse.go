package artifact

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/Masterminds/semver/v3"
)

// nameRE is falcoctl's rule for artifact names in dependencies.
var nameRE = regexp.MustCompile(`^[a-z]+[a-z0-9-_]*$`)

// intRE is a plain integer version, as the legacy engine_version requirement uses.
var intRE = regexp.MustCompile(`^(0|[1-9][0-9]*)$`)

// ValidName reports whether s is a valid artifact name (lower case letter, then letters, digits, - or _).
func ValidName(s string) bool { return nameRE.MatchString(s) }

// ParseStrictVersion parses a strict semantic version as falcoctl accepts on push: X.Y.Z with an
// optional prerelease, no "v" prefix, no build metadata.
func ParseStrictVersion(s string) (*semver.Version, error) {
	v, err := semver.StrictNewVersion(s)
	if err != nil {
		return nil, fmt.Errorf("invalid version %q: want strict semver X.Y.Z[-prerelease]", s)
	}
	if v.Metadata() != "" {
		return nil, fmt.Errorf("invalid version %q: build metadata (+%s) is not allowed", s, v.Metadata())
	}
	return v, nil
}

// ParseVersion parses a version tolerantly, as falcoctl does when resolving: "1", "1.2", "v1.2.3".
func ParseVersion(s string) (*semver.Version, error) {
	v, err := semver.NewVersion(s)
	if err != nil {
		return nil, fmt.Errorf("invalid version %q", s)
	}
	return v, nil
}

func parseNameVersion(s, what string) (Reference, error) {
	name, ver, ok := strings.Cut(s, ":")
	if !ok || name == "" || ver == "" {
		return Reference{}, fmt.Errorf("invalid %s %q: want name:version", what, s)
	}
	if !ValidName(name) {
		return Reference{}, fmt.Errorf("invalid %s %q: name %q must match %s", what, s, name, nameRE)
	}
	if _, err := ParseStrictVersion(ver); err != nil {
		return Reference{}, fmt.Errorf("invalid %s %q: %w", what, s, err)
	}
	return Reference{Name: name, Version: ver}, nil
}

// ParseDependency parses falcoctl's --depends-on syntax "name:version|alt:version|...".
func ParseDependency(s string) (Dependency, error) {
	parts := strings.Split(s, "|")
	first, err := parseNameVersion(parts[0], "dependency")
	if err != nil {
		return Dependency{}, err
	}
	d := Dependency{Name: first.Name, Version: first.Version}
	for _, p := range parts[1:] {
		alt, err := parseNameVersion(p, "dependency alternative")
		if err != nil {
			return Dependency{}, err
		}
		d.Alternatives = append(d.Alternatives, alt)
	}
	return d, nil
}

// ParseRequirement parses falcoctl's --requires syntax "name:version". Requirement names are Falco
// /versions keys, so they may contain underscores; the version may be a plain integer (legacy
// engine_version) or a strict semver.
func ParseRequirement(s string) (Requirement, error) {
	name, ver, ok := strings.Cut(s, ":")
	if !ok || name == "" || ver == "" {
		return Requirement{}, fmt.Errorf("invalid requirement %q: want name:version", s)
	}
	if !ValidName(name) {
		return Requirement{}, fmt.Errorf("invalid requirement %q: name %q must match %s", s, name, nameRE)
	}
	if !intRE.MatchString(ver) {
		if _, err := ParseStrictVersion(ver); err != nil {
			return Requirement{}, fmt.Errorf("invalid requirement %q: %w, or an integer", s, err)
		}
	}
	return Requirement{Name: name, Version: ver}, nil
}

// Normalize sorts dependencies and requirements by name, as falcoctl's setters do.
func (c *Config) Normalize() {
	sort.SliceStable(c.Dependencies, func(i, j int) bool { return c.Dependencies[i].Name < c.Dependencies[j].Name })
	sort.SliceStable(c.Requirements, func(i, j int) bool { return c.Requirements[i].Name < c.Requirements[j].Name })
}

// Validate checks that the config has a name and a version, as install needs.
func (c *Config) Validate() error {
	if c.Name == "" {
		return fmt.Errorf("artifact config: empty name")
	}
	if c.Version == "" {
		return fmt.Errorf("artifact config %s: empty version", c.Name)
	}
	if _, err := ParseVersion(c.Version); err != nil {
		return fmt.Errorf("artifact config %s: %w", c.Name, err)
	}
	return nil
}
