// Package access builds the targets that artifacts are pushed to and pulled from: authenticated,
// TLS-configured, mirror-aware, retrying oras-go repositories for registry references, and OCI
// image-layout stores for oci-layout:PATH references. Build one [Client] per command from the
// configuration and open targets with it.
package access

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"oras.land/oras-go/v2"
	"oras.land/oras-go/v2/content/oci"
	"oras.land/oras-go/v2/registry"
	"oras.land/oras-go/v2/registry/remote"
	"oras.land/oras-go/v2/registry/remote/auth"
	"oras.land/oras-go/v2/registry/remote/credentials"
	"oras.land/oras-go/v2/registry/remote/retry"

	"github.com/aerie-sec/aerie/artifact/ref"
	"github.com/aerie-sec/aerie/config"
)

// UserAgent is sent with every registry request.
const UserAgent = "aeriectl"

// Options are per-client settings beyond the configuration; the zero value is valid.
type Options struct {
	// Transport is the base round tripper under TLS settings are applied to; nil means a clone of
	// http.DefaultTransport. Tests and benchmarks wrap it to count requests.
	Transport func(host string, base *http.Transport) http.RoundTripper
	// Credentials overrides the credential store; nil means registry.credentials_file, else the
	// user's docker config.json with its credential helpers.
	Credentials credentials.Store
	// MaxRetryWait caps the wait before a retry, including one asked by Retry-After; 0 means 30s.
	MaxRetryWait time.Duration
	// OAuth overrides the OAuth2 client credentials; nil means those stored by
	// `registry login --oauth-token-url` in paths.state_dir/clientcredentials.json.
	OAuth map[string]ClientCredentials
	// PlainHTTP reaches every registry over plain HTTP, as falcoctl's --plain-http does, in
	// addition to the hosts listed in registry.plain_http.
	PlainHTTP bool
	// Env locates the user's docker config.json (DOCKER_CONFIG, else HOME) when registry.credentials_file
	// is empty; nil means the process environment.
	Env config.Env
}

// Client opens targets. It is safe for concurrent use.
type Client struct {
	cfg        config.Registry
	creds      credentials.Store
	transports map[string]http.RoundTripper // per contacted host with TLS settings, "" for the default
	cache      auth.Cache
	wrap       func(host string, base *http.Transport) http.RoundTripper
	maxWait    time.Duration
	oauth      map[string]ClientCredentials // by contacted host
	tokens     *tokenCache
	plainAll   bool // Options.PlainHTTP
}

// New builds a Client from cfg.Registry. It loads every configured CA and client certificate once,
// so a bad file is reported here, naming the registry and the file.
func New(cfg *config.Config, opts Options) (*Client, error) {
	c := &Client{
		cfg:        cfg.Registry,
		transports: map[string]http.RoundTripper{},
		cache:      auth.NewCache(),
		wrap:       opts.Transport,
		maxWait:    opts.MaxRetryWait,
		plainAll:   opts.PlainHTTP,
	}
	if c.maxWait == 0 {
		c.maxWait = 30 * time.Second
	}
	c.tokens = &tokenCache{}
	c.oauth = opts.OAuth
	if c.oauth == nil {
		var err error
		if c.oauth, err = (OAuthStore{Path: OAuthFile(cfg.Paths.StateDir)}).Load(); err != nil {
			return nil, err
		}
	}
	c.creds = opts.Credentials
	if c.creds == nil {
		var err error
		so := credentials.StoreOptions{AllowPlaintextPut: true, DetectDefaultNativeStore: false}
		if cfg.Registry.CredentialsFile != "" {
			c.creds, err = credentials.NewStore(cfg.Registry.CredentialsFile, so)
		} else if p := dockerConfigFile(opts.Env); p != "" {
			c.creds, err = credentials.NewStore(p, so)
		} else {
			c.creds = noCredentials{} // no user docker config to locate (a service or CI job without HOME)
		}
		if err != nil {
			return nil, fmt.Errorf("load registry credentials: %w", err)
		}
	}
	def, err := c.newTransport("", nil)
	if err != nil {
		return nil, err
	}
	c.transports[""] = def
	for _, t := range cfg.Registry.TLS {
		tlsConf, err := tlsConfig(t)
		if err != nil {
			return nil, err
		}
		rt, err := c.newTransport(t.Registry, tlsConf)
		if err != nil {
			return nil, err
		}
		c.transports[t.Registry] = rt
	}
	return c, nil
}

// dockerConfigFile is the user's docker config.json as docker locates it: $DOCKER_CONFIG/config.json, else
// $HOME/.docker/config.json; "" when env has neither.
func dockerConfigFile(env config.Env) string {
	if env == nil {
		env = config.OSEnv{}
	}
	if d, ok := env.Lookup("DOCKER_CONFIG"); ok && d != "" {
		return filepath.Join(d, "config.json")
	}
	if h, ok := env.Lookup("HOME"); ok && h != "" {
		return filepath.Join(h, ".docker", "config.json")
	}
	return ""
}

