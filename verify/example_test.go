package verify_test

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/signature"
	"oras.land/oras-go/v2"
	"oras.land/oras-go/v2/content"
	"oras.land/oras-go/v2/content/memory"

	"github.com/aerie-sec/aerie/verify"
	"github.com/aerie-sec/aerie/verify/sign"
)

// Example signs an artifact held in memory with a fresh key, then checks it against a policy that
// requires that key for everything under ghcr.io/falcosecurity/.
func Example() {
	ctx := context.Background()
	store := memory.New()
	desc := examplePush(store, "rules v1")

	priv, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	signer, _ := signature.LoadECDSASignerVerifier(priv, crypto.SHA256)
	pub, _ := cryptoutils.MarshalPublicKeyToPEM(priv.Public())
	dir, _ := os.MkdirTemp("", "verify-example")
	defer os.RemoveAll(dir)
	keyFile := filepath.Join(dir, "cosign.pub")
	_ = os.WriteFile(keyFile, pub, 0o644)

	if _, err := sign.Sign(ctx, store, "ghcr.io/falcosecurity/rules/falco-rules", desc, signer, sign.Options{}); err != nil {
		fmt.Println(err)
		return
	}
	v, err := verify.New(ctx, []verify.Rule{{Name: "falcosecurity", Match: "ghcr.io/falcosecurity/**", Keys: []string{keyFile}}}, nil, verify.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := v.Check(ctx, store, "ghcr.io/falcosecurity/rules/falco-rules:5", desc)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Verified, res.Rule, res.Signatures[0].Layout)

	// Another digest of the same repository has no signature: refused.
	other := examplePush(store, "rules v2")
	_, err = v.Check(ctx, store, "ghcr.io/falcosecurity/rules/falco-rules:5", other)
	fmt.Println(errors.Is(err, verify.ErrUnsigned))
	// Output:
	// true falcosecurity legacy-tag
	// true
}

func examplePush(store oras.Target, layer string) ocispec.Descriptor {
	ctx := context.Background()
	l := content.NewDescriptorFromBytes("application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz", []byte(layer))
	_ = store.Push(ctx, l, strings.NewReader(layer))
	desc, _ := oras.PackManifest(ctx, store, oras.PackManifestVersion1_1, "application/vnd.cncf.falco.rulesfile.config.v1+json",
		oras.PackManifestOptions{Layers: []ocispec.Descriptor{l}})
	return desc
}

func ExampleRepositoryOf() {
	repo, _ := verify.RepositoryOf("ghcr.io/falcosecurity/rules/falco-rules:3")
	fmt.Println(repo)
	// Output: ghcr.io/falcosecurity/rules/falco-rules
}
