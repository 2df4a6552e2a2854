package config

import (
	"bytes"
	"encoding"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Env looks up an environment variable; [OSEnv] reads the process environment.
type Env interface {
	Lookup(key string) (string, bool)
	Environ() []string
}

// OSEnv is the process environment.
type OSEnv struct{}

// Lookup returns os.LookupEnv(key).
func (OSEnv) Lookup(key string) (string, bool) { return os.LookupEnv(key) }

// Environ returns os.Environ().
func (OSEnv) Environ() []string { return os.Environ() }

// MapEnv is an environment held in a map, for tests and embedding.
type MapEnv map[string]string

// Lookup returns m[key].
func (m MapEnv) Lookup(key string) (string, bool) { v, ok := m[key]; return v, ok }

// Environ returns the map as KEY=VALUE pairs.
func (m MapEnv) Environ() []string {
	out := make([]string, 0, len(m))
	for k, v := range m {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

// EnvPrefix starts every configuration environment variable.
const EnvPrefix = "AERIE_"

// Environment variables that start with AERIE_ but are not configuration keys.
var reservedEnv = map[string]bool{
	"AERIE_CONFIG": true, "AERIE_CORPUS": true, "AERIE_COSIGN_PASSWORD": true,
}

// DefaultPaths derives the cache and state directories from the XDG variables and the user.
func DefaultPaths(env Env) Paths {
	home, _ := env.Lookup("HOME")
	root := os.Geteuid() == 0
	// xdg returns $key, else $HOME/fallback; without an absolute home (daemons, CI jobs with HOME unset) it
	// returns the system directory for root and a per-user directory under the temporary directory for
	// others, never a path relative to the working directory.
	xdg := func(key, fallback, system, kind string) string {
		if v, ok := env.Lookup(key); ok && filepath.IsAbs(v) {
			return filepath.Join(v, "aerie")
		}
		if filepath.IsAbs(home) {
			return filepath.Join(home, fallback, "aerie")
		}
		if root {
			return system
		}
		return filepath.Join(os.TempDir(), fmt.Sprintf("aerie-%s-%d", kind, os.Geteuid()))
	}
	p := Paths{CacheDir: xdg("XDG_CACHE_HOME", ".cache", "/var/cache/aerie", "cache")}
	if root {
		p.StateDir = "/var/lib/aerie"
	} else {
		p.StateDir = xdg("XDG_STATE_HOME", ".local/state", "/var/lib/aerie", "state")
	}
	return p
}

// Files returns the configuration files to read, in order: the explicit file (flag, then AERIE_CONFIG)
// alone if one is named, else the system file and the per-user file ($XDG_CONFIG_HOME/aerie/config.yaml).
// explicitRequired reports whether the files must exist.
func Files(flag string, env Env) (files []string, explicitRequired bool) {
	if flag != "" {
		return []string{flag}, true
	}
	if v, ok := env.Lookup("AERIE_CONFIG"); ok && v != "" {
		return []string{v}, true
	}
	files = []string{DefaultFile}
	home, _ := env.Lookup("HOME")
	dir, ok := env.Lookup("XDG_CONFIG_HOME")
	if !ok || !filepath.IsAbs(dir) {
		dir = filepath.Join(home, ".config")
	}
	if filepath.IsAbs(dir) {
		files = append(files, filepath.Join(dir, "aerie", "config.yaml"))
	}
	return files, false
}

// Load builds the configuration from defaults, the files named by flagFile and env (see [Files]),
// and AERIE_* environment overrides, then validates it. A missing implicit file is not an error.
func Load(flagFile string, env Env) (*Config, error) {
	cfg := Default(env)
	files, required := Files(flagFile, env)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			if !required && errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return nil, fmt.Errorf("read config: %w", err)
		}
		if err := Decode(f, data, cfg); err != nil {
			return nil, err
		}
	}
	if err := ApplyEnv(cfg, env); err != nil {
		return nil, err
	}
	def := DefaultPaths(env)
	if cfg.Paths.CacheDir == "" {
		cfg.Paths.CacheDir = def.CacheDir
	}
	if cfg.Paths.StateDir == "" {
		cfg.Paths.StateDir = def.StateDir
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// Decode strictly decodes one YAML configuration document from file into cfg, over the values already there.
func Decode(file string, data []byte, cfg *Config) error {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, errEOF()) {
			return nil // empty file: defaults
		}
		return fmt.Errorf("%s: %s", file, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil
	}
	if err := checkKeys(file, root, reflect.TypeOf(*cfg), ""); err != nil {
		return err
	}
	if err := root.Decode(cfg); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			return fmt.Errorf("%s: %s", file, strings.Join(te.Errors, "; "))
		}
		return fmt.Errorf("%s: %w", file, err)
	}
	return nil
}

