package test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/aerie-sec/aerie/engine/compile"
	"github.com/aerie-sec/aerie/engine/condition/ast"
	"github.com/aerie-sec/aerie/internal/testenv"
)

// upstreamFiles are the four upstream rules files in Falco's load order.
var upstreamFiles = []string{"falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml", "falco-deprecated_rules.yaml"}

// loadUpstream compiles the four upstream files, plus extra documents, into one ruleset.
func loadUpstream(t testing.TB, extra ...[]byte) *compile.Ruleset {
	t.Helper()
	l := compile.NewLoader(compile.Options{})
	for _, f := range upstreamFiles {
		b, err := os.ReadFile(testenv.CorpusFile(t, "rules", f))
		if err != nil {
			t.Fatal(err)
		}
		if res := l.Load(context.Background(), f, b); !res.Successful() {
			t.Fatalf("load %s: %s", f, res.Text(l.Contents(), true))
		}
	}
	for i, b := range extra {
		name := fmt.Sprintf("extra%d.yaml", i)
		if res := l.Load(context.Background(), name, b); !res.Successful() {
			t.Fatalf("load %s: %s", name, res.Text(l.Contents(), true))
		}
	}
	return l.Ruleset()
}

// captures returns the shared .scap captures.
func captures(t testing.TB) []string {
	t.Helper()
	cs, err := filepath.Glob(filepath.Join(testenv.Corpus(t), "scap", "*.scap"))
	if err != nil || len(cs) == 0 {
		t.Fatalf("no shared captures: %v", err)
	}
	sort.Strings(cs)
	return cs
}

// render writes a compiled condition back as filter text that sysdig's parser also accepts.
func render(e compile.Expr) string {
	var b strings.Builder
	renderTo(&b, e)
	return b.String()
}

func renderTo(b *strings.Builder, e compile.Expr) {
	switch e := e.(type) {
	case *compile.And:
		renderList(b, e.List, " and ")
	case *compile.Or:
		renderList(b, e.List, " or ")
	case *compile.Not:
		b.WriteString("not ")
		renderTo(b, e.X)
	case *compile.Check:
		b.WriteString(operandText(e.LHS))
		b.WriteByte(' ')
		b.WriteString(e.Op)
		if e.Mod != "" {
			b.WriteString(" " + e.Mod)
		}
		if e.RHS != nil {
			b.WriteByte(' ')
			b.WriteString(operandText(e.RHS))
		}
	}
}

func renderList(b *strings.Builder, list []compile.Expr, sep string) {
	b.WriteByte('(')
	for i, x := range list {
		if i > 0 {
			b.WriteString(sep)
		}
		renderTo(b, x)
	}
	b.WriteByte(')')
}

func operandText(o compile.Operand) string {
	switch o := o.(type) {
	case *compile.FieldOperand:
		return o.String()
	case *compile.Literal:
		if !o.IsList {
			if len(o.Values) == 0 {
				return `""`
			}
			return ast.Quote(o.Values[0])
		}
		q := make([]string, len(o.Values))
		for i, v := range o.Values {
			q[i] = ast.Quote(v)
		}
		return "(" + strings.Join(q, ", ") + ")"
	}
	return fmt.Sprintf("<%T>", o)
}

// macroRules returns a rules document with one rule per upstream macro whose condition is just the
// macro, so that compiling it yields the macro fully expanded.
func macroRules(t testing.TB, rs *compile.Ruleset) []byte {
	t.Helper()
	var doc []map[string]any
	for _, m := range rs.Macros {
		doc = append(doc, map[string]any{
			"rule": "macro " + m.Name, "desc": "d", "output": "o", "priority": "DEBUG",
			"condition": m.Name, "warn_evttypes": false, "enabled": false,
		})
	}
	b, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
