package verify_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sigstore/sigstore/pkg/signature"
	"oras.land/oras-go/v2/registry/remote"

	"github.com/aerie-sec/aerie/internal/testenv"
	"github.com/aerie-sec/aerie/verify"
	"github.com/aerie-sec/aerie/verify/sign"
)

// cosignCLI runs the real cosign 2.6.5 (scripts/setup.sh) offline, with its caches in a temp dir.
type cosignCLI struct {
	bin string
	dir string
}

func (c cosignCLI) run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(c.bin, args...)
	cmd.Dir = c.dir
	cmd.Env = append(os.Environ(), "COSIGN_PASSWORD=pw", "HOME="+c.dir, "TUF_ROOT="+filepath.Join(c.dir, "tuf"),
		"COSIGN_YES=true", "SIGSTORE_NO_CACHE=true")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestCosignInterop cross-checks with the cosign CLI both ways, in both layouts, against Debian's
// docker-registry (no referrers API: the fallback-tag path) and go-containerregistry's registry with
// the referrers API.
func TestCosignInterop(t *testing.T) {
	c := cosignCLI{bin: testenv.Tool(t, "cosign"), dir: t.TempDir()}
	if out, err := c.run(t, "generate-key-pair"); err != nil {
		t.Fatalf("cosign generate-key-pair: %v\n%s", err, out)
	}
	signer, err := sign.LoadPrivateKey(filepath.Join(c.dir, "cosign.key"), func() ([]byte, error) { return []byte("pw"), nil })
	if err != nil {
		t.Fatal(err)
	}
	for _, reg := range []*testenv.Registry{testenv.DockerRegistry(t, testenv.RegistryOptions{}), testenv.ReferrersRegistry(t)} {
		t.Run(reg.Kind, func(t *testing.T) { cosignInterop(t, c, reg.Host, signer) })
	}
}

func cosignInterop(t *testing.T, c cosignCLI, host string, signer signature.SignerVerifier) {
	ctx := context.Background()
	pub := filepath.Join(c.dir, "cosign.pub")
	other := newKey(t, "other")
	trustedRoot := minimalRoot(t)

	repoName := "falco/rules"
	repo, err := remote.NewRepository(host + "/" + repoName)
	if err != nil {
		t.Fatal(err)
	}
	repo.PlainHTTP = true
	good := mustVerifier(t, []verify.Rule{{Name: "cosign-key", Match: host + "/falco/**", Keys: []string{pub}}})
	wrong := mustVerifier(t, []verify.Rule{{Name: "other-key", Match: "**", Keys: []string{other.pubFile}}})

	for _, bundle := range []bool{false, true} {
		layout := verify.LayoutLegacy
		if bundle {
			layout = verify.LayoutBundle
		}
		t.Run("cosign signs, aeriectl verifies/"+string(layout), func(t *testing.T) {
			tag := "cosign-" + string(layout)
			desc := pushArtifact(t, repo, tag, "signed by cosign "+string(layout))
			ref := host + "/" + repoName + "@" + desc.Digest.String()
			args := []string{"sign", "--key", "cosign.key", "--tlog-upload=false", "-y"}
			if bundle {
				args = append(args, "--new-bundle-format")
			}
			if out, err := c.run(t, append(args, ref)...); err != nil {
				t.Fatalf("cosign sign: %v\n%s", err, out)
			}
			res, err := good.Check(ctx, repo, host+"/"+repoName+":"+tag, desc)
			if err != nil {
				t.Fatalf("Check: %v", err)
			}
			if len(res.Signatures) != 1 || res.Signatures[0].Layout != layout || res.Signatures[0].Key != pub {
				t.Fatalf("signatures = %+v", res.Signatures)
			}
			if _, err := wrong.Check(ctx, repo, ref, desc); err == nil {
				t.Fatal("cosign's signature verified with another key")
			}
		})

		t.Run("aeriectl signs, cosign verifies/"+string(layout), func(t *testing.T) {
			tag := "aerie-" + string(layout)
			desc := pushArtifact(t, repo, tag, "signed by aerie "+string(layout))
			if _, err := sign.Sign(ctx, repo, host+"/"+repoName, desc, signer, sign.Options{Bundle: bundle}); err != nil {
				t.Fatal(err)
			}
			ref := host + "/" + repoName + "@" + desc.Digest.String()
			args := []string{"verify", "--key", "cosign.pub", "--insecure-ignore-tlog"}
			if bundle {
				args = append(args, "--trusted-root", trustedRoot)
			}
			out, err := c.run(t, append(args, ref)...)
			if err != nil {
				t.Fatalf("cosign verify: %v\n%s", err, out)
			}
			if !strings.Contains(out, desc.Digest.String()) && !strings.Contains(out, "signatures were verified") {
				t.Fatalf("cosign verify output lacks the digest:\n%s", out)
			}
			wrongArgs := []string{"verify", "--key", other.pubFile, "--insecure-ignore-tlog"}
			if bundle {
				wrongArgs = append(wrongArgs, "--trusted-root", trustedRoot)
			}
			if out, err := c.run(t, append(wrongArgs, ref)...); err == nil {
				t.Fatalf("cosign verified aerie's signature with another key:\n%s", out)
			}
			if _, err := good.Check(ctx, repo, ref, desc); err != nil {
				t.Fatalf("Check of our own signature: %v", err)
			}
		})
	}
}
