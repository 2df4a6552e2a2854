package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/aerie-sec/aerie/artifact/access"
	"github.com/aerie-sec/aerie/artifact/ref"
	"github.com/aerie-sec/aerie/artifact/resolve"
	"github.com/aerie-sec/aerie/index"
	"github.com/aerie-sec/aerie/verify"
	"github.com/aerie-sec/aerie/verify/sign"
)

// policyVerifier builds the signature verifier from the configuration's policy section and the
// signature.cosign blocks of every loaded index entry.
func (a *app) policyVerifier(ctx context.Context, set *index.Set) (*verify.Verifier, error) {
	return a.policyVerifierLog(ctx, set, a.log)
}

// policyVerifierLog is policyVerifier logging to log.
func (a *app) policyVerifierLog(ctx context.Context, set *index.Set, log *slog.Logger) (*verify.Verifier, error) {
	var ix []verify.IndexRule
	if set != nil {
		for _, e := range set.All() {
			if e.Signature == nil || e.Signature.Cosign == nil {
				continue
			}
			c := e.Signature.Cosign
			ix = append(ix, verify.IndexRule{
				Entry: e.Name, Repository: e.Registry + "/" + e.Repository,
				Key: c.Key, IgnoreTlog: c.IgnoreTlog,
				CertificateIdentity: c.CertificateIdentity, CertificateIdentityRegexp: c.CertificateIdentityRegexp,
				CertificateOIDCIssuer: c.CertificateOIDCIssuer, CertificateOIDCIssuerRegexp: c.CertificateOIDCIssuerRegexp,
			})
		}
	}
	v, err := verify.New(ctx, verify.RulesFromConfig(a.cfg.Policy), ix, verify.Options{Log: log})
	if err != nil {
		return nil, fmt.Errorf("load signature policy: %w", err)
	}
	return v, nil
}

// cosignPassword returns the key password from AERIE_COSIGN_PASSWORD or COSIGN_PASSWORD, else
// prompts on the terminal; without a terminal it fails rather than hang.
func (a *app) cosignPassword() ([]byte, error) {
	for _, k := range []string{"AERIE_COSIGN_PASSWORD", "COSIGN_PASSWORD"} {
		if v, ok := a.env.Lookup(k); ok {
			return []byte(v), nil
		}
	}
	f, ok := a.in.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil, errors.New("no password: set AERIE_COSIGN_PASSWORD (or COSIGN_PASSWORD) or run on a terminal")
	}
	fmt.Fprint(a.err, "Enter password for private key: ")
	pw, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(a.err)
	return pw, err
}

// resolveForSign resolves s (index name, full reference or oci-layout:PATH) to its root descriptor
// in a target opened for writing.
func (a *app) resolveForSign(ctx context.Context, c *access.Client, s string) (*access.Target, ref.Ref, error) {
	r, err := ref.Parse(s)
	if err != nil {
		return nil, r, usageError{err}
	}
	if r.Kind == ref.Name {
		set, err := a.indexSet(ctx, c)
		if err != nil {
			return nil, r, err
		}
		loc, ok := set.Lookup(r.Repository)
		if !ok {
			return nil, r, fmt.Errorf("resolve %s: %w", r.Repository, resolve.ErrUnknownName)
		}
		loc.Tag, loc.Digest = r.Tag, r.Digest
		r = loc
	}
	t, err := c.OpenForPush(ctx, r)
	return t, r, err
}

type signOutput struct {
	Reference   string `json:"reference" yaml:"reference"`
	sign.Result `yaml:",inline"`
	// Status is the table's STATUS column: "signed", or "already signed" when Unchanged.
	Status string `json:"status" yaml:"status"`
}

func (s signOutput) Header() []string {
	return []string{"REFERENCE", "DIGEST", "LAYOUT", "LOCATION", "STATUS"}
}
func (s signOutput) Rows() [][]string {
	return [][]string{{s.Reference, s.Digest.String(), string(s.Layout), s.Location, s.Status}}
}

func newSignOutput(ref string, r sign.Result) signOutput {
	status := "signed"
	if r.Unchanged {
		status = "already signed"
	}
	return signOutput{Reference: ref, Result: r, Status: status}
}

