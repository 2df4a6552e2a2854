package rules

import "testing"

func TestParseVersion(t *testing.T) {
	tests := []struct {
		in   string
		want Version
		ok   bool
	}{
		{"0.31.0", Version{0, 31, 0}, true},
		{"1.2.3-rc1", Version{1, 2, 3}, true},
		{" 0.62.0", Version{0, 62, 0}, true},
		{"0.31", Version{}, false},
		{"abc", Version{}, false},
		{"1..2", Version{}, false},
		{"", Version{}, false},
	}
	for _, tc := range tests {
		got, ok := ParseVersion(tc.in)
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("ParseVersion(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
	engine := MustParseVersion("0.62.0")
	for req, want := range map[string]bool{"0.62.0": true, "0.57.0": true, "0.7.0": true, "0.63.0": false, "1.0.0": false} {
		if got := engine.CompatibleWith(MustParseVersion(req)); got != want {
			t.Errorf("0.62.0 compatible with %s = %v", req, got)
		}
	}
}

func TestParsePriority(t *testing.T) {
	tests := map[string]Priority{"EMERGENCY": Emergency, "alert": Alert, "Critical": Critical, "ERROR": Error,
		"warning": Warning, "NOTICE": Notice, "INFO": Informational, "informational": Informational, "debug": Debug}
	for in, want := range tests {
		if got, ok := ParsePriority(in); !ok || got != want {
			t.Errorf("ParsePriority(%q) = %v, %v", in, got, ok)
		}
	}
	if _, ok := ParsePriority("loud"); ok {
		t.Error("ParsePriority(loud) succeeded")
	}
	if Informational.String() != "Informational" || Warning.String() != "Warning" {
		t.Error("priority names")
	}
}

func TestAddTags(t *testing.T) {
	got := addTags([]string{"b"}, "c", "a", "b")
	if len(got) != 3 || got[0] != "a" || got[1] != "b" || got[2] != "c" {
		t.Errorf("addTags: %v", got)
	}
}
