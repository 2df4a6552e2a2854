package loadresult_test

import (
	"fmt"

	lr "github.com/aerie-sec/aerie/engine/loadresult"
)

func ExampleResult_Text() {
	content := "- rule: r\n  priority: LOUD\n"
	ctx := lr.Context{}.With(lr.ItemRulesContent, "", lr.Position{Name: "f.yaml"}).
		With(lr.ItemRule, "r", lr.Position{Name: "f.yaml", Column: 2, Offset: 2}).
		With(lr.ItemRulePriority, "", lr.Position{Name: "f.yaml", Line: 1, Column: 12, Offset: 22})
	res := &lr.Result{Name: "f.yaml"}
	res.Add(lr.ErrYAMLValidate, "Invalid priority", ctx)
	fmt.Print(res.Text(lr.Contents{"f.yaml": content}, true))
	// Output:
	// f.yaml: Invalid
	// 1 Errors:
	// In rules content: (f.yaml:0:0)
	//     rule 'r': (f.yaml:0:2)
	//     rule priority: (f.yaml:1:12)
	// ------
	//   priority: LOUD
	//             ^
	// ------
	// LOAD_ERR_YAML_VALIDATE (Error validating internal structure of YAML file): Invalid priority
}
