package detect

import (
	"context"
	"errors"
	"fmt"

	"github.com/aerie-sec/aerie/engine/compile"
	"github.com/aerie-sec/aerie/engine/eval"
	lr "github.com/aerie-sec/aerie/engine/loadresult"
)

// ErrLoad reports that a rules file failed to load; the results say why.
var ErrLoad = errors.New("rules load failed")

// Compile loads rules files in order into one ruleset, as Falco does, and builds its runnable form. It
// returns every file's load result; on failure the error wraps ErrLoad.
func Compile(ctx context.Context, paths []string, opts eval.Options) (*eval.Ruleset, []*lr.Result, error) {
	l := compile.NewLoader(compile.Options{})
	results := l.LoadFiles(ctx, paths)
	for _, res := range results {
		if !res.Successful() {
			return nil, results, fmt.Errorf("load %s: %w", res.Name, ErrLoad)
		}
	}
	rs, err := eval.New(l.Ruleset(), opts)
	if err != nil {
		return nil, results, err
	}
	return rs, results, nil
}

// Reload compiles the rules files and, only if everything compiles, swaps the result in; otherwise the
// running ruleset stays and the error says why.
func (e *Engine) Reload(ctx context.Context, paths []string, opts eval.Options) ([]*lr.Result, error) {
	rs, results, err := Compile(ctx, paths, opts)
	if err != nil {
		return results, fmt.Errorf("reload rules: %w", err)
	}
	e.Swap(rs)
	return results, nil
}
