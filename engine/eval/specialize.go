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
func specialize(cond compile.Expr, t event.Type) (Filter, tri, error) {
	if cond == nil {
		return nil, alwaysTrue, nil
	}
	switch e := cond.(type) {
	case *compile.And:
		var fs []Filter
		for _, x := range e.List {
			f, k, err := specialize(x, t)
			if err != nil {
				return nil, dynamic, err
			}
			switch k {
			case alwaysFalse:
				return nil, alwaysFalse, nil
			case dynamic:
				fs = append(fs, f)
			}
		}
		return joinAnd(fs)
	case *compile.Or:
		var fs []Filter
		for _, x := range e.List {
			f, k, err := specialize(x, t)
			if err != nil {
				return nil, dynamic, err
			}
			switch k {
			case alwaysTrue:
				return nil, alwaysTrue, nil
			case dynamic:
				fs = append(fs, f)
			}
		}
		return joinOr(fs)
	case *compile.Not:
		f, k, err := specialize(e.X, t)
		if err != nil {
			return nil, dynamic, err
		}
		switch k {
		case alwaysTrue:
			return nil, alwaysFalse, nil
		case alwaysFalse:
			return nil, alwaysTrue, nil
		}
		return func(c *extractCtx) bool { return !f(c) }, dynamic, nil
	case *compile.Check:
		if k := constCheck(e, t); k != dynamic {
			return nil, k, nil
		}
		f, err := compileCheck(e)
		return f, dynamic, err
	}
	f, err := Compile(cond)
	return f, dynamic, err
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
