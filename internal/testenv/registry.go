package testenv

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	ggcr "github.com/google/go-containerregistry/pkg/registry"
	"golang.org/x/crypto/bcrypt"
)

// Registry is an OCI registry started for one test on a loopback port, stopped by t.Cleanup.
type Registry struct {
	Host     string // 127.0.0.1:PORT
	TLS      bool   // served over HTTPS with a certificate signed by CAFile
	CAFile   string // PEM CA certificate (TLS registries)
	User     string // htpasswd user ("" when no auth)
	Password string
	Kind     string // "docker-registry-2.8", "distribution-3", "ggcr-referrers"
}

// RegistryOptions choose TLS and htpasswd authentication for a registry process.
type RegistryOptions struct {
	TLS  bool
	Auth bool // htpasswd with user "aerie" and a random password
}

// DockerRegistry starts Debian's docker-registry 2.8 (/usr/bin/docker-registry, from scripts/setup.sh).
func DockerRegistry(t testing.TB, opts RegistryOptions) *Registry {
	t.Helper()
	bin := "/usr/bin/docker-registry"
	if _, err := os.Stat(bin); err != nil {
		bin = Tool(t, "docker-registry")
	}
	return startRegistry(t, bin, "docker-registry-2.8", opts)
}

// DistributionRegistry starts distribution 3.1.2's registry binary from $(go env GOPATH)/bin.
func DistributionRegistry(t testing.TB, opts RegistryOptions) *Registry {
	t.Helper()
	return startRegistry(t, Tool(t, "registry"), "distribution-3", opts)
}

// ReferrersRegistry serves go-containerregistry's in-memory registry with the OCI referrers API, in process.
func ReferrersRegistry(t testing.TB) *Registry {
	t.Helper()
	srv := httptest.NewServer(ggcr.New(ggcr.WithReferrersSupport(true), ggcr.Logger(discardLogger())))
	t.Cleanup(srv.Close)
	return &Registry{Host: strings.TrimPrefix(srv.URL, "http://"), Kind: "ggcr-referrers"}
}

// listenRE finds the address the registry reports once listening (both 2.8 and 3.x log it).
var listenRE = regexp.MustCompile(`listening on (127\.0\.0\.1:\d+)`)

func startRegistry(t testing.TB, bin, kind string, opts RegistryOptions) *Registry {
	t.Helper()
	dir := t.TempDir()
	r := &Registry{Kind: kind, TLS: opts.TLS}
	var cfg strings.Builder
	fmt.Fprintf(&cfg, "version: 0.1\nlog:\n  level: info\n  accesslog:\n    disabled: true\nstorage:\n  inmemory: {}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:0\n  secret: aerie-test\n")
	if opts.TLS {
		cert, key, ca := selfSigned(t, dir)
		r.CAFile = ca
		fmt.Fprintf(&cfg, "  tls:\n    certificate: %s\n    key: %s\n", cert, key)
	}
	if opts.Auth {
		r.User, r.Password = "aerie", randomPassword(t)
		hash, err := bcrypt.GenerateFromPassword([]byte(r.Password), bcrypt.MinCost)
		if err != nil {
			t.Fatalf("htpasswd: %v", err)
		}
		hp := filepath.Join(dir, "htpasswd")
		if err := os.WriteFile(hp, []byte(r.User+":"+string(hash)+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&cfg, "auth:\n  htpasswd:\n    realm: aerie\n    path: %s\n", hp)
	}
	cp := filepath.Join(dir, "config.yml")
	if err := os.WriteFile(cp, []byte(cfg.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve", cp)
	cmd.Env = append(os.Environ(), "OTEL_TRACES_EXPORTER=none", "OTEL_SDK_DISABLED=true")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = cmd.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	addr := make(chan string, 1)
	var logTail []string
	go func() {
		sc := bufio.NewScanner(stderr)
		sent := false
		for sc.Scan() {
			line := sc.Text()
			if !sent {
				logTail = append(logTail, line)
				if m := listenRE.FindStringSubmatch(line); m != nil {
					addr <- m[1]
					sent = true
				}
			}
		}
		if !sent {
			close(addr)
		}
	}()
	select {
	case a, ok := <-addr:
		if !ok {
			t.Fatalf("%s exited before listening", kind)
		}
		r.Host = a
	case <-time.After(15 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("%s did not report its address within 15s", kind)
	}
	waitReady(t, r)
	return r
}

// waitReady polls /v2/ until the registry answers.
func waitReady(t testing.TB, r *Registry) {
	t.Helper()
	c := r.HTTPClient(t)
	scheme := "http"
	if r.TLS {
		scheme = "https"
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := c.Get(scheme + "://" + r.Host + "/v2/")
		if err == nil {
			resp.Body.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s at %s not ready: %v", r.Kind, r.Host, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// HTTPClient returns a client that trusts the registry's CA.
func (r *Registry) HTTPClient(t testing.TB) *http.Client {
	t.Helper()
	tr := http.DefaultTransport.(*http.Transport).Clone()
	if r.CAFile != "" {
		pool := x509.NewCertPool()
		b, err := os.ReadFile(r.CAFile)
		if err != nil {
			t.Fatal(err)
		}
		pool.AppendCertsFromPEM(b)
		tr.TLSClientConfig.RootCAs = pool
	}
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}
}

func randomPassword(t testing.TB) string {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", b)
}

// selfSigned writes a CA and a server certificate for 127.0.0.1 into dir.
func selfSigned(t testing.TB, dir string) (certFile, keyFile, caFile string) {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "aerie test CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caCert, _ := x509.ParseCertificate(caDER)
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, caCert, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, typ string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: b}), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	return write("server.pem", "CERTIFICATE", der), write("server-key.pem", "EC PRIVATE KEY", keyDER), write("ca.pem", "CERTIFICATE", caDER)
}

func discardLogger() *log.Logger { return log.New(io.Discard, "", 0) }
