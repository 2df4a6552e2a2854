package compile

import (
	"github.com/aerie-sec/aerie/engine/condition/ast"
	"github.com/aerie-sec/aerie/engine/fields"
)

// Expr is a node of a compiled condition: *And, *Or, *Not or *Check. Macros and lists are inlined and
// exceptions folded in; the set is closed.
type Expr interface{ expr() }

// Operand is a typed check operand: *FieldOperand, *TransformOperand or *Literal.
type Operand interface {
	// Type returns the operand's value type.
	Type() fields.Type
	operand()
}

// And is true when every child is true.
type And struct{ List []Expr }

// Or is true when any child is true.
type Or struct{ List []Expr }

// Not negates X.
type Not struct{ X Expr }

// Check compares LHS with RHS using Op (with an optional list modifier Mod: oneof, anyof, allof).
// RHS is nil for "exists"; a *Literal for values; a *FieldOperand or *TransformOperand for val() and
// transformer comparisons. Pos locates the check in the condition text it was parsed from.
type Check struct {
	Pos ast.Pos
	LHS Operand
	Op  string
	Mod string
	RHS Operand
}

// FieldOperand is a resolved field reference with its argument.
type FieldOperand struct{ fields.Ref }

// TransformOperand applies a transformer to its arguments; Result is the transformer's output type.
type TransformOperand struct {
	Name   string
	Args   []Operand
	Arg    string
	HasArg bool
	Result fields.Type
}

// Literal holds the right-hand side values: one for scalar operators, any number for lists.
// FieldType is the type of the field they are compared with, which the values were checked against.
type Literal struct {
	Values    []string
	IsList    bool
	FieldType fields.Type
}

func (*And) expr()   {}
func (*Or) expr()    {}
func (*Not) expr()   {}
func (*Check) expr() {}

func (*FieldOperand) operand()     {}
func (*TransformOperand) operand() {}
func (*Literal) operand()          {}

// Type returns the field's type.
func (f *FieldOperand) Type() fields.Type { return f.Field.Type }

// Type returns the transformer's result type.
func (t *TransformOperand) Type() fields.Type { return t.Result }

// Type returns the type the values were checked against.
func (l *Literal) Type() fields.Type { return l.FieldType }

// Walk calls fn on e and its descendant expressions, depth first, until fn returns false for a subtree.
func Walk(e Expr, fn func(Expr) bool) {
	if e == nil || !fn(e) {
		return
	}
	switch e := e.(type) {
	case *And:
		for _, c := range e.List {
			Walk(c, fn)
		}
	case *Or:
		for _, c := range e.List {
			Walk(c, fn)
		}
	case *Not:
		Walk(e.X, fn)
	}
}

// Fields calls fn for every field reference in operand o, including transformer arguments.
func Fields(o Operand, fn func(*FieldOperand)) {
	switch o := o.(type) {
	case *FieldOperand:
		fn(o)
	case *TransformOperand:
		for _, a := range o.Args {
			Fields(a, fn)
		}
	}
}
