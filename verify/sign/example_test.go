package sign_test

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"fmt"
	"strings"

	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"github.com/sigstore/sigstore/pkg/signature"
	"oras.land/oras-go/v2"
	"oras.land/oras-go/v2/content"
	"oras.land/oras-go/v2/content/memory"

	"github.com/aerie-sec/aerie/verify/sign"
)

// ExampleSign signs an artifact's digest in both layouts.
func ExampleSign() {
	ctx := context.Background()
	store := memory.New()
	l := content.NewDescriptorFromBytes("application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz", []byte("rules"))
	_ = store.Push(ctx, l, strings.NewReader("rules"))
	desc, _ := oras.PackManifest(ctx, store, oras.PackManifestVersion1_1, "application/vnd.cncf.falco.rulesfile.config.v1+json",
		oras.PackManifestOptions{Layers: []ocispec.Descriptor{l}})

	priv, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	signer, _ := signature.LoadECDSASignerVerifier(priv, crypto.SHA256)
	legacy, err := sign.Sign(ctx, store, "localhost:5000/rules/falco-rules", desc, signer, sign.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	bundle, err := sign.Sign(ctx, store, "localhost:5000/rules/falco-rules", desc, signer, sign.Options{Bundle: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(legacy.Layout, legacy.Location == "sha256-"+desc.Digest.Encoded()+".sig")
	fmt.Println(bundle.Layout, bundle.Digest == desc.Digest)
	// Output:
	// legacy-tag true
	// bundle-referrer true
}
