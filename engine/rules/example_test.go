package rules_test

import (
	"context"
	"fmt"

	lr "github.com/aerie-sec/aerie/engine/loadresult"
	"github.com/aerie-sec/aerie/engine/rules"
)

func ExampleCollection_Read() {
	c := rules.NewCollection(rules.Options{EngineVersion: rules.MustParseVersion("0.62.0"), Sources: []string{"syscall"}})
	var res lr.Result
	c.Read(context.Background(), "a.yaml", []byte(`
- rule: r
  desc: d
  condition: evt.type = open
  output: o
  priority: info
- rule: r
  condition: and proc.name = cat
  override:
    condition: append
`), &res)
	r := c.Rules()[0]
	fmt.Printf("%s: %q %v %v\n", r.Name, r.Condition, r.Priority, res.Successful())
	// Output:
	// r: "evt.type = open and proc.name = cat" Informational true
}
