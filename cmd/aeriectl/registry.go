package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"
	"oras.land/oras-go/v2/errdef"
	"oras.land/oras-go/v2/registry/remote/auth"
	"oras.land/oras-go/v2/registry/remote/credentials"

	"github.com/aerie-sec/aerie/artifact"
	"github.com/aerie-sec/aerie/artifact/access"
	"github.com/aerie-sec/aerie/artifact/pull"
	"github.com/aerie-sec/aerie/artifact/push"
	"github.com/aerie-sec/aerie/artifact/ref"
)

// withHint adds what to do to registry errors whose cause the user can fix.
func withHint(run func(*cobra.Command, []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		err := run(cmd, args)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, auth.ErrBasicCredentialNotFound):
			return fmt.Errorf("%w (authentication required: run 'aeriectl registry login HOST' or set registry.credentials_file)", err)
		case errors.Is(err, errdef.ErrNotFound):
			return fmt.Errorf("%w (check the repository name and tag with 'aeriectl artifact info')", err)
		}
		return err
	}
}

func newRegistryCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "registry",
		Short: "Push and pull Falco artifacts to and from OCI registries and layouts; log in and out",
	}
	cmd.AddCommand(newRegistryPushCmd(a), newRegistryPullCmd(a), newRegistryLoginCmd(a), newRegistryLogoutCmd(a), newRegistryAuthCmd(a))
	return cmd
}

type pushResult struct {
	Ref    string          `json:"ref"`
	Digest string          `json:"digest"`
	Tags   []string        `json:"tags"`
	Config artifact.Config `json:"config"`
}

func (r pushResult) Header() []string { return []string{"REF", "DIGEST", "TAGS"} }
func (r pushResult) Rows() [][]string {
	return [][]string{{r.Ref, r.Digest, strings.Join(r.Tags, ",")}}
}

func newRegistryPushCmd(a *app) *cobra.Command {
	var f struct {
		typ, version, name, source string
		platforms, requires, deps  []string
		tags                       []string
		floating                   bool
	}
	cmd := &cobra.Command{
		Use:   "push REF FILE...",
		Short: "Push a rules file, plugin or asset as a falcoctl-compatible OCI artifact",
		Long: `Push packs FILE (a .tar.gz is pushed as is, any other file is packed as the single entry of a
tar.gz) into falcoctl's artifact format and pushes it to REF, a registry reference or oci-layout:PATH[:TAG].
Plugins take one --platform per FILE and become an OCI index. A rules file's required_engine_version and
required_plugin_versions become the config's requirements and dependencies unless --requires or
--depends-on are given. --add-floating-tags adds X.Y.Z and moves X.Y, X and latest only when the
version is the newest of its line; prereleases get their exact tag only.`,
		Args: cobra.MinimumNArgs(2),
	}
	out := outputFlag(cmd, "table")
	fl := cmd.Flags()
	fl.StringVar(&f.typ, "type", "", "artifact type: rulesfile, plugin or asset (required)")
	fl.StringVar(&f.version, "version", "", "artifact version, strict semver X.Y.Z[-pre] (required)")
	fl.StringVar(&f.name, "name", "", "artifact name (default the last path element of REF)")
	fl.StringArrayVar(&f.platforms, "platform", nil, "os/arch of each plugin FILE, in order (repeatable)")
	fl.StringArrayVarP(&f.requires, "requires", "r", nil, "requirement name:version (repeatable)")
	fl.StringArrayVarP(&f.deps, "depends-on", "d", nil, `dependency "name:version|alt:version" (repeatable)`)
	fl.StringArrayVarP(&f.tags, "tag", "t", nil, "additional tag (repeatable)")
	fl.BoolVar(&f.floating, "add-floating-tags", false, "add X.Y.Z and the floating tags X.Y, X, latest where this version is the newest")
	fl.StringVar(&f.source, "annotation-source", "", "org.opencontainers.image.source annotation")
	plain := plainHTTPFlag(cmd)
	_ = cmd.MarkFlagRequired("type")
	_ = cmd.MarkFlagRequired("version")
	_ = cmd.RegisterFlagCompletionFunc("type", fixedCompletion("rulesfile", "plugin", "asset"))
	cmd.RunE = withHint(func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		r, err := ref.Parse(args[0])
		if err != nil {
			return usageError{err}
		}
		if r.Kind == ref.Name {
			return usageError{fmt.Errorf("push %s: want a registry reference (host/repository[:tag]) or oci-layout:PATH[:tag]", args[0])}
		}
		if r.Digest != "" {
			return usageError{fmt.Errorf("push %s: cannot push to a digest", args[0])}
		}
		t, err := artifact.ParseType(f.typ)
		if err != nil {
			return usageError{err}
		}
		// Flag values checked here are usage errors (exit 2); push.Push checks them again.
		if _, err := artifact.ParseStrictVersion(f.version); err != nil {
			return usageError{fmt.Errorf("--version: %w", err)}
		}
		if files := len(args) - 1; t == artifact.Plugin && len(f.platforms) != files {
			return usageError{fmt.Errorf("plugins need one --platform per file, in order: got %d files and %d platforms", files, len(f.platforms))}
		} else if t != artifact.Plugin && len(f.platforms) > 0 {
			return usageError{fmt.Errorf("--platform applies to plugins only")}
		}
		opts := push.Options{
			Type: t, Name: f.name, Version: f.version, Files: args[1:], Platforms: f.platforms,
			Tags: f.tags, FloatingTags: f.floating, AnnotationSource: f.source,
		}
		if opts.Name == "" {
			p := r.Repository
			opts.Name = p[strings.LastIndex(p, "/")+1:]
		}
		for _, s := range f.requires {
			req, err := artifact.ParseRequirement(s)
			if err != nil {
				return usageError{err}
			}
			opts.Requirements = append(opts.Requirements, req)
		}
		for _, s := range f.deps {
			d, err := artifact.ParseDependency(s)
			if err != nil {
				return usageError{err}
			}
			opts.Dependencies = append(opts.Dependencies, d)
		}
		c, err := a.accessClientPlain(*plain)
		if err != nil {
			return err
		}
		dst, err := c.OpenForPush(ctx, r)
		if err != nil {
			return err
		}
		res, err := push.Push(ctx, dst, r.Tag, opts)
		if err != nil {
			return err
		}
		return a.print(*out, pushResult{Ref: r.Repo(), Digest: res.Root.Digest.String(), Tags: res.Tags, Config: res.Config})
	})
	return cmd
}

