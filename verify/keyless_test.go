package verify_test

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	protobundle "github.com/sigstore/protobuf-specs/gen/pb-go/bundle/v1"
	protocommon "github.com/sigstore/protobuf-specs/gen/pb-go/common/v1"
	protodsse "github.com/sigstore/protobuf-specs/gen/pb-go/dsse"
	protorekor "github.com/sigstore/protobuf-specs/gen/pb-go/rekor/v1"
	"github.com/sigstore/sigstore-go/pkg/bundle"
	"github.com/sigstore/sigstore-go/pkg/root"
	"github.com/sigstore/sigstore-go/pkg/testing/ca"
	"github.com/sigstore/sigstore-go/pkg/tlog"

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

// TestKeyless verifies keyless bundle signatures offline against a pinned trusted root.
func TestKeyless(t *testing.T) {
	ctx := context.Background()
	fs := newFakeSigstore(t)
	reg := newRegistry(t, true)
	repo := reg.repo(t, "falcosecurity/rules/falco-rules")
	ref := reg.host + "/falcosecurity/rules/falco-rules:5"

	now := time.Now()
	soon := now.Add(5 * time.Minute) // within the 10-minute certificate
	tests := []struct {
		name     string
		subject  string
		issuer   string
		logTime  time.Time
		identity verify.Identity
		wantErr  string
	}{
		{name: "accepted exact identity", subject: testSubject, issuer: testIssuer, logTime: soon,
			identity: verify.Identity{Subject: testSubject, Issuer: testIssuer}},
		{name: "accepted regexp identity", subject: testSubject, issuer: testIssuer, logTime: soon,
			identity: verify.Identity{SubjectRegexp: "^https://github.com/falcosecurity/rules/", IssuerRegexp: `^https://token\.actions\.githubusercontent\.com$`}},
		{name: "wrong identity", subject: "https://github.com/evil/rules/.github/workflows/release.yaml@refs/heads/main", issuer: testIssuer, logTime: soon,
			identity: verify.Identity{SubjectRegexp: "^https://github.com/falcosecurity/rules/", Issuer: testIssuer}, wantErr: "no matching CertificateIdentity"},
		{name: "wrong issuer", subject: testSubject, issuer: "https://accounts.google.com", logTime: soon,
			identity: verify.Identity{Subject: testSubject, Issuer: testIssuer}, wantErr: "no matching CertificateIdentity"},
		{name: "expired certificate", subject: testSubject, issuer: testIssuer, logTime: now.Add(30 * time.Minute),
			identity: verify.Identity{Subject: testSubject, Issuer: testIssuer}, wantErr: "integrated time outside certificate validity"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			desc := pushArtifact(t, repo, "5", "rules "+tc.name)
			b := fs.signBundle(t, desc, tc.subject, tc.issuer, tc.logTime)
			if _, err := sign.AttachBundle(ctx, repo, desc, b, sign.Options{}); err != nil {
				t.Fatal(err)
			}
			v := mustVerifier(t, []verify.Rule{{Name: "falco", Match: reg.host + "/falcosecurity/**",
				Identities: []verify.Identity{tc.identity}, TrustedRoot: fs.rootFile}})
			res, err := v.Check(ctx, repo, ref, desc)
			if tc.wantErr != "" {
				assertRefused(t, err, verify.ErrNoValidSignature, ref, desc.Digest, "falco")
				if !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v; want it to mention %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Check: %v", err)
			}
			s := res.Signatures[0]
			if s.Layout != verify.LayoutBundle || s.Subject != tc.subject || s.Issuer != tc.issuer || s.Key != "" {
				t.Fatalf("signature = %+v", s)
			}
		})
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
