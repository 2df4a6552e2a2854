// Package sign writes cosign signatures of an artifact's root manifest digest with a key pair, in
// either layout cosign reads: the legacy sha256-<hex>.sig tag (simple-signing payload, the cosign
// v2 default) or a Sigstore bundle v0.3 attached as an OCI referrer (the cosign v3 default).
//
// It signs a digest, never a tag, and works offline: nothing is uploaded to a transparency log.
// Keyless signing needs Fulcio and Rekor and is out of scope.
package sign

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/opencontainers/go-digest"
	"github.com/opencontainers/image-spec/specs-go"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"github.com/sigstore/cosign/v2/pkg/cosign"
	protocommon "github.com/sigstore/protobuf-specs/gen/pb-go/common/v1"
	"github.com/sigstore/sigstore-go/pkg/bundle"
	sgsign "github.com/sigstore/sigstore-go/pkg/sign"
	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/signature"
	"github.com/sigstore/sigstore/pkg/signature/options"
	"oras.land/oras-go/v2"
	"oras.land/oras-go/v2/content"
	"oras.land/oras-go/v2/errdef"

	"github.com/aerie-sec/aerie/verify"
)

// Options are per-call settings; the zero value writes the legacy layout.
type Options struct {
	// Bundle writes a Sigstore bundle referrer instead of the legacy .sig tag.
	Bundle bool
	// Annotations are added to the legacy payload's "optional" section (cosign sign -a key=value).
	Annotations map[string]string
	// Now stamps the referrer's org.opencontainers.image.created annotation; nil means time.Now.
	Now func() time.Time
}

// Result says what was written.
type Result struct {
	Layout verify.Layout `json:"layout" yaml:"layout"`
	// Digest is the signed root digest.
	Digest digest.Digest `json:"digest" yaml:"digest"`
	// Location is the .sig tag or the referrer manifest digest.
	Location string `json:"location" yaml:"location"`
	// Unchanged is true when an identical signature by the same key was already there.
	Unchanged bool `json:"unchanged,omitempty" yaml:"unchanged,omitempty"`
}

// LoadPrivateKey decrypts a cosign private key file (cosign generate-key-pair) with the password
// that password returns; password is called only once the file has been read.
func LoadPrivateKey(path string, password func() ([]byte, error)) (signature.SignerVerifier, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load private key: %w", err)
	}
	pw, err := password()
	if err != nil {
		return nil, fmt.Errorf("load private key %s: read password: %w", path, err)
	}
	sv, err := cosign.LoadPrivateKey(b, pw, nil)
	if err != nil {
		return nil, fmt.Errorf("load private key %s: %w", path, err)
	}
	return sv, nil
}

// Sign signs desc, the root manifest or index of an artifact in dst, and stores the signature in
// dst. repository ("registry/repository") is written into the legacy payload's docker-reference;
// verifiers check the digest, not the name.
func Sign(ctx context.Context, dst oras.GraphTarget, repository string, desc ocispec.Descriptor, signer signature.SignerVerifier, opts Options) (*Result, error) {
	if desc.Digest.Algorithm() != digest.SHA256 {
		return nil, fmt.Errorf("sign %s: unsupported digest algorithm", desc.Digest)
	}
	subject := ocispec.Descriptor{MediaType: desc.MediaType, Digest: desc.Digest, Size: desc.Size}
	if opts.Bundle {
		return signBundle(ctx, dst, subject, signer, opts)
	}
	return signLegacy(ctx, dst, repository, subject, signer, opts)
}

// simpleSigning is the Red Hat simple-signing payload cosign signs.
type simpleSigning struct {
	Critical struct {
		Identity struct {
			DockerReference string `json:"docker-reference"`
		} `json:"identity"`
		Image struct {
			DockerManifestDigest string `json:"docker-manifest-digest"`
		} `json:"image"`
		Type string `json:"type"`
	} `json:"critical"`
	Optional map[string]string `json:"optional"`
}

