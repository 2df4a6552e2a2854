package state

import "bytes"

// maxInterned bounds the interning tables; when full they are emptied and refilled.
const maxInterned = 1 << 16

// intern returns b as a string, reusing an earlier copy so that steady-state event processing does not
// allocate for names it has seen before.
func (tb *Table) intern(b []byte) string {
	if s, ok := tb.strs[string(b)]; ok {
		return s
	}
	if tb.strs == nil || len(tb.strs) >= maxInterned {
		tb.strs = make(map[string]string, 1024)
	}
	s := string(b)
	tb.strs[s] = s
	return s
}

func (tb *Table) internString(s string) string {
	if v, ok := tb.strs[s]; ok {
		return v
	}
	return tb.intern([]byte(s))
}

// internList splits a NUL-separated list, reusing an earlier split of the same bytes.
func (tb *Table) internList(b []byte) []string {
	if l, ok := tb.lists[string(b)]; ok {
		return l
	}
	if tb.lists == nil || len(tb.lists) >= maxInterned {
		tb.lists = make(map[string][]string, 256)
	}
	var l []string
	if len(b) > 0 {
		t := bytes.TrimSuffix(b, []byte{0})
		l = make([]string, 0, bytes.Count(t, []byte{0})+1)
		for _, part := range bytes.Split(t, []byte{0}) {
			l = append(l, tb.intern(part))
		}
	} else {
		l = []string{}
	}
	tb.lists[string(b)] = l
	return l
}