func errEOF() error {
	var n yaml.Node
	return yaml.NewDecoder(bytes.NewReader(nil)).Decode(&n)
}

// KeyError is an unknown or misplaced key in a configuration file.
type KeyError struct {
	File, Key, Path string
	Line, Column    int
	Suggestion      string // nearest valid key at that place, if any
	BelongsIn       string // section where the key is valid, if it is misplaced
}

func (e *KeyError) Error() string {
	where := "at top level"
	if e.Path != "" {
		where = "in " + e.Path
	}
	msg := fmt.Sprintf("%s:%d:%d: unknown key %q %s", e.File, e.Line, e.Column, e.Key, where)
	switch {
	case e.BelongsIn != "":
		msg += fmt.Sprintf("; it belongs in %s", e.BelongsIn)
	case e.Suggestion != "":
		msg += fmt.Sprintf("; did you mean %q?", e.Suggestion)
	}
	return msg
}

func yamlKeys(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name != "" && name != "-" {
			out[name] = f
		}
	}
	return out
}

var textUnmarshaler = reflect.TypeOf((*encoding.TextUnmarshaler)(nil)).Elem()

// checkKeys walks node against type t and reports the first key that has no field.
func checkKeys(file string, node *yaml.Node, t reflect.Type, path string) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(textUnmarshaler) {
		return nil
	}
	switch t.Kind() {
	case reflect.Struct:
		if node.Kind != yaml.MappingNode {
			if node.Kind == yaml.ScalarNode && node.Tag == "!!null" {
				return nil
			}
			return fmt.Errorf("%s:%d:%d: %s must be a mapping", file, node.Line, node.Column, pathOrTop(path))
		}
		keys := yamlKeys(t)
		for i := 0; i+1 < len(node.Content); i += 2 {
			k, v := node.Content[i], node.Content[i+1]
			f, ok := keys[k.Value]
			if !ok {
				e := &KeyError{File: file, Key: k.Value, Path: path, Line: k.Line, Column: k.Column}
				e.Suggestion = nearest(k.Value, keys)
				e.BelongsIn = findSection(k.Value, reflect.TypeOf(Config{}), "", path)
				return e
			}
			if err := checkKeys(file, v, f.Type, join(path, k.Value)); err != nil {
				return err
			}
		}
	case reflect.Slice:
		if node.Kind == yaml.ScalarNode && node.Tag != "!!null" {
			return fmt.Errorf("%s:%d:%d: %s must be a list, e.g. [%s]", file, node.Line, node.Column, pathOrTop(path), node.Value)
		}
		if node.Kind == yaml.SequenceNode {
			for i, item := range node.Content {
				if err := checkKeys(file, item, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func pathOrTop(p string) string {
	if p == "" {
		return "the document"
	}
	return p
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// findSection returns the path of a section other than exclude where key is a valid field.
func findSection(key string, t reflect.Type, path, exclude string) string {
	for t.Kind() == reflect.Slice || t.Kind() == reflect.Pointer {
		t = t.Elem()
		if path != "" {
			path += "[]"
		}
	}
	if t.Kind() != reflect.Struct || reflect.PointerTo(t).Implements(textUnmarshaler) {
		return ""
	}
	keys := yamlKeys(t)
	if _, ok := keys[key]; ok && path != "" && stripIdx(path) != stripIdx(exclude) {
		return path
	}
	names := make([]string, 0, len(keys))
	for n := range keys {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if s := findSection(key, keys[n].Type, join(path, n), exclude); s != "" {
			return s
		}
	}
	return ""
}

func stripIdx(p string) string {
	var b strings.Builder
	skip := false
	for _, r := range p {
		switch {
		case r == '[':
			skip = true
			b.WriteString("[]")
		case r == ']':
			skip = false
		case !skip:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// nearest returns the key closest to s by edit distance, if it is close enough to be a likely typo.
func nearest(s string, keys map[string]reflect.StructField) string {
	best, bestD := "", 1<<30
	for k := range keys {
		d := levenshtein(strings.ToLower(s), k)
		if d < bestD || (d == bestD && k < best) {
			best, bestD = k, d
		}
	}
	if bestD <= max(2, len(s)/3) {
		return best
	}
	return ""
}

func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// ApplyEnv sets fields from AERIE_<SECTION>_<KEY> variables. Lists are comma-separated; AERIE_INDEXES is
// "name,url[,backend];..." as in falcoctl. An AERIE_ variable naming no key is an error with the nearest key.
func ApplyEnv(cfg *Config, env Env) error {
	vars := envVars(cfg)
	for _, kv := range env.Environ() {
		name, value, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, EnvPrefix) || reservedEnv[name] {
			continue
		}
		set, ok := vars[name]
		if !ok {
			msg := fmt.Sprintf("environment variable %s names no configuration key", name)
			if s := nearestName(name, vars); s != "" {
				msg += fmt.Sprintf("; did you mean %s?", s)
			}
			return errors.New(msg)
		}
		if err := set(value); err != nil {
			return fmt.Errorf("environment variable %s: %w", name, err)
		}
	}
	return nil
}

func nearestName(s string, vars map[string]func(string) error) string {
	best, bestD := "", 1<<30
	for k := range vars {
		d := levenshtein(s, k)
		if d < bestD || (d == bestD && k < best) {
			best, bestD = k, d
		}
	}
	if bestD <= max(2, len(s)/4) {
		return best
	}
	return ""
}

// envVars maps each settable variable name to a setter on cfg.
func envVars(cfg *Config) map[string]func(string) error {
	out := map[string]func(string) error{}
	root := reflect.ValueOf(cfg).Elem()
	for name, f := range yamlKeys(root.Type()) {
		section := root.FieldByIndex(f.Index)
		if section.Kind() == reflect.Struct {
			for key, kf := range yamlKeys(section.Type()) {
				fv := section.FieldByIndex(kf.Index)
				if setter := scalarSetter(fv); setter != nil {
					out[EnvPrefix+strings.ToUpper(name+"_"+key)] = setter
				}
			}
		}
	}
	out[EnvPrefix+"INDEXES"] = func(s string) error {
		var ixs []Index
		for _, item := range strings.Split(s, ";") {
			if strings.TrimSpace(item) == "" {
				continue
			}
			parts := strings.Split(item, ",")
			if len(parts) < 2 || len(parts) > 3 {
				return fmt.Errorf("invalid index %q: want name,url[,backend]", item)
			}
			ix := Index{Name: strings.TrimSpace(parts[0]), URL: strings.TrimSpace(parts[1])}
			if len(parts) == 3 {
				ix.Backend = strings.TrimSpace(parts[2])
			}
			ixs = append(ixs, ix)
		}
		cfg.Indexes = ixs
		return nil
	}
	return out
}

func scalarSetter(v reflect.Value) func(string) error {
	if v.CanAddr() && v.Addr().Type().Implements(textUnmarshaler) {
		return func(s string) error { return v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)) }
	}
	switch v.Kind() {
	case reflect.String:
		return func(s string) error { v.SetString(s); return nil }
	case reflect.Bool:
		return func(s string) error {
			b, err := strconv.ParseBool(s)
			if err != nil {
				return fmt.Errorf("invalid boolean %q", s)
			}
			v.SetBool(b)
			return nil
		}
	case reflect.Int, reflect.Int64:
		return func(s string) error {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return fmt.Errorf("invalid integer %q", s)
			}
			v.SetInt(n)
			return nil
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.String {
			return func(s string) error {
				var items []string
				for _, it := range strings.Split(s, ",") {
					if it = strings.TrimSpace(it); it != "" {
						items = append(items, it)
					}
				}
				v.Set(reflect.ValueOf(items))
				return nil
			}
		}
	}
	return nil
}
