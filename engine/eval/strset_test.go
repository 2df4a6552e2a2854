package eval

import (
	"strings"
	"testing"
)

// TestStrSet checks the prefiltered set against plain map membership, for members of every length
// (including empty and longer than 63 bytes) and for near misses.
func TestStrSet(t *testing.T) {
	long := strings.Repeat("x", 70)
	members := []string{"", "sh", "bash", "python3", "\xffbin", long, long + "y", "a"}
	m := map[string]int{}
	for i, k := range members {
		m[k] = i
	}
	s := newStrSet(m)
	probes := append([]string{"b", "bas", "bashx", "zsh", "\xfe", "\xffbio", long[:63], long[:64], long + "z", "A", "python", "ython3"}, members...)
	for _, p := range probes {
		want, wantOK := m[p]
		got, ok := s.get(p)
		if ok != wantOK || got != want || s.has(p) != wantOK {
			t.Errorf("%q: got %d/%v, want %d/%v", p, got, ok, want, wantOK)
		}
	}
	if e := newStrSet(map[string]struct{}{}); e.has("") || e.has("x") {
		t.Error("empty set has members")
	}
}