func newRegistryPullCmd(a *app) *cobra.Command {
	var dir, platform string
	var noVerify bool
	cmd := &cobra.Command{
		Use:   "pull REF",
		Short: "Download an artifact's layer tarball (unextracted) after verifying its signature",
		Args:  cobra.ExactArgs(1),
	}
	cmd.Flags().StringVarP(&dir, "dest-dir", "o", ".", "directory to write the tarball into (falcoctl's -o; here -o is not an output format)")
	cmd.Flags().StringVar(&platform, "platform", "", "platform os/arch for plugins (default the host's)")
	cmd.Flags().BoolVar(&noVerify, "no-verify", false, "skip signature verification (logged as a warning)")
	plain := plainHTTPFlag(cmd)
	cmd.RunE = withHint(func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		c, err := a.accessClientPlain(*plain)
		if err != nil {
			return err
		}
		t, art, err := a.resolveOne(ctx, c, args[0], platform)
		if err != nil {
			return err
		}
		var v artifact.Verifier
		if noVerify || a.cfg.Artifact.NoVerify {
			v = artifact.SkipVerify{Log: a.log}
		} else {
			set, err := a.indexSet(ctx, c)
			if err != nil {
				return err
			}
			if v, err = a.verifier(ctx, false, set); err != nil {
				return err
			}
		}
		named := t.Ref.WithTag(t.Ref.Reference())
		if t.Ref.Digest != "" {
			named = t.Ref
		}
		if err := v.Verify(ctx, t.GraphTarget, named.String(), art.Root); err != nil {
			return fmt.Errorf("verify %s@%s: %w", named, art.Root.Digest, err)
		}
		p, err := pull.ToDir(ctx, t.GraphTarget, art, dir, a.progress())
		if err != nil {
			return err
		}
		a.log.InfoContext(ctx, "pulled", "ref", named.String(), "digest", art.Root.Digest.String(), "file", p)
		_, err = fmt.Fprintln(a.out, p)
		return err
	})
	return cmd
}

