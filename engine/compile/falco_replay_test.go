package compile_test

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/aerie-sec/aerie/engine/detect"
	"github.com/aerie-sec/aerie/engine/eval"
	"github.com/aerie-sec/aerie/engine/rules"
	"github.com/aerie-sec/aerie/internal/testenv"
)

// doubleRule is Falco's double_rule.yaml: two more rules on the is_cat macro of catRule.
const doubleRule = `# This ruleset depends on the is_cat macro defined in catRule.
- rule: exec_from_cat
  desc: A process named cat does execve
  condition: evt.type=execve and is_cat
  output: "An exec was seen (command=%proc.cmdline)"
  priority: ERROR

- rule: access_from_cat
  desc: A process named cat does an access
  condition: evt.type=access and is_cat
  output: "An access was seen (command=%proc.cmdline)"
  priority: INFO
`

// openFromCat renders Falco's "Open From Cat" rule with a condition (list_sub_*, *_append tests).
func openFromCat(cond string, extra ...string) string {
	s := "- rule: Open From Cat\n  desc: A process named cat does an open\n  condition: " + cond +
		"\n  output: \"An open was seen (command=%proc.cmdline)\"\n  priority: WARNING\n"
	for _, e := range extra {
		s += "  " + e + "\n"
	}
	return s
}

// exceptionRule renders the base rule of Falco's exception tests with the given exceptions block.
func exceptionRule(exceptions string) string {
	return openFromCat("evt.type=open and proc.name=cat", "exceptions:\n"+exceptions)
}

