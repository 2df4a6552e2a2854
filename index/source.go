package index

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aerie-sec/aerie/artifact/access"
	"github.com/aerie-sec/aerie/artifact/pull"
	"github.com/aerie-sec/aerie/artifact/ref"
	"github.com/aerie-sec/aerie/config"
)

// Backend returns ix's backend: the configured one, else derived from the URL (http, https, file,
// oci for oci:// and oci-layout: URLs; gcs for gs:// and s3 for s3://, falcoctl backends aeriectl
// does not fetch from; anything else is http, as in falcoctl).
func Backend(ix config.Index) string {
	if ix.Backend != "" {
		return ix.Backend
	}
	switch {
	case strings.HasPrefix(ix.URL, "gs://"):
		return "gcs"
	case strings.HasPrefix(ix.URL, "s3://"):
		return "s3"
	case strings.HasPrefix(ix.URL, "https://"):
		return "https"
	case strings.HasPrefix(ix.URL, "file://"), strings.HasPrefix(ix.URL, "/"):
		return "file"
	case strings.HasPrefix(ix.URL, "oci://"), strings.HasPrefix(ix.URL, ref.LayoutPrefix):
		return "oci"
	}
	return "http"
}

// Sources fetches index files from their backends.
type Sources struct {
	HTTP func(host string) *http.Client // http and https client per host (TLS settings); nil means http.DefaultClient
	OCI  *access.Client                 // oci; nil disables that backend
}

// Fetched is the result of a fetch.
type Fetched struct {
	Data        []byte
	ETag        string // HTTP ETag, or the root digest for OCI
	NotModified bool   // the source answered that etag is current; Data is nil
}

// Fetch gets ix's index file. etag, when not empty, is sent as If-None-Match (HTTP) or compared
// with the resolved digest (OCI).
func (s Sources) Fetch(ctx context.Context, ix config.Index, etag string) (Fetched, error) {
	switch b := Backend(ix); b {
	case "file":
		p := strings.TrimPrefix(ix.URL, "file://")
		data, err := readLimited(p)
		if err != nil {
			return Fetched{}, fmt.Errorf("fetch index %s: %w", ix.Name, err)
		}
		return Fetched{Data: data}, nil
	case "http", "https":
		return s.fetchHTTP(ctx, ix, etag)
	case "oci":
		return s.fetchOCI(ctx, ix, etag)
	case "gcs", "s3":
		return Fetched{}, fmt.Errorf("fetch index %s: falcoctl's %s backend is not supported: copy %s to a file, an https server or an OCI artifact", ix.Name, b, ix.URL)
	default:
		return Fetched{}, fmt.Errorf("fetch index %s: unknown backend %q", ix.Name, b)
	}
}

func readLimited(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxSize {
		return nil, fmt.Errorf("%s exceeds %d bytes", p, MaxSize)
	}
	return data, nil
}

