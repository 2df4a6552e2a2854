// Package eval turns compiled conditions into closures over extract.Ctx and runs rulesets: rules are
// indexed by event type, evaluated in load order, and filtered by priority.
package eval

import (
	"encoding/hex"
	"fmt"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/aerie-sec/aerie/engine/compile"
	"github.com/aerie-sec/aerie/engine/extract"
)

// Filter reports whether the event in c satisfies a condition.
type Filter func(c *extract.Ctx) bool

// Compile builds the closure for a compiled condition. A nil condition matches every event.
func Compile(e compile.Expr) (Filter, error) {
	if e == nil {
		return func(*extract.Ctx) bool { return true }, nil
	}
	switch e := e.(type) {
	case *compile.And:
		fs, err := compileList(e.List)
		if err != nil {
			return nil, err
		}
		if len(fs) == 2 {
			a, b := fs[0], fs[1]
			return func(c *extract.Ctx) bool { return a(c) && b(c) }, nil
		}
		return func(c *extract.Ctx) bool {
			for _, f := range fs {
				if !f(c) {
					return false
				}
			}
			return true
		}, nil
	case *compile.Or:
		fs, err := compileList(e.List)
		if err != nil {
			return nil, err
		}
		if len(fs) == 2 {
			a, b := fs[0], fs[1]
			return func(c *extract.Ctx) bool { return a(c) || b(c) }, nil
		}
		return func(c *extract.Ctx) bool {
			for _, f := range fs {
				if f(c) {
					return true
				}
			}
			return false
		}, nil
	case *compile.Not:
		f, err := Compile(e.X)
		if err != nil {
			return nil, err
		}
		return func(c *extract.Ctx) bool { return !f(c) }, nil
	case *compile.Check:
		return compileCheck(e)
	}
	return nil, fmt.Errorf("compile filter: unexpected node %T", e)
}

func compileList(list []compile.Expr) ([]Filter, error) {
	fs := make([]Filter, 0, len(list))
	for _, x := range list {
		f, err := Compile(x)
		if err != nil {
			return nil, err
		}
		fs = append(fs, f)
	}
	return fs, nil
}

// operand yields the values of a check's left side (or of a val() right side).
type operand struct {
	kind     extract.Kind
	multi    bool
	allForNE bool
	get      func(c *extract.Ctx, i int, v *extract.Value) bool
	// raw is the field's extraction function when the operand is a plain field (not Net): get without
	// setting the value's kind, for checks that set it themselves.
	raw extract.Func
	// ex is the field's extractor when the operand is a plain field.
	ex *extract.Extractor
}

func compileOperand(o compile.Operand) (*operand, error) {
	switch o := o.(type) {
	case *compile.FieldOperand:
		x, err := extract.New(o.Ref)
		if err != nil {
			return nil, err
		}
		get := x.Get
		if x.Kind != extract.Net {
			// Values are compared as the operand's kind, so the kind need not be set per event.
			fn := x.Func()
			get = func(c *extract.Ctx, i int, v *extract.Value) bool { v.Kind = x.Kind; return fn(c, i, v) }
			if x.Kind == extract.String {
				get = fn
			}
		}
		op := &operand{kind: x.Kind, multi: x.Multi, allForNE: x.AllForNE, get: get, ex: x}
		if x.Kind != extract.Net {
			op.raw = x.Func()
		}
		return op, nil
	case *compile.TransformOperand:
		return compileTransform(o)
	}
	return nil, fmt.Errorf("unsupported operand %T", o)
}

func compileTransform(t *compile.TransformOperand) (*operand, error) {
	if len(t.Args) != 1 {
		return nil, fmt.Errorf("transformer %s: %d arguments not supported", t.Name, len(t.Args))
	}
	in, err := compileOperand(t.Args[0])
	if err != nil {
		return nil, err
	}
	var fn func(s string, c *extract.Ctx, v *extract.Value)
	switch t.Name {
	case "tolower", "toupper":
		upper := t.Name == "toupper"
		fn = func(s string, c *extract.Ctx, v *extract.Value) {
			b := c.Scratch(len(s))
			for i := 0; i < len(s); i++ {
				ch := s[i]
				if upper && 'a' <= ch && ch <= 'z' {
					ch -= 32
				} else if !upper && 'A' <= ch && ch <= 'Z' {
					ch += 32
				}
				b[i] = ch
			}
			v.Str = extract.BytesString(b)
		}
	case "basename":
		fn = func(s string, _ *extract.Ctx, v *extract.Value) { v.Str = s[strings.LastIndexByte(s, '/')+1:] }
	case "len":
		return &operand{kind: extract.Int, get: func(c *extract.Ctx, i int, v *extract.Value) bool {
			if !in.get(c, i, v) {
				return false
			}
			v.Kind, v.Int = extract.Int, int64(len(v.Str))
			return true
		}}, nil
	default:
		return nil, fmt.Errorf("transformer %s is not supported", t.Name)
	}
	return &operand{kind: extract.String, multi: in.multi, get: func(c *extract.Ctx, i int, v *extract.Value) bool {
		if !in.get(c, i, v) {
			return false
		}
		fn(v.Str, c, v)
		return true
	}}, nil
}