// noCredentials is the credential store when neither registry.credentials_file nor a docker config
// location (DOCKER_CONFIG, HOME) is set: registries are reached anonymously, and storing credentials is an
// error naming the setting to use.
type noCredentials struct{}

func (noCredentials) Get(context.Context, string) (auth.Credential, error) {
	return auth.EmptyCredential, nil
}

func (noCredentials) Put(context.Context, string, auth.Credential) error {
	return errors.New("no place to store credentials: set registry.credentials_file (HOME and DOCKER_CONFIG are unset)")
}

func (noCredentials) Delete(context.Context, string) error { return nil }

func tlsConfig(t config.RegistryTLS) (*tls.Config, error) {
	tc := &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: t.Insecure} //nolint:gosec // opt-in per registry
	if t.CAFile != "" {
		pem, err := os.ReadFile(t.CAFile)
		if err != nil {
			return nil, fmt.Errorf("registry.tls %s: read ca_file: %w", t.Registry, err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("registry.tls %s: ca_file %s: no PEM certificate found", t.Registry, t.CAFile)
		}
		tc.RootCAs = pool
	}
	if (t.CertFile == "") != (t.KeyFile == "") {
		return nil, fmt.Errorf("registry.tls %s: cert_file and key_file must be set together", t.Registry)
	}
	if t.CertFile != "" {
		cert, err := tls.LoadX509KeyPair(t.CertFile, t.KeyFile)
		if err != nil {
			return nil, fmt.Errorf("registry.tls %s: load client certificate %s: %w", t.Registry, t.CertFile, err)
		}
		tc.Certificates = []tls.Certificate{cert}
	}
	return tc, nil
}

func (c *Client) newTransport(host string, tc *tls.Config) (http.RoundTripper, error) {
	base := http.DefaultTransport.(*http.Transport).Clone()
	if tc != nil {
		base.TLSClientConfig = tc
	}
	if d := time.Duration(c.cfg.Timeout); d > 0 {
		base.ResponseHeaderTimeout = d
		base.TLSHandshakeTimeout = d
		base.DialContext = (&net.Dialer{Timeout: d, KeepAlive: 30 * time.Second}).DialContext
	}
	var rt http.RoundTripper = base
	if c.wrap != nil {
		rt = c.wrap(host, base)
	}
	policy := &retry.GenericPolicy{
		Retryable: retry.DefaultPredicate,
		Backoff:   backoff,
		MinWait:   100 * time.Millisecond,
		MaxWait:   c.maxWait,
		MaxRetry:  c.cfg.Retries,
	}
	return &retry.Transport{Base: rt, Policy: func() retry.Policy { return policy }}, nil
}

// backoff waits what Retry-After asks (seconds or an HTTP date, on 429 and 503), else backs off
// exponentially from 250ms.
func backoff(attempt int, resp *http.Response) time.Duration {
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if d, ok := RetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return d
		}
	}
	return retry.ExponentialBackoff(250*time.Millisecond, 2, 0.1)(attempt, nil)
}

// RetryAfter parses a Retry-After header value (delay seconds or an HTTP date) relative to now.
func RetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

// Host returns the host actually contacted for registry host reg and the repository prefix a
// mirror adds, after mirror rewriting.
func (c *Client) Host(reg string) (host, prefix string) {
	for _, m := range c.cfg.Mirrors {
		if m.Registry == reg {
			h, p, _ := strings.Cut(m.Mirror, "/")
			return h, p
		}
	}
	return reg, ""
}

// Target is an opened source or destination of artifacts.
type Target struct {
	oras.GraphTarget
	// Ref is the reference as the user or index named it, before mirror rewriting; verification
	// policies bind to it.
	Ref ref.Ref
	// Host is the registry actually contacted (the mirror, if any); empty for layouts.
	Host string
}

// FetchReference resolves and fetches reference in one request when the underlying target can
// (registries), else resolves then fetches; oras.FetchBytes and friends use it when present.
func (t *Target) FetchReference(ctx context.Context, reference string) (ocispec.Descriptor, io.ReadCloser, error) {
	if rf, ok := t.GraphTarget.(registry.ReferenceFetcher); ok {
		return rf.FetchReference(ctx, reference)
	}
	d, err := t.Resolve(ctx, reference)
	if err != nil {
		return d, nil, err
	}
	rc, err := t.Fetch(ctx, d)
	return d, rc, err
}

