package compile_test

import (
	"context"
	"fmt"

	"github.com/aerie-sec/aerie/engine/compile"
)

func ExampleLoader() {
	l := compile.NewLoader(compile.Options{})
	res := l.Load(context.Background(), "rules.yaml", []byte(`
- macro: spawned_process
  condition: evt.type in (execve, execveat)
- rule: Shell
  desc: a shell runs
  condition: spawned_process and proc.name = bash
  output: shell (%proc.cmdline)
  priority: WARNING
`))
	fmt.Print(res.Text(l.Contents(), true))
	r := l.Ruleset().Rules[0]
	fmt.Println(r.Name, r.Priority, r.EventNames(), len(r.Output))
	// Output:
	// rules.yaml: Ok
	// Shell Warning [execve execveat] 3
}

func ExampleLoader_errors() {
	l := compile.NewLoader(compile.Options{})
	res := l.Load(context.Background(), "bad.yaml", []byte("- rule: x\n  desc: d\n  condition: evt.type = nope\n  output: o\n  priority: INFO\n"))
	fmt.Print(res.Text(l.Contents(), true))
	// Output:
	// bad.yaml: Invalid
	// 1 Errors:
	// In rules content: (bad.yaml:0:0)
	//     rule 'x': (bad.yaml:0:2)
	//     rule condition: (bad.yaml:2:13)
	//     condition expression: ("evt.type = nope...":0:11)
	// ------
	// evt.type = nope
	//            ^
	// ------
	// LOAD_ERR_COMPILE_CONDITION (Error compiling condition): unknown event type nope
}