func compileCheck(ch *compile.Check) (Filter, error) {
	lhs, err := compileOperand(ch.LHS)
	if err != nil {
		return nil, fmt.Errorf("compile check at %d:%d: %w", ch.Pos.Line, ch.Pos.Col, err)
	}
	if ch.Op == "exists" {
		return func(c *extract.Ctx) bool { return lhs.get(c, 0, &c.Val) }, nil
	}
	var test func(v *extract.Value) bool
	switch rhs := ch.RHS.(type) {
	case *compile.Literal:
		test, err = literalTest(ch.Op, ch.Mod, lhs.kind, rhs.Values)
	case *compile.FieldOperand, *compile.TransformOperand:
		return valCheck(ch, lhs)
	default:
		err = fmt.Errorf("missing right-hand side")
	}
	if err != nil {
		return nil, fmt.Errorf("compile check %s at %d:%d: %w", ch.Op, ch.Pos.Line, ch.Pos.Col, err)
	}
	if lhs.multi && lhs.allForNE && ch.Op == "!=" {
		// "!=" on both ends of a socket: true when neither end equals (and at least one exists)
		return func(c *extract.Ctx) bool {
			v := &c.Val
			n := 0
			for i := 0; lhs.get(c, i, v); i++ {
				if !test(v) {
					return false
				}
				n++
			}
			return n > 0
		}, nil
	}
	if lhs.multi {
		return func(c *extract.Ctx) bool {
			v := &c.Val
			for i := 0; lhs.get(c, i, v); i++ {
				if test(v) {
					return true
				}
			}
			return false
		}, nil
	}
	if f := fusedCheck(ch, lhs); f != nil {
		return f, nil
	}
	get := lhs.get
	return func(c *extract.Ctx) bool { return get(c, 0, &c.Val) && test(&c.Val) }, nil
}

// fusedCheck returns, for the commonest single-valued checks against literals, one closure doing both
// the extraction and the comparison (literalTest's semantics, one indirect call less), or nil.
func fusedCheck(ch *compile.Check, lhs *operand) Filter {
	lit, ok := ch.RHS.(*compile.Literal)
	if !ok || ch.Mod != "" || lhs.raw == nil || lhs.multi || len(lit.Values) == 0 {
		return nil
	}
	get, kind, values := lhs.raw, lhs.kind, lit.Values
	w := values[0]
	switch kind {
	case extract.String:
		switch ch.Op {
		case "=", "==":
			return func(c *extract.Ctx) bool { v := &c.Val; v.Kind = kind; return get(c, 0, v) && v.Str == w }
		case "!=":
			return func(c *extract.Ctx) bool { v := &c.Val; v.Kind = kind; return get(c, 0, v) && v.Str != w }
		case "startswith":
			return func(c *extract.Ctx) bool {
				v := &c.Val
				v.Kind = kind
				return get(c, 0, v) && strings.HasPrefix(v.Str, w)
			}
		case "endswith":
			return func(c *extract.Ctx) bool {
				v := &c.Val
				v.Kind = kind
				return get(c, 0, v) && strings.HasSuffix(v.Str, w)
			}
		case "contains":
			if cf := lhs.ex.Contains(w); cf != nil {
				return func(c *extract.Ctx) bool { found, ok := cf(c); return ok && found }
			}
			return func(c *extract.Ctx) bool {
				v := &c.Val
				v.Kind = kind
				return get(c, 0, v) && strings.Contains(v.Str, w)
			}
		case "in", "intersects":
			if len(values) > 8 {
				set := make(map[string]struct{}, len(values))
				for _, s := range values {
					set[s] = struct{}{}
				}
				ss := newStrSet(set)
				return func(c *extract.Ctx) bool {
					v := &c.Val
					v.Kind = kind
					return get(c, 0, v) && ss.has(v.Str)
				}
			}
			return func(c *extract.Ctx) bool {
				v := &c.Val
				v.Kind = kind
				if !get(c, 0, v) {
					return false
				}
				for _, s := range values {
					if v.Str == s {
						return true
					}
				}
				return false
			}
		}
	case extract.Int:
		n, _, err := parseInt(w)
		if err != nil || len(values) != 1 {
			return nil
		}
		switch ch.Op {
		case "=", "==":
			return func(c *extract.Ctx) bool { v := &c.Val; v.Kind = kind; return get(c, 0, v) && v.Int == n }
		case "!=":
			return func(c *extract.Ctx) bool { v := &c.Val; v.Kind = kind; return get(c, 0, v) && v.Int != n }
		case ">=":
			return func(c *extract.Ctx) bool { v := &c.Val; v.Kind = kind; return get(c, 0, v) && v.Int >= n }
		}
	case extract.Uint:
		_, n, err := parseInt(w)
		if err != nil || len(values) != 1 {
			return nil
		}
		switch ch.Op {
		case "=", "==":
			return func(c *extract.Ctx) bool { v := &c.Val; v.Kind = kind; return get(c, 0, v) && v.Uint == n }
		case "!=":
			return func(c *extract.Ctx) bool { v := &c.Val; v.Kind = kind; return get(c, 0, v) && v.Uint != n }
		}
	case extract.Bool:
		if len(values) != 1 || (ch.Op != "=" && ch.Op != "==") {
			return nil
		}
		b, err := parseBool(w)
		if err != nil {
			return nil
		}
		return func(c *extract.Ctx) bool { v := &c.Val; v.Kind = kind; return get(c, 0, v) && v.Bool == b }
	}
	return nil
}