// Tags implements registry.TagLister when the underlying target lists tags (registries and OCI
// layouts do), so that oras helpers and type assertions see through the wrapper.
func (t *Target) Tags(ctx context.Context, last string, fn func(tags []string) error) error {
	tl, ok := t.GraphTarget.(registry.TagLister)
	if !ok {
		return fmt.Errorf("list tags of %s: not supported", t.Ref.Repo())
	}
	return tl.Tags(ctx, last, fn)
}

// ListTags lists every tag of the target's repository, in the order the registry returns them.
func (t *Target) ListTags(ctx context.Context) ([]string, error) {
	tl, ok := t.GraphTarget.(registry.TagLister)
	if !ok {
		return nil, fmt.Errorf("list tags of %s: not supported", t.Ref.Repo())
	}
	tags, err := registry.Tags(ctx, tl)
	if err != nil {
		return nil, fmt.Errorf("list tags of %s: %w", t.Ref.Repo(), err)
	}
	return tags, nil
}

// Open opens the repository or layout r names, for reading. A layout directory must exist.
func (c *Client) Open(ctx context.Context, r ref.Ref) (*Target, error) {
	return c.open(ctx, r, false)
}

// OpenForPush opens the repository or layout r names, for writing; a missing layout is created.
func (c *Client) OpenForPush(ctx context.Context, r ref.Ref) (*Target, error) {
	return c.open(ctx, r, true)
}

func (c *Client) open(ctx context.Context, r ref.Ref, write bool) (*Target, error) {
	switch r.Kind {
	case ref.Layout:
		if !write {
			fi, err := os.Stat(r.Repository)
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil, fmt.Errorf("open %s: OCI layout directory does not exist", r.Repo())
				}
				return nil, fmt.Errorf("open %s: %w", r.Repo(), err)
			}
			if !fi.IsDir() {
				return nil, fmt.Errorf("open %s: not a directory", r.Repo())
			}
		}
		s, err := oci.NewWithContext(ctx, r.Repository)
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", r.Repo(), err)
		}
		return &Target{GraphTarget: s, Ref: r}, nil
	case ref.Remote:
		repo, host, err := c.Repository(r)
		if err != nil {
			return nil, err
		}
		return &Target{GraphTarget: repo, Ref: r, Host: host}, nil
	}
	return nil, fmt.Errorf("open %s: an index name must be resolved to a registry reference first", r)
}

// Repository builds the remote repository for a Remote reference, rewritten through mirrors.
func (c *Client) Repository(r ref.Ref) (*remote.Repository, string, error) {
	host, prefix := c.Host(r.Registry)
	path := r.Repository
	if prefix != "" {
		path = prefix + "/" + path
	}
	repo, err := remote.NewRepository(host + "/" + path)
	if err != nil {
		return nil, "", fmt.Errorf("open %s: %w", r.Repo(), err)
	}
	repo.Client = c.authClient(host)
	repo.PlainHTTP = c.PlainHTTP(host)
	return repo, host, nil
}

// Registry returns the remote registry host (after mirror rewriting), for login, ping and catalog.
func (c *Client) Registry(reg string) (*remote.Registry, error) {
	host, _ := c.Host(reg)
	rg, err := remote.NewRegistry(host)
	if err != nil {
		return nil, fmt.Errorf("open registry %s: %w", reg, err)
	}
	rg.Client = c.authClient(host)
	rg.PlainHTTP = c.PlainHTTP(host)
	return rg, nil
}

// credential answers registry auth challenges: an OAuth2 access token for registries logged in
// with client credentials, else the docker credential store (config.json and its helpers).
func (c *Client) credential(ctx context.Context, hostport string) (auth.Credential, error) {
	if cc, ok := c.oauth[hostport]; ok {
		tok, err := c.tokens.get(ctx, cc, c.HTTPClient(""))
		if err != nil {
			return auth.EmptyCredential, err
		}
		return auth.Credential{AccessToken: tok}, nil
	}
	return credentials.Credential(c.creds)(ctx, hostport)
}

// PlainHTTP reports whether host is reached over plain HTTP (registry.plain_http, or every host
// with Options.PlainHTTP).
func (c *Client) PlainHTTP(host string) bool {
	return c.plainAll || slices.Contains(c.cfg.PlainHTTP, host)
}

// Credentials returns the credential store (docker config.json and its helpers).
func (c *Client) Credentials() credentials.Store { return c.creds }

// HTTPClient returns the retrying, TLS-configured HTTP client used for host, without registry auth.
func (c *Client) HTTPClient(host string) *http.Client {
	rt, ok := c.transports[host]
	if !ok {
		rt = c.transports[""]
	}
	return &http.Client{Transport: rt}
}

func (c *Client) authClient(host string) *auth.Client {
	ac := &auth.Client{
		Client:     c.HTTPClient(host),
		Cache:      c.cache,
		Credential: c.credential,
	}
	ac.SetUserAgent(UserAgent)
	return ac
}
