package compile

import (
	"sort"
	"strings"
)

// substituteLists replaces every list name in cond textually, as Falco's resolve_list does: lists are
// applied in index order, each occurrence delimited by the start or end of the text, blanks or "(),=". To
// avoid scanning the text once per list, candidate lists are found by splitting the text at delimiters;
// text inserted by a substitution is scanned for lists not yet applied.
func (c *compiler) substituteLists(cond string) (string, []string) {
	if e := c.l.subst[cond]; e != nil && c.substValid(cond, e) {
		for _, n := range e.used {
			c.listUsed[n] = true
		}
		return e.out, e.used
	}
	out, used := c.substitute(cond)
	e := &substEntry{out: out, used: used, nLists: len(c.lists)}
	for _, n := range used {
		e.items = append(e.items, c.lists[c.listIdx[n]].joined)
	}
	c.l.subst[cond] = e
	return out, used
}

// substEntry caches a list substitution made by an earlier compile.
type substEntry struct {
	out    string
	used   []string // lists substituted
	items  []string // their joined items at the time
	nLists int      // number of lists at the time
}

// substValid reports whether a cached substitution still holds: the lists it used have the same items,
// and no list defined since then names a token of the text or of the substituted items.
func (c *compiler) substValid(cond string, e *substEntry) bool {
	for i, n := range e.used {
		k, ok := c.listIdx[n]
		if !ok || c.lists[k].joined != e.items[i] {
			return false
		}
	}
	if e.nLists >= len(c.lists) {
		return true
	}
	valid := true
	check := func(tok string) {
		if k, ok := c.listIdx[tok]; ok && k >= e.nLists {
			valid = false
		}
	}
	forEachToken(cond, check)
	for _, it := range e.items {
		forEachToken(it, check)
	}
	for _, k := range c.oddLists {
		if k >= e.nLists && strings.Contains(cond, c.lists[k].name) {
			valid = false
		}
	}
	return valid
}

// substitute performs the substitution.
func (c *compiler) substitute(cond string) (string, []string) {
	var used []string
	var cand []int
	mark := func(text string, after int) {
		forEachToken(text, func(tok string) {
			if i, ok := c.listIdx[tok]; ok && i > after && !containsInt(cand, i) {
				cand = insertSorted(cand, i)
			}
		})
		for _, i := range c.oddLists {
			if i > after && !containsInt(cand, i) && strings.Contains(text, c.lists[i].name) {
				cand = insertSorted(cand, i)
			}
		}
	}
	mark(cond, -1)
	for k := 0; k < len(cand); k++ {
		l := c.lists[cand[k]]
		var inserted []string
		cond, inserted = resolveList(cond, l)
		if inserted != nil {
			c.listUsed[l.name] = true
			used = append(used, l.name)
			if len(l.items) > 0 {
				mark(l.joined, cand[k])
			}
		}
	}
	return cond, used
}

const (
	listBlanks = " \t\n\r"
	listDelims = listBlanks + "(),="
)

// isDelim marks the bytes that delimit list names in conditions.
var isDelim = func() (t [256]bool) {
	for _, c := range []byte(listDelims) {
		t[c] = true
	}
	return t
}()

func forEachToken(s string, fn func(string)) {
	start := -1
	for i := 0; i < len(s); i++ {
		if isDelim[s[i]] {
			if start >= 0 {
				fn(s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		fn(s[start:])
	}
}

func containsInt(s []int, v int) bool {
	i := sort.SearchInts(s, v)
	return i < len(s) && s[i] == v
}

func insertSorted(s []int, v int) []int {
	i := sort.SearchInts(s, v)
	s = append(s, 0)
	copy(s[i+1:], s[i:])
	s[i] = v
	return s
}

// resolveList substitutes one list in cond; inserted is non-nil when a substitution happened.
func resolveList(cond string, l *compiledList) (string, []string) {
	start := strings.Index(cond, l.name)
	var inserted []string
	for start >= 0 {
		end := start + len(l.name)
		if (start == 0 || strings.IndexByte(listDelims, cond[start-1]) >= 0) && (end >= len(cond) || strings.IndexByte(listDelims, cond[end]) >= 0) {
			for start > 0 && strings.IndexByte(listBlanks, cond[start-1]) >= 0 {
				start--
			}
			for end < len(cond) && strings.IndexByte(listBlanks, cond[end]) >= 0 {
				end++
			}
			sub := l.joined
			if sub == "" {
				if start > 0 && cond[start-1] == ',' {
					start--
				} else if end < len(cond) && cond[end] == ',' {
					end++
				}
			}
			var b strings.Builder
			b.Grow(len(cond) + len(sub) + 2)
			if start > 0 {
				b.WriteString(cond[:start])
				b.WriteByte(' ')
			}
			b.WriteString(sub)
			b.WriteByte(' ')
			if end <= len(cond) {
				b.WriteString(cond[end:])
			}
			cond = b.String()
			start += len(sub) + 1
			inserted = l.items
			if inserted == nil {
				inserted = []string{}
			}
		}
		if start+1 > len(cond) {
			break
		}
		next := strings.Index(cond[start+1:], l.name)
		if next < 0 {
			break
		}
		start += 1 + next
	}
	return cond, inserted
}