func signLegacy(ctx context.Context, dst oras.GraphTarget, repository string, subject ocispec.Descriptor, signer signature.SignerVerifier, opts Options) (*Result, error) {
	tag := verify.LegacyTag(subject.Digest)
	res := &Result{Layout: verify.LayoutLegacy, Digest: subject.Digest, Location: tag}

	var p simpleSigning
	p.Critical.Identity.DockerReference = repository
	p.Critical.Image.DockerManifestDigest = subject.Digest.String()
	p.Critical.Type = "cosign container image signature"
	if len(opts.Annotations) > 0 {
		p.Optional = opts.Annotations
	}
	payload, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("encode payload: %w", err)
	}

	// Read-modify-write of the .sig tag: append to the signatures already there.
	var m ocispec.Manifest
	existing, err := dst.Resolve(ctx, tag)
	switch {
	case errors.Is(err, errdef.ErrNotFound):
		m = ocispec.Manifest{Versioned: specs.Versioned{SchemaVersion: 2}, MediaType: ocispec.MediaTypeImageManifest}
	case err != nil:
		return nil, fmt.Errorf("resolve %s: %w", tag, err)
	default:
		b, err := content.FetchAll(ctx, dst, existing)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", tag, err)
		}
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("decode %s: %w", tag, err)
		}
		if signedBy(m, payload, signer) {
			res.Unchanged = true
			return res, nil
		}
	}

	sig, err := signer.SignMessage(bytes.NewReader(payload), options.WithContext(ctx))
	if err != nil {
		return nil, fmt.Errorf("sign payload: %w", err)
	}
	layer, err := pushBlob(ctx, dst, verify.SimpleSigningMediaType, payload)
	if err != nil {
		return nil, err
	}
	layer.Annotations = map[string]string{"dev.cosignproject.cosign/signature": base64.StdEncoding.EncodeToString(sig)}
	m.Layers = append(m.Layers, layer)

	diffIDs := make([]digest.Digest, 0, len(m.Layers))
	for _, l := range m.Layers {
		diffIDs = append(diffIDs, l.Digest)
	}
	cfg := ocispec.Image{
		RootFS:  ocispec.RootFS{Type: "layers", DiffIDs: diffIDs},
		History: []ocispec.History{{Created: &time.Time{}}},
		Created: &time.Time{},
	}
	cfgBytes, err := json.Marshal(cfg)
	if err != nil {
		return nil, fmt.Errorf("encode signature config: %w", err)
	}
	m.Config, err = pushBlob(ctx, dst, ocispec.MediaTypeImageConfig, cfgBytes)
	if err != nil {
		return nil, err
	}
	mb, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("encode signature manifest: %w", err)
	}
	if _, err := oras.TagBytes(ctx, dst, ocispec.MediaTypeImageManifest, mb, tag); err != nil {
		return nil, fmt.Errorf("push %s: %w", tag, err)
	}
	return res, nil
}

// signedBy reports whether m already holds a signature of payload by signer's key.
func signedBy(m ocispec.Manifest, payload []byte, signer signature.SignerVerifier) bool {
	pd := digest.FromBytes(payload)
	for _, l := range m.Layers {
		if l.Digest != pd {
			continue
		}
		sig, err := base64.StdEncoding.DecodeString(l.Annotations["dev.cosignproject.cosign/signature"])
		if err != nil {
			continue
		}
		if signer.VerifySignature(bytes.NewReader(sig), bytes.NewReader(payload)) == nil {
			return true
		}
	}
	return false
}

func pushBlob(ctx context.Context, dst oras.GraphTarget, mediaType string, b []byte) (ocispec.Descriptor, error) {
	d := content.NewDescriptorFromBytes(mediaType, b)
	if ok, err := dst.Exists(ctx, d); err == nil && ok {
		return d, nil
	}
	if err := dst.Push(ctx, d, bytes.NewReader(b)); err != nil && !errors.Is(err, errdef.ErrAlreadyExists) {
		return ocispec.Descriptor{}, fmt.Errorf("push %s blob %s: %w", mediaType, d.Digest, err)
	}
	return d, nil
}

// statement is the in-toto statement cosign signs in the bundle layout.
type statement struct {
	Type          string      `json:"_type"`
	Subject       []stSubject `json:"subject"`
	PredicateType string      `json:"predicateType"`
}

type stSubject struct {
	Digest map[string]string `json:"digest"`
}

func signBundle(ctx context.Context, dst oras.GraphTarget, subject ocispec.Descriptor, signer signature.SignerVerifier, opts Options) (*Result, error) {
	st := statement{
		Type:          "https://in-toto.io/Statement/v1",
		Subject:       []stSubject{{Digest: map[string]string{subject.Digest.Algorithm().String(): subject.Digest.Encoded()}}},
		PredicateType: verify.CosignSignPredicateType,
	}
	payload, err := json.Marshal(st)
	if err != nil {
		return nil, fmt.Errorf("encode statement: %w", err)
	}
	kp, err := newKeypair(signer)
	if err != nil {
		return nil, err
	}
	pb, err := sgsign.Bundle(&sgsign.DSSEData{Data: payload, PayloadType: "application/vnd.in-toto+json"}, kp, sgsign.BundleOptions{Context: ctx})
	if err != nil {
		return nil, fmt.Errorf("sign bundle: %w", err)
	}
	bj, err := (&bundle.Bundle{Bundle: pb}).MarshalJSON()
	if err != nil {
		return nil, fmt.Errorf("encode bundle: %w", err)
	}
	return AttachBundle(ctx, dst, subject, bj, opts)
}

