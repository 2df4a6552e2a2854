package verify_test

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	ggcr "github.com/google/go-containerregistry/pkg/registry"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/signature"
	"oras.land/oras-go/v2"
	"oras.land/oras-go/v2/content"
	"oras.land/oras-go/v2/registry/remote"
)

// Falco rulesfile media types (falcoctl wire format).
const (
	rulesConfigType = "application/vnd.cncf.falco.rulesfile.config.v1+json"
	rulesLayerType  = "application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz"
)

// testRegistry is an in-process go-containerregistry registry on a loopback listener.
type testRegistry struct {
	host     string
	requests atomic.Int64
}

// newRegistry starts a registry; referrers enables the native referrers API (else clients use
// the sha256-<hex> tag fallback, like distribution and Debian's docker-registry).
func newRegistry(t testing.TB, referrers bool) *testRegistry {
	t.Helper()
	tr := &testRegistry{}
	h := ggcr.New(ggcr.Logger(log.New(io.Discard, "", 0)), ggcr.WithReferrersSupport(referrers))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tr.requests.Add(1)
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	tr.host = strings.TrimPrefix(srv.URL, "http://")
	return tr
}

// repo opens repository name on the registry.
func (tr *testRegistry) repo(t testing.TB, name string) *remote.Repository {
	t.Helper()
	r, err := remote.NewRepository(tr.host + "/" + name)
	if err != nil {
		t.Fatal(err)
	}
	r.PlainHTTP = true
	return r
}

// pushArtifact pushes a one-layer rulesfile artifact with the given layer content and tags it.
func pushArtifact(t testing.TB, dst oras.Target, tag, layer string) ocispec.Descriptor {
	t.Helper()
	ctx := context.Background()
	push := func(mt string, b []byte) ocispec.Descriptor {
		d := content.NewDescriptorFromBytes(mt, b)
		if err := dst.Push(ctx, d, strings.NewReader(string(b))); err != nil {
			t.Fatal(err)
		}
		return d
	}
	cfg := push(rulesConfigType, []byte(`{"name":"falco-rules","version":"`+tag+`","dependencies":[],"requirements":[]}`))
	l := push(rulesLayerType, []byte(layer))
	l.Annotations = map[string]string{ocispec.AnnotationTitle: "falco_rules.yaml.tar.gz"}
	desc, err := oras.PackManifest(ctx, dst, oras.PackManifestVersion1_1, rulesConfigType,
		oras.PackManifestOptions{ConfigDescriptor: &cfg, Layers: []ocispec.Descriptor{l}})
	if err != nil {
		t.Fatal(err)
	}
	if err := dst.Tag(ctx, desc, tag); err != nil {
		t.Fatal(err)
	}
	return desc
}

// testKey is a generated ECDSA P-256 key pair, its public half written as PEM to a file.
type testKey struct {
	signer  signature.SignerVerifier
	pubFile string
	pubPEM  []byte
}

func newKey(t testing.TB, name string) testKey {
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
	f := filepath.Join(t.TempDir(), name+".pub")
	if err := os.WriteFile(f, pemBytes, 0o644); err != nil {
		t.Fatal(err)
	}
	return testKey{signer: sv, pubFile: f, pubPEM: pemBytes}
}

// minimalRoot writes an empty Sigstore trusted root (no CAs, logs or TSAs) and returns its path.
func minimalRoot(t testing.TB) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "trusted_root.json")
	if err := os.WriteFile(f, []byte(`{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}
