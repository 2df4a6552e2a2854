package compile

import (
	"fmt"
	"net"
	"regexp"
	"strconv"
	"strings"

	"github.com/aerie-sec/aerie/engine/condition/ast"
	"github.com/aerie-sec/aerie/engine/condition/parser"
	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/fields"
	lr "github.com/aerie-sec/aerie/engine/loadresult"
)

// checker resolves fields and type-checks a rule's expanded condition.
type checker struct {
	l        *Loader
	res      *lr.Result
	ctx      lr.Context
	text     string
	fields   []string
	ops      []string
	warnings []checkWarning
	unknown  bool // the error is an unknown field or event type
	nodes    int  // nodes checked, bounded by MaxNodes
}

// checkWarning is a warning found while checking a condition; at, when set, locates it in the condition.
type checkWarning struct {
	code lr.Code
	msg  string
	at   *ast.Pos
}

// MaxNodes bounds the size of a rule's condition after macro expansion. Macros that reference each other
// several times grow exponentially when expanded; the bound turns such input into an error.
const MaxNodes = 1 << 20

func (t *checker) errAt(p ast.Pos, msg string) error {
	return &compileError{lr.ErrCompileCondition, msg, condCtx(t.ctx, t.text, p)}
}

func (t *checker) expr(e ast.Expr) (Expr, error) {
	t.nodes++
	if t.nodes > MaxNodes {
		return nil, t.errAt(e.Position(), fmt.Sprintf("condition exceeds %d nodes after macro expansion", MaxNodes))
	}
	switch n := e.(type) {
	case *ast.And:
		out := &And{List: make([]Expr, len(n.List))}
		for i, x := range n.List {
			c, err := t.expr(x)
			if err != nil {
				return nil, err
			}
			out.List[i] = c
		}
		return out, nil
	case *ast.Or:
		out := &Or{List: make([]Expr, len(n.List))}
		for i, x := range n.List {
			c, err := t.expr(x)
			if err != nil {
				return nil, err
			}
			out.List[i] = c
		}
		return out, nil
	case *ast.Not:
		x, err := t.expr(n.X)
		if err != nil {
			return nil, err
		}
		return &Not{X: x}, nil
	case *ast.Check:
		return t.check(n)
	case *ast.Macro:
		return nil, t.errAt(n.P, "Undefined macro '"+n.Name+"' used in filter.")
	}
	return nil, fmt.Errorf("compile: unexpected node %T", e)
}

var deprecatedMsg = "Field '%s' is deprecated and will be removed in a future version"

func (t *checker) operand(o ast.Operand, rhs bool) (Operand, error) {
	switch n := o.(type) {
	case *ast.Field:
		ref, err := t.l.reg.Resolve(n.Name, n.Arg, n.HasArg)
		if err != nil {
			t.unknown = true
			return nil, t.errAt(n.P, err.Error())
		}
		if rhs && ref.Field.Has(fields.NoRHS) {
			return nil, t.errAt(n.P, "filter_check called with a field not allowed on the right-hand side: "+ref.Field.Name)
		}
		if ref.Field.Name == "evt.arg" && ref.HasArg {
			if _, err := strconv.Atoi(ref.Arg); err != nil && !eventParamKnown(ref.Arg) {
				t.unknown = true
				return nil, t.errAt(n.P, "filter_check called with nonexistent field "+ast.String(n))
			}
		}
		if ref.Field.Has(fields.Deprecated) && t.res != nil {
			t.warnings = append(t.warnings, checkWarning{code: lr.WarnDeprecatedItem, msg: fmt.Sprintf(deprecatedMsg, ref.Field.Name)})
		}
		t.fields = append(t.fields, ref.String())
		return &FieldOperand{Ref: ref}, nil
	case *ast.Transform:
		return t.transform(n, rhs)
	case *ast.Val:
		return t.operand(n.X, true)
	}
	return nil, t.errAt(o.Position(), "expected a field or a transformer")
}

func eventParamKnown(name string) bool {
	for _, ty := range event.Types() {
		if info, ok := event.Lookup(ty); ok && info.ParamIndex(name) >= 0 {
			return true
		}
	}
	return false
}

