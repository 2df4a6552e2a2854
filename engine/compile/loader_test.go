package compile_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aerie-sec/aerie/engine/compile"
	lr "github.com/aerie-sec/aerie/engine/loadresult"
)

const baseRule = `
- rule: r
  desc: d
  condition: evt.type = open
  output: o %proc.name
  priority: INFO
`

// loc is the expected innermost location: item type, item name, 0-based line and column.
type loc struct {
	typ       lr.ItemType
	name      string
	line, col int
}

func loadAll(t *testing.T, files ...string) (*compile.Loader, []*lr.Result) {
	t.Helper()
	l := compile.NewLoader(compile.Options{})
	var out []*lr.Result
	for i, f := range files {
		res := l.Load(context.Background(), "f"+string(rune('0'+i))+".yaml", []byte(f))
		out = append(out, res)
		if !res.Successful() {
			break
		}
	}
	return l, out
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		code lr.Code
		msg  string
		at   *loc
	}{
		{"yaml parse", "- rule: [a\n", lr.ErrYAMLParse, "yaml: line 1: did not find expected ',' or ']'", nil},
		{"not array", "rule: x\n", lr.ErrYAMLValidate, "Rules content is not yaml array of objects", &loc{lr.ItemRulesContent, "", 0, 0}},
		{"not yaml", "just a string\n", lr.ErrYAMLValidate, "Rules content is not yaml", &loc{lr.ItemRulesContent, "", 0, 0}},
		{"item not map", "- foo\n", lr.ErrYAMLValidate, "Unexpected element type. Each element should be a yaml associative array.", &loc{lr.ItemRulesContentItem, "", 0, 2}},
		{"missing desc", "- rule: r\n  condition: evt.type=open\n  output: o\n  priority: INFO\n", lr.ErrYAMLValidate, "Item has no mapping for key 'desc'", &loc{lr.ItemRule, "r", 0, 2}},
		{"empty condition", "- rule: r\n  condition:\n  desc: d\n  output: o\n  priority: INFO\n", lr.ErrYAMLValidate, "Mapping for key 'condition' is empty", &loc{lr.ItemRule, "r", 0, 2}},
		{"non scalar", "- rule: r\n  condition: [a]\n  desc: d\n  output: o\n  priority: INFO\n", lr.ErrYAMLValidate, "Value is not a scalar value", &loc{lr.ItemValueFor, "condition", 1, 13}},
		{"empty string", "- rule: r\n  condition: ''\n  desc: d\n  output: o\n  priority: INFO\n", lr.ErrYAMLValidate, "Value must be non-empty", &loc{lr.ItemValueFor, "condition", 1, 13}},
		{"bad priority", "- rule: r\n  condition: evt.type=open\n  desc: d\n  output: o\n  priority: LOUD\n", lr.ErrYAMLValidate, "Invalid priority", &loc{lr.ItemRulePriority, "", 4, 12}},
		{"bad bool", "- rule: r\n  condition: evt.type=open\n  desc: d\n  output: o\n  priority: INFO\n  enabled: maybe\n", lr.ErrYAMLValidate, "Can't decode YAML scalar value", &loc{lr.ItemValueFor, "enabled", 5, 11}},
		{"list items not seq", "- list: l\n  items: a\n", lr.ErrYAMLValidate, "Value is not a sequence", &loc{lr.ItemValueFor, "items", 1, 9}},
		{"list item not scalar", "- list: l\n  items: [[a]]\n", lr.ErrYAMLValidate, "sequence value is not scalar", &loc{lr.ItemListItem, "", 1, 10}},
		{"engine version string", "- required_engine_version: abc\n", lr.ErrYAMLValidate, "Unable to parse engine version 'abc' as a semver string. Expected \"x.y.z\" semver format.", &loc{lr.ItemEngineVersion, "", 0, 2}},
		{"engine version too new", "- required_engine_version: 0.99.0\n", lr.ErrValidate, "Rules require engine version 0.99.0, but engine version is 0.62.0", &loc{lr.ItemEngineVersion, "", 0, 2}},
		{"engine version major", "- required_engine_version: 1.0.0\n", lr.ErrValidate, "Rules require engine version 1.0.0, but engine version is 0.62.0", nil},
		{"engine version int too new", "- required_engine_version: 63\n", lr.ErrValidate, "Rules require engine version 0.63.0, but engine version is 0.62.0", nil},
		{"plugin bad version", "- required_plugin_versions:\n  - name: container\n    version: x\n", lr.ErrValidate, "Invalid required version 'x' for plugin 'container'", &loc{lr.ItemPluginVersionEntry, "container", 1, 4}},
		{"plugin dup alternative", "- required_plugin_versions:\n  - name: k8saudit\n    version: 0.1.0\n    alternatives:\n      - name: k8saudit\n        version: 0.2.0\n", lr.ErrValidate, "Defined multiple alternative version requirements for plugin 'k8saudit'", nil},
		{"plugin not loaded", "- required_plugin_versions:\n  - name: k8saudit\n    version: 0.1.0\n", lr.ErrValidate, "Plugin requirement not satisfied, must load one of: k8saudit (>= 0.1.0)", nil},
		{"plugin too new", "- required_plugin_versions:\n  - name: container\n    version: 0.9.0\n", lr.ErrValidate, "Plugin requirement not satisfied, must load one of: container (>= 0.9.0)", nil},
		{"syntax", "- rule: r\n  desc: d\n  condition: evt.type=open xyz\n  output: o\n  priority: INFO\n", lr.ErrCompileCondition, "unexpected token after 'open', expecting 'or', 'and'", &loc{lr.ItemConditionExpr, "", 0, 14}},
		{"unknown field", "- rule: r\n  desc: d\n  condition: proc.nobody = x\n  output: o\n  priority: INFO\n", lr.ErrCompileCondition, "filter_check called with nonexistent field proc.nobody", &loc{lr.ItemConditionExpr, "", 0, 0}},
		{"unknown evt type", "- rule: r\n  desc: d\n  condition: evt.type = nosuchevent\n  output: o\n  priority: INFO\n", lr.ErrCompileCondition, "unknown event type nosuchevent", &loc{lr.ItemConditionExpr, "", 0, 11}},
		{"bad operator for type", "- rule: r\n  desc: d\n  condition: evt.type=open and proc.pid contains 1\n  output: o\n  priority: INFO\n", lr.ErrCompileCondition, "'contains' operator not supported for numeric filters", nil},
		{"bad number", "- rule: r\n  desc: d\n  condition: evt.type=open and proc.pid = abc\n  output: o\n  priority: INFO\n", lr.ErrCompileCondition, "'abc' is not a valid number", nil},
		{"undefined macro", "- rule: r\n  desc: d\n  condition: evt.type=open and nomacro\n  output: o\n  priority: INFO\n", lr.ErrValidate, "Undefined macro 'nomacro' used in filter.", &loc{lr.ItemConditionExpr, "", 0, 18}},
		{"macro visibility", "- macro: a\n  condition: b\n- macro: b\n  condition: evt.type=open\n- rule: r\n  desc: d\n  condition: a\n  output: o\n  priority: INFO\n", lr.ErrValidate, "Undefined macro 'b' used in filter.", &loc{lr.ItemConditionExpr, "", 0, 0}},
		{"macro loop", "- macro: a\n  condition: evt.type=open\n- macro: a\n  condition: or a\n  override:\n    condition: append\n- rule: r\n  desc: d\n  condition: a\n  output: o\n  priority: INFO\n", lr.ErrValidate, "reference loop in macro 'a'", nil},
		{"output unknown field", "- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o %proc.nobody\n  priority: INFO\n", lr.ErrCompileOutput, "unknown filter: proc.nobody", &loc{lr.ItemRuleOutput, "", 3, 10}},
		{"output trailing percent", "- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o %\n  priority: INFO\n", lr.ErrCompileOutput, "invalid formatting syntax: formatting cannot end with a %", nil},
		{"append no target rule", "- rule: r\n  condition: and x\n  append: true\n", lr.ErrValidate, "Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists", &loc{lr.ItemRule, "r", 0, 2}},
		{"append no target macro", "- macro: m\n  condition: x\n  append: true\n", lr.ErrValidate, "Macro uses 'append' or 'override.condition: append' but no macro by that name already exists", nil},
		{"append no target list", "- list: l\n  items: [x]\n  override:\n    items: append\n", lr.ErrValidate, "List uses 'append' or 'override.items: append' but no list by that name already exists", nil},
		{"replace no target", "- rule: r\n  priority: INFO\n  override:\n    priority: replace\n", lr.ErrValidate, "An 'override.<key>: replace' to a rule was requested but no rule by that name already exists", nil},
		{"append needs cond", baseRule + "- rule: r\n  append: true\n  desc: x\n", lr.ErrValidate, "Appended rule must have exceptions or condition property", nil},
		{"override and append", baseRule + "- rule: r\n  append: true\n  condition: and x\n  override:\n    condition: append\n", lr.ErrYAMLValidate, "Keys 'override' and 'append: true' cannot be used together. Add an 'append' entry (e.g. 'condition: append') under 'override' instead.", nil},
		{"cannot append priority", baseRule + "- rule: r\n  priority: INFO\n  override:\n    priority: append\n", lr.ErrYAMLValidate, "Key 'priority' cannot be appended to, use 'replace' instead", &loc{lr.ItemOverrides, "priority", 9, 4}},
		{"cannot replace source", baseRule + "- rule: r\n  source: syscall\n  override:\n    source: replace\n", lr.ErrYAMLValidate, "Key 'source' cannot be replaced", nil},
		{"bad override op", baseRule + "- rule: r\n  condition: x\n  override:\n    condition: merge\n", lr.ErrYAMLValidate, "Invalid override operation for key 'condition': 'merge'. Allowed values are: append replace ", &loc{lr.ItemValueFor, "condition", 9, 15}},
		{"override key missing", baseRule + "- rule: r\n  desc: x\n  override:\n    condition: append\n", lr.ErrYAMLValidate, "An append override for 'condition' was specified but 'condition' is not defined", nil},
		{"override unexpected key", baseRule + "- rule: r\n  desc: x\n  condition: y\n  override:\n    condition: append\n", lr.ErrYAMLValidate, "Unexpected key 'desc': no corresponding entry under 'override' is defined.", nil},
		{"enabled no target", "- rule: nope\n  enabled: false\n", lr.ErrValidate, "Rule has 'enabled' key but no rule by that name already exists", nil},
		{"redefined source", baseRule + "- rule: r\n  desc: d\n  condition: x\n  output: o\n  priority: INFO\n  source: k8s_audit\n", lr.ErrValidate, "Rule has been re-defined with a different source", nil},
		{"exception no fields", "- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n", lr.ErrYAMLValidate, "Item has no mapping for key 'fields'", &loc{lr.ItemException, "e", 6, 6}},
		{"exception comps length", "- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n      fields: [proc.name, fd.name]\n      comps: [=]\n", lr.ErrValidate, "Fields and comps lists must have equal length", nil},
		{"exception bad comp", "- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n      fields: [proc.name]\n      comps: [like]\n", lr.ErrValidate, "'like' is not a supported comparison operator", nil},
		{"exception bad field", "- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n      fields: [proc.nobody]\n", lr.ErrValidate, "'proc.nobody' is not a supported filter field", nil},
		{"exception values length", "- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n      fields: [proc.name, fd.name]\n      values:\n        - [a]\n", lr.ErrValidate, "Fields and values lists must have equal length", nil},
		{"exception scalar comps", "- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n      fields: proc.name\n      comps: =\n", lr.ErrValidate, "When fields is a single value, comps must be one of (in, pmatch, intersects)", nil},
		{"exception nested values", "- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n      fields: proc.name\n      values: [[a]]\n", lr.ErrValidate, "Expected values array to contain a list of strings", nil},
		{"exception append fields", "- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n      fields: [proc.name]\n      values: [[a]]\n- rule: r\n  exceptions:\n    - name: e\n      fields: [fd.name]\n      values: [[b]]\n  override:\n    exceptions: append\n", lr.ErrValidate, "Can not append exception fields to existing exception, only values", nil},
		{"exception append new needs values", baseRule + "- rule: r\n  exceptions:\n    - name: e\n      fields: [fd.name]\n  override:\n    exceptions: append\n", lr.ErrValidate, "Rule exception must have values property with a list of values", nil},
		{"disabled rule still compiled", "- rule: r\n  desc: d\n  condition: proc.nobody=1\n  output: o\n  priority: INFO\n  enabled: false\n", lr.ErrCompileCondition, "filter_check called with nonexistent field proc.nobody", nil},
		{"depth", "- rule: r\n  desc: d\n  condition: " + strings.Repeat("(", 400) + "evt.type=open" + strings.Repeat(")", 400) + "\n  output: o\n  priority: INFO\n", lr.ErrCompileCondition, "exceeded max depth limit of 1000", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, results := loadAll(t, tc.yaml)
			res := results[len(results)-1]
			if len(res.Errors) != 1 {
				t.Fatalf("errors: got %d (%v), want 1", len(res.Errors), res.Errors)
			}
			e := res.Errors[0]
			if e.Code != tc.code || e.Message != tc.msg {
				t.Errorf("got %s %q\nwant %s %q", e.Code, e.Message, tc.code, tc.msg)
			}
			if tc.at != nil {
				l := e.Context.Last()
				got := loc{l.ItemType, l.ItemName, l.Position.Line, l.Position.Column}
				if got != *tc.at {
					t.Errorf("location: got %+v, want %+v", got, *tc.at)
				}
			}
			if e.Context.Locations[0].ItemType != lr.ItemRulesContent {
				t.Errorf("first location: %+v", e.Context.Locations[0])
			}
		})
	}
}

