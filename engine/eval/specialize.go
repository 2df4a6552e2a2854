package eval

import (
	"github.com/aerie-sec/aerie/engine/compile"
	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/extract"
)

// tri is the value of a condition known at build time for one event type: true, false or unknown.
type tri uint8

const (
	dynamic tri = iota
	alwaysTrue
	alwaysFalse
)

// conj is one conjunct of a rule's specialised condition. A memoised conjunct has its slot (else -1) and
// f is then the unwrapped sub-condition: the evaluator reads and fills the slot inline.
type conj struct {
	slot int
	neg  bool // the conjunct is the negation of f (a top-level "not", evaluated without its closure)
	f    Filter
}

// specializeConj builds the filter of cond for events of type t, as the list of its top-level conjuncts
// (empty when the condition always holds for the type). Checks on evt.type and evt.dir are decided at
// build time (the evaluator only runs a rule for its event types), and And/Or/Not fold the constants, so
// each rule runs only the part of its condition that can differ between events of that type. The
// conjunction of the result equals Compile(cond) on every event of type t; the conjuncts keep their
// order (nested Ands that are not memoised are flattened in place).
//
// Compound sub-conditions (macros, mostly) recur across rules; m gives each distinct one a slot in the
// evaluation context, so that it is evaluated at most once per event however many rules use it, and
// the evaluator skips a rule on a memoised conjunct already known false without calling into it.
func specializeConj(cond compile.Expr, t event.Type, m *memo) ([]conj, tri, error) {
	if m != nil {
		m.tkey = hashStr(hashSeed, t.Name()+t.Dir().String())
	}
	and, ok := cond.(*compile.And)
	if !ok || m == nil || m.count {
		// the counting pass builds the condition as a whole, so every node is counted once
		n, err := m.build(cond, t)
		if err != nil || n.k != dynamic {
			return nil, n.k, err
		}
		return []conj{n.conj()}, dynamic, nil
	}
	var out []conj
	var src []compile.Expr
	k, err := m.flatten(and, t, &out, &src)
	if err != nil || k == alwaysFalse {
		return nil, k, err
	}
	if len(out) == 0 {
		return nil, alwaysTrue, nil
	}
	if out, err = m.groupExceptions(out, src, t); err != nil {
		return nil, dynamic, err
	}
	return out, dynamic, nil
}

// flatten appends the dynamic conjuncts of and to out, descending into nested Ands without a memo slot,
// and the expression each conjunct evaluates to src (for a negated conjunct, the expression negated).
// A negated Or without a memo slot becomes one negated conjunct per alternative (De Morgan).
func (m *memo) flatten(and *compile.And, t event.Type, out *[]conj, src *[]compile.Expr) (tri, error) {
	for _, x := range and.List {
		n, err := m.build(x, t)
		if err != nil {
			return dynamic, err
		}
		switch n.k {
		case alwaysFalse:
			return alwaysFalse, nil
		case alwaysTrue:
			continue
		}
		if sub, ok := x.(*compile.And); ok && n.slot < 0 {
			if k, err := m.flatten(sub, t, out, src); err != nil || k == alwaysFalse {
				return k, err
			}
			continue
		}
		if not, ok := x.(*compile.Not); ok {
			// n is dynamic, so is the negated node; rebuilding it only finds the same memo slots
			inner, err := m.build(not.X, t)
			if err != nil {
				return dynamic, err
			}
			if or, ok := not.X.(*compile.Or); ok && inner.slot < 0 {
				// not (a or b) = not a and not b; the Or is dynamic, so no alternative is always true
				for _, y := range or.List {
					yn, err := m.build(y, t)
					if err != nil {
						return dynamic, err
					}
					if yn.k != dynamic {
						continue
					}
					k := yn.conj()
					k.neg = true
					*out = append(*out, k)
					*src = append(*src, y)
				}
				continue
			}
			k := inner.conj()
			k.neg = true
			*out = append(*out, k)
			*src = append(*src, not.X)
			continue
		}
		*out = append(*out, n.conj())
		*src = append(*src, x)
	}
	return dynamic, nil
}

// node is a built sub-condition: its filter (memoising when slot >= 0, raw being the filter without
// the memo), whether it is constant, and its structural hash.
type node struct {
	f    Filter
	raw  Filter
	slot int
	k    tri
	h    uint64
}

