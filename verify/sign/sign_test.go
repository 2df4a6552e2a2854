package sign_test

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opencontainers/go-digest"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"github.com/secure-systems-lab/go-securesystemslib/encrypted"
	"github.com/sigstore/cosign/v2/pkg/cosign"
	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/signature"
	"oras.land/oras-go/v2"
	"oras.land/oras-go/v2/content"
	"oras.land/oras-go/v2/content/memory"

	"github.com/aerie-sec/aerie/verify"
	"github.com/aerie-sec/aerie/verify/sign"
)

func push(t *testing.T, store oras.Target, layer string) ocispec.Descriptor {
	t.Helper()
	ctx := context.Background()
	l := content.NewDescriptorFromBytes("application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz", []byte(layer))
	if err := store.Push(ctx, l, strings.NewReader(layer)); err != nil {
		t.Fatal(err)
	}
	desc, err := oras.PackManifest(ctx, store, oras.PackManifestVersion1_1, "application/vnd.cncf.falco.rulesfile.config.v1+json",
		oras.PackManifestOptions{Layers: []ocispec.Descriptor{l}})
	if err != nil {
		t.Fatal(err)
	}
	return desc
}

// cosignKeyFile writes a private key in cosign's encrypted format (as cosign generate-key-pair
// does), with scrypt's lighter "legacy" cost so the test stays fast under -race.
func cosignKeyFile(t *testing.T, password string) string {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	enc, err := encrypted.EncryptWithCustomKDFParameters(der, []byte(password), encrypted.Legacy)
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "cosign.key")
	if err := os.WriteFile(f, pem.EncodeToMemory(&pem.Block{Type: cosign.SigstorePrivateKeyPemType, Bytes: enc}), 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}

// rawKey is an unencrypted ECDSA P-256 signer and its public key file (no scrypt: fast under -race).
func rawKey(t *testing.T) (signature.SignerVerifier, string) {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	sv, err := signature.LoadECDSASignerVerifier(priv, crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	pemBytes, err := cryptoutils.MarshalPublicKeyToPEM(priv.Public())
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "key.pub")
	if err := os.WriteFile(f, pemBytes, 0o644); err != nil {
		t.Fatal(err)
	}
	return sv, f
}

func TestLoadPrivateKey(t *testing.T) {
	priv := cosignKeyFile(t, "s3cret")
	pw := func(p string) func() ([]byte, error) { return func() ([]byte, error) { return []byte(p), nil } }
	tests := []struct {
		name, path, password, wantErr string
	}{
		{"right password", priv, "s3cret", ""},
		{"wrong password", priv, "nope", "decrypt"},
		{"missing file", "/nonexistent/cosign.key", "s3cret", "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := sign.LoadPrivateKey(tc.path, pw(tc.password))
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("LoadPrivateKey error = %v; want %q", err, tc.wantErr)
			}
		})
	}
}

// TestLegacyPayload checks the simple-signing payload and that a second key appends a layer.
func TestLegacyPayload(t *testing.T) {
	ctx := context.Background()
	store := memory.New()
	desc := push(t, store, "rules")
	s1, pub1 := rawKey(t)
	s2, _ := rawKey(t)
	if _, err := sign.Sign(ctx, store, "example.com/falco/rules", desc, s1, sign.Options{Annotations: map[string]string{"build": "42"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := sign.Sign(ctx, store, "example.com/falco/rules", desc, s2, sign.Options{}); err != nil {
		t.Fatal(err)
	}
	sd, err := store.Resolve(ctx, verify.LegacyTag(desc.Digest))
	if err != nil {
		t.Fatal(err)
	}
	mb, err := content.FetchAll(ctx, store, sd)
	if err != nil {
		t.Fatal(err)
	}
	var m ocispec.Manifest
	if err := json.Unmarshal(mb, &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Layers) != 2 || m.Config.MediaType != ocispec.MediaTypeImageConfig {
		t.Fatalf("signature manifest = %s", mb)
	}
	payload, err := content.FetchAll(ctx, store, m.Layers[0])
	if err != nil {
		t.Fatal(err)
	}
	want := `{"critical":{"identity":{"docker-reference":"example.com/falco/rules"},"image":{"docker-manifest-digest":"` +
		desc.Digest.String() + `"},"type":"cosign container image signature"},"optional":{"build":"42"}}`
	if string(payload) != want {
		t.Fatalf("payload\n got %s\nwant %s", payload, want)
	}
	v, err := verify.New(ctx, []verify.Rule{{Name: "k1", Match: "**", Keys: []string{pub1}}}, nil, verify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Check(ctx, store, "example.com/falco/rules:1", desc); err != nil {
		t.Fatalf("first key's signature lost after the second was appended: %v", err)
	}
}

func TestSignRefusesOtherDigests(t *testing.T) {
	s, _ := rawKey(t)
	desc := ocispec.Descriptor{MediaType: ocispec.MediaTypeImageManifest, Digest: digest.Digest("sha512:" + strings.Repeat("0", 128)), Size: 1}
	if _, err := sign.Sign(context.Background(), memory.New(), "x/y", desc, s, sign.Options{}); err == nil {
		t.Fatal("signed a sha512 digest")
	}
}
