// Package resolve turns what the user asked for (index names, full references, digests) into the
// set of artifacts to install: dependencies with alternatives are followed, each artifact gets the
// highest version compatible with every request (same major, at least every minimum), major
// conflicts are errors, and requirements are checked against the consumer's versions. Every
// choice is recorded with its reason for --explain.
package resolve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/Masterminds/semver/v3"

	"github.com/aerie-sec/aerie/artifact"
	"github.com/aerie-sec/aerie/artifact/access"
	"github.com/aerie-sec/aerie/artifact/pull"
	"github.com/aerie-sec/aerie/artifact/ref"
	"github.com/aerie-sec/aerie/engine"
)

// Opener opens registry repositories and OCI layouts (access.Client does).
type Opener interface {
	Open(ctx context.Context, r ref.Ref) (*access.Target, error)
}

// Index finds the repository of an artifact name (index.Set does).
type Index interface {
	Lookup(name string) (ref.Ref, bool)
}

// EngineVersions are the versions Aerie's engine provides, under Falco's /versions keys.
func EngineVersions() map[string]string {
	return map[string]string{
		artifact.ReqEngineVersionSemver: engine.EngineVersion,
		artifact.ReqEngineVersion:       strconv.Itoa(engine.EngineVersionMinor),
		artifact.ReqPluginAPIVersion:    engine.PluginAPIVersion,
	}
}

// FalcoVersions are the versions to check against for an install meant for a Falco whose engine
// version is engineVersion (e.g. "0.57.0", from --engine-version).
func FalcoVersions(engineVersion string) (map[string]string, error) {
	v, err := semver.StrictNewVersion(engineVersion)
	if err != nil {
		return nil, fmt.Errorf("invalid engine version %q: want X.Y.Z", engineVersion)
	}
	m := EngineVersions()
	m[artifact.ReqEngineVersionSemver] = v.String()
	m[artifact.ReqEngineVersion] = strconv.FormatUint(v.Minor(), 10)
	return m, nil
}

// ParseFalcoVersions reads Falco's /versions document (its webserver's JSON: falco_version,
// engine_version_semver, plugin_api_version, ...) into the versions requirements are checked
// against, as falcoctl's follower does: every string value under its key; other values
// (plugin_versions) are ignored. src names the document in errors.
func ParseFalcoVersions(src string, data []byte) (map[string]string, error) {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("parse Falco versions %s: %w", src, err)
	}
	m := map[string]string{}
	for k, raw := range doc {
		var v string
		if json.Unmarshal(raw, &v) == nil {
			m[k] = v
		}
	}
	for _, k := range []string{artifact.ReqEngineVersionSemver, artifact.ReqPluginAPIVersion} {
		if m[k] == "" {
			return nil, fmt.Errorf("parse Falco versions %s: no %s: not a Falco /versions document", src, k)
		}
	}
	return m, nil
}

// Resolver resolves install requests. Opener is required; Index may be nil (then only full
// references work); Versions nil means no requirement check.
type Resolver struct {
	Opener      Opener
	Index       Index
	Platform    string            // os/arch; "" means the host's
	Versions    map[string]string // requirement name -> provided version
	ResolveDeps bool
	// Prefetch starts each selected artifact's layer request as soon as its manifest is read
	// (pull.ResolveOptions.Prefetch), so installs overlap it with the rest of the resolution.
	// Artifacts the resolution drops (duplicates, upgraded dependencies) have theirs cancelled;
	// the requests live in Resolve's ctx; the caller must install the plan or call [Plan.Release].
	Prefetch bool
}

// Selected is one artifact chosen for install.
type Selected struct {
	Name     string // config name
	Ref      string // registry/repository:tag or @digest as resolved (before mirror rewriting)
	Target   *access.Target
	Artifact *pull.Artifact
	Reason   string // why this artifact and version
	pinned   bool   // named on the command line with a tag or digest
	major    uint64
}

// Plan is the resolution result.
type Plan struct {
	Items   []*Selected // in selection order: command line first, then dependencies
	Explain []string    // one line per decision
}

// Release cancels the layer requests started for the plan's artifacts that were not read.
func (p *Plan) Release() {
	for _, s := range p.Items {
		s.Artifact.Release()
	}
}

// ConflictError reports incompatible majors required for one artifact.
type ConflictError struct {
	Name, Have, HaveBy, Want, WantBy string
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("cannot satisfy dependencies: %s requires %s %s but %s %s is required by %s (majors differ)",
		e.WantBy, e.Name, e.Want, e.Name, e.Have, e.HaveBy)
}

// ErrUnknownName is wrapped when a name is in no configured index.
var ErrUnknownName = errors.New("not found in the configured indexes")

