package eval

import (
	"github.com/aerie-sec/aerie/engine/compile"
	"github.com/aerie-sec/aerie/engine/event"
)

// tri is the value of a condition known at build time for one event type: true, false or unknown.
type tri uint8

const (
	dynamic tri = iota
	alwaysTrue
	alwaysFalse
)

// specialize builds the filter of cond for events of type t. Checks on evt.type and evt.dir are decided
// at build time (the evaluator only runs a rule for its event types), and And/Or/Not fold the constants,
// so each rule runs only the part of its condition that can differ between events of that type. The
// result equals Compile(cond) on every event of type t.
//
// Compound sub-conditions (macros, mostly) recur across rules; m gives each distinct one a slot in the
// evaluation context, so that it is evaluated at most once per event however many rules use it.
func specialize(cond compile.Expr, t event.Type, m *memo) (Filter, tri, error) {
	if m != nil {
		m.tkey = hashStr(hashSeed, t.Name()+t.Dir().String())
	}
	f, k, _, err := m.build(cond, t)
	return f, k, err
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

func (m *memo) wrap(f Filter, h uint64) Filter {
	if m == nil {
		return f
	}
	k := [2]uint64{h, m.tkey}
	if m.count {
		m.counts[k]++
		return f
	}
	if m.counts[k] < 2 {
		return f
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
	}
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
func (m *memo) build(cond compile.Expr, t event.Type) (Filter, tri, uint64, error) {
	if cond == nil {
		return nil, alwaysTrue, 0, nil
	}
	switch e := cond.(type) {
	case *compile.And:
		var fs []Filter
		h := hashStr(hashSeed, "A")
		for _, x := range e.List {
			f, k, xh, err := m.build(x, t)
			h = (h ^ xh) * 1099511628211
			if err != nil {
				return nil, dynamic, 0, err
			}
			switch k {
			case alwaysFalse:
				fs = append(fs, nil) // keep hashing the rest; the node is false
			case dynamic:
				fs = append(fs, f)
			}
		}
		return m.finish(fs, h, true)
	case *compile.Or:
		var fs []Filter
		h := hashStr(hashSeed, "O")
		for _, x := range e.List {
			f, k, xh, err := m.build(x, t)
			h = (h ^ xh) * 1099511628211
			if err != nil {
				return nil, dynamic, 0, err
			}
			switch k {
			case alwaysTrue:
				fs = append(fs, nil)
			case dynamic:
				fs = append(fs, f)
			}
		}
		return m.finish(fs, h, false)
	case *compile.Not:
		f, k, xh, err := m.build(e.X, t)
		h := (hashStr(hashSeed, "N") ^ xh) * 1099511628211
		if err != nil {
			return nil, dynamic, 0, err
		}
		switch k {
		case alwaysTrue:
			return nil, alwaysFalse, h, nil
		case alwaysFalse:
			return nil, alwaysTrue, h, nil
		}
		return func(c *extractCtx) bool { return !f(c) }, dynamic, h, nil
	case *compile.Check:
		h := checkHash(e)
		if k := constCheck(e, t); k != dynamic {
			return nil, k, h, nil
		}
		f, err := compileCheck(e)
		return f, dynamic, h, err
	}
	f, err := Compile(cond)
	return f, dynamic, 0, err
}

// finish joins the children of an And (and=true) or Or node; a nil child is the node's absorbing constant.
func (m *memo) finish(fs []Filter, h uint64, and bool) (Filter, tri, uint64, error) {
	absorbing := alwaysFalse
	if !and {
		absorbing = alwaysTrue
	}
	var dyn []Filter
	for _, f := range fs {
		if f == nil {
			return nil, absorbing, h, nil
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
	if k == dynamic && len(dyn) > 1 {
		f = m.wrap(f, h)
	}
	if k == alwaysTrue || k == alwaysFalse {
		return nil, k, h, err
	}
	return f, k, h, err
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
