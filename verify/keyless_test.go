package verify_test

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/opencontainers/image-spec/specs-go"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	protobundle "github.com/sigstore/protobuf-specs/gen/pb-go/bundle/v1"
	protocommon "github.com/sigstore/protobuf-specs/gen/pb-go/common/v1"
	protodsse "github.com/sigstore/protobuf-specs/gen/pb-go/dsse"
	protorekor "github.com/sigstore/protobuf-specs/gen/pb-go/rekor/v1"
	"github.com/sigstore/sigstore-go/pkg/bundle"
	"github.com/sigstore/sigstore-go/pkg/root"
	"github.com/sigstore/sigstore-go/pkg/testing/ca"
	"github.com/sigstore/sigstore-go/pkg/tlog"
	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/signature"
	"oras.land/oras-go/v2"
	"oras.land/oras-go/v2/content"

	"github.com/aerie-sec/aerie/verify"
	"github.com/aerie-sec/aerie/verify/sign"
)

const (
	testIssuer  = "https://token.actions.githubusercontent.com"
	testSubject = "https://github.com/falcosecurity/rules/.github/workflows/release.yaml@refs/heads/main"
)

// fakeSigstore is sigstore-go's in-process Fulcio, Rekor and TSA, with its trusted root pinned in a file.
type fakeSigstore struct {
	vs       *ca.VirtualSigstore
	rootFile string
}

func newFakeSigstore(t testing.TB) *fakeSigstore {
	t.Helper()
	vs, err := ca.NewVirtualSigstore()
	if err != nil {
		t.Fatal(err)
	}
	// The virtual log's ID is a hex string; the trusted root format stores raw key IDs.
	logs := map[string]*root.TransparencyLog{}
	for id, l := range vs.RekorLogs() {
		raw, err := hex.DecodeString(id)
		if err != nil {
			t.Fatal(err)
		}
		c := *l
		c.ID = raw
		logs[id] = &c
	}
	// No CT logs: the virtual Fulcio embeds no SCTs, so none are required.
	tr, err := root.NewTrustedRoot(root.TrustedRootMediaType01, vs.FulcioCertificateAuthorities(), nil, vs.TimestampingAuthorities(), logs)
	if err != nil {
		t.Fatal(err)
	}
	b, err := tr.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "trusted_root.json")
	if err := os.WriteFile(f, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return &fakeSigstore{vs: vs, rootFile: f}
}

