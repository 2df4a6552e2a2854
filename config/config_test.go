package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writeFile(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExampleFileLoads(t *testing.T) {
	cfg, err := Load("example.yaml", MapEnv{"HOME": "/home/u"})
	if err != nil {
		t.Fatal(err)
	}
	def := Default(MapEnv{"HOME": "/home/u"})
	if cfg.Log != def.Log || cfg.Engine.BufferSize != def.Engine.BufferSize || cfg.Paths != def.Paths {
		t.Errorf("example.yaml differs from defaults: got %+v", cfg)
	}
}

func TestStrictKeys(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"typo", "log:\n  levl: debug\n", `:2:3: unknown key "levl" in log; did you mean "level"?`},
		{"top-level typo", "engin:\n  min_priority: info\n", `:1:1: unknown key "engin" at top level; did you mean "engine"?`},
		{"misplaced", "engine:\n  rulesfiles_dir: /x\n", `:2:3: unknown key "rulesfiles_dir" in engine; it belongs in artifact`},
		{"in list", "indexes:\n  - name: a\n    url: b\n    bakend: http\n", `:4:5: unknown key "bakend" in indexes[0]; did you mean "backend"?`},
		{"nested list", "policy:\n  rules:\n    - match: x\n      identities:\n        - subjet: a\n", `:5:11: unknown key "subjet" in policy.rules[0].identities[0]; did you mean "subject"?`},
		{"wrong type", "engine:\n  buffer_size: lots\n", "line 2: cannot unmarshal"},
		{"scalar for a list", "engine:\n  rules_files: /etc/falco/falco_rules.yaml\n", ":2:16: engine.rules_files must be a list, e.g. [/etc/falco/falco_rules.yaml]"},
		{"bad value", "log:\n  level: loud\n", "log.level: invalid value \"loud\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, tt.yaml)
			_, err := Load(p, MapEnv{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want containing %q", err, tt.want)
			}
			if strings.Contains(tt.want, "unknown key") && !strings.HasPrefix(err.Error(), p+":") {
				t.Errorf("error %q does not start with the file name", err)
			}
		})
	}
}

func TestPrecedence(t *testing.T) {
	p := writeFile(t, "log:\n  level: warn\nfollow:\n  every: 1h\nartifact:\n  allowed_types: [rulesfile]\n")
	cfg, err := Load(p, MapEnv{})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Log.Level != "warn" || time.Duration(cfg.Follow.Every) != time.Hour {
		t.Errorf("file not applied: %+v", cfg)
	}
	if cfg.Log.Format != "text" {
		t.Errorf("default lost: %q", cfg.Log.Format)
	}
	cfg, err = Load(p, MapEnv{"AERIE_LOG_LEVEL": "error", "AERIE_FOLLOW_EVERY": "2m", "AERIE_ARTIFACT_ALLOWED_TYPES": "plugin, asset",
		"AERIE_INDEXES": "a,https://x/index.yaml;b,file:///i.yaml,file", "AERIE_CORPUS": "/ignored",
		"AERIE_ARTIFACT_INSTALL_REFS": "falco-rules:5,container"})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Log.Level != "error" || time.Duration(cfg.Follow.Every) != 2*time.Minute {
		t.Errorf("env did not beat file: %+v", cfg)
	}
	if strings.Join(cfg.Artifact.AllowedTypes, ",") != "plugin,asset" || len(cfg.Indexes) != 2 || cfg.Indexes[1].Backend != "file" {
		t.Errorf("env lists: %+v %+v", cfg.Artifact.AllowedTypes, cfg.Indexes)
	}
	if strings.Join(cfg.Artifact.InstallRefs, " ") != "falco-rules:5 container" {
		t.Errorf("install refs from env: %v", cfg.Artifact.InstallRefs)
	}
}

func TestEnvErrors(t *testing.T) {
	for env, want := range map[string]string{
		"AERIE_LOG_LEVL":           "did you mean AERIE_LOG_LEVEL?",
		"AERIE_ENGINE_BUFFER_SIZE": `invalid integer "x"`,
	} {
		_, err := Load("", MapEnv{env: "x", "HOME": t.TempDir()})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", env, err, want)
		}
	}
}

func TestMissingFiles(t *testing.T) {
	if _, err := Load("", MapEnv{"HOME": t.TempDir()}); err != nil {
		t.Errorf("missing implicit files: %v", err)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "nope.yaml"), MapEnv{}); err == nil {
		t.Error("missing explicit file: want error")
	}
	if _, err := Load("", MapEnv{"AERIE_CONFIG": filepath.Join(t.TempDir(), "nope.yaml")}); err == nil {
		t.Error("missing AERIE_CONFIG file: want error")
	}
	p := writeFile(t, "")
	if _, err := Load(p, MapEnv{}); err != nil {
		t.Errorf("empty file: %v", err)
	}
}

func TestUserFileOverSystem(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "aerie"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "aerie", "config.yaml"), []byte("log: {format: json}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load("", MapEnv{"XDG_CONFIG_HOME": dir})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Log.Format != "json" {
		t.Errorf("user config not read: %+v", cfg.Log)
	}
}

// TestDefaultPathsAbsolute checks that the cache and state directories are absolute whatever the
// environment: XDG variables, HOME, or neither (a daemon or CI job with HOME unset).
func TestDefaultPathsAbsolute(t *testing.T) {
	for _, env := range []MapEnv{
		{"HOME": "/home/u"},
		{"HOME": "/home/u", "XDG_CACHE_HOME": "/c", "XDG_STATE_HOME": "/s"},
		{},
		{"HOME": ""},
		{"XDG_CACHE_HOME": "relative", "HOME": "also-relative"},
	} {
		p := DefaultPaths(env)
		if !filepath.IsAbs(p.CacheDir) || !filepath.IsAbs(p.StateDir) {
			t.Errorf("%v: cache %q, state %q: want absolute paths", env, p.CacheDir, p.StateDir)
		}
	}
	if p := DefaultPaths(MapEnv{"XDG_CACHE_HOME": "/c"}); p.CacheDir != "/c/aerie" {
		t.Errorf("XDG_CACHE_HOME: cache %q", p.CacheDir)
	}
	if p := DefaultPaths(MapEnv{"HOME": "/home/u"}); p.CacheDir != "/home/u/.cache/aerie" {
		t.Errorf("HOME: cache %q", p.CacheDir)
	}
	files, _ := Files("", MapEnv{"XDG_CONFIG_HOME": "rel"})
	for _, f := range files {
		if !filepath.IsAbs(f) {
			t.Errorf("config file %q is relative", f)
		}
	}
}
