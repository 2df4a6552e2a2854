// Package ast defines the syntax tree of Falco filter conditions: a closed set of nodes with positions.
//
// A condition is an [Expr]: boolean nodes ([And], [Or], [Not]), checks ([Check]) and macro references
// ([Macro]). The operands of a check are [Field] references, [Transform] applications, [Val] field
// references on the right-hand side, [Str] literals and [List] literals. Walk visits every node.
package ast

import "strings"

// Pos is a position in a condition string: byte offset and 1-based line and column, as the libs parser counts them.
type Pos struct {
	Off, Line, Col int
}

// Node is any syntax tree node.
type Node interface {
	Position() Pos
	node()
}

// Expr is a boolean expression: *And, *Or, *Not, *Check or *Macro.
type Expr interface {
	Node
	expr()
}

// Operand is a check operand: *Field, *Transform, *Val, *Str or *List.
type Operand interface {
	Node
	operand()
}

// And is the conjunction of two or more expressions.
type And struct {
	P    Pos
	List []Expr
}

// Or is the disjunction of two or more expressions.
type Or struct {
	P    Pos
	List []Expr
}

// Not negates an expression.
type Not struct {
	P Pos
	X Expr
}

// Macro is a bare identifier: a reference to a macro, resolved by the compiler.
type Macro struct {
	P    Pos
	Name string
}

// Check compares an operand with an operator. RHS is nil for the unary operator "exists".
// Mod is the list modifier after the operator ("oneof", "anyof", "allof") or "".
type Check struct {
	P   Pos
	LHS Operand
	Op  string
	Mod string
	RHS Operand
}

// Field is a field reference such as proc.name or proc.aname[2]. HasArg reports whether brackets were given.
type Field struct {
	P      Pos
	Name   string
	Arg    string
	HasArg bool
}

// Transform applies a transformer (tolower, toupper, b64, basename, len, join, concat, getopt) to operands.
// Arg holds the bracketed argument after the closing parenthesis (getopt(...)[opt]).
type Transform struct {
	P      Pos
	Name   string
	Args   []Operand
	Arg    string
	HasArg bool
}

// Val is val(field) on the right-hand side: a comparison against another field.
type Val struct {
	P Pos
	X Operand
}

// Str is a string literal, quoted or bare.
type Str struct {
	P      Pos
	Value  string
	Quoted bool
}

// List is a parenthesised list of literals.
type List struct {
	P     Pos
	Items []*Str
}

func (n *And) Position() Pos       { return n.P }
func (n *Or) Position() Pos        { return n.P }
func (n *Not) Position() Pos       { return n.P }
func (n *Macro) Position() Pos     { return n.P }
func (n *Check) Position() Pos     { return n.P }
func (n *Field) Position() Pos     { return n.P }
func (n *Transform) Position() Pos { return n.P }
func (n *Val) Position() Pos       { return n.P }
func (n *Str) Position() Pos       { return n.P }
func (n *List) Position() Pos      { return n.P }

func (*And) node()       {}
func (*Or) node()        {}
func (*Not) node()       {}
func (*Macro) node()     {}
func (*Check) node()     {}
func (*Field) node()     {}
func (*Transform) node() {}
func (*Val) node()       {}
func (*Str) node()       {}
func (*List) node()      {}

func (*And) expr()   {}
func (*Or) expr()    {}
func (*Not) expr()   {}
func (*Macro) expr() {}
func (*Check) expr() {}

func (*Field) operand()     {}
func (*Transform) operand() {}
func (*Val) operand()       {}
func (*Str) operand()       {}
func (*List) operand()      {}

// Walk calls fn for n and, while fn returns true, for each of its children in source order.
func Walk(n Node, fn func(Node) bool) {
	if n == nil || !fn(n) {
		return
	}
	switch n := n.(type) {
	case *And:
		for _, c := range n.List {
			Walk(c, fn)
		}
	case *Or:
		for _, c := range n.List {
			Walk(c, fn)
		}
	case *Not:
		Walk(n.X, fn)
	case *Check:
		Walk(n.LHS, fn)
		if n.RHS != nil {
			Walk(n.RHS, fn)
		}
	case *Transform:
		for _, a := range n.Args {
			Walk(a, fn)
		}
	case *Val:
		Walk(n.X, fn)
	case *List:
		for _, s := range n.Items {
			Walk(s, fn)
		}
	}
}

// Clone returns a deep copy of e.
func Clone(e Expr) Expr {
	switch e := e.(type) {
	case *And:
		c := &And{P: e.P, List: make([]Expr, len(e.List))}
		for i, x := range e.List {
			c.List[i] = Clone(x)
		}
		return c
	case *Or:
		c := &Or{P: e.P, List: make([]Expr, len(e.List))}
		for i, x := range e.List {
			c.List[i] = Clone(x)
		}
		return c
	case *Not:
		return &Not{P: e.P, X: Clone(e.X)}
	case *Macro:
		c := *e
		return &c
	case *Check:
		c := *e
		return &c
	}
	return e
}

// String renders e back into condition syntax (canonical spacing, strings quoted when needed).
func String(n Node) string {
	var b strings.Builder
	write(&b, n)
	return b.String()
}

func write(b *strings.Builder, n Node) {
	switch n := n.(type) {
	case *And:
		writeJoin(b, n.List, " and ")
	case *Or:
		writeJoin(b, n.List, " or ")
	case *Not:
		b.WriteString("not ")
		if _, ok := n.X.(*Not); ok {
			// "not not a" reads back as "a" (the parser folds repeated nots, as libs); keep the nesting
			b.WriteByte('(')
			write(b, n.X)
			b.WriteByte(')')
			return
		}
		write(b, n.X)
	case *Macro:
		if n.Name == "not" || n.Name == "and" || n.Name == "or" {
			// an identifier spelled like a keyword (as in "not(not)") reads back as one only in parentheses
			b.WriteString("(" + n.Name + ")")
			return
		}
		b.WriteString(n.Name)
	case *Check:
		write(b, n.LHS)
		b.WriteByte(' ')
		b.WriteString(n.Op)
		if n.Mod != "" {
			b.WriteByte(' ')
			b.WriteString(n.Mod)
		}
		if n.RHS != nil {
			b.WriteByte(' ')
			write(b, n.RHS)
		}
	case *Field:
		b.WriteString(n.Name)
		if n.HasArg {
			b.WriteByte('[')
			b.WriteString(n.Arg)
			b.WriteByte(']')
		}
	case *Transform:
		b.WriteString(n.Name)
		b.WriteByte('(')
		for i, a := range n.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			write(b, a)
		}
		b.WriteByte(')')
		if n.HasArg {
			b.WriteByte('[')
			b.WriteString(n.Arg)
			b.WriteByte(']')
		}
	case *Val:
		b.WriteString("val(")
		write(b, n.X)
		b.WriteByte(')')
	case *Str:
		b.WriteString(Quote(n.Value))
	case *List:
		b.WriteByte('(')
		for i, s := range n.Items {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(Quote(s.Value))
		}
		b.WriteByte(')')
	}
}

func writeJoin(b *strings.Builder, list []Expr, sep string) {
	b.WriteByte('(')
	for i, c := range list {
		if i > 0 {
			b.WriteString(sep)
		}
		write(b, c)
	}
	b.WriteByte(')')
}

// Quote returns s as a bare string when the grammar allows it, else as a double-quoted string.
func Quote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\b\r\n(),=\"'\\") {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