func newRegistryLoginCmd(a *app) *cobra.Command {
	var f struct {
		user, tokenURL, clientID string
		scopes                   []string
		stdin, secretStdin       bool
	}
	cmd := &cobra.Command{
		Use:   "login REGISTRY",
		Short: "Check credentials against a registry and store them (basic auth or OAuth2 client credentials)",
		Long: `Login checks credentials against REGISTRY's /v2/ endpoint, then stores them.

Basic: -u USER --password-stdin; stored in registry.credentials_file (default the docker config.json),
through its credential helper when one is configured.

OAuth2 client credentials: --oauth-token-url URL --client-id ID --client-secret-stdin [--scopes a,b];
a token is fetched to check them, and they are stored in paths.state_dir/clientcredentials.json (0600).
Secrets are read from standard input only, never from flag values.`,
		Args: cobra.ExactArgs(1),
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.user, "username", "u", "", "user name for basic auth")
	fl.BoolVar(&f.stdin, "password-stdin", false, "read the basic-auth password from standard input")
	fl.StringVar(&f.tokenURL, "oauth-token-url", "", "OAuth2 token endpoint (client-credentials grant)")
	fl.StringVar(&f.clientID, "client-id", "", "OAuth2 client ID")
	fl.BoolVar(&f.secretStdin, "client-secret-stdin", false, "read the OAuth2 client secret from standard input")
	fl.StringSliceVar(&f.scopes, "scopes", nil, "OAuth2 scopes")
	plain := plainHTTPFlag(cmd)
	cmd.RunE = withHint(func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		oauth := f.tokenURL != ""
		switch {
		case oauth && (f.clientID == "" || !f.secretStdin):
			return usageError{fmt.Errorf("login: OAuth2 needs --client-id and --client-secret-stdin")}
		case oauth && (f.user != "" || f.stdin):
			return usageError{fmt.Errorf("login: use either basic auth (-u, --password-stdin) or OAuth2 (--oauth-token-url)")}
		case !oauth && (f.user == "" || !f.stdin):
			return usageError{fmt.Errorf("login: pass -u USER --password-stdin, or --oauth-token-url with --client-id and --client-secret-stdin")}
		}
		secret, err := a.readSecret()
		if err != nil {
			return err
		}
		if oauth {
			cc := access.ClientCredentials{Registry: args[0], TokenURL: f.tokenURL, ClientID: f.clientID, ClientSecret: secret, Scopes: f.scopes}
			return a.loginOAuth(ctx, cc, *plain)
		}
		return a.loginBasic(ctx, args[0], f.user, secret, *plain)
	})
	return cmd
}

// loginOAuth checks OAuth2 client credentials by fetching a token and pinging the registry, then stores them.
func (a *app) loginOAuth(ctx context.Context, cc access.ClientCredentials, plain bool) error {
	c, err := access.New(a.cfg, access.Options{PlainHTTP: plain, Env: a.env, OAuth: map[string]access.ClientCredentials{cc.Registry: cc}})
	if err != nil {
		return err
	}
	reg, err := c.Registry(cc.Registry)
	if err != nil {
		return err
	}
	if err := reg.Ping(ctx); err != nil {
		return fmt.Errorf("login %s: %w", cc.Registry, err)
	}
	if err := (access.OAuthStore{Path: access.OAuthFile(a.cfg.Paths.StateDir)}).Put(cc); err != nil {
		return err
	}
	a.log.InfoContext(ctx, "login succeeded", "registry", cc.Registry, "auth", "oauth2-client-credentials")
	return nil
}

// readSecret reads one line from standard input, the only place secrets are taken from.
func (a *app) readSecret() (string, error) {
	line, err := bufio.NewReader(a.in).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read secret: %w", err)
	}
	secret := strings.TrimRight(line, "\r\n")
	if secret == "" {
		return "", usageError{fmt.Errorf("login: empty secret on standard input")}
	}
	return secret, nil
}

// loginBasic checks user and password against host's /v2/ and stores them in the credential store.
func (a *app) loginBasic(ctx context.Context, host, user, password string, plain bool) error {
	c, err := a.accessClientPlain(plain)
	if err != nil {
		return err
	}
	reg, err := c.Registry(host)
	if err != nil {
		return err
	}
	if err := credentials.Login(ctx, c.Credentials(), reg, auth.Credential{Username: user, Password: password}); err != nil {
		return fmt.Errorf("login %s: %w", host, err)
	}
	a.log.InfoContext(ctx, "login succeeded", "registry", host, "auth", "basic")
	return nil
}

// newRegistryAuthCmd is falcoctl's `registry auth basic` spelling of `registry login`.
func newRegistryAuthCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "auth",
		Short: "falcoctl's spelling of 'registry login' (auth basic, auth oauth)",
	}
	var user, password string
	var stdin bool
	basic := &cobra.Command{
		Use:   "basic REGISTRY",
		Short: "Check a user and password against a registry and store them, as 'registry login -u USER --password-stdin'",
		Args:  cobra.ExactArgs(1),
	}
	basic.Flags().StringVarP(&user, "username", "u", "", "user name")
	basic.Flags().BoolVar(&stdin, "password-stdin", false, "read the password from standard input")
	basic.Flags().StringVarP(&password, "password", "p", "", "refused: secrets are read from standard input only (use --password-stdin)")
	plain := plainHTTPFlag(basic)
	basic.RunE = withHint(func(cmd *cobra.Command, args []string) error {
		switch {
		case cmd.Flags().Changed("password"):
			return usageError{fmt.Errorf("auth basic: -p/--password is not accepted (it would show in process lists and shell history): pipe the password to --password-stdin")}
		case user == "" || !stdin:
			return usageError{fmt.Errorf("auth basic: pass -u USER --password-stdin")}
		}
		secret, err := a.readSecret()
		if err != nil {
			return err
		}
		return a.loginBasic(cmd.Context(), args[0], user, secret, *plain)
	})
	cmd.AddCommand(basic, newRegistryAuthOAuthCmd(a))
	return cmd
}

