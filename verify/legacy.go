package verify

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/opencontainers/go-digest"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	cbundle "github.com/sigstore/cosign/v2/pkg/cosign/bundle"
	"github.com/sigstore/cosign/v2/pkg/oci"
	"github.com/sigstore/cosign/v2/pkg/oci/static"
	"github.com/sigstore/sigstore-go/pkg/fulcio/certificate"
	"oras.land/oras-go/v2"
	"oras.land/oras-go/v2/content"
	"oras.land/oras-go/v2/errdef"

	"github.com/sigstore/cosign/v2/pkg/cosign"
)

// Media types and annotations of cosign's legacy layout.
const (
	// SimpleSigningMediaType is the layer media type of a legacy cosign signature payload.
	SimpleSigningMediaType = "application/vnd.dev.cosign.simplesigning.v1+json"

	annSignature   = "dev.cosignproject.cosign/signature"
	annCertificate = "dev.sigstore.cosign/certificate"
	annChain       = "dev.sigstore.cosign/chain"
	annBundle      = "dev.sigstore.cosign/bundle"
	annTimestamp   = "dev.sigstore.cosign/rfc3161timestamp"
)

// Size limits for what is read from a registry while verifying.
const (
	maxManifestSize = 4 << 20
	maxPayloadSize  = 1 << 20
	maxBundleSize   = 4 << 20
)

// LegacyTag is the tag cosign's legacy layout stores the signatures of d under: sha256-<hex>.sig.
func LegacyTag(d digest.Digest) string { return legacyTag(d) }

func legacyTag(d digest.Digest) string { return d.Algorithm().String() + "-" + d.Encoded() + ".sig" }

// legacySig is one layer of a legacy signature manifest.
type legacySig struct {
	layout Layout // LayoutLegacy or LayoutSimpleReferrer
	tag    string // the .sig tag, or the referrer manifest digest
	index  int
	sig    oci.Signature
	err    error
}

// fetchLimited fetches desc from src after checking its declared size against limit;
// content.FetchAll checks the digest.
func fetchLimited(ctx context.Context, src content.Fetcher, desc ocispec.Descriptor, limit int64) ([]byte, error) {
	if desc.Size > limit || desc.Size < 0 {
		return nil, fmt.Errorf("fetch %s: size %d exceeds the limit of %d bytes", desc.Digest, desc.Size, limit)
	}
	b, err := content.FetchAll(ctx, src, desc)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", desc.Digest, err)
	}
	return b, nil
}

// fetchLegacy reads the signature manifest tagged sha256-<hex>.sig, if any.
func fetchLegacy(ctx context.Context, src oras.ReadOnlyGraphTarget, desc ocispec.Descriptor) ([]legacySig, error) {
	tag := legacyTag(desc.Digest)
	sd, err := src.Resolve(ctx, tag)
	if err != nil {
		if errors.Is(err, errdef.ErrNotFound) {
			return nil, nil
		}
		return nil, fmt.Errorf("resolve signature tag %s: %w", tag, err)
	}
	b, err := fetchLimited(ctx, src, sd, maxManifestSize)
	if err != nil {
		return nil, fmt.Errorf("read signature manifest %s: %w", tag, err)
	}
	var m ocispec.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return []legacySig{{layout: LayoutLegacy, tag: tag, err: fmt.Errorf("decode signature manifest: %w", err)}}, nil
	}
	var out []legacySig
	for i, l := range m.Layers {
		if l.MediaType != SimpleSigningMediaType {
			continue
		}
		ls := legacySig{layout: LayoutLegacy, tag: tag, index: i}
		ls.sig, ls.err = legacyLayer(ctx, src, l)
		out = append(out, ls)
	}
	return out, nil
}