// AttachBundle attaches a Sigstore bundle (JSON) to subject as an OCI referrer the way cosign
// does: an image manifest with artifactType and layer media type [verify.BundleMediaType].
// Registries without the referrers API get the sha256-<hex> fallback tag (oras-go maintains it).
func AttachBundle(ctx context.Context, dst oras.GraphTarget, subject ocispec.Descriptor, bundleJSON []byte, opts Options) (*Result, error) {
	subject = ocispec.Descriptor{MediaType: subject.MediaType, Digest: subject.Digest, Size: subject.Size}
	layer, err := pushBlob(ctx, dst, verify.BundleMediaType, bundleJSON)
	if err != nil {
		return nil, err
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	md, err := oras.PackManifest(ctx, dst, oras.PackManifestVersion1_1, verify.BundleMediaType, oras.PackManifestOptions{
		Subject: &subject,
		Layers:  []ocispec.Descriptor{layer},
		ManifestAnnotations: map[string]string{
			ocispec.AnnotationCreated:           now().UTC().Format(time.RFC3339),
			"dev.sigstore.bundle.content":       "dsse-envelope",
			"dev.sigstore.bundle.predicateType": verify.CosignSignPredicateType,
		},
	})
	if err != nil {
		return nil, fmt.Errorf("push bundle referrer of %s: %w", subject.Digest, err)
	}
	return &Result{Layout: verify.LayoutBundle, Digest: subject.Digest, Location: md.Digest.String()}, nil
}

// keypair adapts a cosign key to sigstore-go's sign.Keypair.
type keypair struct {
	sv   signature.SignerVerifier
	pub  crypto.PublicKey
	hint []byte
	alg  signature.AlgorithmDetails
	kind string
}

func newKeypair(sv signature.SignerVerifier) (*keypair, error) {
	pub, err := sv.PublicKey()
	if err != nil {
		return nil, fmt.Errorf("read public key: %w", err)
	}
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, fmt.Errorf("encode public key: %w", err)
	}
	sum := sha256.Sum256(der)
	k := &keypair{sv: sv, pub: pub, hint: []byte(base64.StdEncoding.EncodeToString(sum[:]))}
	switch pub.(type) {
	case *ecdsa.PublicKey:
		k.kind = "ECDSA"
	case *rsa.PublicKey:
		k.kind = "RSA"
	case ed25519.PublicKey:
		k.kind = "ED25519"
	default:
		return nil, fmt.Errorf("unsupported key type %T", pub)
	}
	k.alg, err = signature.GetDefaultAlgorithmDetails(pub)
	if err != nil {
		return nil, fmt.Errorf("key algorithm: %w", err)
	}
	return k, nil
}

func (k *keypair) GetHashAlgorithm() protocommon.HashAlgorithm { return k.alg.GetProtoHashType() }
func (k *keypair) GetSigningAlgorithm() protocommon.PublicKeyDetails {
	return k.alg.GetSignatureAlgorithm()
}
func (k *keypair) GetHint() []byte                { return k.hint }
func (k *keypair) GetKeyAlgorithm() string        { return k.kind }
func (k *keypair) GetPublicKey() crypto.PublicKey { return k.pub }
func (k *keypair) GetPublicKeyPem() (string, error) {
	b, err := cryptoutils.MarshalPublicKeyToPEM(k.pub)
	return string(b), err
}

// SignData signs data (hashing it first, as sigstore-go expects) and returns the signature and digest.
func (k *keypair) SignData(ctx context.Context, data []byte) ([]byte, []byte, error) {
	d := data
	sopts := []signature.SignOption{options.WithContext(ctx)}
	if hf := k.alg.GetHashType(); hf != crypto.Hash(0) {
		h := hf.New()
		h.Write(data)
		d = h.Sum(nil)
		sopts = append(sopts, options.WithDigest(d))
	}
	sig, err := k.sv.SignMessage(bytes.NewReader(data), sopts...)
	if err != nil {
		return nil, nil, err
	}
	return sig, d, nil
}
