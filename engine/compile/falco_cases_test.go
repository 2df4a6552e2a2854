package compile_test

import (
	"strings"
	"testing"

	"github.com/aerie-sec/aerie/engine/compile"
	lr "github.com/aerie-sec/aerie/engine/loadresult"
)

// want is one expected error or warning, matched as Falco's regression suite matches `falco -V` JSON
// results (RuleValidation().AllErrors().OfCode().OfItemType().OfItemName().OfMessage()): the code, an item
// type and an item name each found in some location of the context chain, and the exact message. An empty
// item type or name matches anything.
type want struct {
	code     lr.Code
	itemType lr.ItemType
	itemName string
	msg      string
}

func (w want) matches(m lr.Message) bool {
	if m.Code != w.code || m.Message != w.msg {
		return false
	}
	typeOK, nameOK := w.itemType == "", w.itemName == ""
	for _, l := range m.Context.Locations {
		typeOK = typeOK || l.ItemType == w.itemType
		nameOK = nameOK || l.ItemName == w.itemName
	}
	return typeOK && nameOK
}

// rule renders a complete rule item.
func rule(name, cond string, extra ...string) string {
	s := "- rule: " + name + "\n  desc: " + name + " desc\n  condition: " + cond + "\n  output: \"" + name + " (command=%proc.cmdline)\"\n  priority: WARNING\n"
	for _, e := range extra {
		s += "  " + e + "\n"
	}
	return s
}

// catRule is the rule most of Falco's loader tests start from (single_rule.yaml): a macro over a list of
// lists, used by a rule on open events.
const catRule = `- required_engine_version: 2

- list: cat_binaries
  items: [cat]

- list: cat_capable_binaries
  items: [cat_binaries]

- macro: is_cat
  condition: proc.name in (cat_capable_binaries)

- rule: open_from_cat
  desc: A process named cat does an open
  condition: evt.type=open and is_cat
  output: "An open was seen (command=%proc.cmdline)"
  priority: WARNING
`