// legacyLayer turns one simple-signing layer and its annotations into a cosign signature.
func legacyLayer(ctx context.Context, src content.Fetcher, l ocispec.Descriptor) (oci.Signature, error) {
	payload, err := fetchLimited(ctx, src, l, maxPayloadSize)
	if err != nil {
		return nil, err
	}
	b64 := l.Annotations[annSignature]
	if b64 == "" {
		return nil, fmt.Errorf("layer has no %s annotation", annSignature)
	}
	var opts []static.Option
	if cert := l.Annotations[annCertificate]; cert != "" {
		opts = append(opts, static.WithCertChain([]byte(cert), []byte(l.Annotations[annChain])))
	}
	if s := l.Annotations[annBundle]; s != "" {
		var rb cbundle.RekorBundle
		if err := json.Unmarshal([]byte(s), &rb); err != nil {
			return nil, fmt.Errorf("decode %s annotation: %w", annBundle, err)
		}
		opts = append(opts, static.WithBundle(&rb))
	}
	if s := l.Annotations[annTimestamp]; s != "" {
		var ts cbundle.RFC3161Timestamp
		if err := json.Unmarshal([]byte(s), &ts); err != nil {
			return nil, fmt.Errorf("decode %s annotation: %w", annTimestamp, err)
		}
		opts = append(opts, static.WithRFC3161Timestamp(&ts))
	}
	return static.NewSignature(payload, b64, opts...)
}

// verifyLegacy checks one legacy signature against tr with cosign's verifier; the claim verifier
// checks that the payload names desc's digest.
func verifyLegacy(ctx context.Context, ls legacySig, desc ocispec.Descriptor, tr *trust) (Signature, error) {
	if ls.err != nil {
		return Signature{}, ls.err
	}
	h := v1.Hash{Algorithm: desc.Digest.Algorithm().String(), Hex: desc.Digest.Encoded()}
	cert, err := ls.sig.Cert()
	if err != nil {
		return Signature{}, fmt.Errorf("decode certificate: %w", err)
	}
	out := Signature{Layout: ls.layout, Location: ls.tag}
	if cert == nil {
		if len(tr.keys) == 0 {
			return Signature{}, fmt.Errorf("signed with a key, but %s accepts only keyless identities", tr.source)
		}
		var errs []error
		for _, k := range tr.keys {
			co := &cosign.CheckOpts{SigVerifier: k.v, IgnoreTlog: true, IgnoreSCT: true, ClaimVerifier: cosign.SimpleClaimVerifier}
			if _, err := cosign.VerifyImageSignature(ctx, ls.sig, h, co); err != nil {
				errs = append(errs, fmt.Errorf("key %s: %w", k.name, err))
				continue
			}
			out.Key = k.name
			return out, nil
		}
		return Signature{}, errors.Join(errs...)
	}
	if len(tr.identities) == 0 {
		return Signature{}, fmt.Errorf("keyless signature by %s, but %s accepts only keys", certName(cert), tr.source)
	}
	if tr.root == nil {
		return Signature{}, fmt.Errorf("keyless signature by %s needs a trusted root: set trusted_root (offline) or tuf: true in a policy rule matching the repository", certName(cert))
	}
	rb, err := ls.sig.Bundle()
	if err != nil {
		return Signature{}, err
	}
	ts, err := ls.sig.RFC3161Timestamp()
	if err != nil {
		return Signature{}, err
	}
	ids := make([]cosign.Identity, 0, len(tr.identities))
	for _, id := range tr.identities {
		ids = append(ids, cosign.Identity{Subject: id.Subject, SubjectRegExp: id.SubjectRegexp, Issuer: id.Issuer, IssuerRegExp: id.IssuerRegexp})
	}
	co := &cosign.CheckOpts{
		TrustedMaterial: tr.root,
		Identities:      ids,
		ClaimVerifier:   cosign.SimpleClaimVerifier,
		// Time evidence must come with the signature: its Rekor bundle (SET), or an RFC 3161
		// timestamp when there is no bundle. Never look anything up online.
		Offline:             true,
		IgnoreTlog:          rb == nil && ts != nil,
		UseSignedTimestamps: ts != nil,
		IgnoreSCT:           len(tr.root.CTLogs()) == 0,
	}
	if _, err := cosign.VerifyImageSignature(ctx, ls.sig, h, co); err != nil {
		return Signature{}, fmt.Errorf("certificate %s: %w", certName(cert), err)
	}
	out.Subject, out.Issuer = certIdentity(cert)
	return out, nil
}

// certIdentity returns a Fulcio certificate's subject (SAN) and OIDC issuer.
func certIdentity(cert *x509.Certificate) (subject, issuer string) {
	s, err := certificate.SummarizeCertificate(cert)
	if err != nil {
		return cert.Subject.String(), ""
	}
	return s.SubjectAlternativeName, s.Issuer
}

func certName(cert *x509.Certificate) string {
	s, i := certIdentity(cert)
	return fmt.Sprintf("%q (issuer %q)", s, i)
}