// signBundle signs desc keyless as subject/issuer, with the log entry integrated at logTime, and
// returns the Sigstore bundle v0.3 JSON cosign would attach.
func (fs *fakeSigstore) signBundle(t testing.TB, desc ocispec.Descriptor, subject, issuer string, logTime time.Time) []byte {
	t.Helper()
	st, err := json.Marshal(map[string]any{
		"_type":         "https://in-toto.io/Statement/v1",
		"subject":       []any{map[string]any{"digest": map[string]string{"sha256": desc.Digest.Encoded()}}},
		"predicateType": verify.CosignSignPredicateType,
	})
	if err != nil {
		t.Fatal(err)
	}
	ent, err := fs.vs.AttestAtTime(subject, issuer, st, logTime, true)
	if err != nil {
		t.Fatal(err)
	}
	vc, err := ent.VerificationContent()
	if err != nil {
		t.Fatal(err)
	}
	sc, err := ent.SignatureContent()
	if err != nil {
		t.Fatal(err)
	}
	env := sc.(*bundle.Envelope).RawEnvelope()
	payload, err := base64.StdEncoding.DecodeString(env.Payload)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := base64.StdEncoding.DecodeString(env.Signatures[0].Sig)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := ent.TlogEntries()
	if err != nil {
		t.Fatal(err)
	}
	var tles []*protorekor.TransparencyLogEntry
	for _, e := range entries {
		tle := e.TransparencyLogEntry()
		tle.KindVersion = &protorekor.KindVersion{Kind: "dsse", Version: "0.0.1"}
		set, err := fs.vs.RekorSignPayload(tlog.RekorPayload{
			Body:           base64.StdEncoding.EncodeToString(tle.CanonicalizedBody),
			IntegratedTime: tle.IntegratedTime,
			LogIndex:       tle.LogIndex,
			LogID:          hex.EncodeToString(tle.LogId.KeyId),
		})
		if err != nil {
			t.Fatal(err)
		}
		tle.InclusionPromise = &protorekor.InclusionPromise{SignedEntryTimestamp: set}
		tles = append(tles, tle)
	}
	tss, err := ent.Timestamps()
	if err != nil {
		t.Fatal(err)
	}
	var rfc []*protocommon.RFC3161SignedTimestamp
	for _, ts := range tss {
		rfc = append(rfc, &protocommon.RFC3161SignedTimestamp{SignedTimestamp: ts})
	}
	pb := &protobundle.Bundle{
		MediaType: verify.BundleMediaType,
		VerificationMaterial: &protobundle.VerificationMaterial{
			Content:                   &protobundle.VerificationMaterial_Certificate{Certificate: &protocommon.X509Certificate{RawBytes: vc.Certificate().Raw}},
			TlogEntries:               tles,
			TimestampVerificationData: &protobundle.TimestampVerificationData{Rfc3161Timestamps: rfc},
		},
		Content: &protobundle.Bundle_DsseEnvelope{DsseEnvelope: &protodsse.Envelope{
			Payload:     payload,
			PayloadType: env.PayloadType,
			Signatures:  []*protodsse.Signature{{Sig: sig}},
		}},
	}
	b, err := (&bundle.Bundle{Bundle: pb}).MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// signLegacy signs desc keyless in cosign's legacy layout: a simple-signing payload whose layer
// carries the Fulcio certificate, its chain and a Rekor bundle (SET) for a hashedrekord entry
// integrated at logTime; it pushes the .sig manifest to dst.
func (fs *fakeSigstore) signLegacy(t testing.TB, dst oras.Target, desc ocispec.Descriptor, subject, issuer string, logTime time.Time) {
	t.Helper()
	ctx := context.Background()
	cert, priv, err := fs.vs.GenerateLeafCert(subject, issuer)
	if err != nil {
		t.Fatal(err)
	}
	sv, err := signature.LoadECDSASignerVerifier(priv.(*ecdsa.PrivateKey), crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	payload := []byte(`{"critical":{"identity":{"docker-reference":"example.com/falco/rules"},"image":{"docker-manifest-digest":"` +
		desc.Digest.String() + `"},"type":"cosign container image signature"},"optional":null}`)
	sig, err := sv.SignMessage(bytes.NewReader(payload))
	if err != nil {
		t.Fatal(err)
	}
	certPEM, err := cryptoutils.MarshalCertificateToPEM(cert)
	if err != nil {
		t.Fatal(err)
	}
	fca := fs.vs.FulcioCertificateAuthorities()[0].(*root.FulcioCertificateAuthority)
	chainPEM, err := cryptoutils.MarshalCertificatesToPEM(append(append([]*x509.Certificate{}, fca.Intermediates...), fca.Root))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(payload)
	b64sig := base64.StdEncoding.EncodeToString(sig)
	body, err := json.Marshal(map[string]any{"apiVersion": "0.0.1", "kind": "hashedrekord", "spec": map[string]any{
		"data":      map[string]any{"hash": map[string]string{"algorithm": "sha256", "value": hex.EncodeToString(sum[:])}},
		"signature": map[string]any{"content": b64sig, "publicKey": map[string]string{"content": base64.StdEncoding.EncodeToString(certPEM)}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	logID, err := fs.vs.RekorLogID()
	if err != nil {
		t.Fatal(err)
	}
	rp := tlog.RekorPayload{Body: base64.StdEncoding.EncodeToString(body), IntegratedTime: logTime.Unix(), LogIndex: 7, LogID: logID}
	set, err := fs.vs.RekorSignPayload(rp)
	if err != nil {
		t.Fatal(err)
	}
	rekorBundle, err := json.Marshal(map[string]any{"SignedEntryTimestamp": set, "Payload": rp})
	if err != nil {
		t.Fatal(err)
	}
	push := func(mt string, b []byte) ocispec.Descriptor {
		d := content.NewDescriptorFromBytes(mt, b)
		if err := dst.Push(ctx, d, bytes.NewReader(b)); err != nil {
			t.Fatal(err)
		}
		return d
	}
	layer := push(verify.SimpleSigningMediaType, payload)
	layer.Annotations = map[string]string{
		"dev.cosignproject.cosign/signature": b64sig,
		"dev.sigstore.cosign/certificate":    string(certPEM),
		"dev.sigstore.cosign/chain":          string(chainPEM),
		"dev.sigstore.cosign/bundle":         string(rekorBundle),
	}
	cfg := push(ocispec.MediaTypeImageConfig, []byte(`{"rootfs":{"type":"layers","diff_ids":["`+layer.Digest.String()+`"]}}`))
	m, err := json.Marshal(ocispec.Manifest{Versioned: specs.Versioned{SchemaVersion: 2}, MediaType: ocispec.MediaTypeImageManifest, Config: cfg, Layers: []ocispec.Descriptor{layer}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := oras.TagBytes(ctx, dst, ocispec.MediaTypeImageManifest, m, verify.LegacyTag(desc.Digest)); err != nil {
		t.Fatal(err)
	}
}

// TestKeyless verifies keyless bundle signatures offline against a pinned trusted root.
func TestKeyless(t *testing.T) {
	ctx := context.Background()
	fs := newFakeSigstore(t)
	reg := newRegistry(t, true)
	repo := reg.repo(t, "falcosecurity/rules/falco-rules")
	ref := reg.host + "/falcosecurity/rules/falco-rules:5"

	now := time.Now()
	soon := now.Add(5 * time.Minute) // within the 10-minute certificate
	mismatch := map[verify.Layout]string{verify.LayoutBundle: "no matching CertificateIdentity", verify.LayoutLegacy: "none of the expected identities matched"}
	expired := map[verify.Layout]string{verify.LayoutBundle: "integrated time outside certificate validity", verify.LayoutLegacy: "expired before signatures were entered in log"}
	tests := []struct {
		name     string
		subject  string
		issuer   string
		logTime  time.Time
		identity verify.Identity
		wantErr  map[verify.Layout]string
	}{
		{name: "accepted exact identity", subject: testSubject, issuer: testIssuer, logTime: soon,
			identity: verify.Identity{Subject: testSubject, Issuer: testIssuer}},
		{name: "accepted regexp identity", subject: testSubject, issuer: testIssuer, logTime: soon,
			identity: verify.Identity{SubjectRegexp: "^https://github.com/falcosecurity/rules/", IssuerRegexp: `^https://token\.actions\.githubusercontent\.com$`}},
		{name: "wrong identity", subject: "https://github.com/evil/rules/.github/workflows/release.yaml@refs/heads/main", issuer: testIssuer, logTime: soon,
			identity: verify.Identity{SubjectRegexp: "^https://github.com/falcosecurity/rules/", Issuer: testIssuer}, wantErr: mismatch},
		{name: "wrong issuer", subject: testSubject, issuer: "https://accounts.google.com", logTime: soon,
			identity: verify.Identity{Subject: testSubject, Issuer: testIssuer}, wantErr: mismatch},
		{name: "expired certificate", subject: testSubject, issuer: testIssuer, logTime: now.Add(30 * time.Minute),
			identity: verify.Identity{Subject: testSubject, Issuer: testIssuer}, wantErr: expired},
	}
	for _, layout := range []verify.Layout{verify.LayoutBundle, verify.LayoutLegacy} {
		for _, tc := range tests {
			t.Run(string(layout)+"/"+tc.name, func(t *testing.T) {
				desc := pushArtifact(t, repo, "5", "rules "+string(layout)+tc.name)
				if layout == verify.LayoutBundle {
					b := fs.signBundle(t, desc, tc.subject, tc.issuer, tc.logTime)
					if _, err := sign.AttachBundle(ctx, repo, desc, b, sign.Options{}); err != nil {
						t.Fatal(err)
					}
				} else {
					fs.signLegacy(t, repo, desc, tc.subject, tc.issuer, tc.logTime)
				}
				v := mustVerifier(t, []verify.Rule{{Name: "falco", Match: reg.host + "/falcosecurity/**",
					Identities: []verify.Identity{tc.identity}, TrustedRoot: fs.rootFile}})
				res, err := v.Check(ctx, repo, ref, desc)
				if tc.wantErr != nil {
					assertRefused(t, err, verify.ErrNoValidSignature, ref, desc.Digest, "falco")
					if want := tc.wantErr[layout]; !strings.Contains(err.Error(), want) {
						t.Fatalf("error %v; want it to mention %q", err, want)
					}
					return
				}
				if err != nil {
					t.Fatalf("Check: %v", err)
				}
				s := res.Signatures[0]
				if s.Layout != layout || s.Subject != tc.subject || s.Issuer != tc.issuer || s.Key != "" {
					t.Fatalf("signature = %+v", s)
				}
			})
		}
	}

	t.Run("index entry identity with the trusted root of a config rule", func(t *testing.T) {
		desc := pushArtifact(t, repo, "5", "rules via index")
		if _, err := sign.AttachBundle(ctx, repo, desc, fs.signBundle(t, desc, testSubject, testIssuer, soon), sign.Options{}); err != nil {
			t.Fatal(err)
		}
		ix := verify.IndexRule{Entry: "falco-rules", Repository: reg.host + "/falcosecurity/rules/falco-rules",
			CertificateIdentityRegexp: "https://github.com/falcosecurity/rules/", CertificateOIDCIssuer: testIssuer}
		// Without a trusted root nothing is fetched: the check fails and says what to configure.
		v := mustVerifier(t, nil, ix)
		_, err := v.Check(ctx, repo, ref, desc)
		assertRefused(t, err, verify.ErrNoValidSignature, ref, desc.Digest, "index:falco-rules")
		if !strings.Contains(err.Error(), "needs a trusted root") {
			t.Fatalf("error %v does not explain the missing trusted root", err)
		}
		v = mustVerifier(t, []verify.Rule{{Name: "offline-root", Match: "**", Require: true, TrustedRoot: fs.rootFile}}, ix)
		if _, err := v.Check(ctx, repo, ref, desc); err != nil {
			t.Fatalf("Check: %v", err)
		}
	})

	t.Run("online trusted root only when a rule opts in", func(t *testing.T) {
		desc := pushArtifact(t, repo, "5", "rules via tuf")
		if _, err := sign.AttachBundle(ctx, repo, desc, fs.signBundle(t, desc, testSubject, testIssuer, soon), sign.Options{}); err != nil {
			t.Fatal(err)
		}
		fetched := 0
		fetch := func(context.Context) (root.TrustedMaterial, error) {
			fetched++
			return root.NewTrustedRootFromPath(fs.rootFile)
		}
		id := []verify.Identity{{Subject: testSubject, Issuer: testIssuer}}
		if _, err := verify.New(ctx, []verify.Rule{{Match: "**", Identities: id, TrustedRoot: fs.rootFile}}, nil, verify.Options{FetchTrustedRoot: fetch}); err != nil || fetched != 0 {
			t.Fatalf("pinned root: err %v, fetched %d times", err, fetched)
		}
		v, err := verify.New(ctx, []verify.Rule{{Name: "tuf", Match: "**", Identities: id, TUF: true}}, nil, verify.Options{FetchTrustedRoot: fetch})
		if err != nil || fetched != 1 {
			t.Fatalf("tuf: err %v, fetched %d times", err, fetched)
		}
		if _, err := v.Check(ctx, repo, ref, desc); err != nil {
			t.Fatalf("Check: %v", err)
		}
		_, err = verify.New(ctx, []verify.Rule{{Name: "tuf", Match: "**", Identities: id, TUF: true}}, nil,
			verify.Options{FetchTrustedRoot: func(context.Context) (root.TrustedMaterial, error) { return nil, errors.New("offline") }})
		if err == nil || !strings.Contains(err.Error(), `policy rule "tuf": fetch Sigstore trusted root (tuf): offline`) {
			t.Fatalf("New with failing fetch: %v", err)
		}
	})

	t.Run("keyless signature where only keys are accepted", func(t *testing.T) {
		desc := pushArtifact(t, repo, "5", "rules keys only")
		if _, err := sign.AttachBundle(ctx, repo, desc, fs.signBundle(t, desc, testSubject, testIssuer, soon), sign.Options{}); err != nil {
			t.Fatal(err)
		}
		v := mustVerifier(t, []verify.Rule{{Name: "keys", Match: "**", Keys: []string{newKey(t, "k").pubFile}}})
		_, err := v.Check(ctx, repo, ref, desc)
		assertRefused(t, err, verify.ErrNoValidSignature, ref, desc.Digest, "keys")
	})
}
