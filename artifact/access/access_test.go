package access

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"oras.land/oras-go/v2/registry/remote/credentials"

	"github.com/aerie-sec/aerie/artifact/ref"
	"github.com/aerie-sec/aerie/config"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		v    string
		want time.Duration
		ok   bool
	}{
		{"3", 3 * time.Second, true},
		{"0", 0, true},
		{"Thu, 01 Jan 2026 00:00:10 GMT", 10 * time.Second, true},
		{"Wed, 31 Dec 2025 23:59:00 GMT", 0, true},
		{"", 0, false},
		{"-1", 0, false},
		{"soon", 0, false},
	}
	for _, tt := range tests {
		got, ok := RetryAfter(tt.v, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("RetryAfter(%q) = %v, %v; want %v, %v", tt.v, got, ok, tt.want, tt.ok)
		}
	}
}

func newClient(t *testing.T, mut func(*config.Config)) (*Client, error) {
	t.Helper()
	cfg := config.Default(config.MapEnv{"HOME": t.TempDir()})
	cfg.Registry.CredentialsFile = filepath.Join(t.TempDir(), "config.json")
	if mut != nil {
		mut(cfg)
	}
	return New(cfg, Options{Credentials: credentials.NewMemoryStore(), MaxRetryWait: 2 * time.Second})
}

func TestNewTLSErrors(t *testing.T) {
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "ca.pem")
	_ = os.WriteFile(notPEM, []byte("junk"), 0o600)
	tests := []struct {
		tls  config.RegistryTLS
		want string
	}{
		{config.RegistryTLS{Registry: "r.example", CAFile: filepath.Join(dir, "missing.pem")}, "registry.tls r.example: read ca_file"},
		{config.RegistryTLS{Registry: "r.example", CAFile: notPEM}, "no PEM certificate"},
		{config.RegistryTLS{Registry: "r.example", CertFile: notPEM}, "cert_file and key_file must be set together"},
		{config.RegistryTLS{Registry: "r.example", CertFile: notPEM, KeyFile: notPEM}, "load client certificate"},
	}
	for _, tt := range tests {
		_, err := newClient(t, func(c *config.Config) { c.Registry.TLS = []config.RegistryTLS{tt.tls} })
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: err = %v, want %q", tt.tls, err, tt.want)
		}
	}
}

func TestMirrorAndPlainHTTP(t *testing.T) {
	c, err := newClient(t, func(c *config.Config) {
		c.Registry.Mirrors = []config.RegistryMirror{{Registry: "ghcr.io", Mirror: "mirror.local:5000/cache"}}
		c.Registry.PlainHTTP = []string{"mirror.local:5000"}
	})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := ref.Parse("ghcr.io/falcosecurity/rules/falco-rules:5")
	repo, host, err := c.Repository(r)
	if err != nil {
		t.Fatal(err)
	}
	if host != "mirror.local:5000" || repo.Reference.Repository != "cache/falcosecurity/rules/falco-rules" || !repo.PlainHTTP {
		t.Errorf("host %s repo %+v plain %v", host, repo.Reference, repo.PlainHTTP)
	}
	if h, p := c.Host("docker.io"); h != "docker.io" || p != "" {
		t.Errorf("unmirrored host rewritten: %s %s", h, p)
	}
	if _, err := c.Open(context.Background(), ref.Ref{Kind: ref.Name, Repository: "x"}); err == nil {
		t.Error("Open accepted an index name")
	}
}

// TestPlainHTTPEverywhere is falcoctl's --plain-http: every registry over plain HTTP.
func TestPlainHTTPEverywhere(t *testing.T) {
	cfg := config.Default(config.MapEnv{"HOME": t.TempDir()})
	for _, all := range []bool{false, true} {
		c, err := New(cfg, Options{Credentials: credentials.NewMemoryStore(), PlainHTTP: all})
		if err != nil {
			t.Fatal(err)
		}
		r, _ := ref.Parse("ghcr.io/falcosecurity/rules/falco-rules:5")
		repo, _, err := c.Repository(r)
		if err != nil {
			t.Fatal(err)
		}
		reg, err := c.Registry("localhost:5000")
		if err != nil {
			t.Fatal(err)
		}
		if repo.PlainHTTP != all || reg.PlainHTTP != all || c.PlainHTTP("any.example") != all {
			t.Errorf("PlainHTTP option %v: repository %v, registry %v", all, repo.PlainHTTP, reg.PlainHTTP)
		}
	}
}

func TestRetriesHonourRetryAfter(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	c, err := newClient(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	resp, err := c.HTTPClient("").Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || calls.Load() != 2 {
		t.Errorf("status %d after %d calls", resp.StatusCode, calls.Load())
	}
	if waited := time.Since(start); waited < 900*time.Millisecond {
		t.Errorf("did not wait for Retry-After: %v", waited)
	}
}

func TestOpenLayout(t *testing.T) {
	c, err := newClient(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "layout")
	r, _ := ref.Parse("oci-layout:" + dir + ":1.0.0")
	if _, err := c.Open(context.Background(), r); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("open missing layout: %v", err)
	}
	tg, err := c.OpenForPush(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	if tags, err := tg.ListTags(context.Background()); err != nil || len(tags) != 0 {
		t.Errorf("tags %v %v", tags, err)
	}
}