func TestLoadWarnings(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		code lr.Code
		msg  string
	}{
		{"unknown item", "- foo: bar\n", lr.WarnUnknownItem, "Unknown top level item"},
		{"unknown key", "- list: l\n  items: []\n  colour: red\n- macro: m\n  condition: proc.name in (l)\n" + baseRule[1:] + "  tags: []\n", lr.WarnUnknownKey, "Unknown key 'colour'. The key will be ignored."},
		{"unknown source", "- rule: r\n  desc: d\n  condition: ka.verb=get\n  output: o\n  priority: INFO\n  source: k8s_audit\n", lr.WarnUnknownSource, "Unknown source k8s_audit, skipping"},
		{"unused macro", baseRule + "- macro: m\n  condition: proc.name=x\n", lr.WarnUnusedMacro, "Macro not referred to by any other rule/macro"},
		{"unused list", baseRule + "- list: l\n  items: [x]\n", lr.WarnUnusedList, "List not referred to by any other rule/macro"},
		{"no evttype", "- rule: r\n  desc: d\n  condition: proc.name=x\n  output: o\n  priority: INFO\n", lr.WarnNoEvttype, "Rule matches too many evt.type values. This has a significant performance penalty."},
		{"append deprecated", baseRule + "- rule: r\n  condition: and proc.name=x\n  append: true\n", lr.WarnDeprecatedItem, "'append' key is deprecated. Add an 'append' entry (e.g. 'condition: append') under 'override' instead."},
		{"enabled deprecated", baseRule + "- rule: r\n  enabled: false\n", lr.WarnDeprecatedItem, "The standalone 'enabled' key usage is deprecated. The correct approach requires also a 'replace' entry under the 'override' key (i.e. 'enabled: replace')."},
		{"invalid macro name", "- macro: bad-name\n  condition: evt.type=open\n" + baseRule, lr.WarnInvalidMacroName, "Macro has an invalid name. Macro names should match a regular expression: [a-zA-Z]+[a-zA-Z0-9_]*"},
		{"invalid list name", "- list: 'a b'\n  items: []\n", lr.WarnInvalidListName, `List has an invalid name. List names should match a regular expression: [^()"'[:space:]=,]+`},
		{"exception not unique", "- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n      fields: [proc.name]\n    - name: e\n      fields: [fd.name]\n", lr.WarnExceptionNameNotUnique, "Multiple definitions of exception 'e' in the same rule"},
		{"append no values", "- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n      fields: [proc.name]\n- rule: r\n  exceptions:\n    - name: e\n  override:\n    exceptions: append\n", lr.WarnAppendNoValues, "Overriding/appending exception with no values"},
		{"deprecated field", "- rule: r\n  desc: d\n  condition: evt.type=open and evt.latency > 10\n  output: o\n  priority: INFO\n", lr.WarnDeprecatedItem, "Field 'evt.latency' is deprecated and will be removed in a future version"},
		{"field-like string value", "- rule: r\n  desc: d\n  condition: evt.type=open and proc.name = proc.pname\n  output: o\n  priority: INFO\n", lr.WarnCompileCondition, "string 'proc.pname' may be a valid field wrongly interpreted as a string value"},
		{"enter events", "- rule: r\n  desc: d\n  condition: evt.type=open and evt.dir = >\n  output: o\n  priority: INFO\n", lr.WarnDeprecatedItem, "Field 'evt.dir' used to select enter events ('>'), which are no longer generated; the check never matches"},
		{"skip unknown output field", "- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o %proc.nobody\n  priority: INFO\n  skip-if-unknown-filter: true\n", lr.WarnUnknownFilter, "unknown filter: proc.nobody"},
		{"skip unknown filter", "- rule: r\n  desc: d\n  condition: evt.type=open and proc.nobody=1\n  output: o\n  priority: INFO\n  skip-if-unknown-filter: true\n", lr.WarnUnknownFilter, "filter_check called with nonexistent field proc.nobody"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, results := loadAll(t, tc.yaml)
			res := results[len(results)-1]
			if !res.Successful() {
				t.Fatalf("errors: %v", res.Errors)
			}
			found := false
			for _, w := range res.Warnings {
				found = found || w.Code == tc.code && w.Message == tc.msg
			}
			if !found {
				t.Errorf("warning %s %q not in %v", tc.code, tc.msg, res.Warnings)
			}
		})
	}
}