func newArtifactSignCmd(a *app) *cobra.Command {
	var f struct {
		key         string
		bundle      bool
		annotations []string
	}
	cmd := &cobra.Command{
		Use:   "sign REF --key cosign.key",
		Short: "Sign an artifact's resolved digest with a cosign key (legacy .sig tag, or a bundle referrer with --bundle)",
		Long: `Sign resolves REF (index name, registry reference or oci-layout:PATH) to its root manifest or
index digest and signs that digest, never the tag, with a cosign key pair (cosign generate-key-pair).
The key's password comes from AERIE_COSIGN_PASSWORD or COSIGN_PASSWORD, else a terminal prompt.

By default the signature is written in cosign's legacy layout (tag sha256-<hex>.sig in the same
repository, what cosign 2 writes); --bundle writes a Sigstore bundle attached as an OCI referrer
(cosign 3's layout; registries without the referrers API get the sha256-<hex> fallback tag).
Nothing is uploaded to a transparency log: verify with cosign verify --insecure-ignore-tlog.`,
		Args: cobra.ExactArgs(1),
	}
	out := outputFlag(cmd, "table")
	fl := cmd.Flags()
	fl.StringVar(&f.key, "key", "", "cosign private key file (required)")
	fl.BoolVar(&f.bundle, "bundle", false, "write a Sigstore bundle referrer (cosign v3 layout) instead of the legacy .sig tag")
	fl.StringArrayVarP(&f.annotations, "annotation", "a", nil, "key=value added to the legacy payload's optional section (repeatable)")
	_ = cmd.MarkFlagRequired("key")
	plain := plainHTTPFlag(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		ann := map[string]string{}
		for _, kv := range f.annotations {
			k, v, ok := strings.Cut(kv, "=")
			if !ok || k == "" {
				return usageError{fmt.Errorf("--annotation %q: want key=value", kv)}
			}
			ann[k] = v
		}
		if f.bundle && len(ann) > 0 {
			return usageError{errors.New("--annotation applies to the legacy layout only")}
		}
		signer, err := sign.LoadPrivateKey(f.key, a.cosignPassword)
		if err != nil {
			return err
		}
		c, err := a.accessClientPlain(*plain)
		if err != nil {
			return err
		}
		t, r, err := a.resolveForSign(ctx, c, args[0])
		if err != nil {
			return err
		}
		desc, err := t.Resolve(ctx, r.Reference())
		if err != nil {
			return fmt.Errorf("resolve %s: %w", r, err)
		}
		res, err := sign.Sign(ctx, t, r.Repo(), desc, signer, sign.Options{Bundle: f.bundle, Annotations: ann})
		if err != nil {
			return fmt.Errorf("sign %s@%s: %w", r.Repo(), desc.Digest, err)
		}
		a.log.InfoContext(ctx, "signed", "ref", r.String(), "digest", desc.Digest.String(), "layout", string(res.Layout), "location", res.Location)
		return a.print(*out, newSignOutput(r.String(), *res))
	}
	return cmd
}

// dropMessages is a slog handler that leaves out the records whose message contains substr.
type dropMessages struct {
	slog.Handler
	substr string
}

func (d dropMessages) Handle(ctx context.Context, r slog.Record) error {
	if strings.Contains(r.Message, d.substr) {
		return nil
	}
	return d.Handler.Handle(ctx, r)
}

func (d dropMessages) WithAttrs(attrs []slog.Attr) slog.Handler {
	return dropMessages{d.Handler.WithAttrs(attrs), d.substr}
}

func (d dropMessages) WithGroup(name string) slog.Handler {
	return dropMessages{d.Handler.WithGroup(name), d.substr}
}

type verifyOutput struct {
	*verify.Result `yaml:",inline"`
}

func (v verifyOutput) Header() []string {
	return []string{"REFERENCE", "DIGEST", "RULE", "LAYOUT", "SIGNER", "LOCATION"}
}

func (v verifyOutput) Rows() [][]string {
	if len(v.Signatures) == 0 {
		status := "not verified"
		if v.Exempt {
			status = "exempt (unsigned)"
		}
		return [][]string{{v.Reference, v.Digest.String(), v.Rule, "-", status, "-"}}
	}
	var rows [][]string
	for _, s := range v.Signatures {
		rows = append(rows, []string{v.Reference, v.Digest.String(), v.Rule, string(s.Layout), s.Signer(), s.Location})
	}
	return rows
}

