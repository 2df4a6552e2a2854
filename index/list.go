package index

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/aerie-sec/aerie/config"
)

// Added is an index added with `aeriectl index add`.
type Added struct {
	Name    string    `yaml:"name" json:"name"`
	URL     string    `yaml:"url" json:"url"`
	Backend string    `yaml:"backend,omitempty" json:"backend,omitempty"`
	Added   time.Time `yaml:"added" json:"added"`
}

// List is the file of added indexes (state_dir/indexes.yaml); configured indexes come from config.
type List struct {
	Path string
}

type listFile struct {
	Indexes []Added `yaml:"indexes"`
}

// Load reads the added indexes; a missing file is an empty list.
func (l List) Load() ([]Added, error) {
	b, err := os.ReadFile(l.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read index list: %w", err)
	}
	var f listFile
	if err := yaml.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("parse index list %s: %w", l.Path, err)
	}
	return f.Indexes, nil
}

func (l List) save(ix []Added) error {
	if err := os.MkdirAll(filepath.Dir(l.Path), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", filepath.Dir(l.Path), err)
	}
	b, err := yaml.Marshal(listFile{Indexes: ix})
	if err != nil {
		return fmt.Errorf("encode index list: %w", err)
	}
	return writeAtomic(l.Path, b, 0o644)
}

// Add appends an index and reports whether it did. Adding again an index already added or
// configured with the same URL and backend changes nothing (as falcoctl, so that setup scripts can
// repeat it); the same name with another URL or backend is an error.
func (l List) Add(a Added, configured []config.Index) (bool, error) {
	cur, err := l.Load()
	if err != nil {
		return false, err
	}
	same := func(c config.Index) error {
		if c.URL == a.URL && Backend(c) == Backend(config.Index{URL: a.URL, Backend: a.Backend}) {
			return nil
		}
		return fmt.Errorf("add index %s: an index with that name exists with URL %s (backend %s); remove it first", a.Name, c.URL, Backend(c))
	}
	for _, c := range configured {
		if c.Name == a.Name {
			return false, same(c)
		}
	}
	for _, c := range cur {
		if c.Name == a.Name {
			return false, same(config.Index{Name: c.Name, URL: c.URL, Backend: c.Backend})
		}
	}
	return true, l.save(append(cur, a))
}

// Remove drops added indexes by name; an unknown name is an error.
func (l List) Remove(names ...string) error {
	cur, err := l.Load()
	if err != nil {
		return err
	}
	for _, n := range names {
		i := slices.IndexFunc(cur, func(c Added) bool { return c.Name == n })
		if i < 0 {
			return fmt.Errorf("remove index %s: not added with 'index add' (indexes from the configuration file are removed there)", n)
		}
		cur = slices.Delete(cur, i, i+1)
	}
	return l.save(cur)
}

// All returns the configured indexes followed by the added ones.
func (l List) All(configured []config.Index) ([]config.Index, error) {
	cur, err := l.Load()
	if err != nil {
		return nil, err
	}
	out := append([]config.Index(nil), configured...)
	for _, a := range cur {
		out = append(out, config.Index{Name: a.Name, URL: a.URL, Backend: a.Backend})
	}
	return out, nil
}