func (s Sources) fetchHTTP(ctx context.Context, ix config.Index, etag string) (Fetched, error) {
	u, err := url.Parse(ix.URL)
	if err != nil || u.Host == "" {
		return Fetched{}, fmt.Errorf("fetch index %s: invalid URL %q", ix.Name, ix.URL)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ix.URL, nil)
	if err != nil {
		return Fetched{}, fmt.Errorf("fetch index %s: %w", ix.Name, err)
	}
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	c := http.DefaultClient
	if s.HTTP != nil {
		c = s.HTTP(u.Host)
	}
	resp, err := c.Do(req)
	if err != nil {
		return Fetched{}, fmt.Errorf("fetch index %s: %w", ix.Name, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified && etag != "" {
		return Fetched{ETag: etag, NotModified: true}, nil
	}
	if resp.StatusCode != http.StatusOK {
		return Fetched{}, fmt.Errorf("fetch index %s: GET %s: %s", ix.Name, ix.URL, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxSize+1))
	if err != nil {
		return Fetched{}, fmt.Errorf("fetch index %s: %w", ix.Name, err)
	}
	if len(data) > MaxSize {
		return Fetched{}, fmt.Errorf("fetch index %s: larger than %d bytes", ix.Name, MaxSize)
	}
	return Fetched{Data: data, ETag: resp.Header.Get("ETag")}, nil
}

// fetchOCI reads an index pushed as an artifact (any type) whose layer holds one YAML file.
func (s Sources) fetchOCI(ctx context.Context, ix config.Index, etag string) (Fetched, error) {
	if s.OCI == nil {
		return Fetched{}, fmt.Errorf("fetch index %s: OCI backend not available", ix.Name)
	}
	r, err := ref.Parse(strings.TrimPrefix(ix.URL, "oci://"))
	if err != nil {
		return Fetched{}, fmt.Errorf("fetch index %s: %w", ix.Name, err)
	}
	t, err := s.OCI.Open(ctx, r)
	if err != nil {
		return Fetched{}, fmt.Errorf("fetch index %s: %w", ix.Name, err)
	}
	root, err := t.Resolve(ctx, r.Reference())
	if err != nil {
		return Fetched{}, fmt.Errorf("fetch index %s: resolve %s: %w", ix.Name, r, err)
	}
	if etag != "" && root.Digest.String() == etag {
		return Fetched{ETag: etag, NotModified: true}, nil
	}
	a, err := pull.Resolve(ctx, t.GraphTarget, root.Digest.String(), "")
	if err != nil {
		return Fetched{}, fmt.Errorf("fetch index %s: %w", ix.Name, err)
	}
	var buf bytes.Buffer
	if err := pull.FetchLayer(ctx, t.GraphTarget, a, &buf, nil); err != nil {
		return Fetched{}, fmt.Errorf("fetch index %s: %w", ix.Name, err)
	}
	data, err := singleFile(&buf)
	if err != nil {
		return Fetched{}, fmt.Errorf("fetch index %s from %s: %w", ix.Name, r, err)
	}
	return Fetched{Data: data, ETag: root.Digest.String()}, nil
}

func singleFile(r io.Reader) ([]byte, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("read layer: %w", err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil, errors.New("layer holds no regular file")
		}
		if err != nil {
			return nil, fmt.Errorf("read layer: %w", err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		if h.Size > MaxSize {
			return nil, fmt.Errorf("index file %s exceeds %d bytes", h.Name, MaxSize)
		}
		return io.ReadAll(io.LimitReader(tr, MaxSize))
	}
}

// Cache keeps fetched index files under Dir (normally $XDG_CACHE_HOME/aerie/indexes), refreshed
// when older than MaxAge, revalidated with ETags; a stale copy is used, with a warning, when the
// source cannot be reached.
type Cache struct {
	Dir     string
	MaxAge  time.Duration // 0 means 6h
	Sources Sources
	Log     *slog.Logger
}

type meta struct {
	URL     string    `json:"url"`
	ETag    string    `json:"etag,omitempty"`
	Fetched time.Time `json:"fetched"`
}

// Status describes one cached index.
type Status struct {
	Name    string    `json:"name"`
	URL     string    `json:"url"`
	Backend string    `json:"backend"`
	Entries int       `json:"entries"`
	Fetched time.Time `json:"fetched"`
}

// Load returns the merged set of ixs, in order, refreshing stale caches.
func (c *Cache) Load(ctx context.Context, ixs []config.Index) (*Set, error) {
	set := NewSet()
	for _, ix := range ixs {
		entries, _, err := c.Get(ctx, ix, false)
		if err != nil {
			return nil, err
		}
		set.Add(ix.Name, entries)
	}
	return set, nil
}

// Get returns ix's entries, from the cache when fresh (force refreshes anyway).
func (c *Cache) Get(ctx context.Context, ix config.Index, force bool) ([]Entry, Status, error) {
	st := Status{Name: ix.Name, URL: ix.URL, Backend: Backend(ix)}
	dataPath := filepath.Join(c.Dir, ix.Name+".yaml")
	metaPath := filepath.Join(c.Dir, ix.Name+".json")
	var m meta
	cached, err := os.ReadFile(dataPath)
	if err == nil {
		if b, err := os.ReadFile(metaPath); err == nil {
			_ = json.Unmarshal(b, &m)
		}
		if m.URL != ix.URL {
			cached, m = nil, meta{}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, st, fmt.Errorf("read index cache %s: %w", dataPath, err)
	}
	maxAge := c.MaxAge
	if maxAge == 0 {
		maxAge = 6 * time.Hour
	}
	if cached != nil && !force && time.Since(m.Fetched) < maxAge {
		entries, err := Parse(dataPath, cached)
		st.Entries, st.Fetched = len(entries), m.Fetched
		return entries, st, err
	}
	etag := ""
	if cached != nil {
		etag = m.ETag
	}
	f, err := c.Sources.Fetch(ctx, ix, etag)
	if err != nil {
		if cached != nil && !force {
			if c.Log != nil {
				c.Log.WarnContext(ctx, "using stale index cache", "index", ix.Name, "fetched", m.Fetched, "err", err)
			}
			entries, perr := Parse(dataPath, cached)
			st.Entries, st.Fetched = len(entries), m.Fetched
			return entries, st, perr
		}
		return nil, st, err
	}
	data := f.Data
	if f.NotModified {
		data = cached
	}
	entries, err := Parse(ix.URL, data)
	if err != nil {
		return nil, st, err
	}
	m = meta{URL: ix.URL, ETag: f.ETag, Fetched: time.Now().UTC()}
	if err := c.store(ix.Name, data, m); err != nil {
		return nil, st, err
	}
	st.Entries, st.Fetched = len(entries), m.Fetched
	return entries, st, nil
}

// Remove drops ix's cached files.
func (c *Cache) Remove(name string) error {
	for _, p := range []string{name + ".yaml", name + ".json"} {
		if err := os.Remove(filepath.Join(c.Dir, p)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove index cache: %w", err)
		}
	}
	return nil
}

func (c *Cache) store(name string, data []byte, m meta) error {
	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return fmt.Errorf("create index cache: %w", err)
	}
	mb, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("encode index cache metadata: %w", err)
	}
	for _, w := range []struct {
		path string
		b    []byte
	}{{filepath.Join(c.Dir, name+".yaml"), data}, {filepath.Join(c.Dir, name+".json"), mb}} {
		if err := writeAtomic(w.path, w.b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func writeAtomic(path string, b []byte, mode fs.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