// TestFalcoValidation reconstructs the validation cases of Falco's regression suite (falcosecurity/testing
// tests/falco: legacy, exceptions, falco) and of Falco's engine unit tests (unit_tests/engine:
// test_rule_loader, exceptions, overrides), one file set per case, loaded in order as `falco -V f1 -V f2`
// loads them. ok tells whether the last file loads; errs and warns must all be found in it.
func TestFalcoValidation(t *testing.T) {
	const (
		yv  = lr.ErrYAMLValidate
		val = lr.ErrValidate
		cc  = lr.ErrCompileCondition
		co  = lr.ErrCompileOutput
	)
	tests := []struct {
		name  string
		files []string
		ok    bool
		errs  []want
		warns []want
	}{
		// Whole-file structure.
		{"not yaml", []string{"This is not yaml\n"}, false, []want{{yv, lr.ItemRulesContent, "", "Rules content is not yaml"}}, nil},
		{"not array", []string{"foo: bar\nbaz: 1\n"}, false, []want{{yv, lr.ItemRulesContent, "", "Rules content is not yaml array of objects"}}, nil},
		{"array item not object", []string{"- foo\n"}, false, []want{{yv, lr.ItemRulesContentItem, "", "Unexpected element type. Each element should be a yaml associative array."}}, nil},
		{"yaml parse error", []string{"this : is : not : yaml\n"}, false, []want{{lr.ErrYAMLParse, lr.ItemRulesContent, "", "yaml-cpp: error at line 1, column 11: illegal map value"}}, nil},
		{"yaml parse error later line", []string{"- rule: x\n   desc: y\n  c: d\n"}, false, []want{{lr.ErrYAMLParse, lr.ItemRulesContent, "", "yaml-cpp: error at line 2, column 8: illegal map value"}}, nil},
		{"empty file", []string{""}, true, nil, nil},
		{"only comments", []string{"# nothing here\n"}, true, nil, nil},
		{"null items skipped", []string{"-\n- list: l\n  items: []\n"}, true, nil, []want{{lr.WarnUnusedList, lr.ItemList, "l", "List not referred to by any other rule/macro"}}},
		{"unknown top level item", []string{"- foo: bar\n"}, true, nil, []want{{lr.WarnUnknownItem, lr.ItemRulesContentItem, "", "Unknown top level item"}}},
		{"multiple docs", []string{catRule + "---\n" + rule("exec_from_cat", "evt.type=execve and is_cat")}, true, nil, nil},
		{"multiple docs error in second", []string{catRule + "---\n" + rule("bad", "evt.type=execve and is_cat and")}, false,
			[]want{{cc, lr.ItemRule, "bad", "expected a '(' token, a field check, or an identifier"}}, nil},
		{"first file empty", []string{"", catRule}, true, nil, nil},

		// required_engine_version.
		{"engine version not a number", []string{"- required_engine_version: not-a-number\n"}, false,
			[]want{{yv, lr.ItemEngineVersion, "", "Unable to parse engine version 'not-a-number' as a semver string. Expected \"x.y.z\" semver format."}}, nil},
		{"engine version float", []string{"- required_engine_version: 0.26\n"}, false,
			[]want{{yv, lr.ItemEngineVersion, "", "Unable to parse engine version '0.26' as a semver string. Expected \"x.y.z\" semver format."}}, nil},
		{"engine version mismatch", []string{"- required_engine_version: 9999999\n"}, false,
			[]want{{val, lr.ItemEngineVersion, "", "Rules require engine version 0.9999999.0, but engine version is 0.62.0"}}, nil},
		{"engine version semver too new", []string{"- required_engine_version: 0.63.0\n"}, false,
			[]want{{val, lr.ItemEngineVersion, "", "Rules require engine version 0.63.0, but engine version is 0.62.0"}}, nil},
		{"engine version other major", []string{"- required_engine_version: 1.0.0\n"}, false,
			[]want{{val, lr.ItemEngineVersion, "", "Rules require engine version 1.0.0, but engine version is 0.62.0"}}, nil},
		{"engine version semver ok", []string{"- required_engine_version: 0.62.0\n" + catRule[len("- required_engine_version: 2\n"):]}, true, nil, nil},
		{"engine version empty", []string{"- required_engine_version:\n"}, false,
			[]want{{yv, lr.ItemEngineVersion, "", "Mapping for key 'required_engine_version' is empty"}}, nil},

		// required_plugin_versions.
		{"plugin versions not a sequence", []string{"- required_plugin_versions: container\n"}, false,
			[]want{{yv, lr.ItemPluginVersions, "", "Value of required_plugin_versions must be a sequence"}}, nil},
		{"plugin version entry not a map", []string{"- required_plugin_versions:\n  - container\n"}, false,
			[]want{{yv, lr.ItemPluginVersionEntry, "", "Plugin version must be a mapping"}}, nil},
		{"plugin version without version", []string{"- required_plugin_versions:\n  - name: container\n"}, false,
			[]want{{yv, lr.ItemPluginVersionEntry, "container", "Item has no mapping for key 'version'"}}, nil},
		{"plugin version invalid", []string{"- required_plugin_versions:\n  - name: container\n    version: latest\n"}, false,
			[]want{{val, lr.ItemPluginVersionEntry, "container", "Invalid required version 'latest' for plugin 'container'"}}, nil},
		{"plugin alternatives not a sequence", []string{"- required_plugin_versions:\n  - name: container\n    version: 0.1.0\n    alternatives: x\n"}, false,
			[]want{{yv, lr.ItemPluginVersionEntry, "container", "Value of plugin version alternatives must be a sequence"}}, nil},
		{"plugin alternative invalid version", []string{"- required_plugin_versions:\n  - name: k8saudit\n    version: 0.1.0\n    alternatives:\n      - name: k8saudit-eks\n        version: x\n"}, false,
			[]want{{val, lr.ItemPluginVersionEntry, "k8saudit", "Invalid required version 'x' for plugin 'k8saudit-eks'"}}, nil},
		{"plugin alternative duplicate", []string{"- required_plugin_versions:\n  - name: container\n    version: 0.1.0\n    alternatives:\n      - name: container\n        version: 0.2.0\n"}, false,
			[]want{{val, lr.ItemPluginVersionEntry, "container", "Defined multiple alternative version requirements for plugin 'container'"}}, nil},
		{"plugin requirement unmet", []string{"- required_plugin_versions:\n  - name: k8saudit\n    version: 0.1.0\n    alternatives:\n      - name: k8saudit-eks\n        version: 0.2.0\n"}, false,
			[]want{{val, lr.ItemPluginVersionEntry, "k8saudit", "Plugin requirement not satisfied, must load one of: k8saudit (>= 0.1.0), k8saudit-eks (>= 0.2.0)"}}, nil},
		{"plugin requirement met by alternative", []string{"- required_plugin_versions:\n  - name: k8saudit\n    version: 0.1.0\n    alternatives:\n      - name: container\n        version: 0.1.0\n"}, true, nil, nil},

		// Lists.
		{"list missing name", []string{"- list:\n  items: [foo]\n"}, false, []want{{yv, lr.ItemList, "", "Mapping for key 'list' is empty"}}, nil},
		{"list without items", []string{"- list: bad_list\n  no_items: foo\n"}, false, []want{{yv, lr.ItemList, "bad_list", "Item has no mapping for key 'items'"}},
			[]want{{lr.WarnUnknownKey, lr.ItemList, "bad_list", "Unknown key 'no_items'. The key will be ignored."}}},
		{"list items not a sequence", []string{"- list: l\n  items: foo\n"}, false, []want{{yv, lr.ItemValueFor, "items", "Value is not a sequence"}}, nil},
		{"list item not scalar", []string{"- list: l\n  items: [[a]]\n"}, false, []want{{yv, lr.ItemListItem, "", "sequence value is not scalar"}}, nil},
		{"list invalid name", []string{"- list: \"my list\"\n  items: []\n"}, true, nil,
			[]want{{lr.WarnInvalidListName, lr.ItemList, "my list", `List has an invalid name. List names should match a regular expression: [^()"'[:space:]=,]+`},
				{lr.WarnUnusedList, lr.ItemList, "my list", "List not referred to by any other rule/macro"}}},
		{"list append dangling", []string{"- list: my_list\n  items: [foo]\n  append: true\n"}, false,
			[]want{{val, lr.ItemList, "my_list", "List uses 'append' or 'override.items: append' but no list by that name already exists"}},
			[]want{{lr.WarnDeprecatedItem, lr.ItemList, "my_list", "'append' key is deprecated. Add an 'append' entry (e.g. 'condition: append') under 'override' instead."}}},
		{"list override append dangling", []string{"- list: my_list\n  items: [foo]\n  override:\n    items: append\n"}, false,
			[]want{{val, lr.ItemList, "my_list", "List uses 'append' or 'override.items: append' but no list by that name already exists"}}, nil},
		{"list override replace defines", []string{"- list: my_list\n  items: [cat]\n  override:\n    items: replace\n" + rule("r", "evt.type=open and proc.name in (my_list)")}, true, nil, nil},
		{"list override wrong key", []string{"- list: l\n  items: [a]\n- list: l\n  items: [b]\n  override:\n    condition: append\n"}, false,
			[]want{{yv, lr.ItemOverrides, "condition", "Key 'condition' cannot be appended to, use 'replace' instead"}}, nil},
		{"list override and append", []string{"- list: l\n  items: [a]\n- list: l\n  items: [b]\n  append: true\n  override:\n    items: append\n"}, false,
			[]want{{yv, lr.ItemList, "l", "Keys 'override' and 'append: true' cannot be used together. Add an 'append' entry (e.g. 'condition: append') under 'override' instead."}}, nil},
		{"list unused", []string{catRule + "- list: unused\n  items: []\n"}, true, nil, []want{{lr.WarnUnusedList, lr.ItemList, "unused", "List not referred to by any other rule/macro"}}},
		{"list used only in list is used", []string{"- list: a\n  items: [x]\n- list: b\n  items: [a]\n" + rule("r", "evt.type=open and proc.name in (b)")}, true, nil, nil},
		{"list unknown key", []string{"- list: l\n  items: []\n  colour: red\n" + rule("r", "evt.type=open and proc.name in (l)")}, true, nil,
			[]want{{lr.WarnUnknownKey, lr.ItemList, "l", "Unknown key 'colour'. The key will be ignored."}}},

		// Macros.
		{"macro missing name", []string{"- macro:\n  condition: evt.type=open\n"}, false, []want{{yv, lr.ItemMacro, "", "Mapping for key 'macro' is empty"}}, nil},
		{"macro without condition", []string{"- macro: bad_macro\n  nope: 1\n"}, false, []want{{yv, lr.ItemMacro, "bad_macro", "Item has no mapping for key 'condition'"}}, nil},
		{"macro condition not scalar", []string{"- macro: m\n  condition: [a]\n"}, false, []want{{yv, lr.ItemValueFor, "condition", "Value is not a scalar value"}}, nil},
		{"macro syntax error", []string{"- macro: some_macro\n  condition: evt.type=execve and\n" + rule("r", "some_macro")}, false,
			[]want{{cc, lr.ItemMacro, "some_macro", "expected a '(' token, a field check, or an identifier"}}, nil},
		{"macro syntax error unused", []string{"- macro: m\n  condition: proc.name in (a b\n"}, false,
			[]want{{cc, lr.ItemMacroCondition, "", "expected a ')' token"}}, nil},
		{"macro overwritten with syntax error", []string{"- macro: some_macro\n  condition: evt.type=execve\n" + rule("r", "some_macro"), "- macro: some_macro\n  condition: evt.type=execve and\n"}, false,
			[]want{{cc, lr.ItemMacro, "some_macro", "expected a '(' token, a field check, or an identifier"}}, nil},
		{"macro appended with syntax error", []string{"- macro: some_macro\n  condition: evt.type=execve\n" + rule("r", "some_macro"), "- macro: some_macro\n  condition: foo\n  append: true\n"}, false,
			[]want{{cc, lr.ItemMacro, "some_macro", "unexpected token after 'execve', expecting 'or', 'and'"}}, nil},
		{"macro undefined macro", []string{"- macro: m\n  condition: evt.type=open and nope\n" + rule("r", "m")}, false,
			[]want{{val, lr.ItemMacro, "m", "Undefined macro 'nope' used in filter."}}, nil},
		{"undefined macro first in condition order", []string{rule("r", "evt.type=open and zzz and aaa")}, false,
			[]want{{val, lr.ItemConditionExpr, "", "Undefined macro 'zzz' used in filter."}}, nil},
		{"macro append dangling", []string{"- macro: dangling\n  condition: and evt.type=open\n  append: true\n"}, false,
			[]want{{val, lr.ItemMacro, "dangling", "Macro uses 'append' or 'override.condition: append' but no macro by that name already exists"}}, nil},
		{"macro override append dangling", []string{"- macro: dangling\n  condition: and evt.type=open\n  override:\n    condition: append\n"}, false,
			[]want{{val, lr.ItemMacro, "dangling", "Macro uses 'append' or 'override.condition: append' but no macro by that name already exists"}}, nil},
		{"macro override replace defines", []string{"- macro: m\n  condition: evt.type=open\n  override:\n    condition: replace\n" + rule("r", "m")}, true, nil, nil},
		{"macro before definition", []string{"- macro: a\n  condition: b\n- macro: b\n  condition: evt.type=open\n" + rule("r", "a")}, false,
			[]want{{val, lr.ItemMacro, "a", "Undefined macro 'b' used in filter."}}, nil},
		{"macro redefined after use sees later macro", []string{"- macro: b\n  condition: evt.type=open\n- macro: a\n  condition: b\n" + rule("r", "a")}, true, nil, nil},
		{"macro append referencing later macro", []string{"- macro: a\n  condition: evt.type=open\n- macro: b\n  condition: proc.name=cat\n- macro: a\n  condition: and b\n  append: true\n" + rule("r", "a")}, true, nil,
			[]want{{lr.WarnDeprecatedItem, lr.ItemMacro, "a", "'append' key is deprecated. Add an 'append' entry (e.g. 'condition: append') under 'override' instead."}}},
		{"macro reference loop", []string{"- macro: a\n  condition: evt.type=open\n- macro: a\n  condition: or a\n  override:\n    condition: append\n" + rule("r", "a")}, false,
			[]want{{val, lr.ItemMacro, "a", "reference loop in macro 'a'"}}, nil},
		{"list defined after macro using it", []string{"- macro: m\n  condition: proc.name in (l)\n- list: l\n  items: [cat]\n" + rule("r", "evt.type=open and m")}, true, nil, nil},
		{"rule using macro defined later", []string{rule("r", "evt.type=open and m") + "- macro: m\n  condition: proc.name=cat\n"}, true, nil, nil},
		{"macro used only by macro used by nothing", []string{rule("r", "evt.type=open") + "- macro: a\n  condition: proc.name=cat\n- macro: b\n  condition: a\n"}, true, nil,
			[]want{{lr.WarnUnusedMacro, lr.ItemMacro, "b", "Macro not referred to by any other rule/macro"}}},
		{"macro used only by skipped rule", []string{"- macro: m\n  condition: proc.name=cat\n" + rule("r", "evt.type=open and m and proc.nobody=1", "skip-if-unknown-filter: true")}, true, nil,
			[]want{{lr.WarnUnknownFilter, lr.ItemRule, "r", "filter_check called with nonexistent field proc.nobody"}}},
		{"list used only by unknown-source rule", []string{"- list: l\n  items: [get]\n" + rule("r", "ka.verb in (l)", "source: k8s_audit")}, true, nil,
			[]want{{lr.WarnUnknownSource, lr.ItemRule, "r", "Unknown source k8s_audit, skipping"}, {lr.WarnUnusedList, lr.ItemList, "l", "List not referred to by any other rule/macro"}}},
		{"macro unused", []string{catRule + "- macro: unused\n  condition: proc.name=x\n"}, true, nil, []want{{lr.WarnUnusedMacro, lr.ItemMacro, "unused", "Macro not referred to by any other rule/macro"}}},
		{"macro invalid name", []string{"- macro: bad-name\n  condition: evt.type=open\n" + rule("r", "evt.type=open")}, true, nil,
			[]want{{lr.WarnInvalidMacroName, lr.ItemMacro, "bad-name", "Macro has an invalid name. Macro names should match a regular expression: [a-zA-Z]+[a-zA-Z0-9_]*"},
				{lr.WarnUnusedMacro, lr.ItemMacro, "bad-name", "Macro not referred to by any other rule/macro"}}},

		// Rules: required keys, types.
		{"rule missing name", []string{"- rule:\n  desc: d\n"}, false, []want{{yv, lr.ItemRule, "", "Mapping for key 'rule' is empty"}}, nil},
		{"rule without output", []string{"- rule: no output rule\n  desc: some desc\n  condition: evt.type=fork\n  priority: INFO\n"}, false,
			[]want{{yv, lr.ItemRule, "no output rule", "Item has no mapping for key 'output'"}}, nil},
		{"rule without condition", []string{"- rule: no condition rule\n  desc: some desc\n  output: some output\n  priority: INFO\n"}, false,
			[]want{{yv, lr.ItemRule, "no condition rule", "Item has no mapping for key 'condition'"}}, nil},
		{"rule without desc", []string{"- rule: r\n  condition: evt.type=open\n  output: o\n  priority: INFO\n"}, false,
			[]want{{yv, lr.ItemRule, "r", "Item has no mapping for key 'desc'"}}, nil},
		{"rule without priority", []string{"- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n"}, false,
			[]want{{yv, lr.ItemRule, "r", "Item has no mapping for key 'priority'"}}, nil},
		{"rule invalid priority", []string{"- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: LOUD\n"}, false,
			[]want{{yv, lr.ItemRulePriority, "", "Invalid priority"}}, nil},
		{"rule priority case and alias", []string{rule("a", "evt.type=open", "priority: info") + "- rule: b\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: informational\n"}, true, nil, nil},
		{"rule empty condition", []string{"- rule: r\n  desc: d\n  condition:\n  output: o\n  priority: INFO\n"}, false,
			[]want{{yv, lr.ItemRule, "r", "Mapping for key 'condition' is empty"}}, nil},
		{"rule empty string output", []string{"- rule: r\n  desc: d\n  condition: evt.type=open\n  output: ''\n  priority: INFO\n"}, false,
			[]want{{yv, lr.ItemValueFor, "output", "Value must be non-empty"}}, nil},
		{"rule enabled not bool", []string{rule("r", "evt.type=open", "enabled: sometimes")}, false,
			[]want{{yv, lr.ItemValueFor, "enabled", "Can't decode YAML scalar value"}}, nil},
		{"rule tags not a sequence", []string{rule("r", "evt.type=open", "tags: a")}, false,
			[]want{{yv, lr.ItemValueFor, "tags", "Value is not a sequence"}}, nil},
		{"rule desc not scalar", []string{"- rule: r\n  desc: [a]\n  condition: evt.type=open\n  output: o\n  priority: INFO\n"}, false,
			[]want{{yv, lr.ItemValueFor, "desc", "Value is not a scalar value"}}, nil},
		{"rule priority number", []string{"- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: 5\n"}, false,
			[]want{{yv, lr.ItemRulePriority, "", "Invalid priority"}}, nil},
		{"rule enabled number", []string{rule("r", "evt.type=open", "enabled: 1")}, false,
			[]want{{yv, lr.ItemValueFor, "enabled", "Can't decode YAML scalar value"}}, nil},
		{"rule warn_evttypes not bool", []string{rule("r", "evt.type=open", "warn_evttypes: nope")}, false,
			[]want{{yv, lr.ItemValueFor, "warn_evttypes", "Can't decode YAML scalar value"}}, nil},
		{"rule skip-if-unknown-filter yes", []string{rule("r", "evt.type=open", "skip-if-unknown-filter: yes")}, true, nil, nil},
		{"rule source not scalar", []string{rule("r", "evt.type=open", "source: [syscall]")}, false,
			[]want{{yv, lr.ItemValueFor, "source", "Value is not a scalar value"}}, nil},
		{"rule tag not scalar", []string{rule("r", "evt.type=open", "tags: [[a]]")}, false,
			[]want{{yv, lr.ItemListItem, "", "sequence value is not scalar"}}, nil},
		{"rule capture_duration negative", []string{rule("r", "evt.type=open", "capture_duration: -1")}, false,
			[]want{{yv, lr.ItemValueFor, "capture_duration", "Can't decode YAML scalar value"}}, nil},
		{"rule append not bool", []string{rule("r", "evt.type=open", "append: maybe")}, false,
			[]want{{yv, lr.ItemValueFor, "append", "Can't decode YAML scalar value"}}, nil},
		{"rule unknown key", []string{rule("r", "evt.type=open", "colour: red")}, true, nil,
			[]want{{lr.WarnUnknownKey, lr.ItemRule, "r", "Unknown key 'colour'. The key will be ignored."}}},
		{"rule unknown source", []string{rule("r", "ka.verb=get", "source: k8s_audit")}, true, nil,
			[]want{{lr.WarnUnknownSource, lr.ItemRule, "r", "Unknown source k8s_audit, skipping"}}},
		{"rule unknown source exception comps still checked", []string{rule("r", "ka.verb=get", "source: k8s_audit", "exceptions:\n    - name: e\n      fields: [ka.user.name]\n      comps: [like]\n")}, false,
			[]want{{val, lr.ItemException, "e", "'like' is not a supported comparison operator"}}, nil},
		{"rule redefined with other source", []string{rule("r", "evt.type=open") + rule("r", "ka.verb=get", "source: k8s_audit")}, false,
			[]want{{val, lr.ItemRule, "r", "Rule has been re-defined with a different source"}}, nil},

		// Rules: condition compilation.
		{"rule syntax error", []string{rule("r", "evt.type=open and")}, false,
			[]want{{cc, lr.ItemRuleCondition, "", "expected a '(' token, a field check, or an identifier"}}, nil},
		{"rule nonexistent field", []string{rule("Contains Unknown Event And Not Skipping", "evt.type=open and proc.nobody=cat")}, false,
			[]want{{cc, lr.ItemRule, "Contains Unknown Event And Not Skipping", "filter_check called with nonexistent field proc.nobody"}}, nil},
		{"rule nonexistent field unspecified skip", []string{rule("Contains Unknown Event And Unspecified", "evt.type=open and proc.nobody=cat")}, false,
			[]want{{cc, lr.ItemConditionExpr, "", "filter_check called with nonexistent field proc.nobody"}}, nil},
		{"rule unknown event type", []string{rule("r", "evt.type=some-invalid-event")}, false,
			[]want{{cc, lr.ItemRule, "r", "unknown event type some-invalid-event"}}, nil},
		{"rule skip unknown field", []string{rule("Contains Unknown Event And Skipping", "evt.type=open and proc.nobody=cat", "skip-if-unknown-filter: true")}, true, nil,
			[]want{{lr.WarnUnknownFilter, lr.ItemConditionExpr, "", "filter_check called with nonexistent field proc.nobody"}}},
		{"rule skip unknown event type", []string{rule("Contains Unknown Event And Skipping", "evt.type=some-invalid-event", "skip-if-unknown-filter: true")}, true, nil,
			[]want{{lr.WarnUnknownFilter, lr.ItemRule, "Contains Unknown Event And Skipping", "unknown event type some-invalid-event"}}},
		{"rule skip false still fails", []string{rule("r", "evt.type=open and proc.nobody=cat", "skip-if-unknown-filter: false")}, false,
			[]want{{cc, lr.ItemRule, "r", "filter_check called with nonexistent field proc.nobody"}}, nil},
		{"rule skip does not hide syntax errors", []string{rule("r", "evt.type=open and", "skip-if-unknown-filter: true")}, false,
			[]want{{cc, lr.ItemRule, "r", "expected a '(' token, a field check, or an identifier"}}, nil},
		{"disabled rule still compiled", []string{rule("r", "evt.type=open and proc.nobody=cat", "enabled: false")}, false,
			[]want{{cc, lr.ItemRule, "r", "filter_check called with nonexistent field proc.nobody"}}, nil},
		{"rule output unknown field", []string{"- rule: invalid_rule_output\n  desc: d\n  condition: evt.type=open\n  output: \"An open was seen %not_a_real_field\"\n  priority: WARNING\n"}, false,
			[]want{{co, lr.ItemRuleOutput, "", "unknown filter: not_a_real_field"}}, nil},
		{"rule output checked before condition fields", []string{"- rule: r\n  desc: d\n  condition: evt.type=open and proc.nobody=1\n  output: \"%not_a_real_field\"\n  priority: WARNING\n"}, false,
			[]want{{co, lr.ItemRule, "r", "unknown filter: not_a_real_field"}}, nil},
		{"rule skip unknown output field", []string{"- rule: r\n  desc: d\n  condition: evt.type=open\n  output: \"%proc.nobody\"\n  priority: WARNING\n  skip-if-unknown-filter: true\n"}, true, nil,
			[]want{{lr.WarnUnknownFilter, lr.ItemRuleOutput, "", "unknown filter: proc.nobody"}}},
		{"rule deprecated field", []string{rule("r", "evt.type=open and evt.latency > 10")}, true, nil,
			[]want{{lr.WarnDeprecatedItem, lr.ItemRuleCondition, "", "Field 'evt.latency' is deprecated and will be removed in a future version"}}},
		{"rule deprecated field in output", []string{"- rule: r\n  desc: d\n  condition: evt.type=open\n  output: \"latency %evt.latency\"\n  priority: WARNING\n"}, true, nil,
			[]want{{lr.WarnDeprecatedItem, lr.ItemRuleOutput, "", "Field 'evt.latency' is deprecated and will be removed in a future version"}}},
		{"rule container.info stripped", []string{"- rule: r\n  desc: d\n  condition: evt.type=open\n  output: \"open %container.info\"\n  priority: WARNING\n"}, true, nil,
			[]want{{lr.WarnDeprecatedItem, lr.ItemRuleOutput, "", "%container.info is deprecated and no longer supported; it has been removed from the output"}}},

		// Event-type restrictions (falco_rules_warnings.yaml).
		{"no evttype", []string{rule("no_evttype", "proc.name=foo")}, true, nil,
			[]want{{lr.WarnNoEvttype, lr.ItemRule, "no_evttype", "Rule matches too many evt.type values. This has a significant performance penalty."}}},
		{"evttype not equals", []string{rule("evttype_not_equals", "evt.type!=execve")}, true, nil,
			[]want{{lr.WarnNoEvttype, lr.ItemRule, "evttype_not_equals", "Rule matches too many evt.type values. This has a significant performance penalty."}}},
		{"leading not", []string{rule("leading_not", "not evt.type=execve")}, true, nil,
			[]want{{lr.WarnNoEvttype, lr.ItemRule, "leading_not", "Rule matches too many evt.type values. This has a significant performance penalty."}}},
		{"not equals at end", []string{rule("not_equals_at_end", "proc.name=foo and evt.type!=execve")}, true, nil,
			[]want{{lr.WarnNoEvttype, lr.ItemRule, "not_equals_at_end", "Rule matches too many evt.type values. This has a significant performance penalty."}}},
		{"not equals and not", []string{rule("not_equals_and_not", "evt.type!=execve and not evt.type=open")}, true, nil,
			[]want{{lr.WarnNoEvttype, lr.ItemRule, "not_equals_and_not", "Rule matches too many evt.type values. This has a significant performance penalty."}}},
		{"not with evttypes", []string{rule("not_with_evttypes", "not evt.type in (execve, open)")}, true, nil,
			[]want{{lr.WarnNoEvttype, lr.ItemRule, "not_with_evttypes", "Rule matches too many evt.type values. This has a significant performance penalty."}}},
		{"trailing or evttype", []string{rule("leading_trailing_evttypes", "evt.type=execve and proc.name=foo or evt.type=open")}, true, nil, nil},
		{"in then not equals", []string{rule("leading_in_not_equals_at_evttype", "evt.type in (execve, open) and evt.type!=execve")}, true, nil, nil},
		{"warn_evttypes false", []string{rule("r", "proc.name=foo", "warn_evttypes: false")}, true, nil, nil},
		{"never_true event set", []string{rule("r", "evt.num=0 and proc.name=foo")}, true, nil,
			[]want{{lr.WarnNoEvttype, lr.ItemRule, "r", "Rule matches too many evt.type values. This has a significant performance penalty."}}},

		// Rules: append (legacy) and enabled-only items.
		{"rule append dangling", []string{"- rule: my_rule\n  condition: evt.type=open\n  append: true\n"}, false,
			[]want{{val, lr.ItemRule, "my_rule", "Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists"}}, nil},
		{"rule append without condition dangling", []string{"- rule: no condition rule\n  append: true\n"}, false,
			[]want{{val, lr.ItemRule, "no condition rule", "Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists"}}, nil},
		{"rule append without condition", []string{catRule + "- rule: open_from_cat\n  append: true\n  enabled: false\n"}, false,
			[]want{{val, lr.ItemRule, "open_from_cat", "Appended rule must have exceptions or condition property"}}, nil},
		{"rule append syntax error", []string{catRule, "- rule: open_from_cat\n  condition: and\n  append: true\n"}, false,
			[]want{{cc, lr.ItemRule, "open_from_cat", "expected a '(' token, a field check, or an identifier"}}, nil},
		{"rule enabled only", []string{catRule, "- rule: open_from_cat\n  enabled: false\n"}, true, nil,
			[]want{{lr.WarnDeprecatedItem, lr.ItemRule, "open_from_cat", "The standalone 'enabled' key usage is deprecated. The correct approach requires also a 'replace' entry under the 'override' key (i.e. 'enabled: replace')."}}},
		{"rule enabled only dangling", []string{"- rule: nope\n  enabled: false\n"}, false,
			[]want{{val, lr.ItemRule, "nope", "Rule has 'enabled' key but no rule by that name already exists"}}, nil},
		{"rule name only", []string{"- rule: lonely\n"}, false, []want{{yv, lr.ItemRule, "lonely", "Item has no mapping for key 'enabled'"}}, nil},

		// Rules: override.
		{"override append", []string{catRule + "- rule: open_from_cat\n  condition: and fd.name=/dev/null\n  output: more\n  desc: more\n  override:\n    condition: append\n    output: append\n    desc: append\n"}, true, nil, nil},
		{"override append priority", []string{catRule + "- rule: open_from_cat\n  desc: x\n  condition: and fd.directory = /tmp\n  priority: INFO\n  override:\n    desc: append\n    condition: append\n    priority: append\n"}, false,
			[]want{{yv, lr.ItemOverrides, "priority", "Key 'priority' cannot be appended to, use 'replace' instead"}}, nil},
		{"override replace source", []string{catRule + "- rule: open_from_cat\n  source: syscall\n  override:\n    source: replace\n"}, false,
			[]want{{yv, lr.ItemOverrides, "source", "Key 'source' cannot be replaced"}}, nil},
		{"override invalid operation", []string{catRule + "- rule: open_from_cat\n  condition: x\n  override:\n    condition: merge\n"}, false,
			[]want{{yv, lr.ItemValueFor, "condition", "Invalid override operation for key 'condition': 'merge'. Allowed values are: append replace "}}, nil},
		{"override invalid operation replace only", []string{catRule + "- rule: open_from_cat\n  priority: INFO\n  override:\n    priority: merge\n"}, false,
			[]want{{yv, lr.ItemValueFor, "priority", "Invalid override operation for key 'priority': 'merge'. Allowed values are: replace "}}, nil},
		{"override and append together", []string{catRule + "- rule: open_from_cat\n  desc: x\n  condition: and fd.directory = /tmp\n  priority: INFO\n  append: true\n  override:\n    desc: append\n"}, false,
			[]want{{yv, lr.ItemRule, "open_from_cat", "Keys 'override' and 'append: true' cannot be used together. Add an 'append' entry (e.g. 'condition: append') under 'override' instead."}}, nil},
		{"override unknown key append", []string{catRule + "- rule: open_from_cat\n  foo: bar\n  override:\n    foo: append\n"}, false,
			[]want{{yv, lr.ItemOverrides, "foo", "Key 'foo' cannot be appended to, use 'replace' instead"}}, nil},
		{"override unknown key replace", []string{catRule + "- rule: open_from_cat\n  foo: bar\n  override:\n    foo: replace\n"}, false,
			[]want{{yv, lr.ItemOverrides, "foo", "Key 'foo' cannot be replaced"}}, nil},
		{"override unknown key bad operation", []string{catRule + "- rule: open_from_cat\n  foo: bar\n  override:\n    foo: merge\n"}, false,
			[]want{{yv, lr.ItemValueFor, "foo", "Invalid override operation for key 'foo': 'merge'. Allowed values are: "}}, nil},
		{"macro override key", []string{"- macro: m\n  condition: evt.type=open\n- macro: m\n  condition: x\n  override:\n    items: append\n"}, false,
			[]want{{yv, lr.ItemOverrides, "items", "Key 'items' cannot be appended to, use 'replace' instead"}}, nil},
		{"override capture duration not a number", []string{catRule + "- rule: open_from_cat\n  capture_duration: soon\n  override:\n    capture_duration: replace\n"}, false,
			[]want{{yv, lr.ItemValueFor, "capture_duration", "Can't decode YAML scalar value"}}, nil},
		{"override capture", []string{catRule + "- rule: open_from_cat\n  capture: true\n  capture_duration: 2000\n  override:\n    capture: replace\n    capture_duration: replace\n"}, true, nil, nil},
		{"override tags append and replace priority", []string{catRule + "- rule: open_from_cat\n  tags: [x]\n  priority: ERROR\n  override:\n    tags: append\n    priority: replace\n"}, true, nil, nil},
		{"override null is no override", []string{catRule + "- rule: open_from_cat\n  desc: d\n  condition: evt.type=open and is_cat\n  output: o\n  priority: INFO\n  override:\n"}, true, nil, nil},
		{"override empty is no override", []string{catRule + "- rule: open_from_cat\n  condition: and proc.name=cat\n  override: {}\n"}, false,
			[]want{{yv, lr.ItemRule, "open_from_cat", "Item has no mapping for key 'output'"}}, nil},
		{"override without field", []string{catRule + "- rule: open_from_cat\n  desc: an appended incorrect field\n  override:\n    condition: append\n"}, false,
			[]want{{yv, lr.ItemRule, "open_from_cat", "An append override for 'condition' was specified but 'condition' is not defined"}}, nil},
		{"override replace without field", []string{catRule + "- rule: open_from_cat\n  desc: x\n  override:\n    priority: replace\n"}, false,
			[]want{{yv, lr.ItemRule, "open_from_cat", "An replace override for 'priority' was specified but 'priority' is not defined"}}, nil},
		{"override missing keys reported in Falco's order", []string{catRule + "- rule: open_from_cat\n  desc: x\n  override:\n    tags: append\n    output: append\n"}, false,
			[]want{{yv, lr.ItemRule, "open_from_cat", "An append override for 'output' was specified but 'output' is not defined"}}, nil},
		{"override extra field", []string{catRule + "- rule: open_from_cat\n  condition: and fd.directory = /tmp\n  priority: INFO\n  override:\n    condition: append\n"}, false,
			[]want{{yv, lr.ItemOverrides, "priority", "Unexpected key 'priority': no corresponding entry under 'override' is defined."}}, nil},
		{"override dangling before extra field", []string{"- rule: nope\n  condition: and fd.directory = /tmp\n  priority: INFO\n  override:\n    condition: append\n"}, false,
			[]want{{val, lr.ItemRule, "nope", "Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists"}}, nil},
		{"override replace dangling", []string{"- rule: nope\n  priority: INFO\n  override:\n    priority: replace\n"}, false,
			[]want{{val, lr.ItemRule, "nope", "An 'override.<key>: replace' to a rule was requested but no rule by that name already exists"}}, nil},
		{"override enabled", []string{catRule + "- rule: open_from_cat\n  enabled: false\n  override:\n    enabled: replace\n"}, true, nil, nil},
		{"override enabled without key", []string{catRule + "- rule: open_from_cat\n  override:\n    enabled: replace\n"}, false,
			[]want{{yv, lr.ItemRule, "open_from_cat", "An replace override for 'enabled' was specified but 'enabled' is not defined"}}, nil},
		{"override replace bad priority", []string{catRule + "- rule: open_from_cat\n  priority: LOUD\n  override:\n    priority: replace\n"}, false,
			[]want{{yv, lr.ItemRulePriority, "", "Invalid priority"}}, nil},
		{"override appended condition syntax error", []string{catRule, "- rule: open_from_cat\n  condition: and not\n  override:\n    condition: append\n"}, false,
			[]want{{cc, lr.ItemRule, "open_from_cat", "expected a '(' token, a field check, or an identifier"}}, nil},

		// Exceptions.
		{"exceptions not a sequence", []string{rule("r", "evt.type=open", "exceptions: x")}, false,
			[]want{{yv, lr.ItemExceptions, "", "Rule exceptions must be a sequence"}}, nil},
		{"exception not a mapping", []string{rule("r", "evt.type=open", "exceptions:\n    - x")}, false,
			[]want{{yv, lr.ItemException, "", "Rule exception must be a mapping"}}, nil},
		{"exception no name", []string{rule("r", "evt.type=open", "exceptions:\n    - fields: [proc.name]")}, false,
			[]want{{yv, lr.ItemException, "", "Item has no mapping for key 'name'"}}, nil},
		{"exception no fields", []string{rule("My Rule", "evt.type=open and proc.name=cat", "exceptions:\n    - name: ex1")}, false,
			[]want{{yv, lr.ItemException, "ex1", "Item has no mapping for key 'fields'"}}, nil},
		{"exception empty fields", []string{rule("r", "evt.type=open", "exceptions:\n    - name: ex1\n      fields: []")}, false,
			[]want{{val, lr.ItemException, "ex1", "Rule exception item must have fields property with a list of fields"}}, nil},
		{"exception unknown field", []string{rule("r", "evt.type=open", "exceptions:\n    - name: ex1\n      fields: [not.exist]")}, false,
			[]want{{val, lr.ItemException, "ex1", "'not.exist' is not a supported filter field"}}, nil},
		{"exception unknown comp", []string{rule("r", "evt.type=open", "exceptions:\n    - name: ex1\n      fields: [proc.name, fd.name]\n      comps: [=, no-comp]")}, false,
			[]want{{val, lr.ItemException, "ex1", "'no-comp' is not a supported comparison operator"}}, nil},
		{"exception comps length", []string{rule("r", "evt.type=open", "exceptions:\n    - name: ex1\n      fields: [proc.name, fd.name]\n      comps: [=]")}, false,
			[]want{{val, lr.ItemException, "ex1", "Fields and comps lists must have equal length"}}, nil},
		{"exception values length", []string{rule("r", "evt.type=open", "exceptions:\n    - name: ex1\n      fields: [proc.name, fd.name]\n      values:\n        - [cat]")}, false,
			[]want{{val, lr.ItemException, "ex1", "Fields and values lists must have equal length"}}, nil},
		{"exception single field list comps", []string{rule("r", "evt.type=open", "exceptions:\n    - name: ex1\n      fields: proc.name\n      comps: [in]")}, false,
			[]want{{val, lr.ItemException, "ex1", "Fields and comps must both be strings"}}, nil},
		{"exception single field bad comp", []string{rule("r", "evt.type=open", "exceptions:\n    - name: ex1\n      fields: proc.name\n      comps: =")}, false,
			[]want{{val, lr.ItemException, "ex1", "When fields is a single value, comps must be one of (in, pmatch, intersects)"}}, nil},
		{"exception single field nested values", []string{rule("r", "evt.type=open", "exceptions:\n    - name: ex1\n      fields: proc.name\n      values: [[cat]]")}, false,
			[]want{{val, lr.ItemException, "ex1", "Expected values array to contain a list of strings"}}, nil},
		{"exception values not a sequence", []string{rule("r", "evt.type=open", "exceptions:\n    - name: ex1\n      fields: [proc.name]\n      values: cat")}, false,
			[]want{{yv, lr.ItemExceptionValues, "", "Rule exception values must be a sequence"}}, nil},
		{"exception names not unique", []string{rule("r", "evt.type=open", "exceptions:\n    - name: ex1\n      fields: [proc.name]\n    - name: ex1\n      fields: [fd.name]")}, true, nil,
			[]want{{lr.WarnExceptionNameNotUnique, lr.ItemException, "ex1", "Multiple definitions of exception 'ex1' in the same rule"}}},
		{"exception append new without values", []string{rule("r", "evt.type=open", "exceptions:\n    - name: ex1\n      fields: [proc.name]\n      values: [[cat]]") + "- rule: r\n  exceptions:\n    - name: ex2\n      fields: [fd.name]\n  override:\n    exceptions: append\n"}, false,
			[]want{{val, lr.ItemException, "ex2", "Rule exception must have values property with a list of values"}},
			[]want{{lr.WarnAppendNoValues, lr.ItemException, "ex2", "Overriding/appending exception with no values"}}},
		{"exception append new without fields", []string{rule("r", "evt.type=open", "exceptions:\n    - name: ex1\n      fields: [proc.name]\n      values: [[cat]]") + "- rule: r\n  exceptions:\n    - name: ex2\n      values: [[bash]]\n  override:\n    exceptions: append\n"}, false,
			[]want{{val, lr.ItemException, "ex2", "Rule exception must have fields property with a list of fields"}}, nil},
		{"exception append fields", []string{rule("r", "evt.type=open", "exceptions:\n    - name: ex1\n      fields: [proc.name]\n      values: [[cat]]") + "- rule: r\n  exceptions:\n    - name: ex1\n      fields: [fd.name]\n      values: [[x]]\n  append: true\n"}, false,
			[]want{{val, lr.ItemException, "ex1", "Can not append exception fields to existing exception, only values"}}, nil},
		{"exception append comps", []string{rule("r", "evt.type=open", "exceptions:\n    - name: ex1\n      fields: [proc.name]\n      values: [[cat]]") + "- rule: r\n  exceptions:\n    - name: ex1\n      comps: [startswith]\n      values: [[x]]\n  append: true\n"}, false,
			[]want{{val, lr.ItemException, "ex1", "Can not append exception comps to existing exception, only values"}}, nil},
		{"exception append values only", []string{rule("r", "evt.type=open", "exceptions:\n    - name: ex1\n      fields: [proc.name]\n      values: [[cat]]") + "- rule: r\n  exceptions:\n    - name: ex1\n      values: [[bash]]\n  append: true\n"}, true, nil,
			[]want{{lr.WarnDeprecatedItem, lr.ItemRule, "r", "'append' key is deprecated. Add an 'append' entry (e.g. 'condition: append') under 'override' instead."}}},
		{"exception replace unknown field", []string{rule("r", "evt.type=open") + "- rule: r\n  exceptions:\n    - name: ex1\n      fields: [not.exist]\n  override:\n    exceptions: replace\n"}, false,
			[]want{{val, lr.ItemException, "ex1", "'not.exist' is not a supported filter field"}}, nil},
		{"exception field transformer", []string{rule("r", "evt.type=open", "exceptions:\n    - name: ex1\n      fields: [toupper(proc.name)]\n      values: [[CAT]]")}, true, nil, nil},
		{"exception value field wrongly a string", []string{rule("r", "evt.type=open", "exceptions:\n    - name: ex1\n      fields: [proc.name]\n      values: [[proc.pname]]")}, true, nil,
			[]want{{lr.WarnCompileCondition, lr.ItemRuleCondition, "", "string 'proc.pname' may be a valid field wrongly interpreted as a string value"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, results := loadAll(t, tc.files...)
			res := results[len(results)-1]
			if len(results) != len(tc.files) {
				t.Fatalf("file %d failed:\n%s", len(results)-1, res.Text(l.Contents(), true))
			}
			if res.Successful() != tc.ok {
				t.Fatalf("successful = %v, want %v:\n%s", res.Successful(), tc.ok, res.Text(l.Contents(), true))
			}
			if !tc.ok && len(res.Errors) != 1 {
				t.Errorf("%d errors, want 1 (loading stops at the first)", len(res.Errors))
			}
			for _, w := range tc.errs {
				if !findMessage(res.Errors, w) {
					t.Errorf("error %s %q (%s %q) not found in:\n%s", w.code, w.msg, w.itemType, w.itemName, res.Text(l.Contents(), true))
				}
			}
			for _, w := range tc.warns {
				if !findMessage(res.Warnings, w) {
					t.Errorf("warning %s %q (%s %q) not found in:\n%s", w.code, w.msg, w.itemType, w.itemName, res.Text(l.Contents(), true))
				}
			}
			if tc.ok && len(res.Warnings) != len(tc.warns) {
				t.Errorf("%d warnings, want %d:\n%s", len(res.Warnings), len(tc.warns), res.Text(l.Contents(), true))
			}
			for _, m := range append(append([]lr.Message{}, res.Errors...), res.Warnings...) {
				if len(m.Context.Locations) == 0 || m.Context.Locations[0].ItemType != lr.ItemRulesContent {
					t.Errorf("%s: context does not start with the rules content: %+v", m.Code, m.Context.Locations)
				}
				// Conditions ending early are reported past their end, as Falco does.
				if strings.HasSuffix(m.Context.Snippet(l.Contents()), "past end of file>\n") && m.Context.Content == "" {
					t.Errorf("%s: no snippet", m.Code)
				}
			}
		})
	}
}

func findMessage(ms []lr.Message, w want) bool {
	for _, m := range ms {
		if w.matches(m) {
			return true
		}
	}
	return false
}

// TestFalcoDescribe reconstructs Falco's engine unit tests that check `describe_rule` output (falco -L):
// compiled list items, appended and replaced rule fields, and compiled conditions with exceptions.
func TestFalcoDescribe(t *testing.T) {
	const base = `- rule: test_rule
  desc: test rule description
  condition: evt.type = open
  output: user=%user.name command=%proc.cmdline file=%fd.name
  priority: INFO
`
	exception := func(fields, values string) string {
		return base + "  exceptions:\n    - name: test_exception\n      fields: " + fields + "\n      comps: [=]\n      values:\n        - " + values + "\n"
	}
	tests := []struct {
		name     string
		files    []string
		warnings int
		check    func(t *testing.T, d compile.Description)
	}{
		{"list value with escaping", []string{"- list: my_list\n  items: [non_escaped_val, \"escaped val\"]\n"}, 1, func(t *testing.T, d compile.Description) {
			if len(d.Rules) != 0 || len(d.Macros) != 0 || len(d.Lists) != 1 {
				t.Fatalf("rules %d macros %d lists %d", len(d.Rules), len(d.Macros), len(d.Lists))
			}
			l := d.Lists[0]
			if len(l.Details.Lists) != 0 || strings.Join(l.Details.ItemsCompiled, "|") != "non_escaped_val|escaped val" {
				t.Errorf("lists %v items_compiled %q", l.Details.Lists, l.Details.ItemsCompiled)
			}
		}},
		{"list cross refs", []string{"- list: a\n  items: [x]\n- list: b\n  items: [a, y]\n- list: c\n  items: [b]\n" + base[:len(base)-1] + "\n- rule: r2\n  desc: d\n  condition: evt.type = open and proc.name in (c)\n  output: o\n  priority: INFO\n"}, 0, func(t *testing.T, d compile.Description) {
			items := map[string]string{}
			for _, l := range d.Lists {
				items[l.Info.Name] = strings.Join(l.Details.ItemsCompiled, ",") + " refs " + strings.Join(l.Details.Lists, ",")
			}
			if items["b"] != "x,y refs a" || items["c"] != "a,y refs b" {
				t.Errorf("items %v", items)
			}
		}},
		{"rule override append", []string{base + "- rule: test_rule\n  desc: setting desc\n  condition: and proc.name = cat\n  output: proc=%proc.name\n  override:\n    desc: append\n    condition: append\n    output: append\n"}, 0, func(t *testing.T, d compile.Description) {
			r := d.Rules[0].Info
			if r.Condition != "evt.type = open and proc.name = cat" || r.Desc != "test rule description setting desc" ||
				r.Output != "user=%user.name command=%proc.cmdline file=%fd.name proc=%proc.name" {
				t.Errorf("info %+v", r)
			}
		}},
		{"rule override replace", []string{base + "- rule: test_rule\n  desc: setting desc\n  condition: evt.type = close\n  priority: ERROR\n  override:\n    desc: replace\n    condition: replace\n    priority: replace\n"}, 0, func(t *testing.T, d compile.Description) {
			r := d.Rules[0]
			if r.Info.Condition != "evt.type = close" || r.Info.Desc != "setting desc" || r.Info.Priority != "Error" || strings.Join(r.Details.Events, ",") != "close" {
				t.Errorf("rule %+v %v", r.Info, r.Details.Events)
			}
		}},
		{"exception rhs field ambiguous", []string{exception("[proc.name]", "[proc.pname]")}, 1, compiled("(evt.type = open and not proc.name = proc.pname)")},
		{"exception rhs field ambiguous quoted", []string{exception("[proc.name]", `["\"proc.pname\""]`)}, 0, compiled("(evt.type = open and not proc.name = proc.pname)")},
		{"exception rhs field ambiguous space quoted", []string{exception("[proc.name]", `["\"proc.pname \""]`)}, 0, compiled(`(evt.type = open and not proc.name = "proc.pname ")`)},
		{"exception rhs transformer", []string{exception("[proc.name]", "[toupper(proc.pname)]")}, 0, compiled("(evt.type = open and not proc.name = toupper(proc.pname))")},
		{"exception values transformer space", []string{exception("[proc.name]", "[toupper( proc.pname)]")}, 0, compiled(`(evt.type = open and not proc.name = "toupper( proc.pname)")`)},
		{"exception fields transformer", []string{exception("[tolower(proc.name)]", "[test]")}, 0, compiled("(evt.type = open and not tolower(proc.name) = test)")},
		{"exception fields transformer quoted", []string{exception(`["tolower(proc.name)"]`, "[test]")}, 0, compiled("(evt.type = open and not tolower(proc.name) = test)")},
		{"exception fields transformer space", []string{exception("[tolower( proc.name)]", "[test]")}, 0, compiled("(evt.type = open and not tolower(proc.name) = test)")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, results := loadAll(t, tc.files...)
			res := results[len(results)-1]
			if !res.Successful() || len(res.Warnings) != tc.warnings {
				t.Fatalf("want %d warnings:\n%s", tc.warnings, res.Text(l.Contents(), true))
			}
			tc.check(t, l.Ruleset().Describe())
		})
	}
}

