// Package config owns aeriectl's configuration: its schema, defaults, file and environment loading, and validation.
//
// Values come from, in order of precedence: command-line flags (applied by the commands), environment
// variables AERIE_<SECTION>_<KEY>, the configuration file, and the defaults returned by [Default].
// Decoding is strict: an unknown or misplaced key is an error naming the file, the line and the
// nearest valid key.
package config

import (
	"fmt"
	"strings"
	"time"
)

// DefaultFile is the system configuration file read when neither --config nor AERIE_CONFIG names another.
const DefaultFile = "/etc/aerie/config.yaml"

// Config is the whole configuration. Every field is documented in config/example.yaml.
type Config struct {
	Log      Log      `yaml:"log"`
	Engine   Engine   `yaml:"engine"`
	Artifact Artifact `yaml:"artifact"`
	Registry Registry `yaml:"registry"`
	Indexes  []Index  `yaml:"indexes"`
	Follow   Follow   `yaml:"follow"`
	Policy   Policy   `yaml:"policy"`
	Paths    Paths    `yaml:"paths"`
}

// Log configures the process logger (log/slog to stderr).
type Log struct {
	Level  string `yaml:"level"`  // debug, info, warn, error
	Format string `yaml:"format"` // text, json
}

// Engine configures the detection engine.
type Engine struct {
	RulesFiles  []string `yaml:"rules_files"`  // rules files or directories, loaded in order; empty means the embedded defaults
	MinPriority string   `yaml:"min_priority"` // lowest priority that raises alerts
	JSONOutput  bool     `yaml:"json_output"`  // alerts as Falco JSON instead of text
	Hostname    string   `yaml:"hostname"`     // hostname in alerts; empty means the host's
	BufferSize  int      `yaml:"buffer_size"`  // events queued between the probe reader and the engine
}

// Artifact configures where artifacts are installed and which kinds are accepted.
type Artifact struct {
	RulesfilesDir string   `yaml:"rulesfiles_dir"`
	PluginsDir    string   `yaml:"plugins_dir"`
	AssetsDir     string   `yaml:"assets_dir"`
	AllowedTypes  []string `yaml:"allowed_types"` // rulesfile, plugin, asset
	NoVerify      bool     `yaml:"no_verify"`     // skip signature verification (logged as a warning every time)
	InstallRefs   []string `yaml:"install_refs"`  // what `artifact install` installs when given no REF (falcoctl's artifact.install.refs)
}

// Registry configures access to OCI registries.
type Registry struct {
	CredentialsFile string           `yaml:"credentials_file"` // docker-style config.json; empty means the user's docker config
	PlainHTTP       []string         `yaml:"plain_http"`       // registries reached over plain HTTP
	TLS             []RegistryTLS    `yaml:"tls"`
	Mirrors         []RegistryMirror `yaml:"mirrors"`
	Retries         int              `yaml:"retries"`
	Timeout         Duration         `yaml:"timeout"`
}

// RegistryTLS is the TLS setting of one registry host.
type RegistryTLS struct {
	Registry string `yaml:"registry"`
	CAFile   string `yaml:"ca_file"`
	CertFile string `yaml:"cert_file"`
	KeyFile  string `yaml:"key_file"`
	Insecure bool   `yaml:"insecure"` // skip certificate verification
}

// RegistryMirror rewrites references to one registry to another, for air-gapped sites.
type RegistryMirror struct {
	Registry string `yaml:"registry"`
	Mirror   string `yaml:"mirror"`
}

// Index is one configured artifact index.
type Index struct {
	Name    string `yaml:"name"`
	URL     string `yaml:"url"`
	Backend string `yaml:"backend"` // http, https, file, oci; empty means derived from the URL
}

// Follow configures the follower daemon (`aeriectl run` with followed feeds).
type Follow struct {
	Refs  []string `yaml:"refs"`
	Every Duration `yaml:"every"`
}

// Policy configures signature verification.
type Policy struct {
	Rules []PolicyRule `yaml:"rules"`
}

// PolicyRule requires signatures for references matching a pattern.
type PolicyRule struct {
	Name        string           `yaml:"name"`
	Match       string           `yaml:"match"`        // registry/repository glob, e.g. ghcr.io/falcosecurity/*
	Require     bool             `yaml:"require"`      // a valid signature is mandatory
	Keys        []string         `yaml:"keys"`         // cosign public key files
	Identities  []PolicyIdentity `yaml:"identities"`   // keyless identities
	TrustedRoot string           `yaml:"trusted_root"` // pinned Sigstore trusted_root.json for keyless identities (offline)
	TUF         bool             `yaml:"tuf"`          // fetch Sigstore's trusted root over the network instead (opt-in)
	Exempt      []string         `yaml:"exempt"`       // legacy digests accepted unsigned
}