// valCheck compares two extracted values (val(field) on the right).
func valCheck(ch *compile.Check, lhs *operand) (Filter, error) {
	rhs, err := compileOperand(ch.RHS)
	if err != nil {
		return nil, err
	}
	op := ch.Op
	return func(c *extract.Ctx) bool {
		a, b := &c.Val, &c.Val2
		if !lhs.get(c, 0, a) || !rhs.get(c, 0, b) {
			return false
		}
		a.Kind, b.Kind = lhs.kind, rhs.kind
		var sa, sb string
		if a.Kind == extract.String {
			sa = a.Str
		} else {
			sa = string(a.Append(nil))
		}
		if b.Kind == extract.String {
			sb = b.Str
		} else {
			sb = string(b.Append(nil))
		}
		return strOp(op, sa, sb)
	}, nil
}

func strOp(op, a, b string) bool {
	switch op {
	case "=", "==", "in", "intersects":
		return a == b
	case "!=":
		return a != b
	case "contains":
		return strings.Contains(a, b)
	case "icontains":
		return containsFold(a, strings.ToLower(b))
	case "startswith":
		return strings.HasPrefix(a, b)
	case "endswith":
		return strings.HasSuffix(a, b)
	case "<":
		return a < b
	case "<=":
		return a <= b
	case ">":
		return a > b
	case ">=":
		return a >= b
	case "glob":
		return glob(b, a, false)
	case "iglob":
		return glob(b, a, true)
	}
	return false
}

// literalTest builds the comparison of an extracted value with literal values.
func literalTest(op, mod string, kind extract.Kind, values []string) (func(*extract.Value) bool, error) {
	if mod != "" {
		return modTest(op, mod, kind, values)
	}
	switch kind {
	case extract.String:
		return stringTest(op, values)
	case extract.Int, extract.Uint:
		return numTest(op, kind, values)
	case extract.Bool:
		want := make([]bool, 0, len(values))
		for _, s := range values {
			b, err := parseBool(s)
			if err != nil {
				return nil, err
			}
			want = append(want, b)
		}
		switch op {
		case "=", "==", "in", "intersects":
			return func(v *extract.Value) bool {
				for _, w := range want {
					if v.Bool == w {
						return true
					}
				}
				return false
			}, nil
		case "!=":
			return func(v *extract.Value) bool { return v.Bool != want[0] }, nil
		}
	case extract.IP, extract.Net:
		nets := make([]netip.Prefix, 0, len(values))
		for _, s := range values {
			p, err := parseNet(s)
			if err != nil {
				return nil, err
			}
			nets = append(nets, p)
		}
		in := func(v *extract.Value) bool {
			a := v.IP.Unmap()
			for _, p := range nets {
				if p.Contains(a) {
					return true
				}
			}
			return false
		}
		switch op {
		case "=", "==", "in", "intersects":
			return in, nil
		case "!=":
			return func(v *extract.Value) bool { return !in(v) }, nil
		}
	}
	return nil, fmt.Errorf("operator %s not supported for this field type", op)
}

func parseBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "true", "1":
		return true, nil
	case "false", "0":
		return false, nil
	}
	return false, fmt.Errorf("%q is not a boolean", s)
}

func parseNet(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return p, fmt.Errorf("%q is not a network: %w", s, err)
		}
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("%q is not an IP address: %w", s, err)
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), nil
}

func parseInt(s string) (int64, uint64, error) {
	if strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X") {
		u, err := strconv.ParseUint(s[2:], 16, 64)
		return int64(u), u, err
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return i, uint64(i), nil
	}
	u, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, 0, fmt.Errorf("%q is not a number", s)
	}
	return int64(u), u, nil
}

func numTest(op string, kind extract.Kind, values []string) (func(*extract.Value) bool, error) {
	ints := make([]int64, 0, len(values))
	uints := make([]uint64, 0, len(values))
	for _, s := range values {
		i, u, err := parseInt(s)
		if err != nil {
			return nil, err
		}
		ints, uints = append(ints, i), append(uints, u)
	}
	if len(values) == 0 {
		return func(*extract.Value) bool { return false }, nil
	}
	if kind == extract.Uint {
		w := uints[0]
		switch op {
		case "=", "==":
			return func(v *extract.Value) bool { return v.Uint == w }, nil
		case "!=":
			return func(v *extract.Value) bool { return v.Uint != w }, nil
		case "<":
			return func(v *extract.Value) bool { return v.Uint < w }, nil
		case "<=":
			return func(v *extract.Value) bool { return v.Uint <= w }, nil
		case ">":
			return func(v *extract.Value) bool { return v.Uint > w }, nil
		case ">=":
			return func(v *extract.Value) bool { return v.Uint >= w }, nil
		case "in", "intersects":
			return func(v *extract.Value) bool {
				for _, x := range uints {
					if v.Uint == x {
						return true
					}
				}
				return false
			}, nil
		}
	} else {
		w := ints[0]
		switch op {
		case "=", "==":
			return func(v *extract.Value) bool { return v.Int == w }, nil
		case "!=":
			return func(v *extract.Value) bool { return v.Int != w }, nil
		case "<":
			return func(v *extract.Value) bool { return v.Int < w }, nil
		case "<=":
			return func(v *extract.Value) bool { return v.Int <= w }, nil
		case ">":
			return func(v *extract.Value) bool { return v.Int > w }, nil
		case ">=":
			return func(v *extract.Value) bool { return v.Int >= w }, nil
		case "in", "intersects":
			return func(v *extract.Value) bool {
				for _, x := range ints {
					if v.Int == x {
						return true
					}
				}
				return false
			}, nil
		}
	}
	return nil, fmt.Errorf("operator %s not supported for numeric fields", op)
}

func stringTest(op string, values []string) (func(*extract.Value) bool, error) {
	if len(values) == 0 {
		return func(*extract.Value) bool { return false }, nil
	}
	w := values[0]
	switch op {
	case "=", "==":
		return func(v *extract.Value) bool { return v.Str == w }, nil
	case "!=":
		return func(v *extract.Value) bool { return v.Str != w }, nil
	case "in", "intersects":
		if len(values) > 8 {
			set := make(map[string]struct{}, len(values))
			for _, s := range values {
				set[s] = struct{}{}
			}
			ss := newStrSet(set)
			return func(v *extract.Value) bool { return ss.has(v.Str) }, nil
		}
		return func(v *extract.Value) bool {
			for _, s := range values {
				if v.Str == s {
					return true
				}
			}
			return false
		}, nil
	case "pmatch":
		return func(v *extract.Value) bool {
			for _, p := range values {
				if pathPrefix(v.Str, p) {
					return true
				}
			}
			return false
		}, nil
	case "contains":
		return func(v *extract.Value) bool { return strings.Contains(v.Str, w) }, nil
	case "icontains":
		lw := strings.ToLower(w)
		return func(v *extract.Value) bool { return containsFold(v.Str, lw) }, nil
	case "startswith":
		return func(v *extract.Value) bool { return strings.HasPrefix(v.Str, w) }, nil
	case "endswith":
		return func(v *extract.Value) bool { return strings.HasSuffix(v.Str, w) }, nil
	case "bcontains", "bstartswith":
		b, err := hex.DecodeString(strings.ReplaceAll(w, " ", ""))
		if err != nil {
			return nil, fmt.Errorf("%q is not a hex byte string", w)
		}
		hb := string(b)
		if op == "bcontains" {
			return func(v *extract.Value) bool { return strings.Contains(v.Str, hb) }, nil
		}
		return func(v *extract.Value) bool { return strings.HasPrefix(v.Str, hb) }, nil
	case "glob", "iglob":
		fold := op == "iglob"
		return func(v *extract.Value) bool { return glob(w, v.Str, fold) }, nil
	case "regex":
		re, err := regexp.Compile("^(?:" + w + ")$")
		if err != nil {
			return nil, fmt.Errorf("invalid regex %q: %w", w, err)
		}
		return func(v *extract.Value) bool { return re.MatchString(v.Str) }, nil
	case "<", "<=", ">", ">=":
		return func(v *extract.Value) bool { return strOp(op, v.Str, w) }, nil
	}
	return nil, fmt.Errorf("operator %s not supported for string fields", op)
}

