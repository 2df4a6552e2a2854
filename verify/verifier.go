package verify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/opencontainers/go-digest"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"github.com/sigstore/sigstore-go/pkg/root"
	"github.com/sigstore/sigstore/pkg/signature"
	"oras.land/oras-go/v2"
)

// Sentinel errors, matched with errors.Is on the [Error] that [Verifier.Check] returns.
var (
	// ErrUnsigned means no signature was found in either layout.
	ErrUnsigned = errors.New("no signature found")
	// ErrNoValidSignature means signatures were found but none met the policy.
	ErrNoValidSignature = errors.New("no signature meets the policy")
	// ErrNoTrustMaterial means a rule requires a signature but neither it nor the index entry names keys or identities.
	ErrNoTrustMaterial = errors.New("signature required but no keys or identities are configured")
)

// Error is a refusal: it names the reference, the digest and the policy rule.
type Error struct {
	Reference string
	Digest    digest.Digest
	Rule      string
	Err       error
}

func (e *Error) Error() string {
	return fmt.Sprintf("verify %s@%s (policy rule %q): %v", e.Reference, e.Digest, e.Rule, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Options configure a [Verifier]; the zero value is valid.
type Options struct {
	// Log receives a debug line per check and a warning for every artifact accepted unverified; nil discards.
	Log *slog.Logger
	// FetchTrustedRoot fetches Sigstore's public-good trusted root for rules with TUF set;
	// nil means root.FetchTrustedRoot (network, TUF cache in ~/.sigstore).
	FetchTrustedRoot func(ctx context.Context) (root.TrustedMaterial, error)
}

// key is a loaded public key with the name it was configured by.
type key struct {
	name string
	v    signature.Verifier
}

// trust is the material one check uses.
type trust struct {
	err        error  // the material could not be loaded
	source     string // where the material comes from, e.g. `rule "x"` or `index entry "falco-rules"`
	keys       []key
	identities []Identity
	root       root.TrustedMaterial
}

func (t *trust) empty() bool { return len(t.keys) == 0 && len(t.identities) == 0 }

// compiled is a loaded Rule.
type compiled struct {
	Rule
	trust trust
}

// Verifier checks artifacts against a policy. It is safe for concurrent use.
type Verifier struct {
	rules []compiled
	index map[string]*compiled // repository -> index entry material
	log   *slog.Logger
}

// New loads every key file and trusted root the rules and index entries name, so a bad file is
// reported here, naming the rule and the file.
func New(ctx context.Context, rules []Rule, index []IndexRule, opts Options) (*Verifier, error) {
	v := &Verifier{index: map[string]*compiled{}, log: opts.Log}
	if v.log == nil {
		v.log = slog.New(slog.DiscardHandler)
	}
	fetch := opts.FetchTrustedRoot
	if fetch == nil {
		fetch = fetchPublicGoodRoot
	}
	var errs []error
	for i, r := range rules {
		if r.Name == "" {
			r.Name = fmt.Sprintf("policy.rules[%d]", i)
		}
		c, err := compileRule(ctx, r, fetch)
		if err != nil {
			errs = append(errs, fmt.Errorf("policy rule %q: %w", r.Name, err))
			continue
		}
		v.rules = append(v.rules, *c)
	}
	for _, ir := range index {
		if ir.empty() {
			continue
		}
		// A bad index entry refuses its own repository only: an index is remote data, and one
		// unusable entry must not block every other install.
		c, err := compileIndex(ir)
		if err != nil {
			c = &compiled{Rule: Rule{Name: "index:" + ir.Entry, Match: ir.Repository, Require: true},
				trust: trust{err: fmt.Errorf("index entry %q signature: %w", ir.Entry, err)}}
		}
		v.index[ir.Repository] = c
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return v, nil
}

func compileRule(ctx context.Context, r Rule, fetch func(context.Context) (root.TrustedMaterial, error)) (*compiled, error) {
	if err := validPattern(r.Match); err != nil {
		return nil, err
	}
	c := &compiled{Rule: r, trust: trust{source: fmt.Sprintf("policy rule %q", r.Name)}}
	for _, k := range r.Keys {
		kv, err := LoadPublicKey(k)
		if err != nil {
			return nil, err
		}
		c.trust.keys = append(c.trust.keys, key{name: keyName(k), v: kv})
	}
	for _, id := range r.Identities {
		if err := id.validate(); err != nil {
			return nil, err
		}
	}
	c.trust.identities = r.Identities
	for _, d := range r.Exempt {
		if err := d.Validate(); err != nil {
			return nil, fmt.Errorf("exempt digest %q: %w", d, err)
		}
	}
	if len(r.Identities) > 0 && r.TrustedRoot == "" && !r.TUF {
		return nil, fmt.Errorf("identities need trusted_root (offline) or tuf: true (online)")
	}
	if r.TrustedRoot != "" || r.TUF {
		tm, err := loadTrustedRoot(ctx, r.TrustedRoot, fetch)
		if err != nil {
			return nil, err
		}
		c.trust.root = tm
	}
	return c, nil
}

func compileIndex(ir IndexRule) (*compiled, error) {
	c := &compiled{Rule: Rule{Name: "index:" + ir.Entry, Match: ir.Repository, Require: true},
		trust: trust{source: fmt.Sprintf("index entry %q", ir.Entry)}}
	if ir.Key != "" {
		kv, err := LoadPublicKey(ir.Key)
		if err != nil {
			return nil, err
		}
		c.trust.keys = []key{{name: keyName(ir.Key), v: kv}}
		return c, nil
	}
	id := Identity{Subject: ir.CertificateIdentity, SubjectRegexp: ir.CertificateIdentityRegexp,
		Issuer: ir.CertificateOIDCIssuer, IssuerRegexp: ir.CertificateOIDCIssuerRegexp}
	if err := id.validate(); err != nil {
		return nil, err
	}
	c.trust.identities = []Identity{id}
	// Index entries carry no trusted root: keyless entries take it from the matching config rule
	// (trusted_root, or tuf: true to go online), so nothing reaches the network unasked.
	return c, nil
}

// keyName is how a configured key is shown in results: its file name, or "inline PEM".
func keyName(k string) string {
	if strings.Contains(k, "-----BEGIN") {
		return "inline PEM"
	}
	return k
}

// Result is the outcome of one successful check.
type Result struct {
	Reference  string        `json:"reference" yaml:"reference"`
	Repository string        `json:"repository" yaml:"repository"`
	Digest     digest.Digest `json:"digest" yaml:"digest"`
	// Rule names the policy entry that matched; empty when none did.
	Rule string `json:"rule,omitempty" yaml:"rule,omitempty"`
	// Verified is true when at least one signature met the policy.
	Verified bool `json:"verified" yaml:"verified"`
	// Exempt is true when the digest is listed in the rule's exempt list.
	Exempt bool `json:"exempt,omitempty" yaml:"exempt,omitempty"`
	// Signatures are the signatures that met the policy.
	Signatures []Signature `json:"signatures,omitempty" yaml:"signatures,omitempty"`
}

// Layout is where a signature was found.
type Layout string

// Signature layouts.
const (
	// LayoutLegacy is cosign's sha256-<hex>.sig tag holding simple-signing payloads.
	LayoutLegacy Layout = "legacy-tag"
	// LayoutBundle is a Sigstore bundle attached as an OCI referrer (cosign v3 default).
	LayoutBundle Layout = "bundle-referrer"
	// LayoutSimpleReferrer is a simple-signing payload attached as an OCI referrer (cosign v2's
	// experimental --registry-referrers-mode=oci-1-1).
	LayoutSimpleReferrer Layout = "simple-signing-referrer"
)

// Signature describes one verified signature.
type Signature struct {
	Layout Layout `json:"layout" yaml:"layout"`
	// Location is the .sig tag (legacy) or the referrer manifest digest (bundle).
	Location string `json:"location" yaml:"location"`
	// Key is the configured key that verified it; empty for keyless signatures.
	Key string `json:"key,omitempty" yaml:"key,omitempty"`
	// Subject and Issuer are the keyless certificate's identity.
	Subject string `json:"subject,omitempty" yaml:"subject,omitempty"`
	Issuer  string `json:"issuer,omitempty" yaml:"issuer,omitempty"`
}

// Signer describes who signed, for display.
func (s Signature) Signer() string {
	if s.Key != "" {
		return "key " + s.Key
	}
	return s.Subject + " (" + s.Issuer + ")"
}

// Verify implements artifact.Verifier: it returns nil when desc, resolved from ref and fetched
// from src, may be installed, and an [*Error] otherwise.
func (v *Verifier) Verify(ctx context.Context, src oras.ReadOnlyGraphTarget, ref string, desc ocispec.Descriptor) error {
	_, err := v.Check(ctx, src, ref, desc)
	return err
}

// Check applies the policy to desc, the resolved root descriptor of ref, reading signatures from src.
func (v *Verifier) Check(ctx context.Context, src oras.ReadOnlyGraphTarget, ref string, desc ocispec.Descriptor) (*Result, error) {
	repo, err := RepositoryOf(ref)
	if err != nil {
		return nil, &Error{Reference: ref, Digest: desc.Digest, Err: err}
	}
	res := &Result{Reference: ref, Repository: repo, Digest: desc.Digest}
	rule, tr := v.match(repo)
	if rule == nil {
		v.log.WarnContext(ctx, "no signature policy for artifact; accepted unverified", "ref", ref, "digest", desc.Digest.String())
		return res, nil
	}
	res.Rule = rule.Name
	fail := func(err error) (*Result, error) {
		return nil, &Error{Reference: ref, Digest: desc.Digest, Rule: rule.Name, Err: err}
	}
	if slices.Contains(rule.Exempt, desc.Digest) {
		res.Exempt = true
		v.log.WarnContext(ctx, "digest exempt from signature policy; accepted unsigned", "ref", ref, "digest", desc.Digest.String(), "rule", rule.Name)
		return res, nil
	}
	if tr.err != nil {
		return fail(tr.err)
	}
	if tr.empty() {
		if rule.Require {
			return fail(ErrNoTrustMaterial)
		}
		v.log.WarnContext(ctx, "policy rule names no keys or identities; accepted unverified", "ref", ref, "digest", desc.Digest.String(), "rule", rule.Name)
		return res, nil
	}
	sigs, err := v.verifyAll(ctx, src, desc, tr)
	if err != nil {
		return fail(err)
	}
	res.Verified = true
	res.Signatures = sigs
	v.log.DebugContext(ctx, "signature verified", "ref", ref, "digest", desc.Digest.String(), "rule", rule.Name, "signer", sigs[0].Signer(), "layout", sigs[0].Layout)
	return res, nil
}

// match finds the rule for repo and the trust material it uses: the first config rule matching,
// with the index entry's material when the rule names none; else the index entry alone.
func (v *Verifier) match(repo string) (*compiled, *trust) {
	ix := v.index[repo]
	for i := range v.rules {
		r := &v.rules[i]
		if !matchRepo(r.Match, repo) {
			continue
		}
		if r.trust.empty() && ix != nil {
			t := ix.trust
			t.root = r.trust.root
			return r, &t
		}
		return r, &r.trust
	}
	if ix != nil {
		return ix, &ix.trust
	}
	return nil, nil
}

// verifyAll reads both layouts and returns the signatures that meet tr; an error when none does.
func (v *Verifier) verifyAll(ctx context.Context, src oras.ReadOnlyGraphTarget, desc ocispec.Descriptor, tr *trust) ([]Signature, error) {
	if desc.Digest.Algorithm() != digest.SHA256 {
		return nil, fmt.Errorf("unsupported digest algorithm %q", desc.Digest.Algorithm())
	}
	var ok []Signature
	var failures []error
	found := 0

	// A layout that cannot be read (a registry that rejects the referrers API with something other
	// than 404, say) does not block a valid signature in the other; it is reported if none verifies.
	var readErrs []error
	legacy, err := fetchLegacy(ctx, src, desc)
	if err != nil {
		readErrs = append(readErrs, err)
	}
	bundles, simple, err := fetchReferrers(ctx, src, desc)
	if err != nil {
		readErrs = append(readErrs, err)
	}
	for _, ls := range append(legacy, simple...) {
		found++
		s, err := verifyLegacy(ctx, ls, desc, tr)
		if err != nil {
			where := ls.tag
			if ls.layout == LayoutLegacy {
				where = fmt.Sprintf("%s layer %d", ls.tag, ls.index)
			}
			failures = append(failures, fmt.Errorf("%s %s: %w", ls.layout, where, err))
			continue
		}
		ok = append(ok, s)
	}
	for _, b := range bundles {
		found++
		if b.err != nil {
			failures = append(failures, fmt.Errorf("%s %s: %w", LayoutBundle, b.manifest, b.err))
			continue
		}
		s, err := verifyBundle(ctx, b, desc, tr)
		if err != nil {
			failures = append(failures, fmt.Errorf("%s %s: %w", LayoutBundle, b.manifest, err))
			continue
		}
		ok = append(ok, s)
	}

	if len(ok) > 0 {
		return ok, nil
	}
	if found == 0 && len(readErrs) == 0 {
		return nil, fmt.Errorf("%w (looked for tag %s and referrers; trust from %s)", ErrUnsigned, legacyTag(desc.Digest), tr.source)
	}
	return nil, fmt.Errorf("%w (trust from %s): %w", ErrNoValidSignature, tr.source, errors.Join(append(readErrs, failures...)...))
}
