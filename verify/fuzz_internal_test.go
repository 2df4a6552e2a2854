package verify

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"os"
	"testing"

	"github.com/opencontainers/go-digest"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"github.com/sigstore/sigstore-go/pkg/bundle"
	"github.com/sigstore/sigstore-go/pkg/root"
	"github.com/sigstore/sigstore/pkg/signature"
)

// FuzzBundle feeds arbitrary bytes, as a registry could serve them, through bundle decoding and
// both verification paths (key and keyless): errors are fine, panics are not.
func FuzzBundle(f *testing.F) {
	seed, err := os.ReadFile("testdata/public-good/bundle-provenance.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}`))
	f.Add([]byte(`{}`))
	tr, err := root.NewTrustedRootFromPath("testdata/public-good/trusted-root-public-good.json")
	if err != nil {
		f.Fatal(err)
	}
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		f.Fatal(err)
	}
	kv, err := signature.LoadVerifier(priv.Public(), crypto.SHA256)
	if err != nil {
		f.Fatal(err)
	}
	tru := &trust{source: "fuzz", keys: []key{{name: "k", v: kv}}, root: tr,
		identities: []Identity{{SubjectRegexp: ".", IssuerRegexp: "."}}}
	desc := ocispec.Descriptor{MediaType: ocispec.MediaTypeImageManifest, Digest: digest.FromString("x")}
	f.Fuzz(func(t *testing.T, data []byte) {
		var b bundle.Bundle
		if err := b.UnmarshalJSON(data); err != nil {
			return
		}
		if _, err := verifyBundle(context.Background(), foundBundle{manifest: "sha256:x", b: &b}, desc, tru); err == nil {
			t.Fatal("a fuzzed bundle verified")
		}
	})
}
