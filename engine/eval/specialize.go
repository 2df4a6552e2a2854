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
					k.neg = !k.neg
					*out = append(*out, k)
					*src = append(*src, y)
				}
				continue
			}
			k := inner.conj()
			k.neg = !k.neg
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
// the memo), whether it is constant, and its structural hash. A negation, and an And or Or of one
// child, also keep the conjunct they amount to (as), so that it is evaluated without their closure.
type node struct {
	f    Filter
	raw  Filter
	slot int
	k    tri
	h    uint64
	as   *conj
}

// conj returns the node as a conjunct: memo slot and unwrapped filter, or what the node amounts to.
func (n node) conj() conj {
	switch {
	case n.slot >= 0:
		return conj{slot: n.slot, f: n.raw}
	case n.as != nil:
		return *n.as
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
		var fs []conj
		absorbed := false
		h := hashStr(hashSeed, "A")
		for _, x := range e.List {
			n, err := m.build(x, t)
			h = (h ^ n.h) * 1099511628211
			if err != nil {
				return node{slot: -1}, err
			}
			switch n.k {
			case alwaysFalse:
				absorbed = true // keep hashing the rest; the node is false
			case dynamic:
				fs = append(fs, n.conj())
			}
		}
		return m.finish(fs, absorbed, h, true)
	case *compile.Or:
		var fs []conj
		absorbed := false
		h := hashStr(hashSeed, "O")
		for _, x := range e.List {
			n, err := m.build(x, t)
			h = (h ^ n.h) * 1099511628211
			if err != nil {
				return node{slot: -1}, err
			}
			switch n.k {
			case alwaysTrue:
				absorbed = true
			case dynamic:
				fs = append(fs, n.conj())
			}
		}
		return m.finish(fs, absorbed, h, false)
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
		f, as := n.f, n.conj()
		as.neg = !as.neg
		return node{f: func(c *extractCtx) bool { return !f(c) }, slot: -1, h: h, as: &as}, nil
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

// finish joins the dynamic children of an And (and=true) or Or node; absorbed reports a child equal to
// the node's absorbing constant.
func (m *memo) finish(fs []conj, absorbed bool, h uint64, and bool) (node, error) {
	if absorbed {
		if and {
			return node{slot: -1, k: alwaysFalse, h: h}, nil
		}
		return node{slot: -1, k: alwaysTrue, h: h}, nil
	}
	var f Filter
	var k tri
	var err error
	if and {
		f, k, err = joinAnd(fs)
	} else {
		f, k, err = joinOr(fs)
	}
	if k == alwaysTrue || k == alwaysFalse {
		return node{slot: -1, k: k, h: h}, err
	}
	if len(fs) == 1 {
		// the node is its child: keep the child's memo slot or negation
		return node{f: f, raw: f, slot: -1, k: k, h: h, as: &fs[0]}, err
	}
	n := node{f: f, raw: f, slot: -1, k: k, h: h}
	n.f, n.slot = m.wrap(f, h)
	return n, err
}

// eval evaluates one conjunct, reading and filling its memo slot inline.
func (k *conj) eval(c *extractCtx) bool {
	if k.slot < 0 {
		return k.f(c) != k.neg
	}
	m := &c.Memo[k.slot]
	if m.Gen != c.Gen {
		m.Gen, m.Val = c.Gen, k.f(c)
	}
	return m.Val != k.neg
}

// filter returns a Filter evaluating k alone.
func (k conj) filter() Filter {
	switch {
	case k.slot < 0 && !k.neg:
		return k.f
	}
	return k.eval
}

// joinAnd evaluates its children as a rule's conjuncts (holds); joinOr is holds' mirror, with the memo
// slots and negations read inline, so a memoised child already known costs no call.
func joinAnd(fs []conj) (Filter, tri, error) {
	switch len(fs) {
	case 0:
		return nil, alwaysTrue, nil
	case 1:
		return fs[0].filter(), dynamic, nil
	}
	return func(c *extractCtx) bool { return holds(c, fs) }, dynamic, nil
}

func joinOr(fs []conj) (Filter, tri, error) {
	switch len(fs) {
	case 0:
		return nil, alwaysFalse, nil
	case 1:
		return fs[0].filter(), dynamic, nil
	}
	return func(c *extractCtx) bool {
		for i := range fs {
			k := &fs[i]
			var v bool
			if k.slot < 0 {
				v = k.f(c)
			} else {
				m := &c.Memo[k.slot]
				if m.Gen != c.Gen {
					m.Gen, m.Val = c.Gen, k.f(c)
				}
				v = m.Val
			}
			if v != k.neg {
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
