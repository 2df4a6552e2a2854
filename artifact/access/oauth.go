package access

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// ClientCredentials is an OAuth2 client-credentials grant used to get registry access tokens.
type ClientCredentials struct {
	Registry     string   `json:"registry"`
	TokenURL     string   `json:"token_url"`
	ClientID     string   `json:"client_id"`
	ClientSecret string   `json:"client_secret"`
	Scopes       []string `json:"scopes,omitempty"`
}

// Token fetches an access token from TokenURL with the client-credentials grant (RFC 6749 4.4),
// authenticating the client with HTTP basic auth.
func (cc ClientCredentials) Token(ctx context.Context, hc *http.Client) (string, time.Duration, error) {
	form := url.Values{"grant_type": {"client_credentials"}}
	if len(cc.Scopes) > 0 {
		form.Set("scope", strings.Join(cc.Scopes, " "))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, cc.TokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return "", 0, fmt.Errorf("request token for %s: %w", cc.Registry, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(url.QueryEscape(cc.ClientID), url.QueryEscape(cc.ClientSecret))
	resp, err := hc.Do(req)
	if err != nil {
		return "", 0, fmt.Errorf("request token for %s: %w", cc.Registry, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return "", 0, fmt.Errorf("request token for %s: %w", cc.Registry, err)
	}
	if resp.StatusCode != http.StatusOK {
		return "", 0, fmt.Errorf("request token for %s: %s: %s", cc.Registry, resp.Status, strings.TrimSpace(string(body)))
	}
	var tok struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int64  `json:"expires_in"`
	}
	if err := json.Unmarshal(body, &tok); err != nil || tok.AccessToken == "" {
		return "", 0, fmt.Errorf("request token for %s: no access_token in the response", cc.Registry)
	}
	return tok.AccessToken, time.Duration(tok.ExpiresIn) * time.Second, nil
}

// OAuthStore is the file of client credentials, keyed by registry (mode 0600 in a 0700 directory).
type OAuthStore struct {
	Path string
}

// OAuthFile is the client-credentials file under a state directory.
func OAuthFile(stateDir string) string { return filepath.Join(stateDir, "clientcredentials.json") }

// Load reads the stored client credentials; a missing file is empty.
func (s OAuthStore) Load() (map[string]ClientCredentials, error) {
	out := map[string]ClientCredentials{}
	b, err := os.ReadFile(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read client credentials: %w", err)
	}
	var list []ClientCredentials
	if err := json.Unmarshal(b, &list); err != nil {
		return nil, fmt.Errorf("decode client credentials %s: %w", s.Path, err)
	}
	for _, cc := range list {
		out[cc.Registry] = cc
	}
	return out, nil
}

// Put stores cc, replacing any entry for its registry.
func (s OAuthStore) Put(cc ClientCredentials) error {
	m, err := s.Load()
	if err != nil {
		return err
	}
	m[cc.Registry] = cc
	return s.save(m)
}

// Delete removes the entry of registry; it reports whether there was one.
func (s OAuthStore) Delete(registry string) (bool, error) {
	m, err := s.Load()
	if err != nil {
		return false, err
	}
	if _, ok := m[registry]; !ok {
		return false, nil
	}
	delete(m, registry)
	return true, s.save(m)
}

func (s OAuthStore) save(m map[string]ClientCredentials) error {
	list := make([]ClientCredentials, 0, len(m))
	for _, cc := range m {
		list = append(list, cc)
	}
	b, err := json.MarshalIndent(list, "", "  ")
	if err != nil {
		return fmt.Errorf("encode client credentials: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(s.Path), 0o700); err != nil {
		return fmt.Errorf("write client credentials: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.Path), ".clientcredentials-*")
	if err != nil {
		return fmt.Errorf("write client credentials: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("write client credentials: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write client credentials: %w", err)
	}
	if err := os.Rename(tmp.Name(), s.Path); err != nil {
		return fmt.Errorf("write client credentials: %w", err)
	}
	return nil
}

// tokenCache holds access tokens per registry until shortly before they expire.
type tokenCache struct {
	mu     sync.Mutex
	tokens map[string]cachedToken
}

type cachedToken struct {
	token   string
	expires time.Time
}

func (c *tokenCache) get(ctx context.Context, cc ClientCredentials, hc *http.Client) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t, ok := c.tokens[cc.Registry]; ok && time.Now().Before(t.expires) {
		return t.token, nil
	}
	tok, ttl, err := cc.Token(ctx, hc)
	if err != nil {
		return "", err
	}
	if ttl <= 0 {
		ttl = 5 * time.Minute
	}
	if c.tokens == nil {
		c.tokens = map[string]cachedToken{}
	}
	c.tokens[cc.Registry] = cachedToken{token: tok, expires: time.Now().Add(ttl * 9 / 10)}
	return tok, nil
}