func (n node) conj() conj {
	if n.slot >= 0 {
		return conj{slot: n.slot, f: n.raw}
	}
	return conj{slot: -1, f: n.f}
}

// memo assigns per-event memo slots to compound sub-conditions, by structural hash. It runs in two
// passes over the ruleset: the first counts how often each sub-condition occurs per event type, the
// second memoises only those that occur more than once (a unique one gains nothing from a slot).
type memo struct {
	slots  map[uint64]int
	counts map[[2]uint64]int
	count  bool   // first pass: count only
	tkey   uint64 // hash of the event type being specialised
}

func (m *memo) wrap(f Filter, h uint64) (Filter, int) {
	if m == nil {
		return f, -1
	}
	k := [2]uint64{h, m.tkey}
	if m.count {
		m.counts[k]++
		return f, -1
	}
	if m.counts[k] < 2 {
		return f, -1
	}
	slot, ok := m.slots[h]
	if !ok {
		slot = len(m.slots)
		m.slots[h] = slot
	}
	return func(c *extractCtx) bool {
		e := &c.Memo[slot]
		if e.Gen == c.Gen {
			return e.Val
		}
		v := f(c)
		e.Gen, e.Val = c.Gen, v
		return v
	}, slot
}

func hashStr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

const hashSeed = 14695981039346656037

func checkHash(ch *compile.Check) uint64 {
	h := hashStr(hashSeed, "C")
	h = hashStr(h, operandKey(ch.LHS))
	h = hashStr(h, "\x00"+ch.Op+"\x00"+ch.Mod+"\x00")
	h = hashStr(h, operandKey(ch.RHS))
	return h
}

func operandKey(o compile.Operand) string {
	switch o := o.(type) {
	case *compile.FieldOperand:
		return "F" + o.String()
	case *compile.Literal:
		k := "L"
		for _, v := range o.Values {
			k += v + "\x00"
		}
		return k
	case *compile.TransformOperand:
		k := "T" + o.Name + "(" + o.Arg
		for _, a := range o.Args {
			k += operandKey(a) + ","
		}
		return k + ")"
	}
	return ""
}

// build returns the specialised filter of cond for type t, whether it is constant, and its structural hash.
func (m *memo) build(cond compile.Expr, t event.Type) (node, error) {
	if cond == nil {
		return node{slot: -1, k: alwaysTrue}, nil
	}
	switch e := cond.(type) {
	case *compile.And:
		var fs []Filter
		h := hashStr(hashSeed, "A")
		for _, x := range e.List {
			n, err := m.build(x, t)
			h = (h ^ n.h) * 1099511628211
			if err != nil {
				return node{slot: -1}, err
			}
			switch n.k {
			case alwaysFalse:
				fs = append(fs, nil) // keep hashing the rest; the node is false
			case dynamic:
				fs = append(fs, n.f)
			}
		}
		return m.finish(fs, h, true)
	case *compile.Or:
		var fs []Filter
		h := hashStr(hashSeed, "O")
		for _, x := range e.List {
			n, err := m.build(x, t)
			h = (h ^ n.h) * 1099511628211
			if err != nil {
				return node{slot: -1}, err
			}
			switch n.k {
			case alwaysTrue:
				fs = append(fs, nil)
			case dynamic:
				fs = append(fs, n.f)
			}
		}
		return m.finish(fs, h, false)
	case *compile.Not:
		n, err := m.build(e.X, t)
		h := (hashStr(hashSeed, "N") ^ n.h) * 1099511628211
		if err != nil {
			return node{slot: -1}, err
		}
		switch n.k {
		case alwaysTrue:
			return node{slot: -1, k: alwaysFalse, h: h}, nil
		case alwaysFalse:
			return node{slot: -1, k: alwaysTrue, h: h}, nil
		}
		f := n.f
		return node{f: func(c *extractCtx) bool { return !f(c) }, slot: -1, h: h}, nil
	case *compile.Check:
		h := checkHash(e)
		if k := constCheck(e, t); k != dynamic {
			return node{slot: -1, k: k, h: h}, nil
		}
		f, err := compileCheck(e)
		if err != nil {
			return node{slot: -1, h: h}, err
		}
		// a check that recurs in the type's rules (container, a shell-name list...) is memoised too
		n := node{f: f, raw: f, slot: -1, h: h}
		n.f, n.slot = m.wrap(f, h)
		return n, nil
	}
	f, err := Compile(cond)
	return node{f: f, slot: -1}, err
}

