package eval

// strSet is a set of strings for "in" checks: a lookup first tests the value's length and first byte
// against those of the members, so that most values outside the set are rejected without hashing.
type strSet[V any] struct {
	lens  uint64    // bit n: a member of length n (n >= 63: bit 63)
	first [4]uint64 // bit b: a member starting with byte b
	empty bool      // "" is a member
	m     map[string]V
}

func newStrSet[V any](m map[string]V) *strSet[V] {
	s := &strSet[V]{m: m}
	for k := range m {
		s.lens |= 1 << min(len(k), 63)
		if k == "" {
			s.empty = true
			continue
		}
		s.first[k[0]>>6] |= 1 << (k[0] & 63)
	}
	return s
}

// get returns the value of member k.
func (s *strSet[V]) get(k string) (V, bool) {
	if s.lens&(1<<min(len(k), 63)) == 0 || (k != "" && s.first[k[0]>>6]&(1<<(k[0]&63)) == 0) {
		var zero V
		return zero, false
	}
	v, ok := s.m[k]
	return v, ok
}

// has reports whether k is a member.
func (s *strSet[V]) has(k string) bool {
	_, ok := s.get(k)
	return ok
}
