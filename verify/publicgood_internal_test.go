package verify

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/opencontainers/go-digest"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"github.com/sigstore/sigstore-go/pkg/bundle"
	"github.com/sigstore/sigstore-go/pkg/root"
)

// TestPublicGoodBundle runs the keyless bundle path on a real public-good bundle (Fulcio certificate
// with embedded SCT, Rekor inclusion promise) against the pinned public-good trusted root, offline.
// The bundle is a SLSA provenance attestation, not a cosign signature: full cryptographic
// verification must pass and only the predicate type check must refuse it.
func TestPublicGoodBundle(t *testing.T) {
	raw, err := os.ReadFile("testdata/public-good/bundle-provenance.json")
	if err != nil {
		t.Fatal(err)
	}
	var b bundle.Bundle
	if err := b.UnmarshalJSON(raw); err != nil {
		t.Fatal(err)
	}
	tr, err := root.NewTrustedRootFromPath("testdata/public-good/trusted-root-public-good.json")
	if err != nil {
		t.Fatal(err)
	}
	desc := ocispec.Descriptor{MediaType: ocispec.MediaTypeImageManifest,
		Digest: digest.Digest("sha512:76176ffa33808b54602c7c35de5c6e9a4deb96066dba6533f50ac234f4f1f4c6b3527515dc17c06fbe2860030f410eee69ea20079bd3a2c6f3dcf3b329b10751")}
	const issuer = "https://token.actions.githubusercontent.com"
	tests := []struct {
		name string
		id   Identity
		desc ocispec.Descriptor
		want string
	}{
		{"real identity: crypto passes, predicate refused", Identity{SubjectRegexp: "^https://github.com/sigstore/sigstore-js/", Issuer: issuer}, desc,
			`bundle is an attestation of type "https://slsa.dev/provenance/v0.2"`},
		{"wrong identity", Identity{SubjectRegexp: "^https://github.com/falcosecurity/", Issuer: issuer}, desc, "no matching CertificateIdentity"},
		{"wrong issuer", Identity{SubjectRegexp: "^https://github.com/sigstore/sigstore-js/", Issuer: "https://accounts.google.com"}, desc, "no matching CertificateIdentity"},
		{"other digest", Identity{SubjectRegexp: "^https://github.com/sigstore/sigstore-js/", Issuer: issuer},
			ocispec.Descriptor{Digest: digest.Digest("sha512:" + strings.Repeat("0", 128))}, "provided artifact digest does not match any digest in statement"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tru := &trust{source: "test", identities: []Identity{tc.id}, root: tr}
			_, err := verifyBundle(context.Background(), foundBundle{manifest: "sha256:x", b: &b}, tc.desc, tru)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("verifyBundle error = %v; want %q", err, tc.want)
			}
		})
	}
}