func newArtifactVerifyCmd(a *app) *cobra.Command {
	var f struct {
		keys                  []string
		identity, identityRx  string
		issuer, issuerRx      string
		trustedRoot, platform string
	}
	cmd := &cobra.Command{
		Use:   "verify REF",
		Short: "Verify the cosign signatures of an artifact's resolved digest against the policy or the given key/identity",
		Long: `Verify resolves REF (index name, registry reference or oci-layout:PATH) and checks the cosign
signatures of its root digest in both layouts (legacy sha256-<hex>.sig tag, Sigstore bundle referrers),
offline. It prints who signed, which digest, which layout and which policy entry matched.

With --key or the --certificate-* flags, those are the policy ("command line" rule); otherwise the
configuration's policy.rules and the index entries' signature.cosign blocks apply, exactly as for
artifact install. Keyless identities need --trusted-root (a pinned Sigstore trusted_root.json).
Exit status 1 when no signature meets the policy or nothing was verified.`,
		Args: cobra.ExactArgs(1),
	}
	out := outputFlag(cmd, "table")
	fl := cmd.Flags()
	fl.StringSliceVar(&f.keys, "key", nil, "cosign public key file; any one verifying suffices (repeatable)")
	fl.StringVar(&f.identity, "certificate-identity", "", "keyless: exact certificate subject (SAN)")
	fl.StringVar(&f.identityRx, "certificate-identity-regexp", "", "keyless: certificate subject regexp")
	fl.StringVar(&f.issuer, "certificate-oidc-issuer", "", "keyless: exact OIDC issuer")
	fl.StringVar(&f.issuerRx, "certificate-oidc-issuer-regexp", "", "keyless: OIDC issuer regexp")
	fl.StringVar(&f.trustedRoot, "trusted-root", "", "keyless: pinned Sigstore trusted_root.json")
	fl.StringVar(&f.platform, "platform", "", "platform os/arch used to resolve plugin indexes (default the host's)")
	plain := plainHTTPFlag(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		c, err := a.accessClientPlain(*plain)
		if err != nil {
			return err
		}
		var v *verify.Verifier
		keyless := f.identity != "" || f.identityRx != "" || f.issuer != "" || f.issuerRx != ""
		if len(f.keys) > 0 || keyless || f.trustedRoot != "" {
			rule := verify.Rule{Name: "command line", Match: "**", Require: true, Keys: f.keys, TrustedRoot: f.trustedRoot}
			if keyless {
				rule.Identities = []verify.Identity{{Subject: f.identity, SubjectRegexp: f.identityRx, Issuer: f.issuer, IssuerRegexp: f.issuerRx}}
			}
			if v, err = verify.New(ctx, []verify.Rule{rule}, nil, verify.Options{Log: a.log}); err != nil {
				return usageError{err}
			}
		} else {
			set, err := a.indexSet(ctx, c)
			if err != nil {
				return err
			}
			// verify reports what it did not verify itself (exit 1), so the verifier's "accepted unverified"
			// warnings, meant for install and pull, would contradict it.
			if v, err = a.policyVerifierLog(ctx, set, slog.New(dropMessages{a.log.Handler(), "accepted unverified"})); err != nil {
				return err
			}
		}
		t, art, err := a.resolveOne(ctx, c, args[0], f.platform)
		if err != nil {
			return err
		}
		named := t.Ref.WithTag(t.Ref.Reference())
		if t.Ref.Digest != "" {
			named = t.Ref
		}
		res, err := v.Check(ctx, t, named.String(), art.Root)
		if err != nil {
			return err
		}
		if err := a.print(*out, verifyOutput{res}); err != nil {
			return err
		}
		if !res.Verified && !res.Exempt {
			if res.Rule != "" {
				a.log.ErrorContext(ctx, "the policy rule covering the repository names no keys or identities; nothing was verified (add keys or identities to it, or pass --key or --certificate-* flags)", "repository", res.Repository, "rule", res.Rule)
			} else {
				a.log.ErrorContext(ctx, "no policy rule or index entry covers the repository; nothing was verified (pass --key or --certificate-* flags, or add a policy.rules entry)", "repository", res.Repository)
			}
			return exitError{exitFail}
		}
		return nil
	}
	return cmd
}
