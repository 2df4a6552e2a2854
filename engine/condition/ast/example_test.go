package ast_test

import (
	"fmt"

	"github.com/aerie-sec/aerie/engine/condition/ast"
	"github.com/aerie-sec/aerie/engine/condition/parser"
)

func ExampleWalk() {
	e, _ := parser.Parse("evt.type = open and (proc.name in (a, b) or some_macro)")
	ast.Walk(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Field:
			fmt.Println("field", n.Name, "at column", n.P.Col)
		case *ast.Macro:
			fmt.Println("macro", n.Name)
		}
		return true
	})
	// Output:
	// field evt.type at column 1
	// field proc.name at column 22
	// macro some_macro
}