// compiled checks the compiled condition of the first rule.
func compiled(want string) func(t *testing.T, d compile.Description) {
	return func(t *testing.T, d compile.Description) {
		t.Helper()
		if got := d.Rules[0].Details.ConditionCompiled; got != want {
			t.Errorf("condition_compiled:\n got %s\nwant %s", got, want)
		}
	}
}

// TestFalcoPositions pins the innermost location Falco reports (0-based line and column of the yaml-cpp
// mark of the node it names) for errors whose node is not the item itself.
func TestFalcoPositions(t *testing.T) {
	const r = "- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n"
	tests := []struct {
		name string
		yaml string
		at   loc
	}{
		{"unexpected key at its value", r + "- rule: r\n  condition: and proc.name=cat\n  priority: INFO\n  override:\n    condition: append\n", loc{lr.ItemOverrides, "priority", 7, 12}},
		{"override key that cannot be appended", r + "- rule: r\n  priority: INFO\n  override:\n    priority: append\n", loc{lr.ItemOverrides, "priority", 8, 4}},
		{"invalid override operation at its value", r + "- rule: r\n  priority: INFO\n  override:\n    priority: merge\n", loc{lr.ItemValueFor, "priority", 8, 14}},
		{"exception", r + "  exceptions:\n    - name: ex1\n", loc{lr.ItemException, "ex1", 6, 6}},
		{"exception values", r + "  exceptions:\n    - name: ex1\n      fields: [proc.name]\n      values: cat\n", loc{lr.ItemExceptionValues, "", 8, 14}},
		{"exceptions", r + "  exceptions: x\n", loc{lr.ItemExceptions, "", 5, 14}},
		{"yaml parse error", "this : is : not : yaml\n", loc{lr.ItemRulesContent, "", 0, 10}},
		{"plugin alternative", "- required_plugin_versions:\n  - name: k8saudit\n    version: 0.1.0\n    alternatives:\n      - name: k8saudit-eks\n", loc{lr.ItemPluginVersionAlt, "k8saudit-eks", 4, 8}},
		{"plugin versions", "- required_plugin_versions: x\n", loc{lr.ItemPluginVersions, "", 0, 28}},
		{"rule priority", "- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: LOUD\n", loc{lr.ItemRulePriority, "", 4, 12}},
		{"unknown item", "- foo: bar\n", loc{lr.ItemRulesContentItem, "", 0, 2}},
		{"field-like string warning at the value", "- rule: r\n  desc: d\n  condition: evt.type=open and proc.name = proc.pname\n  output: o\n  priority: INFO\n", loc{lr.ItemConditionExpr, "", 0, 30}},
		{"macro condition syntax", "- macro: m\n  condition: evt.type=open and\n", loc{lr.ItemConditionExpr, "", 0, 17}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, results := loadAll(t, tc.yaml)
			res := results[len(results)-1]
			msgs := append(append([]lr.Message{}, res.Errors...), res.Warnings...)
			if len(msgs) == 0 {
				t.Fatal("no error or warning")
			}
			last := msgs[0].Context.Last()
			if got := (loc{last.ItemType, last.ItemName, last.Position.Line, last.Position.Column}); got != tc.at {
				t.Errorf("location: got %+v, want %+v\n%s", got, tc.at, res.Text(l.Contents(), true))
			}
		})
	}
}
