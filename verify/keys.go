package verify

import (
	"context"
	"crypto"
	"fmt"
	"os"
	"strings"

	"github.com/sigstore/sigstore-go/pkg/root"
	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/signature"
)

// LoadPublicKey loads a cosign public key (PEM, as written by cosign generate-key-pair) from a
// file, or from the string itself when it holds PEM. Key management URIs (KMS, URLs) are not
// supported: verification must work offline.
func LoadPublicKey(k string) (signature.Verifier, error) {
	var pemBytes []byte
	if strings.Contains(k, "-----BEGIN") {
		pemBytes = []byte(k)
	} else {
		if strings.Contains(k, "://") {
			return nil, fmt.Errorf("load public key %q: only key files and inline PEM are supported", k)
		}
		b, err := os.ReadFile(k)
		if err != nil {
			return nil, fmt.Errorf("load public key: %w", err)
		}
		pemBytes = b
	}
	pub, err := cryptoutils.UnmarshalPEMToPublicKey(pemBytes)
	if err != nil {
		return nil, fmt.Errorf("load public key %s: %w", keyName(k), err)
	}
	// cosign hashes with SHA-256 for every key type it verifies with a public key.
	v, err := signature.LoadVerifier(pub, crypto.SHA256)
	if err != nil {
		return nil, fmt.Errorf("load public key %s: %w", keyName(k), err)
	}
	return v, nil
}

// loadTrustedRoot reads a pinned trusted_root.json, or fetches the public-good root when path is empty.
func loadTrustedRoot(ctx context.Context, path string, fetch func(context.Context) (root.TrustedMaterial, error)) (root.TrustedMaterial, error) {
	if path == "" {
		tm, err := fetch(ctx)
		if err != nil {
			return nil, fmt.Errorf("fetch Sigstore trusted root (tuf): %w", err)
		}
		return tm, nil
	}
	tr, err := root.NewTrustedRootFromPath(path)
	if err != nil {
		return nil, fmt.Errorf("load trusted root %s: %w", path, err)
	}
	return tr, nil
}

// fetchPublicGoodRoot fetches Sigstore's public-good trusted root over TUF (network).
func fetchPublicGoodRoot(ctx context.Context) (root.TrustedMaterial, error) {
	type result struct {
		tr  *root.TrustedRoot
		err error
	}
	ch := make(chan result, 1)
	go func() {
		tr, err := root.FetchTrustedRoot()
		ch <- result{tr, err}
	}()
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case r := <-ch:
		return r.tr, r.err
	}
}
