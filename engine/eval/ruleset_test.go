package eval

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/aerie-sec/aerie/engine/compile"
	"github.com/aerie-sec/aerie/internal/testenv"
)

// upstream are the four upstream rules files, in Falco's load order.
var upstream = []string{"falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml", "falco-deprecated_rules.yaml"}

func loadUpstream(t testing.TB) *compile.Ruleset {
	t.Helper()
	l := compile.NewLoader(compile.Options{})
	for _, f := range upstream {
		b, err := os.ReadFile(testenv.CorpusFile(t, "rules", f))
		if err != nil {
			t.Fatal(err)
		}
		res := l.Load(context.Background(), f, b)
		if !res.Successful() {
			t.Fatalf("load %s: %v", f, res)
		}
	}
	return l.Ruleset()
}

func TestUpstreamBuilds(t *testing.T) {
	crs := loadUpstream(t)
	rs, err := New(crs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	enabled := 0
	for _, r := range crs.Rules {
		if r.Enabled {
			enabled++
		}
	}
	if len(rs.Rules()) != enabled || enabled < 80 {
		t.Fatalf("%d rules built, %d enabled", len(rs.Rules()), enabled)
	}
	all, err := New(crs, Options{Tags: []string{"maturity_sandbox"}})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(all.Rules()); n != 37 {
		t.Fatalf("-t maturity_sandbox selected %d rules, want 37 (disabled ones included, as Falco)", n)
	}
	if _, err := New(crs, Options{Tags: []string{"x"}, Disabled: []string{"y"}}); !errors.Is(err, ErrTagConflict) {
		t.Fatalf("-t with -D: %v", err)
	}
}
