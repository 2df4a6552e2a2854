package rulesets_test

import (
	"bytes"
	"context"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/aerie-sec/aerie/bpf/probe"
	"github.com/aerie-sec/aerie/engine/compile"
	"github.com/aerie-sec/aerie/engine/detect"
	"github.com/aerie-sec/aerie/engine/eval"
	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/extract"
	"github.com/aerie-sec/aerie/internal/testenv"
	"github.com/aerie-sec/aerie/rulesets"
	"github.com/aerie-sec/aerie/rulesets/internal/scenario"
)

// maturity is the maturity tag every rule of each file carries first.
var maturity = map[string]string{
	"aerie_rules.yaml":            "maturity_stable",
	"aerie-incubating_rules.yaml": "maturity_incubating",
}

func loadStrict(t *testing.T, files []compile.File) *compile.Ruleset {
	t.Helper()
	l := compile.NewLoader(compile.Options{})
	results := l.LoadAll(context.Background(), files)
	if len(results) != len(files) {
		t.Fatalf("%d load results for %d files", len(results), len(files))
	}
	for _, r := range results {
		if len(r.Errors)+len(r.Warnings) > 0 {
			t.Errorf("%s", r.Text(l.Contents(), true))
		}
	}
	if l.Ruleset() == nil {
		t.Fatal("no ruleset")
	}
	return l.Ruleset()
}

// TestLoadStrict loads the embedded files together, in order, and each file alone: no errors and no
// warnings in any case, as the rules repository's CI demands of each file.
func TestLoadStrict(t *testing.T) {
	all := rulesets.Files()
	if got := len(all); got != len(rulesets.Names()) || got != len(maturity) {
		t.Fatalf("%d files, names %v", got, rulesets.Names())
	}
	rs := loadStrict(t, all)
	if len(rs.Rules) < 40 || len(rs.Rules) > 60 {
		t.Errorf("%d rules, want 40-60", len(rs.Rules))
	}
	for _, f := range all {
		t.Run(f.Name, func(t *testing.T) { loadStrict(t, []compile.File{f}) })
	}
	l := compile.NewLoader(compile.Options{})
	for _, r := range rulesets.Load(context.Background(), l) {
		if !r.Successful() || len(r.Warnings) > 0 {
			t.Errorf("Load: %s", r.Text(l.Contents(), true))
		}
	}
}

type item struct {
	Macro     string `yaml:"macro"`
	List      string `yaml:"list"`
	Rule      string `yaml:"rule"`
	Condition string `yaml:"condition"`
	Items     []string
	Tags      []string `yaml:"tags"`
	Desc      string   `yaml:"desc"`
	Priority  string   `yaml:"priority"`
	Enabled   *bool    `yaml:"enabled"`
}

