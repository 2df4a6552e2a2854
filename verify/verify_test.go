package verify_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	ggcr "github.com/google/go-containerregistry/pkg/registry"

	"github.com/opencontainers/go-digest"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"oras.land/oras-go/v2"
	"oras.land/oras-go/v2/content"
	"oras.land/oras-go/v2/content/memory"
	"oras.land/oras-go/v2/registry/remote"

	"github.com/aerie-sec/aerie/verify"
	"github.com/aerie-sec/aerie/verify/sign"
)

func mustVerifier(t *testing.T, rules []verify.Rule, index ...verify.IndexRule) *verify.Verifier {
	t.Helper()
	v, err := verify.New(context.Background(), rules, index, verify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func mustSign(t *testing.T, dst oras.GraphTarget, repo string, desc ocispec.Descriptor, k testKey, bundle bool) *sign.Result {
	t.Helper()
	res, err := sign.Sign(context.Background(), dst, repo, desc, k.signer, sign.Options{Bundle: bundle})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestKeyLayouts signs with a key in each layout on registries with and without the referrers
// API, and checks acceptance by the right key and refusal by another.
func TestKeyLayouts(t *testing.T) {
	ctx := context.Background()
	good, bad := newKey(t, "good"), newKey(t, "bad")
	for _, referrers := range []bool{false, true} {
		reg := newRegistry(t, referrers)
		for _, bundle := range []bool{false, true} {
			name := map[bool]string{false: "legacy", true: "bundle"}[bundle] + map[bool]string{false: "/fallback", true: "/referrers-api"}[referrers]
			t.Run(name, func(t *testing.T) {
				repoName := "falco/" + strings.ReplaceAll(name, "/", "-")
				repo := reg.repo(t, repoName)
				ref := reg.host + "/" + repoName + ":1.0.0"
				desc := pushArtifact(t, repo, "1.0.0", "rules "+name)
				res := mustSign(t, repo, reg.host+"/"+repoName, desc, good, bundle)
				wantLayout := verify.LayoutLegacy
				if bundle {
					wantLayout = verify.LayoutBundle
				}
				if res.Layout != wantLayout || res.Digest != desc.Digest {
					t.Fatalf("sign result = %+v", res)
				}

				v := mustVerifier(t, []verify.Rule{{Name: "ours", Match: reg.host + "/falco/**", Keys: []string{good.pubFile}}})
				got, err := v.Check(ctx, repo, ref, desc)
				if err != nil {
					t.Fatalf("Check: %v", err)
				}
				if !got.Verified || got.Rule != "ours" || len(got.Signatures) != 1 || got.Signatures[0].Layout != wantLayout || got.Signatures[0].Key != good.pubFile {
					t.Fatalf("Check = %+v", got)
				}

				// Key rotation: any listed key may verify.
				v = mustVerifier(t, []verify.Rule{{Name: "rotated", Match: "**", Keys: []string{bad.pubFile, good.pubFile}}})
				if _, err := v.Check(ctx, repo, ref, desc); err != nil {
					t.Fatalf("Check with two keys: %v", err)
				}

				v = mustVerifier(t, []verify.Rule{{Name: "other", Match: "**", Keys: []string{bad.pubFile}}})
				_, err = v.Check(ctx, repo, ref, desc)
				assertRefused(t, err, verify.ErrNoValidSignature, ref, desc.Digest, "other")

				// Signing again with the same key leaves the legacy tag unchanged.
				if !bundle {
					if again := mustSign(t, repo, reg.host+"/"+repoName, desc, good, false); !again.Unchanged {
						t.Errorf("second legacy signature with the same key was appended: %+v", again)
					}
				}
			})
		}
	}
}

func assertRefused(t *testing.T, err error, want error, ref string, d digest.Digest, rule string) {
	t.Helper()
	if err == nil {
		t.Fatal("accepted; want refusal")
	}
	if !errors.Is(err, want) {
		t.Fatalf("error = %v; want %v", err, want)
	}
	var ve *verify.Error
	if !errors.As(err, &ve) || ve.Reference != ref || ve.Digest != d || ve.Rule != rule {
		t.Fatalf("error %v does not name ref %s, digest %s, rule %s", err, ref, d, rule)
	}
	for _, s := range []string{ref, d.String(), rule} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("message %q lacks %q", err, s)
		}
	}
}

// TestRefusals covers the refusal cases: unsigned, signature of another digest (both layouts),
// tampered manifest, and a mirror serving other content under the signed tag.
func TestRefusals(t *testing.T) {
	ctx := context.Background()
	k := newKey(t, "k")
	reg := newRegistry(t, false)
	repo := reg.repo(t, "falco/rules")
	ref := reg.host + "/falco/rules:1"
	policy := []verify.Rule{{Name: "falco", Match: reg.host + "/falco/*", Keys: []string{k.pubFile}}}
	v := mustVerifier(t, policy)

	t.Run("unsigned", func(t *testing.T) {
		d := pushArtifact(t, repo, "unsigned", "unsigned")
		_, err := v.Check(ctx, repo, ref, d)
		assertRefused(t, err, verify.ErrUnsigned, ref, d.Digest, "falco")
	})

	t.Run("legacy signature of another digest", func(t *testing.T) {
		signed := pushArtifact(t, repo, "a", "content a")
		mustSign(t, repo, "x", signed, k, false)
		other := pushArtifact(t, repo, "b", "content b")
		// Copy a's signature manifest under b's signature tag.
		sd, err := repo.Resolve(ctx, verify.LegacyTag(signed.Digest))
		if err != nil {
			t.Fatal(err)
		}
		if err := repo.Tag(ctx, sd, verify.LegacyTag(other.Digest)); err != nil {
			t.Fatal(err)
		}
		_, err = v.Check(ctx, repo, ref, other)
		assertRefused(t, err, verify.ErrNoValidSignature, ref, other.Digest, "falco")
	})

	t.Run("bundle of another digest", func(t *testing.T) {
		signed := pushArtifact(t, repo, "c", "content c")
		res := mustSign(t, repo, "x", signed, k, true)
		other := pushArtifact(t, repo, "d", "content d")
		// Re-attach c's bundle layer to d.
		mb, err := content.FetchAll(ctx, repo, ocispec.Descriptor{MediaType: ocispec.MediaTypeImageManifest, Digest: digest.Digest(res.Location), Size: sizeOf(t, repo, res.Location)})
		if err != nil {
			t.Fatal(err)
		}
		var m ocispec.Manifest
		if err := json.Unmarshal(mb, &m); err != nil {
			t.Fatal(err)
		}
		subj := ocispec.Descriptor{MediaType: other.MediaType, Digest: other.Digest, Size: other.Size}
		if _, err := oras.PackManifest(ctx, repo, oras.PackManifestVersion1_1, verify.BundleMediaType,
			oras.PackManifestOptions{Subject: &subj, Layers: m.Layers}); err != nil {
			t.Fatal(err)
		}
		_, err = v.Check(ctx, repo, ref, other)
		assertRefused(t, err, verify.ErrNoValidSignature, ref, other.Digest, "falco")
		if !strings.Contains(err.Error(), "bundle-referrer") {
			t.Errorf("error does not name the layout: %v", err)
		}
	})

	t.Run("tampered manifest", func(t *testing.T) {
		signed := pushArtifact(t, repo, "1", "original")
		mustSign(t, repo, "x", signed, k, false)
		mustSign(t, repo, "x", signed, k, true)
		// Someone with push access replaces the tag's content: the new root digest is unsigned.
		tampered := pushArtifact(t, repo, "1", "tampered")
		got, err := repo.Resolve(ctx, "1")
		if err != nil || got.Digest != tampered.Digest {
			t.Fatalf("resolve: %v %v", got.Digest, err)
		}
		_, err = v.Check(ctx, repo, ref, got)
		assertRefused(t, err, verify.ErrUnsigned, ref, tampered.Digest, "falco")
	})

	t.Run("mirror serving other content", func(t *testing.T) {
		signed := pushArtifact(t, repo, "2", "genuine")
		mustSign(t, repo, "x", signed, k, false)
		mirror := newRegistry(t, false)
		mrepo := mirror.repo(t, "falco/rules")
		evil := pushArtifact(t, mrepo, "2", "evil")
		// The mirror also serves the genuine signature under the evil digest's tag.
		sd := mustResolve(t, repo, verify.LegacyTag(signed.Digest))
		if err := oras.CopyGraph(ctx, repo, mrepo, sd, oras.DefaultCopyGraphOptions); err != nil {
			t.Fatal(err)
		}
		if err := mrepo.Tag(ctx, sd, verify.LegacyTag(evil.Digest)); err != nil {
			t.Fatal(err)
		}
		origin := reg.host + "/falco/rules:2" // the policy binds to the name before mirror rewriting
		_, err := v.Check(ctx, mrepo, origin, evil)
		assertRefused(t, err, verify.ErrNoValidSignature, origin, evil.Digest, "falco")

		// The genuine content copied to the mirror with its signature verifies.
		if err := oras.CopyGraph(ctx, repo, mrepo, signed, oras.DefaultCopyGraphOptions); err != nil {
			t.Fatal(err)
		}
		if err := mrepo.Tag(ctx, sd, verify.LegacyTag(signed.Digest)); err != nil {
			t.Fatal(err)
		}
		if _, err := v.Check(ctx, mrepo, origin, signed); err != nil {
			t.Fatalf("genuine content from mirror: %v", err)
		}
	})
}

func mustResolve(t *testing.T, src oras.ReadOnlyTarget, ref string) ocispec.Descriptor {
	t.Helper()
	d, err := src.Resolve(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func sizeOf(t *testing.T, src oras.ReadOnlyTarget, dig string) int64 {
	t.Helper()
	return mustResolve(t, src, dig).Size
}

// TestPolicy checks which rule applies and what it demands.
func TestPolicy(t *testing.T) {
	ctx := context.Background()
	k, other := newKey(t, "k"), newKey(t, "other")
	reg := newRegistry(t, false)
	signedRepo := reg.repo(t, "falco/rules")
	signed := pushArtifact(t, signedRepo, "1", "signed")
	mustSign(t, signedRepo, "x", signed, k, false)
	depRepo := reg.repo(t, "falco/plugins/dep")
	unsigned := pushArtifact(t, depRepo, "1", "unsigned dependency")

	signedRef := reg.host + "/falco/rules:1"
	depRef := reg.host + "/falco/plugins/dep:1"
	ix := verify.IndexRule{Entry: "falco-rules", Repository: reg.host + "/falco/rules", Key: k.pubFile}

	tests := []struct {
		name     string
		rules    []verify.Rule
		index    []verify.IndexRule
		src      oras.ReadOnlyGraphTarget
		ref      string
		desc     ocispec.Descriptor
		wantErr  error
		wantRule string
		verified bool
		exempt   bool
	}{
		{name: "no policy accepts unverified", src: depRepo, ref: depRef, desc: unsigned},
		{name: "index entry key", index: []verify.IndexRule{ix}, src: signedRepo, ref: signedRef, desc: signed, wantRule: "index:falco-rules", verified: true},
		{name: "index entry binds to the resolved repository, not other repositories", index: []verify.IndexRule{ix}, src: depRepo, ref: depRef, desc: unsigned},
		{name: "require with index material", rules: []verify.Rule{{Name: "all", Match: "**", Require: true}}, index: []verify.IndexRule{ix},
			src: signedRepo, ref: signedRef, desc: signed, wantRule: "all", verified: true},
		{name: "unsigned dependency under require", rules: []verify.Rule{{Name: "all", Match: "**", Require: true, Keys: []string{k.pubFile}}},
			src: depRepo, ref: depRef, desc: unsigned, wantErr: verify.ErrUnsigned, wantRule: "all"},
		{name: "require without any material", rules: []verify.Rule{{Name: "all", Match: "**", Require: true}}, index: []verify.IndexRule{ix},
			src: depRepo, ref: depRef, desc: unsigned, wantErr: verify.ErrNoTrustMaterial, wantRule: "all"},
		{name: "full reference by digest is covered", rules: []verify.Rule{{Name: "falco", Match: reg.host + "/falco/**", Keys: []string{k.pubFile}}},
			src: depRepo, ref: reg.host + "/falco/plugins/dep@" + unsigned.Digest.String(), desc: unsigned, wantErr: verify.ErrUnsigned, wantRule: "falco"},
		{name: "exempt digest", rules: []verify.Rule{{Name: "falco", Match: "**", Keys: []string{k.pubFile}, Exempt: []digest.Digest{unsigned.Digest}}},
			src: depRepo, ref: depRef, desc: unsigned, wantRule: "falco", exempt: true},
		{name: "first matching rule wins", rules: []verify.Rule{
			{Name: "plugins", Match: reg.host + "/falco/plugins/*", Keys: []string{other.pubFile}},
			{Name: "falco", Match: reg.host + "/falco/**", Keys: []string{k.pubFile}}},
			src: signedRepo, ref: signedRef, desc: signed, wantRule: "falco", verified: true},
		{name: "config material overrides the index", rules: []verify.Rule{{Name: "mine", Match: "**", Keys: []string{other.pubFile}}}, index: []verify.IndexRule{ix},
			src: signedRepo, ref: signedRef, desc: signed, wantErr: verify.ErrNoValidSignature, wantRule: "mine"},
		{name: "non-matching rule leaves the artifact unverified", rules: []verify.Rule{{Name: "elsewhere", Match: "ghcr.io/**", Require: true}},
			src: depRepo, ref: depRef, desc: unsigned},
		{name: "keyless-only policy refuses a key signature", rules: []verify.Rule{{Name: "kl", Match: "**", Identities: []verify.Identity{{Subject: "a@b", Issuer: "https://i"}}, TrustedRoot: minimalRoot(t)}},
			src: signedRepo, ref: signedRef, desc: signed, wantErr: verify.ErrNoValidSignature, wantRule: "kl"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := mustVerifier(t, tc.rules, tc.index...)
			res, err := v.Check(ctx, tc.src, tc.ref, tc.desc)
			if tc.wantErr != nil {
				assertRefused(t, err, tc.wantErr, tc.ref, tc.desc.Digest, tc.wantRule)
				return
			}
			if err != nil {
				t.Fatalf("Check: %v", err)
			}
			if res.Rule != tc.wantRule || res.Verified != tc.verified || res.Exempt != tc.exempt || res.Digest != tc.desc.Digest {
				t.Fatalf("Check = %+v", res)
			}
		})
	}
}

// TestNewErrors checks that bad rules are reported when the verifier is built, naming the rule.
func TestNewErrors(t *testing.T) {
	tests := []struct {
		name  string
		rules []verify.Rule
		index []verify.IndexRule
		want  string
	}{
		{"missing key file", []verify.Rule{{Name: "r", Match: "**", Keys: []string{"/nonexistent.pub"}}}, nil, `policy rule "r": load public key: open /nonexistent.pub`},
		{"bad pattern", []verify.Rule{{Name: "r", Match: "a/[/b"}}, nil, `policy rule "r": match pattern`},
		{"identity without issuer", []verify.Rule{{Name: "r", Match: "**", Identities: []verify.Identity{{Subject: "x"}}, TrustedRoot: "x"}}, nil, `policy rule "r": identity x from ~: exactly one of issuer and issuer_regexp is required`},
		{"identity without root", []verify.Rule{{Name: "r", Match: "**", Identities: []verify.Identity{{Subject: "x", Issuer: "y"}}}}, nil, `identities need trusted_root`},
		{"bad regexp", []verify.Rule{{Name: "r", Match: "**", Identities: []verify.Identity{{SubjectRegexp: "(", Issuer: "y"}}, TrustedRoot: "x"}}, nil, "missing closing )"},
		{"missing trusted root", []verify.Rule{{Name: "r", Match: "**", Identities: []verify.Identity{{Subject: "x", Issuer: "y"}}, TrustedRoot: "/nonexistent.json"}}, nil, "load trusted root /nonexistent.json"},
		{"bad exempt digest", []verify.Rule{{Name: "r", Match: "**", Exempt: []digest.Digest{"sha256:zz"}}}, nil, `exempt digest "sha256:zz"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := verify.New(context.Background(), tc.rules, tc.index, verify.Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("New error = %v; want containing %q", err, tc.want)
			}
		})
	}
}

func TestRepositoryOf(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ghcr.io/falcosecurity/rules/falco-rules:3", "ghcr.io/falcosecurity/rules/falco-rules"},
		{"localhost:5000/rules/falco-rules@sha256:" + strings.Repeat("a", 64), "localhost:5000/rules/falco-rules"},
		{"oci-layout:/tmp/x:1.0", "oci-layout:/tmp/x"},
		{"oci-layout:/tmp/x@sha256:" + strings.Repeat("a", 64), "oci-layout:/tmp/x"},
		{"oci-layout:/tmp/x", "oci-layout:/tmp/x"},
	}
	for _, tc := range tests {
		got, err := verify.RepositoryOf(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("RepositoryOf(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	if _, err := verify.RepositoryOf("not a ref"); err == nil {
		t.Error("RepositoryOf accepted an invalid reference")
	}
}

// TestSimpleSigningReferrer verifies cosign's experimental OCI 1.1 layout: the legacy
// simple-signing layer attached as a referrer (artifactType application/vnd.dev.cosign.artifact.sig.v1+json).
func TestSimpleSigningReferrer(t *testing.T) {
	ctx := context.Background()
	k := newKey(t, "k")
	for _, referrers := range []bool{false, true} {
		reg := newRegistry(t, referrers)
		repo := reg.repo(t, "falco/rules")
		ref := reg.host + "/falco/rules:1"
		desc := pushArtifact(t, repo, "1", "rules")
		// Make the simple-signing layer with the legacy signer, then move it into a referrer.
		scratch := memory.New()
		if err := oras.CopyGraph(ctx, repo, scratch, desc, oras.DefaultCopyGraphOptions); err != nil {
			t.Fatal(err)
		}
		mustSign(t, scratch, "x", desc, k, false)
		sd := mustResolve(t, scratch, verify.LegacyTag(desc.Digest))
		mb, err := content.FetchAll(ctx, scratch, sd)
		if err != nil {
			t.Fatal(err)
		}
		var m ocispec.Manifest
		if err := json.Unmarshal(mb, &m); err != nil {
			t.Fatal(err)
		}
		if err := oras.CopyGraph(ctx, scratch, repo, sd, oras.DefaultCopyGraphOptions); err != nil {
			t.Fatal(err)
		}
		subj := ocispec.Descriptor{MediaType: desc.MediaType, Digest: desc.Digest, Size: desc.Size}
		if _, err := oras.PackManifest(ctx, repo, oras.PackManifestVersion1_1, "application/vnd.dev.cosign.artifact.sig.v1+json",
			oras.PackManifestOptions{Subject: &subj, Layers: m.Layers}); err != nil {
			t.Fatal(err)
		}
		v := mustVerifier(t, []verify.Rule{{Name: "k", Match: "**", Keys: []string{k.pubFile}}})
		res, err := v.Check(ctx, repo, ref, desc)
		if err != nil {
			t.Fatalf("Check: %v", err)
		}
		if len(res.Signatures) != 1 || res.Signatures[0].Layout != verify.LayoutSimpleReferrer {
			t.Fatalf("signatures = %+v", res.Signatures)
		}
		_, err = mustVerifier(t, []verify.Rule{{Name: "other", Match: "**", Keys: []string{newKey(t, "o").pubFile}}}).Check(ctx, repo, ref, desc)
		assertRefused(t, err, verify.ErrNoValidSignature, ref, desc.Digest, "other")
	}
}

// TestBrokenReferrersAPI: a registry that rejects the referrers endpoint with 400 (not 404) does not
// block a valid legacy signature, and an unsigned artifact there is still refused.
func TestBrokenReferrersAPI(t *testing.T) {
	ctx := context.Background()
	k := newKey(t, "k")
	h := ggcr.New(ggcr.Logger(log.New(io.Discard, "", 0)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "/referrers/") {
			http.Error(w, `{"errors":[{"code":"UNSUPPORTED"}]}`, http.StatusBadRequest)
			return
		}
		h.ServeHTTP(w, r)
	}))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	repo, err := remote.NewRepository(host + "/falco/rules")
	if err != nil {
		t.Fatal(err)
	}
	repo.PlainHTTP = true
	signed := pushArtifact(t, repo, "1", "signed")
	mustSign(t, repo, "x", signed, k, false)
	unsigned := pushArtifact(t, repo, "2", "unsigned")
	v := mustVerifier(t, []verify.Rule{{Name: "k", Match: "**", Keys: []string{k.pubFile}}})
	if _, err := v.Check(ctx, repo, host+"/falco/rules:1", signed); err != nil {
		t.Fatalf("legacy signature blocked by the referrers error: %v", err)
	}
	_, err = v.Check(ctx, repo, host+"/falco/rules:2", unsigned)
	assertRefused(t, err, verify.ErrNoValidSignature, host+"/falco/rules:2", unsigned.Digest, "k")
	if !strings.Contains(err.Error(), "list referrers") {
		t.Errorf("error does not report the referrers failure: %v", err)
	}
}

// TestBadIndexEntry: an index entry that cannot be loaded refuses its own repository only.
func TestBadIndexEntry(t *testing.T) {
	ctx := context.Background()
	reg := newRegistry(t, false)
	repo := reg.repo(t, "falco/rules")
	desc := pushArtifact(t, repo, "1", "rules")
	tests := []struct {
		name string
		ix   verify.IndexRule
		want string
	}{
		{"URL key", verify.IndexRule{Key: "https://example.invalid/k.pub"}, `index entry "e" signature: load public key "https://example.invalid/k.pub": only key files and inline PEM`},
		{"identity without issuer", verify.IndexRule{CertificateIdentity: "x"}, `index entry "e" signature: identity x from ~: exactly one of issuer`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.ix.Entry, tc.ix.Repository = "e", reg.host+"/falco/rules"
			v := mustVerifier(t, nil, tc.ix)
			ref := reg.host + "/falco/rules:1"
			_, err := v.Check(ctx, repo, ref, desc)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Check error = %v; want %q", err, tc.want)
			}
			other := reg.host + "/falco/other:1"
			if _, err := v.Check(ctx, repo, other, desc); err != nil {
				t.Fatalf("another repository was affected: %v", err)
			}
		})
	}
}