// TestFalcoReplay reconstructs the detection cases of Falco's regression suite that load small rules files
// and replay cat_write.scap or open-multiple-files.scap (falcosecurity/testing tests/falco: legacy, falco,
// exceptions), asserting the number of alerts of every rule.
//
// cat_write.scap: cat (execve #131) opens /etc/ld.so.cache, /lib/x86_64-linux-gnu/libc.so.6,
// /usr/lib/locale/locale-archive and /dev/null: 8 open events (enter and exit), hence Falco's
// "open_from_cat: 8"; fd.name is known on the exits only, so a condition or exception on a file name sees
// 4 events. open-multiple-files.scap: python opens /tmp/file-1 to /tmp/file-13 once each.
func TestFalcoReplay(t *testing.T) {
	const catWrite, multi = "cat_write.scap", "open-multiple-files.scap"
	tests := []struct {
		name    string
		files   []string
		capture string
		opts    eval.Options
		counts  map[string]int // every rule of the ruleset must be listed
	}{
		{"single rule", []string{catRule}, catWrite, eval.Options{}, map[string]int{"open_from_cat": 8}},
		{"multiple rules", []string{catRule, doubleRule}, catWrite, eval.Options{}, map[string]int{"open_from_cat": 8, "exec_from_cat": 1, "access_from_cat": 0}},
		{"multiple rules first empty", []string{"", catRule}, catWrite, eval.Options{}, map[string]int{"open_from_cat": 8}},
		{"multiple rules last empty", []string{catRule, ""}, catWrite, eval.Options{}, map[string]int{"open_from_cat": 8}},
		{"multiple docs", []string{catRule + "---\n" + doubleRule}, catWrite, eval.Options{}, map[string]int{"open_from_cat": 8, "exec_from_cat": 1, "access_from_cat": 0}},
		{"multiple rules suppress info", []string{catRule, doubleRule}, catWrite, eval.Options{MinPriority: rules.Warning, LimitPriority: true},
			map[string]int{"open_from_cat": 8, "exec_from_cat": 1}},
		{"rule overriding", []string{catRule, "- rule: open_from_cat\n  desc: A process named cat does an open\n  condition: evt.type=open and is_cat and fd.name=/no/such/file\n  output: o\n  priority: WARNING\n"}, catWrite, eval.Options{}, map[string]int{"open_from_cat": 0}},
		{"macro overriding", []string{catRule, "- macro: is_cat\n  condition: proc.name in (not_cat)\n- list: unused_now\n  items: [cat_capable_binaries]\n"}, catWrite, eval.Options{}, map[string]int{"open_from_cat": 0}},
		{"list overriding", []string{catRule, "- list: cat_binaries\n  items: [not_cat]\n"}, catWrite, eval.Options{}, map[string]int{"open_from_cat": 0}},
		{"list append", []string{"- list: my_list\n  items: [not-cat]\n- list: my_list\n  append: true\n  items: [cat]\n" + openFromCat("evt.type=open and proc.name in (my_list)")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 8}},
		{"list override append", []string{"- list: my_list\n  items: [not-cat]\n- list: my_list\n  items: [cat]\n  override:\n    items: append\n" + openFromCat("evt.type=open and proc.name in (my_list)")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 8}},
		{"list append false", []string{"- list: my_list\n  items: [cat]\n- list: my_list\n  append: false\n  items: [not-cat]\n" + openFromCat("evt.type=open and proc.name in (my_list)")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 0}},
		{"list override replace", []string{"- list: my_list\n  items: [cat]\n- list: my_list\n  items: [not-cat]\n  override:\n    items: replace\n" + openFromCat("evt.type=open and proc.name in (my_list)")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 0}},
		{"list appended after use in list", []string{"- list: inner\n  items: [not-cat]\n- list: outer\n  items: [inner]\n- list: inner\n  items: [cat]\n  override:\n    items: append\n" + openFromCat("evt.type=open and proc.name in (outer)")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 8}},
		{"list defined after list naming it", []string{"- list: outer\n  items: [inner]\n- list: inner\n  items: [cat]\n" + openFromCat("evt.type=open and proc.name in (outer)")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 8}},
		{"list nested two levels stays one level", []string{"- list: a\n  items: [cat]\n- list: b\n  items: [a]\n- list: c\n  items: [b]\n" + openFromCat("evt.type=open and proc.name in (c)")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 0}},
		{"macro append", []string{"- macro: my_macro\n  condition: proc.name=not-cat\n- macro: my_macro\n  append: true\n  condition: or proc.name=cat\n" + openFromCat("evt.type=open and my_macro")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 8}},
		{"macro override append", []string{"- macro: my_macro\n  condition: proc.name=not-cat\n- macro: my_macro\n  condition: or proc.name=cat\n  override:\n    condition: append\n" + openFromCat("evt.type=open and my_macro")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 8}},
		{"macro append false", []string{"- macro: my_macro\n  condition: proc.name=cat\n- macro: my_macro\n  append: false\n  condition: proc.name=not-cat\n" + openFromCat("evt.type=open and my_macro")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 0}},
		{"macro append keeps precedence", []string{"- macro: my_macro\n  condition: proc.name=not-cat\n- macro: my_macro\n  condition: or proc.name=cat\n  override:\n    condition: append\n" + openFromCat("evt.type=open and fd.name=/dev/null and my_macro")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 1}},
		{"rule append", []string{"- rule: my_rule\n  desc: A process named cat does an open\n  condition: evt.type=open and fd.name=not-a-real-file\n  output: \"An open of /dev/null was seen (command=%proc.cmdline)\"\n  priority: WARNING\n- rule: my_rule\n  append: true\n  condition: or fd.name=/dev/null\n"}, catWrite, eval.Options{}, map[string]int{"my_rule": 1}},
		{"rule override append", []string{"- rule: my_rule\n  desc: d\n  condition: evt.type=open and fd.name=not-a-real-file\n  output: o\n  priority: WARNING\n- rule: my_rule\n  condition: or fd.name=/dev/null\n  override:\n    condition: append\n"}, catWrite, eval.Options{}, map[string]int{"my_rule": 1}},
		{"rule append false", []string{"- rule: my_rule\n  desc: d\n  condition: evt.type=open and fd.name=/dev/null\n  output: o\n  priority: WARNING\n- rule: my_rule\n  desc: d\n  append: false\n  condition: evt.type=open and fd.name=not-a-real-file\n  output: o\n  priority: WARNING\n"}, catWrite, eval.Options{}, map[string]int{"my_rule": 0}},
		{"rule override replace", []string{"- rule: my_rule\n  desc: d\n  condition: evt.type=open and fd.name=not-a-real-file\n  output: o\n  priority: WARNING\n- rule: my_rule\n  condition: evt.type=open and fd.name=/dev/null\n  override:\n    condition: replace\n"}, catWrite, eval.Options{}, map[string]int{"my_rule": 1}},
		{"list sub front", []string{"- list: cat_binaries\n  items: [cat]\n" + openFromCat("evt.type=open and proc.name in (cat_binaries, ps)")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 8}},
		{"list sub mid", []string{"- list: cat_binaries\n  items: [cat]\n" + openFromCat("evt.type=open and proc.name in (ls, cat_binaries, ps)")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 8}},
		{"list sub end", []string{"- list: cat_binaries\n  items: [cat]\n" + openFromCat("evt.type=open and proc.name in (ls, cat_binaries)")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 8}},
		{"list sub whitespace", []string{"- list: cat_binaries\n  items: [cat]\n" + openFromCat("evt.type=open and proc.name in (   cat_binaries   )")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 8}},
		{"list sub empty list", []string{"- list: none\n  items: []\n" + openFromCat("evt.type=open and proc.name in (none, cat)")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 8}},
		{"list escaping", []string{"- list: my_list\n  items: [\"cat\", \"not cat\", \"'quoted'\"]\n" + openFromCat("evt.type=open and proc.name in (my_list)")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 8}},
		{"disabled rule", []string{"", catRule[:len(catRule)-1] + "\n  enabled: false\n"}, catWrite, eval.Options{}, map[string]int{"open_from_cat": 0}},
		{"enabled only disables", []string{catRule, "- rule: open_from_cat\n  enabled: false\n"}, catWrite, eval.Options{}, map[string]int{"open_from_cat": 0}},
		{"enabled only re-enables", []string{catRule[:len(catRule)-1] + "\n  enabled: false\n", "- rule: open_from_cat\n  enabled: true\n"}, catWrite, eval.Options{}, map[string]int{"open_from_cat": 8}},
		{"override enabled re-enables", []string{catRule[:len(catRule)-1] + "\n  enabled: false\n", "- rule: open_from_cat\n  enabled: true\n  override:\n    enabled: replace\n"}, catWrite, eval.Options{}, map[string]int{"open_from_cat": 8}},
		{"append keeps rule disabled", []string{catRule[:len(catRule)-1] + "\n  enabled: false\n", "- rule: open_from_cat\n  condition: and fd.name=/dev/null\n  override:\n    condition: append\n"}, catWrite, eval.Options{}, map[string]int{"open_from_cat": 0}},
		{"redefinition re-enables", []string{catRule[:len(catRule)-1] + "\n  enabled: false\n", "- rule: open_from_cat\n  desc: d\n  condition: evt.type=open and is_cat\n  output: o\n  priority: WARNING\n"}, catWrite, eval.Options{}, map[string]int{"open_from_cat": 8}},
		{"skip unknown filter", []string{openFromCat("evt.type=open and proc.name=cat") + rule("Contains Unknown Event And Skipping", "evt.type=open and proc.nobody=cat", "skip-if-unknown-filter: true")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 8}},
		{"unknown source skipped", []string{openFromCat("evt.type=open and proc.name=cat") + rule("audit", "ka.verb=get", "source: k8s_audit")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 8}},

		// Exceptions (rules_exceptions tests).
		{"exception no values", []string{exceptionRule("    - name: proc_name\n      fields: [proc.name]\n")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 8}},
		{"exception one value", []string{exceptionRule("    - name: proc_name\n      fields: [proc.name]\n      values:\n        - [cat]\n")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 0}},
		{"exception second value", []string{exceptionRule("    - name: proc_name\n      fields: [proc.name]\n      values:\n        - [not-cat]\n        - [cat]\n")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 0}},
		{"exception second item", []string{exceptionRule("    - name: proc_name\n      fields: [proc.name]\n      values:\n        - [not-cat]\n    - name: proc_name_cmdline\n      fields: [proc.name, proc.cmdline]\n      values:\n        - [cat, \"cat /dev/null\"]\n")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 0}},
		{"exception two fields one file", []string{exceptionRule("    - name: proc_file\n      fields: [proc.name, fd.name]\n      values:\n        - [cat, /dev/null]\n")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 7}},
		{"exception comps", []string{exceptionRule("    - name: proc_file\n      fields: [proc.name, fd.name]\n      comps: [=, startswith]\n      values:\n        - [cat, /lib]\n        - [cat, /usr]\n")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 6}},
		{"exception append one value", []string{exceptionRule("    - name: proc_name\n      fields: [proc.name]\n      values:\n        - [not-cat]\n"), "- rule: Open From Cat\n  exceptions:\n    - name: proc_name\n      values:\n        - [cat]\n  append: true\n"}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 0}},
		{"exception override append new", []string{exceptionRule("    - name: proc_name\n      fields: [proc.name]\n      values:\n        - [not-cat]\n"), "- rule: Open From Cat\n  exceptions:\n    - name: dev_null\n      fields: [fd.name]\n      values:\n        - [/dev/null]\n  override:\n    exceptions: append\n"}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 7}},
		{"exception override replace", []string{exceptionRule("    - name: proc_name\n      fields: [proc.name]\n      values:\n        - [cat]\n"), "- rule: Open From Cat\n  exceptions:\n    - name: dev_null\n      fields: [fd.name]\n      values:\n        - [/dev/null]\n  override:\n    exceptions: replace\n"}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 7}},
		{"exception single field", []string{exceptionRule("    - name: proc_name\n      fields: proc.name\n      values: [not-cat, cat]\n")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 0}},
		{"exception single field append", []string{exceptionRule("    - name: proc_name\n      fields: proc.name\n      values: [not-cat]\n"), "- rule: Open From Cat\n  exceptions:\n    - name: proc_name\n      values: [cat]\n  override:\n    exceptions: append\n"}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 0}},
		{"exception single field pmatch", []string{exceptionRule("    - name: files\n      fields: fd.name\n      comps: pmatch\n      values: [/lib, /usr/lib]\n")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 6}},
		{"exception values list", []string{exceptionRule("    - name: proc_name\n      fields: [proc.name]\n      comps: [in]\n      values:\n        - [[not-cat, cat]]\n")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 0}},
		{"exception values list ref", []string{"- list: cat_items\n  items: [cat]\n" + exceptionRule("    - name: proc_name\n      fields: [proc.name]\n      comps: [in]\n      values:\n        - [cat_items]\n")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 0}},
		{"exception values list ref in list", []string{"- list: cat_items\n  items: [cat]\n" + exceptionRule("    - name: proc_name\n      fields: [proc.name]\n      comps: [in]\n      values:\n        - [[cat_items, not-cat]]\n")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 0}},
		{"exception value with space quoted", []string{exceptionRule("    - name: cmdline\n      fields: [proc.cmdline]\n      values:\n        - [cat /dev/null]\n")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 0}},
		{"exception value already quoted", []string{exceptionRule("    - name: cmdline\n      fields: [proc.cmdline]\n      values:\n        - ['\"cat /dev/null\"']\n")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 0}},
		{"exception field transformer", []string{exceptionRule("    - name: upper\n      fields: [toupper(proc.name)]\n      values:\n        - [CAT]\n")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 0}},
		{"exception value field transformer", []string{exceptionRule("    - name: self\n      fields: [proc.name]\n      values:\n        - [tolower(proc.name)]\n")}, catWrite, eval.Options{}, map[string]int{"Open From Cat": 0}},

		// Tags (open-multiple-files.scap, tagged_rules.yaml): -t runs only the rules with one of the tags,
		// -T disables them, -D disables rules by name substring.
		{"tags none", []string{taggedRules}, multi, eval.Options{}, tagCounts("1,2,3,4,5,6,7,8,9,10,11,12,13")},
		{"tags enabled a", []string{taggedRules}, multi, eval.Options{Tags: []string{"a"}}, tagCounts("1,4,5,7,8,9,10")},
		{"tags enabled b", []string{taggedRules}, multi, eval.Options{Tags: []string{"b"}}, tagCounts("2,4,6,7,8,10")},
		{"tags enabled c", []string{taggedRules}, multi, eval.Options{Tags: []string{"c"}}, tagCounts("3,5,6,7,9,10")},
		{"tags enabled ab", []string{taggedRules}, multi, eval.Options{Tags: []string{"a", "b"}}, tagCounts("1,2,4,5,6,7,8,9,10")},
		{"tags enabled d", []string{taggedRules}, multi, eval.Options{Tags: []string{"d"}}, tagCounts("11")},
		{"tags disabled a", []string{taggedRules}, multi, eval.Options{DisabledTags: []string{"a"}}, tagCounts("2,3,6,11,12,13")},
		{"tags disabled b", []string{taggedRules}, multi, eval.Options{DisabledTags: []string{"b"}}, tagCounts("1,3,5,9,11,12,13")},
		{"tags disabled abc", []string{taggedRules}, multi, eval.Options{DisabledTags: []string{"a", "b", "c"}}, tagCounts("11,12,13")},
		{"tags disabled and rule names", []string{taggedRules}, multi, eval.Options{DisabledTags: []string{"a"}, Disabled: []string{"open_1"}}, tagCounts("2,3,6")},
		{"tags enabled includes disabled rules", []string{taggedRules + "- rule: open_2\n  enabled: false\n  override:\n    enabled: replace\n"}, multi, eval.Options{Tags: []string{"b"}}, tagCounts("2,4,6,7,8,10")},
		{"tags disabled keeps disabled rules off", []string{taggedRules + "- rule: open_3\n  enabled: false\n  override:\n    enabled: replace\n"}, multi, eval.Options{DisabledTags: []string{"a"}}, tagCounts("2,6,11,12,13")},
	}
	ctx := context.Background()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, results := loadAll(t, tc.files...)
			for _, res := range results {
				if !res.Successful() {
					t.Fatalf("%s", res.Text(l.Contents(), true))
				}
			}
			if len(results) != len(tc.files) {
				t.Fatalf("%d of %d files loaded", len(results), len(tc.files))
			}
			rs, err := eval.New(l.Ruleset(), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]int{}
			for _, r := range l.Ruleset().Rules {
				got[r.Name] = 0
			}
			eng := detect.New(rs, detect.Options{Hostname: "test"})
			if _, err := detect.ReplayFile(ctx, eng, testenv.CorpusFile(t, "scap", tc.capture), func(m *detect.Match) {
				got[m.Rule.Name]++
			}); err != nil {
				t.Fatal(err)
			}
			if !sameCounts(got, tc.counts) {
				t.Errorf("alerts by rule:\n got %v\nwant %v", fmtCounts(got), fmtCounts(tc.counts))
			}
		})
	}
}