// PolicyIdentity is an accepted keyless signer.
type PolicyIdentity struct {
	Subject       string `yaml:"subject"`
	SubjectRegexp string `yaml:"subject_regexp"`
	Issuer        string `yaml:"issuer"`
	IssuerRegexp  string `yaml:"issuer_regexp"`
}

// Paths holds the per-user and daemon directories.
type Paths struct {
	CacheDir string `yaml:"cache_dir"` // default $XDG_CACHE_HOME/aerie
	StateDir string `yaml:"state_dir"` // default /var/lib/aerie for root, else $XDG_STATE_HOME/aerie
}

// Duration is a time.Duration written as "30s", "6h" in YAML and environment variables.
type Duration time.Duration

// UnmarshalText parses a Go duration string.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(strings.TrimSpace(string(b)))
	if err != nil {
		return fmt.Errorf("invalid duration %q", string(b))
	}
	*d = Duration(v)
	return nil
}

// MarshalText writes the duration in Go syntax.
func (d Duration) MarshalText() ([]byte, error) { return []byte(time.Duration(d).String()), nil }

// Default returns the built-in defaults; dirs are derived from env (see [DefaultPaths]).
func Default(env Env) *Config {
	p := DefaultPaths(env)
	return &Config{
		Log:    Log{Level: "info", Format: "text"},
		Engine: Engine{MinPriority: "debug", BufferSize: 65536},
		Artifact: Artifact{
			RulesfilesDir: "/etc/aerie/rules.d",
			PluginsDir:    "/usr/share/aerie/plugins",
			AssetsDir:     "/etc/aerie/assets",
			AllowedTypes:  []string{"rulesfile", "plugin", "asset"},
		},
		Registry: Registry{Retries: 3, Timeout: Duration(60 * time.Second)},
		Follow:   Follow{Every: Duration(6 * time.Hour)},
		Paths:    p,
	}
}

// Validate checks values that decoding alone cannot.
func (c *Config) Validate() error {
	var errs []string
	oneOf := func(field, v string, allowed ...string) {
		for _, a := range allowed {
			if v == a {
				return
			}
		}
		errs = append(errs, fmt.Sprintf("%s: invalid value %q: want one of %s", field, v, strings.Join(allowed, ", ")))
	}
	oneOf("log.level", c.Log.Level, "debug", "info", "warn", "error")
	oneOf("log.format", c.Log.Format, "text", "json")
	oneOf("engine.min_priority", strings.ToLower(c.Engine.MinPriority),
		"emergency", "alert", "critical", "error", "warning", "notice", "informational", "info", "debug")
	for _, t := range c.Artifact.AllowedTypes {
		oneOf("artifact.allowed_types", t, "rulesfile", "plugin", "asset")
	}
	if c.Engine.BufferSize <= 0 {
		errs = append(errs, fmt.Sprintf("engine.buffer_size: must be positive, got %d", c.Engine.BufferSize))
	}
	if c.Registry.Retries < 0 {
		errs = append(errs, fmt.Sprintf("registry.retries: must not be negative, got %d", c.Registry.Retries))
	}
	for i, ix := range c.Indexes {
		if ix.Name == "" || ix.URL == "" {
			errs = append(errs, fmt.Sprintf("indexes[%d]: name and url are required", i))
		}
		if ix.Backend != "" {
			oneOf(fmt.Sprintf("indexes[%d].backend", i), ix.Backend, "http", "https", "file", "oci")
		}
	}
	for i, r := range c.Policy.Rules {
		if r.Match == "" {
			errs = append(errs, fmt.Sprintf("policy.rules[%d]: match is required", i))
		}
		for j, id := range r.Identities {
			if (id.Subject == "") == (id.SubjectRegexp == "") || (id.Issuer == "") == (id.IssuerRegexp == "") {
				errs = append(errs, fmt.Sprintf("policy.rules[%d].identities[%d]: exactly one of subject/subject_regexp and one of issuer/issuer_regexp are required", i, j))
			}
		}
		if len(r.Identities) > 0 && r.TrustedRoot == "" && !r.TUF {
			errs = append(errs, fmt.Sprintf("policy.rules[%d]: identities need trusted_root (offline) or tuf: true (online)", i))
		}
		for j, d := range r.Exempt {
			if !strings.HasPrefix(d, "sha256:") || len(d) != len("sha256:")+64 {
				errs = append(errs, fmt.Sprintf("policy.rules[%d].exempt[%d]: %q is not a sha256 digest", i, j, d))
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("invalid configuration:\n  %s", strings.Join(errs, "\n  "))
	}
	return nil
}
