package rulesets_test

import (
	"context"
	"fmt"

	"github.com/aerie-sec/aerie/engine/compile"
	"github.com/aerie-sec/aerie/engine/detect"
	"github.com/aerie-sec/aerie/engine/eval"
	"github.com/aerie-sec/aerie/rulesets"
)

// Load the embedded default rules into a loader, from their bytes, as `falco -V` would check them.
func ExampleLoad() {
	l := compile.NewLoader(compile.Options{})
	for _, r := range rulesets.Load(context.Background(), l) {
		fmt.Printf("%s: errors=%d warnings=%d\n", r.Name, len(r.Errors), len(r.Warnings))
	}
	// Output:
	// aerie_rules.yaml: errors=0 warnings=0
	// aerie-incubating_rules.yaml: errors=0 warnings=0
}

// Build the default ruleset and replay one of the bundled test captures through it.
func ExampleCompile() {
	rs, _, err := rulesets.Compile(context.Background(), eval.Options{})
	if err != nil {
		panic(err)
	}
	eng := detect.New(rs, detect.Options{Hostname: "example"})
	_, err = detect.ReplayFile(context.Background(), eng, "testdata/reverse_shell.scap", func(m *detect.Match) {
		fmt.Println(m.Rule.Priority, m.Rule.Name)
	})
	if err != nil {
		panic(err)
	}
	// Output: Critical Shell Opened Network Connection
}

// Keep only the stable rules, as `-T maturity_incubating` does on the command line.
func ExampleCompile_stableOnly() {
	rs, _, err := rulesets.Compile(context.Background(), eval.Options{DisabledTags: []string{"maturity_incubating"}})
	if err != nil {
		panic(err)
	}
	fmt.Println(len(rs.Rules()), "rules run")
	// Output: 36 rules run
}