func items(t *testing.T, name string) []item {
	t.Helper()
	b, err := fs(name)
	if err != nil {
		t.Fatal(err)
	}
	var out []item
	if err := yaml.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func fs(name string) ([]byte, error) {
	f, err := rulesets.FS().Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var buf bytes.Buffer
	_, err = buf.ReadFrom(f)
	return buf.Bytes(), err
}

// TestConventions checks the rules repository's style: the maturity tag of the file first, a host
// or container tag, a MITRE tactic and technique, a description, and shared building blocks repeated
// word for word in both files.
func TestConventions(t *testing.T) {
	shared := map[string]item{}
	seen := map[string]bool{}
	for _, name := range rulesets.Names() {
		for _, it := range items(t, name) {
			switch {
			case it.Rule != "":
				if seen[it.Rule] {
					t.Errorf("%s: rule %q defined twice", name, it.Rule)
				}
				seen[it.Rule] = true
				if len(it.Tags) == 0 || it.Tags[0] != maturity[name] {
					t.Errorf("%s: rule %q: first tag %v, want %s", name, it.Rule, it.Tags, maturity[name])
				}
				var where, tactic, technique bool
				for _, tag := range it.Tags {
					where = where || tag == "host" || tag == "container"
					tactic = tactic || strings.HasPrefix(tag, "mitre_")
					technique = technique || (len(tag) > 1 && tag[0] == 'T' && tag[1] >= '0' && tag[1] <= '9')
				}
				if !where || !tactic || !technique {
					t.Errorf("%s: rule %q: tags %v lack host/container, mitre_ tactic or T technique", name, it.Rule, it.Tags)
				}
				if len(it.Desc) < 60 {
					t.Errorf("%s: rule %q: description too short", name, it.Rule)
				}
				if it.Enabled != nil {
					t.Errorf("%s: rule %q: default rules are all enabled", name, it.Rule)
				}
			case it.Macro != "" || it.List != "":
				key := "macro " + it.Macro + it.List
				if it.List != "" {
					key = "list " + it.List
				}
				if prev, ok := shared[key]; ok && (prev.Condition != it.Condition || !slices.Equal(prev.Items, it.Items)) {
					t.Errorf("%s: %s differs from its earlier definition", name, key)
				}
				shared[key] = it
			}
		}
	}
}

// TestProbeCompatible checks that every rule can fire live: its condition uses only fields Aerie
// extracts natively, and only event types the eBPF probe reports.
func TestProbeCompatible(t *testing.T) {
	rs := loadStrict(t, rulesets.Files())
	live := map[string]bool{}
	for _, ty := range probe.EventTypes() {
		if info, ok := event.Lookup(ty); ok {
			live[info.Name] = true
		}
	}
	for _, r := range rs.Describe().Rules {
		for _, f := range r.Details.ConditionFields {
			if i := strings.IndexByte(f, '['); i > 0 && strings.HasSuffix(f, "]") {
				f = f[:i] // an argument, as in proc.env[HOME]
			}
			argField := strings.HasPrefix(f, "evt.arg.") || strings.HasPrefix(f, "evt.rawarg.")
			if i := strings.LastIndexByte(f, '.'); !extract.Supported(f) && (i < 0 || !argField || !extract.Supported(f[:i])) {
				t.Errorf("rule %q: condition field %s is not extracted natively", r.Info.Name, f)
			}
		}
		if len(r.Details.Events) == 0 {
			t.Errorf("rule %q: no event types", r.Info.Name)
		}
		for _, e := range r.Details.Events {
			if !live[e] {
				t.Errorf("rule %q: event type %s is not reported by the probe", r.Info.Name, e)
			}
		}
	}
}

func replay(t *testing.T, rs *eval.Ruleset, path string, all bool) map[string]int {
	t.Helper()
	eng := detect.New(rs, detect.Options{Hostname: "aerie-test", MatchAll: all})
	got := map[string]int{}
	_, err := detect.ReplayFile(context.Background(), eng, path, func(m *detect.Match) {
		got[m.Rule.Name]++
		if testing.Verbose() && all {
			t.Logf("%s: %s", m.Rule.Name, m.Rule.Alert(m.Ctx, "aerie-test").Message)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestCaptures replays each rule's capture through the embedded ruleset with every matching rule
// reported (rule_matching: all): the capture raises its rule exactly the expected number of times and
// no other rule, although it also holds benign look-alike events. The benign capture, which joins
// the benign part of every scenario, raises nothing.
func TestCaptures(t *testing.T) {
	rs, _, err := rulesets.Compile(context.Background(), eval.Options{})
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, s := range scenario.All() {
		covered[s.Rule] = true
		t.Run(s.Name, func(t *testing.T) {
			want := map[string]int{s.Rule: s.Count}
			if got := replay(t, rs, filepath.Join("testdata", s.Name+".scap"), true); !maps.Equal(got, want) {
				t.Errorf("alerts %v, want %v", got, want)
			}
			// Falco's default, first match only, gives the same alerts since no two rules overlap.
			if got := replay(t, rs, filepath.Join("testdata", s.Name+".scap"), false); !maps.Equal(got, want) {
				t.Errorf("first-match alerts %v, want %v", got, want)
			}
		})
	}
	t.Run(scenario.BenignName, func(t *testing.T) {
		if got := replay(t, rs, filepath.Join("testdata", scenario.BenignName+".scap"), true); len(got) != 0 {
			t.Errorf("benign capture raised %v", got)
		}
	})
	for _, r := range rs.Rules() {
		if !covered[r.Name] {
			t.Errorf("rule %q has no capture", r.Name)
		}
	}
	if len(covered) != len(rs.Rules()) {
		t.Errorf("%d scenarios cover %d rules; the ruleset has %d", len(scenario.All()), len(covered), len(rs.Rules()))
	}
}

// TestCapturesUpToDate checks that the committed captures are what the generator writes now; run
// `go generate ./rulesets` after changing a scenario.
func TestCapturesUpToDate(t *testing.T) {
	check := func(name string, want []byte, err error) {
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join("testdata", name+".scap"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("testdata/%s.scap is stale: run go generate ./rulesets", name)
		}
	}
	names := map[string]bool{scenario.BenignName + ".scap": true}
	for _, s := range scenario.All() {
		b, err := s.Build()
		check(s.Name, b, err)
		names[s.Name+".scap"] = true
	}
	b, err := scenario.BuildBenign()
	check(scenario.BenignName, b, err)
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !names[e.Name()] {
			t.Errorf("testdata/%s is not generated by any scenario", e.Name())
		}
	}
}

// TestWriteDir checks that the materialised files load as the embedded ones do.
func TestWriteDir(t *testing.T) {
	paths, err := rulesets.WriteDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	rs, results, err := detect.Compile(context.Background(), paths, eval.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if len(r.Warnings) > 0 {
			t.Errorf("%s: %d warnings", r.Name, len(r.Warnings))
		}
	}
	if got, want := len(rs.Rules()), len(loadStrict(t, rulesets.Files()).Rules); got != want {
		t.Errorf("%d rules from disk, %d embedded", got, want)
	}
}

// TestTuning checks the tuning recipe of the README: a later file appends to a list of the defaults.
func TestTuning(t *testing.T) {
	tune := compile.File{Name: "local_rules.yaml", Content: []byte(`
- list: aerie_server_programs
  items: [node]
  override:
    items: append
`)}
	loadStrict(t, append(rulesets.Files(), tune))
}

// TestSysdigAgrees replays every capture through Debian's sysdig 0.29.3 and through Aerie's filter
// path, and checks that each exit event sysdig shows reads the same in Aerie: event type, process,
// parent, container, command line, and the file name of file fds. sysdig's libscap drops event types
// from 336 up (finit_module, memfd_create), which Aerie shows in addition.
func TestSysdigAgrees(t *testing.T) {
	sysdig := testenv.Tool(t, "sysdig")
	checks := []struct{ filter, format string }{
		{"evt.dir=<", "*%evt.type %proc.name %proc.pname %container.id %proc.cmdline"},
		{"evt.dir=< and fd.typechar=f", "*%evt.type %proc.name %fd.name"},
	}
	for _, s := range append(scenario.All(), scenario.Scenario{Name: scenario.BenignName}) {
		path := filepath.Join("testdata", s.Name+".scap")
		for _, c := range checks {
			out, err := exec.Command(sysdig, "-r", path, "-p", c.format, c.filter).Output()
			if err != nil {
				t.Fatalf("sysdig -r %s: %v", path, err)
			}
			ex, err := eval.CompileExpression(context.Background(), c.filter, strings.TrimPrefix(c.format, "*"))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := detect.FilterFile(context.Background(), detect.New(nil, detect.Options{}), ex, path, true, &buf); err != nil {
				t.Fatal(err)
			}
			// sysdig's lines must appear in Aerie's, in order (Aerie also shows the types sysdig drops).
			ours := strings.Split(strings.TrimSpace(buf.String()), "\n")
			theirs := strings.Split(strings.TrimSpace(string(out)), "\n")
			i := 0
			for _, l := range theirs {
				if l == "" {
					continue
				}
				for i < len(ours) && ours[i] != l {
					i++
				}
				if i == len(ours) {
					t.Errorf("%s: sysdig shows %q, which Aerie does not show in that order", path, l)
					break
				}
				i++
			}
			if len(theirs) < 2 && c.filter == "evt.dir=<" {
				t.Errorf("%s: sysdig shows only %q", path, theirs)
			}
		}
	}
}

// TestCorpusQuiet replays the shared libs test captures (ordinary programs: cat, curl, ping, file
// opens) through the default rules: none of them may raise an alert.
func TestCorpusQuiet(t *testing.T) {
	rs, _, err := rulesets.Compile(context.Background(), eval.Options{})
	if err != nil {
		t.Fatal(err)
	}
	caps, err := filepath.Glob(filepath.Join(testenv.Corpus(t), "scap", "*.scap"))
	if err != nil || len(caps) == 0 {
		t.Fatalf("no shared captures: %v", err)
	}
	for _, c := range caps {
		if got := replay(t, rs, c, true); len(got) != 0 {
			t.Errorf("%s raised %v", filepath.Base(c), got)
		}
	}
}