func (t *checker) transform(n *ast.Transform, rhs bool) (Operand, error) {
	out := &TransformOperand{Name: n.Name, Arg: n.Arg, HasArg: n.HasArg}
	for _, a := range n.Args {
		var op Operand
		switch a := a.(type) {
		case *ast.Str:
			op = &Literal{Values: []string{a.Value}, FieldType: fields.Charbuf}
		case *ast.List:
			l := &Literal{IsList: true, FieldType: fields.Charbuf}
			for _, s := range a.Items {
				l.Values = append(l.Values, s.Value)
			}
			op = l
		default:
			var err error
			if op, err = t.operand(a, rhs); err != nil {
				return nil, err
			}
			if f, ok := op.(*FieldOperand); ok && f.Field.Has(fields.NoTransformer) {
				return nil, t.errAt(n.P, "field '"+f.Field.Name+"' does not support transformers")
			}
		}
		out.Args = append(out.Args, op)
	}
	want := func(k int) error {
		if len(out.Args) != k {
			return t.errAt(n.P, fmt.Sprintf("transformer '%s' expects %d argument(s), got %d", n.Name, k, len(out.Args)))
		}
		return nil
	}
	isStr := func(o Operand) bool { c := o.Type().Class(); return c == fields.ClassString || c == fields.ClassBuffer }
	switch n.Name {
	case "tolower", "toupper", "b64", "basename":
		if err := want(1); err != nil {
			return nil, err
		}
		if !isStr(out.Args[0]) {
			return nil, t.errAt(n.P, fmt.Sprintf("transformer '%s' is not supported on field type '%s'", n.Name, out.Args[0].Type()))
		}
		out.Result = out.Args[0].Type()
		if n.Name == "basename" {
			out.Result = fields.Charbuf
		}
	case "len":
		if err := want(1); err != nil {
			return nil, err
		}
		if !isStr(out.Args[0]) {
			if f, ok := out.Args[0].(*FieldOperand); !ok || !f.Field.Has(fields.List) {
				return nil, t.errAt(n.P, fmt.Sprintf("transformer 'len' is not supported on field type '%s'", out.Args[0].Type()))
			}
		}
		out.Result = fields.Uint64
	case "join":
		if err := want(2); err != nil {
			return nil, err
		}
		if _, ok := out.Args[0].(*Literal); !ok {
			return nil, t.errAt(n.P, "transformer 'join' expects a string separator as first argument")
		}
		out.Result = fields.Charbuf
	case "concat":
		if len(out.Args) < 2 {
			return nil, t.errAt(n.P, "transformer 'concat' expects at least 2 arguments")
		}
		out.Result = fields.Charbuf
	case "getopt":
		if err := want(2); err != nil {
			return nil, err
		}
		if !n.HasArg {
			return nil, t.errAt(n.P, "transformer 'getopt' requires an option argument, e.g. getopt(proc.args, \"a:b\")[a]")
		}
		out.Result = fields.Charbuf
	}
	return out, nil
}

// opAllowed reports whether op applies to values of class cl (libs flt_is_comparable).
func opAllowed(op string, cl fields.Class) bool {
	if op == "exists" {
		return true
	}
	switch cl {
	case fields.ClassNumeric:
		return in(op, "=", "==", "!=", "<", "<=", ">", ">=", "in", "intersects")
	case fields.ClassBool:
		return in(op, "=", "==", "!=", "in", "intersects")
	case fields.ClassIP:
		return in(op, "=", "==", "!=", "in", "intersects")
	case fields.ClassBuffer:
		return in(op, "=", "==", "!=", "contains", "in", "startswith", "endswith", "intersects", "bcontains", "bstartswith")
	}
	return !in(op, "bcontains", "bstartswith")
}

func in(s string, list ...string) bool {
	for _, x := range list {
		if s == x {
			return true
		}
	}
	return false
}

var className = map[fields.Class]string{fields.ClassNumeric: "numeric", fields.ClassBool: "boolean", fields.ClassIP: "ip address", fields.ClassBuffer: "buffer", fields.ClassString: "string"}

func (t *checker) check(n *ast.Check) (Expr, error) {
	lhs, err := t.operand(n.LHS, false)
	if err != nil {
		return nil, err
	}
	op := n.Op
	if n.Mod != "" {
		t.ops = append(t.ops, op+" "+n.Mod)
	} else {
		t.ops = append(t.ops, op)
	}
	cl := lhs.Type().Class()
	if !opAllowed(op, cl) {
		return nil, t.errAt(n.P, fmt.Sprintf("'%s' operator not supported for %s filters", op, className[cl]))
	}
	out := &Check{Pos: n.P, LHS: lhs, Op: op, Mod: n.Mod}
	// Enter events are no longer produced (Falco 0.42): a check that selects them is deprecated.
	// Checks for exit events (evt.dir = <), as the upstream files use, stay valid.
	if f, ok := lhs.(*FieldOperand); ok && f.Field.Name == "evt.dir" {
		if s, ok := n.RHS.(*ast.Str); ok && (s.Value == ">" && (op == "=" || op == "==") || s.Value == "<" && op == "!=") {
			t.warnings = append(t.warnings, checkWarning{code: lr.WarnDeprecatedItem,
				msg: "Field 'evt.dir' used to select enter events ('>'), which are no longer generated; the check never matches"})
		}
	}
	switch r := n.RHS.(type) {
	case nil:
	case *ast.Str:
		if !r.Quoted && t.looksLikeField(r.Value) {
			// libs' compiler warning carries the value's position, which Falco reports in the condition.
			at := r.P
			t.warnings = append(t.warnings, checkWarning{code: lr.WarnCompileCondition,
				msg: "string '" + r.Value + "' may be a valid field wrongly interpreted as a string value", at: &at})
		}
		lit := &Literal{Values: []string{r.Value}, FieldType: lhs.Type()}
		if err := t.values(n, lhs, lit); err != nil {
			return nil, err
		}
		out.RHS = lit
	case *ast.List:
		lit := &Literal{IsList: true, FieldType: lhs.Type()}
		for _, s := range r.Items {
			lit.Values = append(lit.Values, s.Value)
		}
		if err := t.values(n, lhs, lit); err != nil {
			return nil, err
		}
		out.RHS = lit
	default:
		rhs, err := t.operand(r, true)
		if err != nil {
			return nil, err
		}
		out.RHS = rhs
	}
	return out, nil
}