// TestOverrides checks the compiled condition text and fields after append, override and exceptions.
func TestOverrides(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		cond  string // compiled condition text of rule r
		check func(t *testing.T, r *compile.Rule)
	}{
		{"append condition legacy", []string{baseRule, "- rule: r\n  condition: and proc.name=x\n  append: true\n"}, "evt.type = open and proc.name=x", nil},
		{"override append condition", []string{baseRule + "- rule: r\n  condition: and proc.name=x\n  override:\n    condition: append\n"}, "evt.type = open and proc.name=x", nil},
		{"override replace condition", []string{baseRule + "- rule: r\n  condition: evt.type=openat\n  override:\n    condition: replace\n"}, "evt.type=openat", nil},
		{"override output desc tags", []string{baseRule + "  tags: [a]\n- rule: r\n  output: more\n  desc: x\n  tags: [b]\n  priority: ERROR\n  override:\n    output: append\n    desc: replace\n    tags: append\n    priority: replace\n"}, "evt.type = open", func(t *testing.T, r *compile.Rule) {
			if r.OutputText != "o %proc.name more" || r.Desc != "x" || strings.Join(r.Tags, ",") != "a,b" || r.Priority.String() != "Error" {
				t.Errorf("got output %q desc %q tags %v priority %v", r.OutputText, r.Desc, r.Tags, r.Priority)
			}
		}},
		{"override enabled", []string{baseRule + "- rule: r\n  enabled: false\n  override:\n    enabled: replace\n"}, "evt.type = open", func(t *testing.T, r *compile.Rule) {
			if r.Enabled {
				t.Error("still enabled")
			}
		}},
		{"enabled only", []string{baseRule, "- rule: r\n  enabled: false\n"}, "evt.type = open", func(t *testing.T, r *compile.Rule) {
			if r.Enabled {
				t.Error("still enabled")
			}
		}},
		{"macro append", []string{"- macro: m\n  condition: evt.type=open\n- macro: m\n  condition: or evt.type=openat\n  override:\n    condition: append\n- rule: r\n  desc: d\n  condition: m and proc.name=x\n  output: o\n  priority: INFO\n"}, "m and proc.name=x", func(t *testing.T, r *compile.Rule) {
			if got := strings.Join(r.EventNames(), ","); got != "open,openat" {
				t.Errorf("events %s", got)
			}
		}},
		{"list append and list in list", []string{"- list: a\n  items: [x]\n- list: b\n  items: [a, y]\n- list: a\n  items: [z]\n  append: true\n- rule: r\n  desc: d\n  condition: evt.type=open and proc.name in (b) and fd.name in (a)\n  output: o\n  priority: INFO\n"}, "evt.type=open and proc.name in ( x, z, y ) and fd.name in ( x, z )", nil},
		{"empty list eats comma", []string{"- list: e\n  items: []\n- rule: r\n  desc: d\n  condition: evt.type=open and proc.name in (x, e)\n  output: o\n  priority: INFO\n"}, "evt.type=open and proc.name in (x  )", nil},
		{"list item with space quoted", []string{"- list: s\n  items: [a b]\n- rule: r\n  desc: d\n  condition: evt.type=open and proc.name in (s)\n  output: o\n  priority: INFO\n"}, `evt.type=open and proc.name in ( "a b" )`, nil},
		{"exceptions list fields", []string{"- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e1\n      fields: [proc.name, fd.name]\n      comps: [=, startswith]\n      values:\n        - [bash, /tmp]\n        - [my app, /var]\n    - name: e2\n      fields: [proc.pname, fd.directory]\n      comps: [in, =]\n      values:\n        - [[sh, zsh], /etc]\n        - [sshd, /root]\n"},
			`(evt.type=open) and not (( proc.name = bash and  fd.name startswith /tmp) or ( proc.name = "my app" and  fd.name startswith /var)) and not (( proc.pname in (sh, zsh) and  fd.directory = /etc) or ( proc.pname in (sshd) and  fd.directory = /root))`, nil},
		{"exceptions scalar field", []string{"- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n      fields: proc.name\n      values: [a, b c]\n"},
			`(evt.type=open) and not (proc.name in (a, "b c"))`, nil},
		{"exceptions no values", []string{"- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n      fields: [proc.name]\n"},
			`(evt.type=open)`, nil},
		{"exceptions append values", []string{"- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n      fields: [proc.name]\n      values: [[a]]\n", "- rule: r\n  exceptions:\n    - name: e\n      values: [[b]]\n    - name: f\n      fields: [fd.name]\n      values: [[c]]\n  override:\n    exceptions: append\n"},
			`(evt.type=open) and not (( proc.name = a) or ( proc.name = b)) and not (( fd.name = c))`, nil},
		{"exceptions replace", []string{"- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n      fields: [proc.name]\n      values: [[a]]\n", "- rule: r\n  exceptions:\n    - name: g\n      fields: [fd.name]\n      values: [[c]]\n  override:\n    exceptions: replace\n"},
			`(evt.type=open) and not (( fd.name = c))`, nil},
		{"exception value field transformer", []string{"- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n      fields: [proc.name, proc.name]\n      values: [[proc.pname, toupper(proc.pname)]]\n"},
			`(evt.type=open) and not (( proc.name = proc.pname and  proc.name = toupper(proc.pname)))`, func(t *testing.T, r *compile.Rule) {
				var rhs []string
				compile.Walk(r.Condition, func(e compile.Expr) bool {
					if c, ok := e.(*compile.Check); ok && c.RHS != nil {
						rhs = append(rhs, strings.TrimPrefix(fmt.Sprintf("%T", c.RHS), "*compile."))
					}
					return true
				})
				if strings.Join(rhs, ",") != "Literal,Literal,TransformOperand" {
					t.Errorf("rhs kinds %v", rhs)
				}
			}},
		{"exception list op scalar paren", []string{"- list: ok\n  items: [a, b]\n- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n      fields: [proc.name]\n      comps: [in]\n      values: [[ok]]\n"},
			`(evt.type=open) and not (( proc.name in ( a, b )))`, nil},
		{"generic syscall event type", []string{"- rule: r\n  desc: d\n  condition: evt.type in (pivot_root, open)\n  output: o\n  priority: INFO\n"}, "evt.type in (pivot_root, open)", func(t *testing.T, r *compile.Rule) {
			if got := strings.Join(r.EventNames(), ","); got != "syscall,open" {
				t.Errorf("events %s", got)
			}
		}},
		{"redefinition keeps position", []string{"- rule: a\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n- rule: a\n  desc: d2\n  condition: evt.type=openat\n  output: o\n  priority: INFO\n"}, "evt.type=open", func(t *testing.T, r *compile.Rule) {}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, results := loadAll(t, tc.files...)
			for _, res := range results {
				if !res.Successful() {
					t.Fatalf("%s", res.Text(l.Contents(), true))
				}
			}
			var r *compile.Rule
			for _, x := range l.Ruleset().Rules {
				if x.Name == "r" {
					r = x
				}
			}
			if r == nil {
				t.Fatal("rule r missing")
			}
			if strings.TrimSpace(r.ConditionText) != strings.TrimSpace(tc.cond) {
				t.Errorf("condition:\n got %q\nwant %q", r.ConditionText, tc.cond)
			}
			if tc.check != nil {
				tc.check(t, r)
			}
		})
	}
}

// TestExpansionBound checks that macros doubling at each level fail cleanly instead of exhausting memory.
func TestExpansionBound(t *testing.T) {
	var b strings.Builder
	b.WriteString("- macro: m0\n  condition: evt.type = open\n")
	for i := 1; i <= 22; i++ {
		fmt.Fprintf(&b, "- macro: m%d\n  condition: m%d or m%d\n", i, i-1, i-1)
	}
	b.WriteString("- rule: r\n  desc: d\n  condition: m22\n  output: o\n  priority: INFO\n")
	_, results := loadAll(t, b.String())
	res := results[0]
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "nodes after macro expansion") {
		t.Errorf("errors: %v", res.Errors)
	}
}

func TestRedefinitionOrder(t *testing.T) {
	l, _ := loadAll(t, "- rule: a\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n- rule: b\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n- rule: a\n  desc: d2\n  condition: evt.type=openat\n  output: o\n  priority: INFO\n")
	rs := l.Ruleset().Rules
	if len(rs) != 2 || rs[0].Name != "a" || rs[0].Desc != "d2" || rs[1].Name != "b" {
		t.Errorf("order: %v %v", rs[0].Name, rs[1].Name)
	}
}