// taggedRules is Falco's tagged_rules.yaml: open_N alerts on /tmp/file-N; tags as Falco's tag tests use.
var taggedRules = func() string {
	tags := []string{"[a]", "[b]", "[c]", "[a, b]", "[a, c]", "[b, c]", "[a, b, c]", "[b, a]", "[c, a]", "[b, c, a]", "[d]", "[]", ""}
	s := "- macro: open_read\n  condition: (evt.type=open or evt.type=openat) and evt.is_open_read=true and fd.typechar='f'\n"
	for i, tg := range tags {
		n := itoa(i + 1)
		s += "- rule: open_" + n + "\n  desc: open " + n + "\n  condition: open_read and fd.name=/tmp/file-" + n +
			"\n  output: Open " + n + " (file=%fd.name)\n  priority: WARNING\n"
		if tg != "" {
			s += "  tags: " + tg + "\n"
		}
	}
	return s
}()

func itoa(i int) string {
	if i >= 10 {
		return string(rune('0'+i/10)) + string(rune('0'+i%10))
	}
	return string(rune('0' + i))
}

// tagCounts expects one alert for each listed open_N rule and none for the others.
func tagCounts(list string) map[string]int {
	m := map[string]int{}
	for i := 1; i <= 13; i++ {
		m["open_"+itoa(i)] = 0
	}
	for _, n := range strings.Split(list, ",") {
		m["open_"+n] = 1
	}
	return m
}

// sameCounts compares alert counts; a rule absent from want must not alert (it may be missing from got
// when a tag or name selection drops it).
func sameCounts(got, want map[string]int) bool {
	for k, v := range got {
		if want[k] != v {
			return false
		}
	}
	for k, v := range want {
		if got[k] != v {
			return false
		}
	}
	return true
}

func fmtCounts(m map[string]int) string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k + "=" + itoa(m[k]) + " ")
	}
	return b.String()
}