// looksLikeField reports whether a bare string value is the name of a field (with optional argument).
func (t *checker) looksLikeField(v string) bool {
	if !strings.Contains(v, ".") {
		return false
	}
	e, err := parser.Parse(v + " exists")
	if err != nil {
		return false
	}
	c, ok := e.(*ast.Check)
	if !ok {
		return false
	}
	f, ok := c.LHS.(*ast.Field)
	if !ok {
		return false
	}
	_, err = t.l.reg.Resolve(f.Name, f.Arg, f.HasArg)
	return err == nil
}

// values checks literal values against the LHS type.
func (t *checker) values(n *ast.Check, lhs Operand, lit *Literal) error {
	f, isField := lhs.(*FieldOperand)
	for _, v := range lit.Values {
		if isField && f.Field.Name == "evt.type" && !f.HasArg && (n.Op != "contains" && n.Op != "startswith" && n.Op != "endswith" && n.Op != "glob" && n.Op != "iglob" && n.Op != "icontains" && n.Op != "regex" && n.Op != "pmatch") {
			if len(eventCodes(v)) == 0 {
				t.unknown = true
				return t.errAt(n.RHS.Position(), "unknown event type "+v)
			}
			continue
		}
		if isField && (strings.HasPrefix(f.Field.Name, "ka.") || strings.HasPrefix(f.Field.Name, "jevt.")) && v == "<NA>" && (n.Op == "=" || n.Op == "==") {
			t.warnings = append(t.warnings, checkWarning{code: lr.WarnUnsafeNACheck, msg: "equality comparison with the <NA> value: this is unsafe and will be removed in a future version"})
		}
		if err := checkValue(n.Op, lhs.Type(), v); err != nil {
			return t.errAt(n.RHS.Position(), err.Error())
		}
	}
	if n.Op == "regex" {
		for _, v := range lit.Values {
			if _, err := regexp.Compile("^(?:" + v + ")$"); err != nil {
				return t.errAt(n.RHS.Position(), "invalid regular expression '"+v+"': "+err.Error())
			}
		}
	}
	return nil
}

// checkValue parses v as a value of type ty.
func checkValue(op string, ty fields.Type, v string) error {
	switch ty.Class() {
	case fields.ClassNumeric:
		if ty == fields.Double {
			if _, err := strconv.ParseFloat(v, 64); err != nil {
				return fmt.Errorf("'%s' is not a valid number", v)
			}
			return nil
		}
		if _, err := strconv.ParseInt(v, 0, 64); err != nil {
			if _, err := strconv.ParseUint(v, 0, 64); err != nil {
				return fmt.Errorf("'%s' is not a valid number", v)
			}
		}
	case fields.ClassBool:
		if !in(strings.ToLower(v), "true", "false") {
			return fmt.Errorf("'%s' is not a valid boolean", v)
		}
	case fields.ClassIP:
		if ty == fields.IPNet {
			if _, _, err := net.ParseCIDR(v); err != nil && net.ParseIP(v) == nil {
				return fmt.Errorf("unrecognized IP network %s", v)
			}
			return nil
		}
		if net.ParseIP(v) == nil {
			if _, _, err := net.ParseCIDR(v); err != nil {
				return fmt.Errorf("unrecognized IP address %s", v)
			}
		}
	case fields.ClassBuffer:
		if op == "bcontains" || op == "bstartswith" {
			if len(v)%2 != 0 || strings.Trim(strings.ToLower(v), "0123456789abcdef") != "" {
				return fmt.Errorf("%s requires a hexadecimal string, got '%s'", op, v)
			}
		}
	}
	return nil
}