// modTest implements "OP oneof|anyof|allof (list)": anyof holds when any element matches, allof when all
// do, oneof when exactly one does.
func modTest(op, mod string, kind extract.Kind, values []string) (func(*extract.Value) bool, error) {
	tests := make([]func(*extract.Value) bool, 0, len(values))
	for _, s := range values {
		t, err := literalTest(op, "", kind, []string{s})
		if err != nil {
			return nil, err
		}
		tests = append(tests, t)
	}
	return func(v *extract.Value) bool {
		n := 0
		for _, t := range tests {
			if t(v) {
				n++
				if mod == "anyof" {
					return true
				}
			}
		}
		switch mod {
		case "allof":
			return n == len(tests) && n > 0
		case "oneof":
			return n == 1
		}
		return false
	}, nil
}

// pathPrefix reports whether path s equals prefix p or lies below it (whole components).
func pathPrefix(s, p string) bool {
	p = strings.TrimSuffix(p, "/")
	if !strings.HasPrefix(s, p) {
		return false
	}
	return len(s) == len(p) || s[len(p)] == '/'
}

// containsFold reports whether s contains the lower-case needle, ignoring ASCII case, without allocating.
func containsFold(s, lower string) bool {
	n := len(lower)
	if n == 0 {
		return true
	}
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for ; j < n; j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 32
			}
			if c != lower[j] {
				break
			}
		}
		if j == n {
			return true
		}
	}
	return false
}

// glob matches s against pattern with fnmatch semantics without FNM_PATHNAME: '*' also matches '/'.
func glob(pattern, s string, fold bool) bool {
	px, sx := 0, 0
	nextPx, nextSx := -1, -1
	for px < len(pattern) || sx < len(s) {
		if px < len(pattern) {
			switch c := pattern[px]; c {
			case '*':
				nextPx, nextSx = px, sx+1
				px++
				continue
			case '?':
				if sx < len(s) {
					px++
					sx++
					continue
				}
			case '[':
				if sx < len(s) {
					if ok, width := matchClass(pattern[px:], s[sx], fold); width > 0 && ok {
						px += width
						sx++
						continue
					}
				}
			case '\\':
				if px+1 < len(pattern) && sx < len(s) && eqByte(pattern[px+1], s[sx], fold) {
					px += 2
					sx++
					continue
				}
			default:
				if sx < len(s) && eqByte(c, s[sx], fold) {
					px++
					sx++
					continue
				}
			}
		}
		if nextSx > 0 && nextSx <= len(s) {
			px, sx = nextPx, nextSx
			continue
		}
		return false
	}
	return true
}

func eqByte(a, b byte, fold bool) bool {
	if fold {
		if 'A' <= a && a <= 'Z' {
			a += 32
		}
		if 'A' <= b && b <= 'Z' {
			b += 32
		}
	}
	return a == b
}

// matchClass matches c against the bracket expression at the start of p; width is its length (0 if malformed).
func matchClass(p string, c byte, fold bool) (bool, int) {
	i := 1
	neg := false
	if i < len(p) && (p[i] == '!' || p[i] == '^') {
		neg = true
		i++
	}
	matched := false
	first := true
	for i < len(p) && (p[i] != ']' || first) {
		first = false
		lo := p[i]
		hi := lo
		if i+2 < len(p) && p[i+1] == '-' && p[i+2] != ']' {
			hi = p[i+2]
			i += 2
		}
		if fold && 'A' <= c && c <= 'Z' {
			if lo <= c+32 && c+32 <= hi {
				matched = true
			}
		}
		if lo <= c && c <= hi {
			matched = true
		}
		i++
	}
	if i >= len(p) {
		return false, 0
	}
	return matched != neg, i + 1
}

func timeOf(ns int64) time.Time { return time.Unix(0, ns) }

type (
	extractCtx   = extract.Ctx
	extractValue = extract.Value
)