// finish joins the children of an And (and=true) or Or node; a nil child is the node's absorbing constant.
func (m *memo) finish(fs []Filter, h uint64, and bool) (node, error) {
	absorbing := alwaysFalse
	if !and {
		absorbing = alwaysTrue
	}
	var dyn []Filter
	for _, f := range fs {
		if f == nil {
			return node{slot: -1, k: absorbing, h: h}, nil
		}
		dyn = append(dyn, f)
	}
	var f Filter
	var k tri
	var err error
	if and {
		f, k, err = joinAnd(dyn)
	} else {
		f, k, err = joinOr(dyn)
	}
	if k == alwaysTrue || k == alwaysFalse {
		return node{slot: -1, k: k, h: h}, err
	}
	n := node{f: f, raw: f, slot: -1, k: k, h: h}
	if len(dyn) > 1 {
		n.f, n.slot = m.wrap(f, h)
	}
	return n, err
}

func joinAnd(fs []Filter) (Filter, tri, error) {
	switch len(fs) {
	case 0:
		return nil, alwaysTrue, nil
	case 1:
		return fs[0], dynamic, nil
	case 2:
		a, b := fs[0], fs[1]
		return func(c *extractCtx) bool { return a(c) && b(c) }, dynamic, nil
	}
	return func(c *extractCtx) bool {
		for _, f := range fs {
			if !f(c) {
				return false
			}
		}
		return true
	}, dynamic, nil
}

func joinOr(fs []Filter) (Filter, tri, error) {
	switch len(fs) {
	case 0:
		return nil, alwaysFalse, nil
	case 1:
		return fs[0], dynamic, nil
	case 2:
		a, b := fs[0], fs[1]
		return func(c *extractCtx) bool { return a(c) || b(c) }, dynamic, nil
	}
	return func(c *extractCtx) bool {
		for _, f := range fs {
			if f(c) {
				return true
			}
		}
		return false
	}, dynamic, nil
}

// constCheck decides checks of evt.type and evt.dir against literals for events of type t.
func constCheck(ch *compile.Check, t event.Type) tri {
	f, ok := ch.LHS.(*compile.FieldOperand)
	if !ok || f.HasArg || ch.Mod != "" {
		return dynamic
	}
	lit, ok := ch.RHS.(*compile.Literal)
	if !ok {
		return dynamic
	}
	if cv, ok := extract.TypeConst(f.Ref, t); ok {
		return constBool(ch.Op, lit.Values, cv)
	}
	var v string
	switch f.Field.Name {
	case "evt.type":
		if t == event.GenericE || t == event.GenericX || t >= event.MaxType {
			return dynamic // the name comes from the event's syscall id
		}
		v = t.Name()
	case "evt.dir":
		v = t.Dir().String()
	default:
		return dynamic
	}
	in := false
	for _, x := range lit.Values {
		if x == v {
			in = true
			break
		}
	}
	switch ch.Op {
	case "=", "==", "in", "intersects":
		if len(lit.Values) == 0 {
			return alwaysFalse
		}
	case "!=":
		if len(lit.Values) != 1 {
			return dynamic
		}
		in = !in
	default:
		return dynamic
	}
	if in {
		return alwaysTrue
	}
	return alwaysFalse
}

// constBool decides a check of a boolean field whose value the event type fixes.
func constBool(op string, values []string, cv extract.Value) tri {
	if cv.Kind != extract.Bool || len(values) == 0 {
		return dynamic
	}
	in := false
	for _, s := range values {
		b, err := parseBool(s)
		if err != nil {
			return dynamic
		}
		in = in || b == cv.Bool
	}
	switch op {
	case "=", "==", "in", "intersects":
	case "!=":
		if len(values) != 1 {
			return dynamic
		}
		in = !in
	default:
		return dynamic
	}
	if in {
		return alwaysTrue
	}
	return alwaysFalse
}
