package compile_test

import (
	"context"
	"testing"

	"github.com/aerie-sec/aerie/engine/compile"
	lr "github.com/aerie-sec/aerie/engine/loadresult"
)

// FuzzLoad checks that malformed rules files never panic and that every error carries a positioned context.
func FuzzLoad(f *testing.F) {
	seeds := []string{
		baseRule,
		"- list: l\n  items: [a, b]\n- macro: m\n  condition: proc.name in (l)\n" + baseRule + "  exceptions:\n    - name: e\n      fields: [proc.name, fd.name]\n      comps: [=, startswith]\n      values: [[a, /tmp]]\n",
		"- required_engine_version: 0.31.0\n- required_plugin_versions:\n  - name: container\n    version: 0.4.0\n    alternatives: [{name: x, version: 1.0.0}]\n",
		baseRule + "- rule: r\n  condition: and proc.name=x\n  override:\n    condition: append\n",
		"- rule: r\n  enabled: false\n",
		"- macro: [\n",
		"---\n- list: a\n  items: []\n---\n- foo: 1\n",
		"- rule: r\n  desc: d\n  condition: evt.type in (open, openat) and not fd.name pmatch (/etc)\n  output: \"%proc.name %fd.name %\"\n  priority: info\n",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l := compile.NewLoader(compile.Options{})
		res := l.Load(context.Background(), "fuzz.yaml", []byte(s))
		for _, m := range append(append([]loadMessage{}, toMsgs(res.Errors)...), toMsgs(res.Warnings)...) {
			if len(m.locs) == 0 || m.locs[0] != "fuzz.yaml" {
				t.Fatalf("message without file location: %+v", m)
			}
		}
		// Rendering never panics.
		_ = res.Text(l.Contents(), true)
		_ = res.JSON(l.Contents())
		if rs := l.Ruleset(); rs != nil {
			_ = rs.Describe()
		}
	})
}

type loadMessage struct {
	msg  string
	locs []string
}

func toMsgs(ms []lr.Message) []loadMessage {
	var out []loadMessage
	for _, m := range ms {
		lm := loadMessage{msg: m.Message}
		for _, l := range m.Context.Locations {
			lm.locs = append(lm.locs, l.Position.Name)
		}
		out = append(out, lm)
	}
	return out
}