// Resolve resolves args and, if enabled, their dependencies, then checks requirements.
func (r *Resolver) Resolve(ctx context.Context, args []string) (_ *Plan, err error) {
	p := &Plan{}
	byName := map[string]*Selected{}
	var order []string
	put := func(s *Selected) {
		if old, ok := byName[s.Name]; !ok {
			order = append(order, s.Name)
		} else {
			old.Artifact.Release()
		}
		byName[s.Name] = s
	}
	defer func() {
		if err != nil {
			for _, s := range byName {
				s.Artifact.Release()
			}
		}
	}()
	for _, arg := range args {
		rf, err := ref.Parse(arg)
		if err != nil {
			return nil, err
		}
		pinned := rf.Tag != "" || rf.Digest != ""
		if rf.Kind == ref.Name {
			loc, err := r.lookup(rf.Repository)
			if err != nil {
				return nil, err
			}
			loc.Tag, loc.Digest = rf.Tag, rf.Digest
			rf = loc
		}
		s, err := r.fetch(ctx, rf, rf.Reference())
		if err != nil {
			return nil, err
		}
		s.pinned = pinned
		s.Reason = "requested as " + arg
		if old, ok := byName[s.Name]; ok {
			if !newerThan(s.Artifact.Config.Version, old.Artifact.Config.Version) {
				p.Explain = append(p.Explain, fmt.Sprintf("%s %s from %s: dropped, %s %s was also requested", s.Name, s.Artifact.Config.Version, arg, old.Name, old.Artifact.Config.Version))
				s.Artifact.Release()
				continue
			}
			p.Explain = append(p.Explain, fmt.Sprintf("%s %s: dropped for %s, requested too", old.Name, old.Artifact.Config.Version, s.Artifact.Config.Version))
		}
		put(s)
	}
	if r.ResolveDeps {
		// mins records every minimum requested per name, for the explanation.
		mins := map[string][]string{}
		for changed := true; changed; {
			changed = false
			for _, name := range append([]string(nil), order...) {
				s := byName[name]
				for _, d := range s.Artifact.Config.Dependencies {
					choice, chosen := d.Name, d.Version
					if _, ok := byName[d.Name]; !ok {
						for _, alt := range d.Alternatives {
							if _, ok := byName[alt.Name]; ok {
								choice, chosen = alt.Name, alt.Version
								break
							}
						}
					}
					need, err := artifact.ParseVersion(chosen)
					if err != nil {
						return nil, fmt.Errorf("%s %s: dependency %s: %w", s.Name, s.Artifact.Config.Version, d, err)
					}
					mins[choice] = append(mins[choice], fmt.Sprintf(">= %s from %s", chosen, s.Name))
					have, ok := byName[choice]
					if ok {
						hv, _ := artifact.ParseVersion(have.Artifact.Config.Version)
						if hv.Major() != need.Major() {
							return nil, &ConflictError{Name: choice, Have: have.Artifact.Config.Version, HaveBy: requiredBy(have), Want: chosen, WantBy: s.Name}
						}
						if !hv.LessThan(need) {
							continue
						}
						if have.pinned {
							return nil, fmt.Errorf("cannot satisfy dependencies: %s requires %s >= %s but %s was requested at %s", s.Name, choice, chosen, choice, have.Artifact.Config.Version)
						}
					}
					up, err := r.highest(ctx, choice, need, s.Name)
					if err != nil {
						return nil, err
					}
					if ok {
						up.Reason = fmt.Sprintf("upgraded from %s: required by %s (%s)", have.Artifact.Config.Version, s.Name, strings.Join(mins[choice], ", "))
					} else if choice != d.Name {
						up.Reason = fmt.Sprintf("alternative to %s required by %s", d.Name, s.Name)
					}
					put(up)
					changed = true
				}
			}
		}
		for _, name := range order {
			if m := mins[name]; len(m) > 0 && byName[name].Reason != "" && !strings.Contains(byName[name].Reason, "(") {
				byName[name].Reason += " (" + strings.Join(m, ", ") + ")"
			}
		}
	}
	for _, name := range order {
		s := byName[name]
		if err := CheckRequirements(s.Artifact.Config, r.Versions); err != nil {
			return nil, err
		}
		p.Items = append(p.Items, s)
		p.Explain = append(p.Explain, fmt.Sprintf("%s %s (%s, %s): %s", s.Name, s.Artifact.Config.Version, s.Artifact.Type, s.Ref, s.Reason))
	}
	return p, nil
}

func requiredBy(s *Selected) string {
	if s.pinned || strings.HasPrefix(s.Reason, "requested") {
		return "the command line"
	}
	return "other artifacts"
}

func (r *Resolver) lookup(name string) (ref.Ref, error) {
	if r.Index != nil {
		if loc, ok := r.Index.Lookup(name); ok {
			return loc, nil
		}
	}
	return ref.Ref{}, fmt.Errorf("resolve %s: %w", name, ErrUnknownName)
}

func (r *Resolver) fetch(ctx context.Context, rf ref.Ref, reference string) (*Selected, error) {
	t, err := r.Opener.Open(ctx, rf)
	if err != nil {
		return nil, err
	}
	a, err := pull.ResolveWithOptions(ctx, t.GraphTarget, reference, pull.ResolveOptions{Platform: r.Platform, Prefetch: r.Prefetch})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rf.WithTag(reference), err)
	}
	v, _ := artifact.ParseVersion(a.Config.Version)
	named := rf
	if rf.Digest == "" {
		named = rf.WithTag(reference)
	}
	return &Selected{Name: a.Config.Name, Ref: named.String(), Target: t, Artifact: a, major: v.Major()}, nil
}

