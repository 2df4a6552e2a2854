package parser_test

import (
	"fmt"

	"github.com/aerie-sec/aerie/engine/condition/ast"
	"github.com/aerie-sec/aerie/engine/condition/parser"
)

func ExampleParse() {
	e, err := parser.Parse("evt.type in (open, openat) and not proc.name startswith oneof (sys, cron)")
	if err != nil {
		panic(err)
	}
	fmt.Println(ast.String(e))
	_, err = parser.Parse("evt.type=open xyz")
	fmt.Println(err)
	// Output:
	// (evt.type in (open, openat) and not proc.name startswith oneof (sys, cron))
	// 1:15: unexpected token after 'open', expecting 'or', 'and'
}
