package verify

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/opencontainers/go-digest"
	"oras.land/oras-go/v2/registry"

	"github.com/aerie-sec/aerie/config"
)

// Identity is an accepted keyless signer: the certificate's subject (SAN) and OIDC issuer, each
// given exactly or as a Go regexp (unanchored, as in cosign). Subject and issuer are both required.
type Identity struct {
	Subject       string `json:"subject,omitempty" yaml:"subject,omitempty"`
	SubjectRegexp string `json:"subject_regexp,omitempty" yaml:"subject_regexp,omitempty"`
	Issuer        string `json:"issuer,omitempty" yaml:"issuer,omitempty"`
	IssuerRegexp  string `json:"issuer_regexp,omitempty" yaml:"issuer_regexp,omitempty"`
}

// String renders the identity as cosign's flags would name it.
func (id Identity) String() string {
	s, i := id.Subject, id.Issuer
	if s == "" {
		s = "~" + id.SubjectRegexp
	}
	if i == "" {
		i = "~" + id.IssuerRegexp
	}
	return s + " from " + i
}

func (id Identity) validate() error {
	if (id.Subject == "") == (id.SubjectRegexp == "") {
		return fmt.Errorf("identity %s: exactly one of subject and subject_regexp is required", id)
	}
	if (id.Issuer == "") == (id.IssuerRegexp == "") {
		return fmt.Errorf("identity %s: exactly one of issuer and issuer_regexp is required", id)
	}
	for _, rx := range []string{id.SubjectRegexp, id.IssuerRegexp} {
		if rx == "" {
			continue
		}
		if _, err := regexp.Compile(rx); err != nil {
			return fmt.Errorf("identity %s: %w", id, err)
		}
	}
	return nil
}

// Rule is one policy entry, as data. Keys and TrustedRoot are file names; [New] loads them.
type Rule struct {
	// Name identifies the rule in results and errors; empty means "policy.rules[i]".
	Name string
	// Match is a pattern over "registry/repository": "*" matches within one path segment,
	// "**" matches any number of segments (e.g. ghcr.io/falcosecurity/**).
	Match string
	// Require makes a valid signature mandatory even when the rule names no keys or identities
	// itself; the material then comes from the index entry for the same repository.
	Require bool
	// Keys are cosign public key files (PEM) or inline PEM; any one verifying suffices.
	Keys []string
	// Identities are accepted keyless signers; any one matching suffices.
	Identities []Identity
	// TrustedRoot is a pinned Sigstore trusted_root.json, needed for identities.
	TrustedRoot string
	// TUF fetches Sigstore's public-good trusted root over the network (opt-in) when TrustedRoot is empty.
	TUF bool
	// Exempt lists root digests accepted without a signature (old unsigned releases).
	Exempt []digest.Digest
}

// IndexRule is the signature block an index entry declares for its repository, with falcoctl's
// keys (signature.cosign in index.yaml). It applies to every reference to that repository.
type IndexRule struct {
	// Entry is the index entry name, for messages.
	Entry string `json:"-" yaml:"-"`
	// Repository is "registry/repository" of the entry.
	Repository string `json:"-" yaml:"-"`

	Key string `json:"key,omitempty" yaml:"key,omitempty"`
	// IgnoreTlog is read for compatibility and changes nothing: keys are always checked without a
	// transparency log (offline), keyless certificates always with one (their only time evidence).
	IgnoreTlog                  bool   `json:"ignore-tlog,omitempty" yaml:"ignore-tlog,omitempty"`
	CertificateIdentity         string `json:"certificate-identity,omitempty" yaml:"certificate-identity,omitempty"`
	CertificateIdentityRegexp   string `json:"certificate-identity-regexp,omitempty" yaml:"certificate-identity-regexp,omitempty"`
	CertificateOIDCIssuer       string `json:"certificate-oidc-issuer,omitempty" yaml:"certificate-oidc-issuer,omitempty"`
	CertificateOIDCIssuerRegexp string `json:"certificate-oidc-issuer-regexp,omitempty" yaml:"certificate-oidc-issuer-regexp,omitempty"`
}

// empty reports whether the block declares nothing to verify with.
func (ir IndexRule) empty() bool {
	return ir.Key == "" && ir.CertificateIdentity == "" && ir.CertificateIdentityRegexp == "" &&
		ir.CertificateOIDCIssuer == "" && ir.CertificateOIDCIssuerRegexp == ""
}

// RulesFromConfig converts the configuration's policy section to rules, in order.
func RulesFromConfig(p config.Policy) []Rule {
	rules := make([]Rule, 0, len(p.Rules))
	for i, r := range p.Rules {
		name := r.Name
		if name == "" {
			name = fmt.Sprintf("policy.rules[%d]", i)
		}
		ids := make([]Identity, 0, len(r.Identities))
		for _, id := range r.Identities {
			ids = append(ids, Identity{Subject: id.Subject, SubjectRegexp: id.SubjectRegexp, Issuer: id.Issuer, IssuerRegexp: id.IssuerRegexp})
		}
		ex := make([]digest.Digest, 0, len(r.Exempt))
		for _, d := range r.Exempt {
			ex = append(ex, digest.Digest(d))
		}
		rules = append(rules, Rule{Name: name, Match: r.Match, Require: r.Require, Keys: r.Keys,
			Identities: ids, TrustedRoot: r.TrustedRoot, TUF: r.TUF, Exempt: ex})
	}
	return rules
}

// validPattern checks a Match pattern's syntax.
func validPattern(p string) error {
	if p == "" {
		return fmt.Errorf("empty match pattern")
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "**" {
			continue
		}
		if _, err := path.Match(seg, ""); err != nil {
			return fmt.Errorf("match pattern %q: %w", p, err)
		}
	}
	return nil
}

// matchRepo reports whether repo ("registry/repository") matches pattern.
func matchRepo(pattern, repo string) bool {
	return matchSegs(strings.Split(pattern, "/"), strings.Split(repo, "/"))
}

// matchSegs matches path segments with a dynamic programme over (pattern, subject) positions,
// so patterns with many "**" stay linear in their product, not exponential.
func matchSegs(p, s []string) bool {
	// m[j] reports whether p[:i] matches s[:j] for the current i.
	m := make([]bool, len(s)+1)
	m[0] = true
	for _, seg := range p {
		next := make([]bool, len(s)+1)
		if seg == "**" {
			any := false
			for j := 0; j <= len(s); j++ {
				any = any || m[j]
				next[j] = any
			}
		} else {
			for j := 1; j <= len(s); j++ {
				if m[j-1] {
					next[j], _ = path.Match(seg, s[j-1])
				}
			}
		}
		m = next
	}
	return m[len(s)]
}

// RepositoryOf returns the "registry/repository" a reference names, the string rules match:
// "ghcr.io/falcosecurity/rules/falco-rules:3" gives "ghcr.io/falcosecurity/rules/falco-rules".
// An OCI layout reference ("oci-layout:DIR[:tag|@digest]") gives "oci-layout:DIR".
func RepositoryOf(ref string) (string, error) {
	if rest, ok := strings.CutPrefix(ref, "oci-layout:"); ok {
		if i := strings.LastIndex(rest, "@"); i >= 0 {
			rest = rest[:i]
		} else if i := strings.LastIndex(rest, ":"); i > strings.LastIndex(rest, "/") {
			rest = rest[:i]
		}
		return "oci-layout:" + rest, nil
	}
	r, err := registry.ParseReference(ref)
	if err != nil {
		return "", fmt.Errorf("parse reference %q: %w", ref, err)
	}
	return r.Registry + "/" + r.Repository, nil
}