// highest resolves the highest version of name tagged X.Y.Z in need's major and at least need.
func (r *Resolver) highest(ctx context.Context, name string, need *semver.Version, by string) (*Selected, error) {
	loc, err := r.lookup(name)
	if err != nil {
		return nil, fmt.Errorf("dependency of %s: %w", by, err)
	}
	t, err := r.Opener.Open(ctx, loc)
	if err != nil {
		return nil, err
	}
	tags, err := t.ListTags(ctx)
	if err != nil {
		// Registries or mirrors that refuse tag listing still serve the minimum version's own
		// tag, which is what falcoctl pulls.
		s, ferr := r.fetch(ctx, loc, need.Original())
		if ferr != nil {
			return nil, fmt.Errorf("dependency %s >= %s of %s: %w; and its tag %s: %w", name, need, by, err, need.Original(), ferr)
		}
		if !compatible(s.Artifact.Config.Version, need) {
			s.Artifact.Release()
			return nil, fmt.Errorf("dependency %s >= %s of %s: tag %s holds version %s (%w)", name, need, by, need.Original(), s.Artifact.Config.Version, err)
		}
		s.Reason = fmt.Sprintf("required by %s; tag %s (tags cannot be listed: %v)", by, need.Original(), err)
		return s, nil
	}
	best, avail := Highest(tags, need)
	if best == "" {
		return nil, fmt.Errorf("cannot satisfy dependencies: %s requires %s >= %s (major %d); %s has %s",
			by, name, need, need.Major(), loc.Repo(), orNone(avail))
	}
	s, err := r.fetch(ctx, loc, best)
	if err != nil {
		return nil, err
	}
	s.Reason = fmt.Sprintf("required by %s; highest compatible of %s", by, strings.Join(avail, ", "))
	return s, nil
}

func orNone(v []string) string {
	if len(v) == 0 {
		return "no version tags"
	}
	return "versions " + strings.Join(v, ", ")
}

// Highest returns the highest tag that is a full version in need's major and at least need, and
// all full-version tags sorted. Prereleases count only when need is one.
func Highest(tags []string, need *semver.Version) (string, []string) {
	var vs []*semver.Version
	for _, t := range tags {
		v, err := semver.StrictNewVersion(t)
		if err != nil || v.Metadata() != "" {
			continue
		}
		vs = append(vs, v)
	}
	sort.Sort(semver.Collection(vs))
	var all []string
	best := ""
	for _, v := range vs {
		all = append(all, v.Original())
		if v.Major() != need.Major() || v.LessThan(need) {
			continue
		}
		if v.Prerelease() != "" && need.Prerelease() == "" {
			continue
		}
		best = v.Original()
	}
	return best, all
}

// compatible reports whether version is in need's major and at least need.
func compatible(version string, need *semver.Version) bool {
	v, err := artifact.ParseVersion(version)
	return err == nil && v.Major() == need.Major() && !v.LessThan(need)
}

func newerThan(a, b string) bool {
	va, err1 := artifact.ParseVersion(a)
	vb, err2 := artifact.ParseVersion(b)
	return err1 == nil && err2 == nil && va.GreaterThan(vb)
}

// RequirementError reports an unmet requirement.
type RequirementError struct {
	Artifact, Version string
	Requirement       artifact.Requirement
	Provided          string // "" when the key is unknown
	Reason            string
}

func (e *RequirementError) Error() string {
	return fmt.Sprintf("%s %s requires %s %s: %s", e.Artifact, e.Version, e.Requirement.Name, e.Requirement.Version, e.Reason)
}

// CheckRequirements checks cfg's requirements against provided versions (nil skips the check).
// An integer requirement needs an integer at least as large; a semver one needs the same major and
// at least the version, as Falco's follower checks.
func CheckRequirements(cfg artifact.Config, provided map[string]string) error {
	if provided == nil {
		return nil
	}
	for _, req := range cfg.Requirements {
		fail := func(have, why string) error {
			return &RequirementError{Artifact: cfg.Name, Version: cfg.Version, Requirement: req, Provided: have, Reason: why}
		}
		have, ok := provided[req.Name]
		if !ok {
			return fail("", "unrecognized requirement key")
		}
		if n, err := strconv.ParseUint(req.Version, 10, 64); err == nil {
			h, err := strconv.ParseUint(have, 10, 64)
			if err != nil {
				return fail(have, fmt.Sprintf("provided %s is not an integer", have))
			}
			if h < n {
				return fail(have, fmt.Sprintf("have %d", h))
			}
			continue
		}
		rv, err := semver.NewVersion(req.Version)
		if err != nil {
			return fail(have, "invalid required version")
		}
		hv, err := semver.NewVersion(have)
		if err != nil {
			return fail(have, fmt.Sprintf("provided %q is not a version", have))
		}
		if hv.Major() != rv.Major() {
			return fail(have, fmt.Sprintf("have %s (major mismatch)", have))
		}
		if hv.LessThan(rv) {
			return fail(have, fmt.Sprintf("have %s (too old)", have))
		}
	}
	return nil
}
