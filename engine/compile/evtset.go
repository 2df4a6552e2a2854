package compile

import (
	"math/bits"
	"sync"

	"github.com/aerie-sec/aerie/engine/condition/ast"
	"github.com/aerie-sec/aerie/engine/fields"

	"github.com/aerie-sec/aerie/engine/event"
)

// eventSet is a set of event codes.
type eventSet []uint64

func newEventSet() eventSet { return make(eventSet, (int(event.MaxType)+63)/64) }

// eventsByName maps event names to their codes (unused codes left out), built once from the event table.
var eventsByName = sync.OnceValue(func() map[string][]event.Type {
	m := map[string][]event.Type{}
	for _, t := range event.Types() {
		if info, ok := event.Lookup(t); ok && info.Flags&event.FlagUnused == 0 {
			m[info.Name] = append(m[info.Name], t)
		}
	}
	return m
})

// eventCodes returns the event codes named name: the events called so, or, for syscalls that have no
// event of their own, the generic syscall events (as libs' names_to_event_set does). Nil means unknown.
func eventCodes(name string) []event.Type {
	if codes := eventsByName()[name]; len(codes) > 0 {
		return codes
	}
	if _, ok := event.SyscallID(name); ok {
		return []event.Type{event.GenericE, event.GenericX}
	}
	return nil
}

func allEvents() eventSet {
	s := newEventSet()
	for _, t := range event.Types() {
		if info, ok := event.Lookup(t); ok && info.Flags&event.FlagUnused == 0 {
			s.add(t)
		}
	}
	return s
}

func (s eventSet) add(t event.Type) { s[t/64] |= 1 << (t % 64) }

func (s eventSet) clone() eventSet { return append(eventSet(nil), s...) }

func (s eventSet) union(o eventSet) eventSet {
	r := s.clone()
	for i := range r {
		r[i] |= o[i]
	}
	return r
}

func (s eventSet) intersect(o eventSet) eventSet {
	r := s.clone()
	for i := range r {
		r[i] &= o[i]
	}
	return r
}

func (s eventSet) minus(o eventSet) eventSet {
	r := s.clone()
	for i := range r {
		r[i] &^= o[i]
	}
	return r
}

func (s eventSet) len() int {
	n := 0
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	return n
}

func (s eventSet) types() []event.Type {
	out := make([]event.Type, 0, s.len())
	for i, w := range s {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			out = append(out, event.Type(i*64+b))
			w &^= 1 << b
		}
	}
	return out
}

// eventTypes computes the set of event codes a condition can match, as libs' ppm_event_codes does:
// evt.type =, == and in select the named codes, != their complement; "and" intersects, "or" unites; any
// other check allows every event; negation is pushed down (De Morgan) so "not" inverts only evt.type checks.
func eventTypes(e Expr, all eventSet) eventSet {
	return evtVisit(e, all, false)
}

func evtVisit(e Expr, all eventSet, neg bool) eventSet {
	switch e := e.(type) {
	case *And:
		var acc eventSet
		for i, c := range e.List {
			s := evtVisit(c, all, neg)
			switch {
			case i == 0:
				acc = s
			case neg:
				acc = acc.union(s)
			default:
				acc = acc.intersect(s)
			}
		}
		return acc
	case *Or:
		var acc eventSet
		for i, c := range e.List {
			s := evtVisit(c, all, neg)
			switch {
			case i == 0:
				acc = s
			case neg:
				acc = acc.intersect(s)
			default:
				acc = acc.union(s)
			}
		}
		return acc
	case *Not:
		return evtVisit(e.X, all, !neg)
	case *Check:
		f, ok := e.LHS.(*FieldOperand)
		lit, isLit := e.RHS.(*Literal)
		if !ok || f.Field.Name != "evt.type" || f.HasArg || !isLit || e.Mod != "" {
			return all
		}
		var positive bool
		switch e.Op {
		case "=", "==", "in", "intersects":
			positive = true
		case "!=":
			positive = false
		default:
			return all
		}
		named := newEventSet()
		for _, v := range lit.Values {
			for _, t := range eventCodes(v) {
				named.add(t)
			}
		}
		named = named.intersect(all)
		if positive != neg {
			return named
		}
		return all.minus(named)
	}
	return all
}

// evtKey memoizes astEventTypes over shared subtrees.
type evtKey struct {
	e   ast.Expr
	neg bool
}

// astEventTypes is eventTypes for an expanded but not type-checked condition (a macro's); memo makes it
// linear in the shared graph of expanded macros.
func astEventTypes(e ast.Expr, all eventSet, neg bool, memo map[evtKey]eventSet) eventSet {
	if s, ok := memo[evtKey{e, neg}]; ok {
		return s
	}
	s := astEventTypesOf(e, all, neg, memo)
	memo[evtKey{e, neg}] = s
	return s
}

func astEventTypesOf(e ast.Expr, all eventSet, neg bool, memo map[evtKey]eventSet) eventSet {
	switch e := e.(type) {
	case *ast.And, *ast.Or:
		var list []ast.Expr
		_, isAnd := e.(*ast.And)
		if isAnd {
			list = e.(*ast.And).List
		} else {
			list = e.(*ast.Or).List
		}
		var acc eventSet
		for i, c := range list {
			s := astEventTypes(c, all, neg, memo)
			switch {
			case i == 0:
				acc = s
			case isAnd != neg:
				acc = acc.intersect(s)
			default:
				acc = acc.union(s)
			}
		}
		return acc
	case *ast.Not:
		return astEventTypes(e.X, all, !neg, memo)
	case *ast.Check:
		f, ok := e.LHS.(*ast.Field)
		if !ok || f.Name != "evt.type" || f.HasArg || e.Mod != "" {
			return all
		}
		lit := &Literal{}
		switch r := e.RHS.(type) {
		case *ast.Str:
			lit.Values = []string{r.Value}
		case *ast.List:
			for _, s := range r.Items {
				lit.Values = append(lit.Values, s.Value)
			}
		default:
			return all
		}
		return evtVisit(&Check{LHS: &FieldOperand{Ref: fields.Ref{Field: evtTypeField}}, Op: e.Op, RHS: lit}, all, neg)
	}
	return all
}

var evtTypeField = &fields.Field{Name: "evt.type", Type: fields.Charbuf}

// eventNames returns the distinct names of the codes in s, in code order.
func eventNames(types []event.Type) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range types {
		n := t.Name()
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}