// newRegistryAuthOAuthCmd is falcoctl's `registry auth oauth` spelling of `registry login --oauth-token-url`.
func newRegistryAuthOAuthCmd(a *app) *cobra.Command {
	var f struct {
		tokenURL, clientID, secret string
		scopes                     []string
		secretStdin                bool
	}
	cmd := &cobra.Command{
		Use:   "oauth REGISTRY",
		Short: "Check OAuth2 client credentials against a registry and store them, as 'registry login --oauth-token-url'",
		Args:  cobra.ExactArgs(1),
	}
	fl := cmd.Flags()
	fl.StringVar(&f.tokenURL, "token-url", "", "OAuth2 token endpoint (client-credentials grant)")
	fl.StringVar(&f.clientID, "client-id", "", "OAuth2 client ID")
	fl.BoolVar(&f.secretStdin, "client-secret-stdin", false, "read the OAuth2 client secret from standard input")
	fl.StringVar(&f.secret, "client-secret", "", "refused: secrets are read from standard input only (use --client-secret-stdin)")
	fl.StringSliceVar(&f.scopes, "scopes", nil, "OAuth2 scopes")
	plain := plainHTTPFlag(cmd)
	cmd.RunE = withHint(func(cmd *cobra.Command, args []string) error {
		switch {
		case cmd.Flags().Changed("client-secret"):
			return usageError{fmt.Errorf("auth oauth: --client-secret is not accepted (it would show in process lists and shell history): pipe the secret to --client-secret-stdin")}
		case f.tokenURL == "" || f.clientID == "" || !f.secretStdin:
			return usageError{fmt.Errorf("auth oauth: pass --token-url URL --client-id ID --client-secret-stdin")}
		}
		secret, err := a.readSecret()
		if err != nil {
			return err
		}
		cc := access.ClientCredentials{Registry: args[0], TokenURL: f.tokenURL, ClientID: f.clientID, ClientSecret: secret, Scopes: f.scopes}
		return a.loginOAuth(cmd.Context(), cc, *plain)
	})
	return cmd
}

func newRegistryLogoutCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "logout REGISTRY",
		Short: "Remove a registry's stored credentials",
		Args:  cobra.ExactArgs(1),
	}
	cmd.RunE = withHint(func(cmd *cobra.Command, args []string) error {
		c, err := a.accessClient()
		if err != nil {
			return err
		}
		if err := credentials.Logout(cmd.Context(), c.Credentials(), args[0]); err != nil {
			return fmt.Errorf("logout %s: %w", args[0], err)
		}
		if _, err := (access.OAuthStore{Path: access.OAuthFile(a.cfg.Paths.StateDir)}).Delete(args[0]); err != nil {
			return fmt.Errorf("logout %s: %w", args[0], err)
		}
		return nil
	})
	return cmd
}

// progress returns a download progress bar on stderr when stderr is a terminal, else nil (quiet).
func (a *app) progress() pull.Progress {
	f, ok := a.err.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return func(name string, size int64, r io.Reader) io.Reader {
		return &progressBar{w: f, name: name, size: size, r: r}
	}
}

// progressBar redraws one line on a terminal as a layer downloads, at most every 100ms.
type progressBar struct {
	w        io.Writer
	name     string
	size, n  int64
	r        io.Reader
	last     time.Time
	finished bool
}

func (p *progressBar) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.n += int64(n)
	if err != nil || time.Since(p.last) >= 100*time.Millisecond {
		p.draw(err != nil)
	}
	return n, err
}

func (p *progressBar) draw(done bool) {
	if p.finished {
		return
	}
	p.last = time.Now()
	const width = 30
	frac := 1.0
	if p.size > 0 {
		frac = min(float64(p.n)/float64(p.size), 1)
	}
	fill := int(frac * width)
	bar := strings.Repeat("=", fill) + strings.Repeat(" ", width-fill)
	fmt.Fprintf(p.w, "\r%-40.40s [%s] %3.0f%% %.1f/%.1f MiB", p.name, bar, frac*100, float64(p.n)/(1<<20), float64(p.size)/(1<<20))
	if done {
		fmt.Fprintln(p.w)
		p.finished = true
	}
}
