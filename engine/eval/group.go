package eval

import (
	"github.com/aerie-sec/aerie/engine/compile"
	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/extract"
)

// Exception groups. Upstream rules end with long lists of exceptions such as
//
//	and not (proc.name = sed and fd.name startswith /etc/sed)
//	and not (proc.name in (htpasswd, apache2) and fd.name = /etc/nginx/.htpasswd)
//	and not proc.name in (shadowutils_binaries)
//
// Each is a negated conjunct guarded by an equality (or "in") on one single-valued string field. The
// group of such conjuncts sharing a field is true unless, for the field's value v, some member whose
// guard admits v has the rest of its conjunction true; so the group extracts the field once, looks v up
// in an index built at compile time, and evaluates only the rests of the members listed under v. When
// the field cannot be extracted every guard is false and the group is true, as each member is.
// Conditions have no side effects, so evaluating the members in another order changes no result.

// guardOf returns the field operand and the values of x when x is "F = v", "F in (...)" or "F intersects
// (...)" on a single-valued string field whose value is not fixed by the event type.
func guardOf(x compile.Expr, t event.Type) (*compile.FieldOperand, []string, bool) {
	ch, ok := x.(*compile.Check)
	if !ok || ch.Mod != "" {
		return nil, nil, false
	}
	switch ch.Op {
	case "=", "==", "in", "intersects":
	default:
		return nil, nil, false
	}
	f, ok := ch.LHS.(*compile.FieldOperand)
	lit, ok2 := ch.RHS.(*compile.Literal)
	if !ok || !ok2 || len(lit.Values) == 0 || constCheck(ch, t) != dynamic || extract.KindOf(f.Field.Type) != extract.String {
		return nil, nil, false
	}
	x2, err := extract.New(f.Ref)
	if err != nil || x2.Multi || x2.Kind != extract.String {
		return nil, nil, false
	}
	return f, lit.Values, true
}

// member is one negated conjunct of a group: its position, guard values and the rest of its conjunction.
type member struct {
	idx    int
	values []string
	rest   []compile.Expr
}

// groupExceptions replaces the negated conjuncts of cs guarded by the same field (two or more) with one
// conjunct per field, placed where the first of them was; src holds the negated expressions.
func (m *memo) groupExceptions(cs []conj, src []compile.Expr, t event.Type) ([]conj, error) {
	byKey := map[string][]member{}
	refs := map[string]*compile.FieldOperand{}
	var keys []string
	for i, k := range cs {
		if !k.neg {
			continue
		}
		var parts []compile.Expr
		if and, ok := src[i].(*compile.And); ok {
			parts = and.List
		} else {
			parts = []compile.Expr{src[i]}
		}
		for j, p := range parts {
			f, values, ok := guardOf(p, t)
			if !ok {
				continue
			}
			key := f.String()
			if _, seen := byKey[key]; !seen {
				keys = append(keys, key)
				refs[key] = f
			}
			rest := make([]compile.Expr, 0, len(parts)-1)
			rest = append(rest, parts[:j]...)
			rest = append(rest, parts[j+1:]...)
			byKey[key] = append(byKey[key], member{idx: i, values: values, rest: rest})
			break
		}
	}
	grouped := map[int]conj{} // position of a group's first member -> the group
	drop := map[int]bool{}
	for _, key := range keys {
		ms := byKey[key]
		if len(ms) < 2 {
			continue
		}
		g, err := m.group(refs[key], ms, t)
		if err != nil {
			return nil, err
		}
		grouped[ms[0].idx] = g
		for _, mb := range ms {
			drop[mb.idx] = true
		}
	}
	if len(grouped) == 0 {
		return cs, nil
	}
	out := make([]conj, 0, len(cs))
	for i, k := range cs {
		if g, ok := grouped[i]; ok {
			out = append(out, g)
			continue
		}
		if !drop[i] {
			out = append(out, k)
		}
	}
	return out, nil
}

// group builds the conjunct of a group of members guarded by field f.
func (m *memo) group(f *compile.FieldOperand, ms []member, t event.Type) (conj, error) {
	x, err := extract.New(f.Ref)
	if err != nil {
		return conj{}, err
	}
	index := map[string][]Filter{}
	always := map[string]bool{} // values for which some member has no rest: the group is false
	for _, mb := range ms {
		var fs []conj
		dead := false
		for _, r := range mb.rest {
			n, err := m.build(r, t)
			if err != nil {
				return conj{}, err
			}
			switch n.k {
			case alwaysTrue:
				continue
			case alwaysFalse:
				dead = true
			}
			fs = append(fs, n.conj())
		}
		if dead {
			continue // the member's conjunction never holds: the negated conjunct is always true
		}
		rest, k, err := joinAnd(fs)
		if err != nil {
			return conj{}, err
		}
		for _, v := range mb.values {
			if k == alwaysTrue {
				always[v] = true
				continue
			}
			index[v] = append(index[v], rest)
		}
	}
	for v := range always {
		index[v] = []Filter{nil}
	}
	get, set := x.Func(), newStrSet(index)
	return conj{slot: -1, f: func(c *extract.Ctx) bool {
		v := &c.Val
		v.Kind = extract.String
		if !get(c, 0, v) {
			return true
		}
		rs, _ := set.get(v.Str)
		for _, r := range rs {
			if r == nil || r(c) {
				return false
			}
		}
		return true
	}}, nil
}
