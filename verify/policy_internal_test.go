package verify

import (
	"strings"
	"testing"
)

func TestMatchRepo(t *testing.T) {
	tests := []struct {
		pattern, repo string
		want          bool
	}{
		{"ghcr.io/falcosecurity/**", "ghcr.io/falcosecurity/rules/falco-rules", true},
		{"ghcr.io/falcosecurity/**", "ghcr.io/falcosecurity", true},
		{"ghcr.io/falcosecurity/*", "ghcr.io/falcosecurity/rules/falco-rules", false},
		{"ghcr.io/falcosecurity/*/falco-rules", "ghcr.io/falcosecurity/rules/falco-rules", true},
		{"ghcr.io/falcosecurity/rules/falco-*", "ghcr.io/falcosecurity/rules/falco-incubating-rules", true},
		{"**", "localhost:5000/a", true},
		{"**/falco-rules", "ghcr.io/falcosecurity/rules/falco-rules", true},
		{"localhost:*/**", "localhost:5000/a/b", true},
		{"ghcr.io", "ghcr.io/falcosecurity/rules", false},
		{"ghcr.io/a", "ghcr.io/ab", false},
		{"ghcr.io/**/x", "ghcr.io/a/b/y", false},
	}
	for _, tc := range tests {
		if got := matchRepo(tc.pattern, tc.repo); got != tc.want {
			t.Errorf("matchRepo(%q, %q) = %v; want %v", tc.pattern, tc.repo, got, tc.want)
		}
	}
}

func FuzzMatchRepo(f *testing.F) {
	f.Add("ghcr.io/falcosecurity/**", "ghcr.io/falcosecurity/rules/falco-rules")
	f.Add("**/a/**/b/*", "x/a/y/z/b/c")
	f.Add("[", "a")
	f.Fuzz(func(t *testing.T, pattern, repo string) {
		if validPattern(pattern) != nil {
			return
		}
		got := matchRepo(pattern, repo)
		if !strings.ContainsAny(pattern, "*?[\\") && got != (pattern == repo) {
			t.Fatalf("literal pattern %q vs %q: %v", pattern, repo, got)
		}
		if !matchRepo("**", repo) {
			t.Fatalf("** does not match %q", repo)
		}
	})
}
