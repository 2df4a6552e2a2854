package compile_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/aerie-sec/aerie/engine/compile"
	"github.com/aerie-sec/aerie/internal/testenv"
)

var corpusFiles = []string{"falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml", "falco-deprecated_rules.yaml"}

func readCorpus(t testing.TB) map[string][]byte {
	out := map[string][]byte{}
	for _, f := range corpusFiles {
		b, err := os.ReadFile(testenv.CorpusFile(t, "rules", f))
		if err != nil {
			t.Fatal(err)
		}
		out[f] = b
	}
	return out
}

func TestCorpusLoadsClean(t *testing.T) {
	files := readCorpus(t)
	check := func(t *testing.T, names ...string) *compile.Loader {
		l := compile.NewLoader(compile.Options{})
		for _, n := range names {
			res := l.Load(context.Background(), filepath.Base(n), files[n])
			if len(res.Errors) > 0 || len(res.Warnings) > 0 {
				t.Errorf("%s", res.Text(l.Contents(), true))
			}
		}
		return l
	}
	for _, f := range corpusFiles {
		t.Run(f, func(t *testing.T) { check(t, f) })
	}
	t.Run("all", func(t *testing.T) {
		l := check(t, corpusFiles...)
		if rs := l.Ruleset(); rs == nil || len(rs.Rules) != 25+31+37+4 {
			t.Errorf("rules: got %v", rs)
		}
	})
}
