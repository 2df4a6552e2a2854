package verify

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/opencontainers/go-digest"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"github.com/sigstore/sigstore-go/pkg/bundle"
	"github.com/sigstore/sigstore-go/pkg/root"
	sgverify "github.com/sigstore/sigstore-go/pkg/verify"
	"oras.land/oras-go/v2"
	"oras.land/oras-go/v2/errdef"
)

// Media types and values of the bundle layout.
const (
	// BundleMediaType is the artifactType and layer media type cosign uses for a Sigstore bundle v0.3.
	BundleMediaType = "application/vnd.dev.sigstore.bundle.v0.3+json"
	// bundleMediaTypePrefix recognises bundle layers of any version and either spelling.
	bundleMediaTypePrefix = "application/vnd.dev.sigstore.bundle"
	// CosignSignPredicateType is the in-toto predicate type of `cosign sign` bundles.
	CosignSignPredicateType = "https://sigstore.dev/cosign/sign/v1"
)

// foundBundle is one Sigstore bundle attached to the subject as a referrer.
type foundBundle struct {
	manifest digest.Digest
	b        *bundle.Bundle
	err      error
}

// fetchReferrers lists the referrers of desc (the registry's referrers API, else the
// sha256-<hex> fallback tag; predecessors for local stores) and reads every manifest whose subject
// is desc and which carries a Sigstore bundle layer, or a simple-signing layer (cosign's
// experimental OCI 1.1 mode). artifactType is not trusted for filtering: clients and registries
// disagree on it.
func fetchReferrers(ctx context.Context, src oras.ReadOnlyGraphTarget, desc ocispec.Descriptor) ([]foundBundle, []legacySig, error) {
	preds, err := src.Predecessors(ctx, desc)
	if err != nil {
		if errors.Is(err, errdef.ErrNotFound) {
			return nil, nil, nil
		}
		return nil, nil, fmt.Errorf("list referrers of %s: %w", desc.Digest, err)
	}
	var out []foundBundle
	var simple []legacySig
	for _, p := range preds {
		if p.MediaType != ocispec.MediaTypeImageManifest {
			continue
		}
		b, err := fetchLimited(ctx, src, p, maxManifestSize)
		if err != nil {
			out = append(out, foundBundle{manifest: p.Digest, err: err})
			continue
		}
		var m ocispec.Manifest
		if err := json.Unmarshal(b, &m); err != nil {
			continue
		}
		if m.Subject == nil || m.Subject.Digest != desc.Digest {
			continue
		}
		for i, l := range m.Layers {
			switch {
			case strings.HasPrefix(l.MediaType, bundleMediaTypePrefix):
				fb := foundBundle{manifest: p.Digest}
				fb.b, fb.err = readBundle(ctx, src, l)
				out = append(out, fb)
			case l.MediaType == SimpleSigningMediaType:
				ls := legacySig{layout: LayoutSimpleReferrer, tag: p.Digest.String(), index: i}
				ls.sig, ls.err = legacyLayer(ctx, src, l)
				simple = append(simple, ls)
			}
		}
	}
	return out, simple, nil
}

func readBundle(ctx context.Context, src oras.ReadOnlyGraphTarget, l ocispec.Descriptor) (*bundle.Bundle, error) {
	raw, err := fetchLimited(ctx, src, l, maxBundleSize)
	if err != nil {
		return nil, err
	}
	var b bundle.Bundle
	if err := b.UnmarshalJSON(raw); err != nil {
		return nil, fmt.Errorf("decode bundle %s: %w", l.Digest, err)
	}
	return &b, nil
}

// verifyBundle checks one bundle against tr with sigstore-go's verifier, the way cosign does:
// the signed statement's subject must be desc's digest.
func verifyBundle(_ context.Context, fb foundBundle, desc ocispec.Descriptor, tr *trust) (Signature, error) {
	want, err := hex.DecodeString(desc.Digest.Encoded())
	if err != nil {
		return Signature{}, fmt.Errorf("decode digest %s: %w", desc.Digest, err)
	}
	artifact := sgverify.WithArtifactDigest(desc.Digest.Algorithm().String(), want)
	vc, err := fb.b.VerificationContent()
	if err != nil {
		return Signature{}, fmt.Errorf("read verification material: %w", err)
	}
	out := Signature{Layout: LayoutBundle, Location: fb.manifest.String()}

	if vc.Certificate() == nil {
		if len(tr.keys) == 0 {
			return Signature{}, fmt.Errorf("signed with a key, but %s accepts only keyless identities", tr.source)
		}
		var errs []error
		for _, k := range tr.keys {
			ek := root.NewExpiringKey(k.v, time.Time{}, time.Time{})
			tm := root.NewTrustedPublicKeyMaterial(func(string) (root.TimeConstrainedVerifier, error) { return ek, nil })
			v, err := sgverify.NewVerifier(tm, sgverify.WithNoObserverTimestamps())
			if err != nil {
				return Signature{}, fmt.Errorf("build verifier: %w", err)
			}
			res, err := v.Verify(fb.b, sgverify.NewPolicy(artifact, sgverify.WithKey()))
			if err == nil {
				err = checkStatement(res)
			}
			if err != nil {
				errs = append(errs, fmt.Errorf("key %s: %w", k.name, err))
				continue
			}
			out.Key = k.name
			return out, nil
		}
		return Signature{}, errors.Join(errs...)
	}

	leaf := vc.Certificate()
	if len(tr.identities) == 0 {
		return Signature{}, fmt.Errorf("keyless signature by %s, but %s accepts only keys", certName(leaf), tr.source)
	}
	if tr.root == nil {
		return Signature{}, fmt.Errorf("keyless signature by %s needs a trusted root: set trusted_root (offline) or tuf: true in a policy rule matching the repository", certName(leaf))
	}
	// The certificate is short-lived: its validity is checked at the time the transparency log
	// or a timestamping authority vouches for, never at the current time.
	opts := []sgverify.VerifierOption{sgverify.WithTransparencyLog(1), sgverify.WithObserverTimestamps(1)}
	if len(tr.root.CTLogs()) > 0 {
		opts = append(opts, sgverify.WithSignedCertificateTimestamps(1))
	}
	v, err := sgverify.NewVerifier(tr.root, opts...)
	if err != nil {
		return Signature{}, fmt.Errorf("build verifier: %w", err)
	}
	popts := make([]sgverify.PolicyOption, 0, len(tr.identities))
	for _, id := range tr.identities {
		ci, err := sgverify.NewShortCertificateIdentity(id.Issuer, id.IssuerRegexp, id.Subject, id.SubjectRegexp)
		if err != nil {
			return Signature{}, fmt.Errorf("identity %s: %w", id, err)
		}
		popts = append(popts, sgverify.WithCertificateIdentity(ci))
	}
	res, err := v.Verify(fb.b, sgverify.NewPolicy(artifact, popts...))
	if err == nil {
		err = checkStatement(res)
	}
	if err != nil {
		return Signature{}, fmt.Errorf("certificate %s: %w", certName(leaf), err)
	}
	out.Subject, out.Issuer = certIdentity(leaf)
	return out, nil
}

// checkStatement accepts a DSSE statement only when it is a cosign signature (not some other
// attestation about the same digest); a plain message signature over the digest is accepted.
func checkStatement(res *sgverify.VerificationResult) error {
	if res.Statement == nil {
		return nil
	}
	if pt := res.Statement.GetPredicateType(); pt != CosignSignPredicateType {
		return fmt.Errorf("bundle is an attestation of type %q, not a signature (%s)", pt, CosignSignPredicateType)
	}
	return nil
}
