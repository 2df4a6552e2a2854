package artifact

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestMediaTypes(t *testing.T) {
	// Values from falcoctl's OCI artifact format (reference: falcoctl.md section 2).
	want := map[Type][2]string{
		Rulesfile: {"application/vnd.cncf.falco.rulesfile.config.v1+json", "application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz"},
		Plugin:    {"application/vnd.cncf.falco.plugin.config.v1+json", "application/vnd.cncf.falco.plugin.layer.v1+tar.gz"},
		Asset:     {"application/vnd.cncf.falco.asset.config.v1+json", "application/vnd.cncf.falco.asset.layer.v1+tar.gz"},
	}
	for typ, w := range want {
		if got := typ.ConfigMediaType(); got != w[0] {
			t.Errorf("%s config = %s, want %s", typ, got, w[0])
		}
		if got := typ.LayerMediaType(); got != w[1] {
			t.Errorf("%s layer = %s, want %s", typ, got, w[1])
		}
		if back, ok := TypeFromLayerMediaType(w[1]); !ok || back != typ {
			t.Errorf("TypeFromLayerMediaType(%s) = %s, %v", w[1], back, ok)
		}
		if back, ok := TypeFromConfigMediaType(w[0]); !ok || back != typ {
			t.Errorf("TypeFromConfigMediaType(%s) = %s, %v", w[0], back, ok)
		}
	}
	if _, ok := TypeFromLayerMediaType("application/vnd.oci.image.layer.v1.tar+gzip"); ok {
		t.Error("OCI image layer taken for a Falco type")
	}
}

func TestConfigJSON(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"rules", Config{Name: "falco-rules", Version: "5.0.0", Requirements: []Requirement{{Name: "engine_version_semver", Version: "0.57.0"}}},
			`{"name":"falco-rules","version":"5.0.0","requirements":[{"name":"engine_version_semver","version":"0.57.0"}]}`},
		{"plugin", Config{Name: "k8saudit", Version: "0.7.0", Requirements: []Requirement{{Name: "plugin_api_version", Version: "3.0.0"}}},
			`{"name":"k8saudit","version":"0.7.0","requirements":[{"name":"plugin_api_version","version":"3.0.0"}]}`},
		{"bare", Config{Name: "a", Version: "1.0.0"}, `{"name":"a","version":"1.0.0"}`},
		{"deps", Config{Name: "k8saudit-rules", Version: "0.7.0", Dependencies: []Dependency{
			{Name: "k8saudit", Version: "0.7.0", Alternatives: []Reference{{Name: "k8saudit-eks", Version: "0.4.0"}, {Name: "k8saudit-gke", Version: "0.1.0"}}},
			{Name: "json", Version: "0.7.0"}}},
			`{"name":"k8saudit-rules","version":"0.7.0","dependencies":[{"name":"k8saudit","version":"0.7.0","alternatives":[{"name":"k8saudit-eks","version":"0.4.0"},{"name":"k8saudit-gke","version":"0.1.0"}]},{"name":"json","version":"0.7.0"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Errorf("got  %s\nwant %s", b, tt.want)
			}
			var back Config
			if err := json.Unmarshal([]byte(tt.want), &back); err != nil {
				t.Fatal(err)
			}
			b2, _ := json.Marshal(back)
			if string(b2) != tt.want {
				t.Errorf("round trip: %s", b2)
			}
		})
	}
}

func TestNormalizeSorts(t *testing.T) {
	c := Config{Dependencies: []Dependency{{Name: "b"}, {Name: "a"}}, Requirements: []Requirement{{Name: "z"}, {Name: "e"}}}
	c.Normalize()
	if c.Dependencies[0].Name != "a" || c.Requirements[0].Name != "e" {
		t.Errorf("not sorted: %+v", c)
	}
}

func TestParseDependency(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{"k8saudit:0.7.0|k8saudit-eks:0.4.0", "k8saudit:0.7.0|k8saudit-eks:0.4.0", ""},
		{"json:0.7.0", "json:0.7.0", ""},
		{"json", "", "want name:version"},
		{"Json:0.7.0", "", "must match"},
		{"json:v0.7.0", "", "strict semver"},
		{"json:0.7.0+build", "", "build metadata"},
		{"json:0.7.0|eks", "", "dependency alternative"},
	}
	for _, tt := range tests {
		d, err := ParseDependency(tt.in)
		if tt.err != "" {
			if err == nil || !contains(err.Error(), tt.err) {
				t.Errorf("ParseDependency(%q) err = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || d.String() != tt.want {
			t.Errorf("ParseDependency(%q) = %v, %v", tt.in, d, err)
		}
	}
}

func TestParseRequirementAndVersion(t *testing.T) {
	if r, err := ParseRequirement("engine_version_semver:0.57.0"); err != nil || r.Name != "engine_version_semver" {
		t.Errorf("got %v %v", r, err)
	}
	// The legacy engine_version requirement is a plain integer, which falcoctl's follower compares as one.
	if r, err := ParseRequirement("engine_version:17"); err != nil || r.Version != "17" {
		t.Errorf("integer requirement: %v %v", r, err)
	}
	for _, bad := range []string{"x", ":1.0.0", "engine:1.0", "engine_version:017", "engine_version:-1", "engine_version:v1"} {
		if _, err := ParseRequirement(bad); err == nil {
			t.Errorf("ParseRequirement(%q) accepted", bad)
		}
	}
	for _, ok := range []string{"1", "1.2", "v1.2.3", "1.2.3-rc1"} {
		if _, err := ParseVersion(ok); err != nil {
			t.Errorf("ParseVersion(%q): %v", ok, err)
		}
	}
	if _, err := ParseStrictVersion("1.2"); err == nil {
		t.Error("strict accepted 1.2")
	}
	if err := (&Config{Name: "x"}).Validate(); err == nil {
		t.Error("empty version accepted")
	}
	if _, err := ParseType("rules"); err == nil {
		t.Error("ParseType accepted rules")
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
