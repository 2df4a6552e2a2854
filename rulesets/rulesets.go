package rulesets

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/aerie-sec/aerie/engine/compile"
	"github.com/aerie-sec/aerie/engine/detect"
	"github.com/aerie-sec/aerie/engine/eval"
	lr "github.com/aerie-sec/aerie/engine/loadresult"
)

//go:embed aerie_rules.yaml aerie-incubating_rules.yaml
var files embed.FS

// names are the embedded rules files in load order: stable, then incubating.
var names = []string{"aerie_rules.yaml", "aerie-incubating_rules.yaml"}

// FS returns the embedded rules files; Names gives their load order.
func FS() fs.FS { return files }

// Names returns the names of the embedded rules files in load order.
func Names() []string { return append([]string(nil), names...) }

// Files returns the embedded rules files with their content, in load order, ready for
// [compile.Loader.LoadAll].
func Files() []compile.File {
	out := make([]compile.File, len(names))
	for i, n := range names {
		b, err := files.ReadFile(n)
		if err != nil {
			panic("rulesets: embedded file missing: " + n) // impossible: the embed directive lists it
		}
		out[i] = compile.File{Name: n, Content: b}
	}
	return out
}

// Load loads the embedded files in order into l, as [compile.Loader.LoadAll] does, and returns
// each file's load result. The files load with no errors and no warnings; l's ruleset then holds
// them together with whatever l had loaded before.
func Load(ctx context.Context, l *compile.Loader) []*lr.Result {
	return l.LoadAll(ctx, Files())
}

// Compile loads the embedded files into a new loader and builds the runnable ruleset with opts,
// as [detect.Compile] does for files on disk. On a load failure the error wraps [detect.ErrLoad].
func Compile(ctx context.Context, opts eval.Options) (*eval.Ruleset, []*lr.Result, error) {
	l := compile.NewLoader(compile.Options{})
	results := Load(ctx, l)
	for _, r := range results {
		if !r.Successful() {
			return nil, results, fmt.Errorf("%w: %s", detect.ErrLoad, r.Text(l.Contents(), false))
		}
	}
	rs, err := eval.New(l.Ruleset(), opts)
	if err != nil {
		return nil, results, fmt.Errorf("build default ruleset: %w", err)
	}
	return rs, results, nil
}

// WriteDir writes the embedded files into dir (which must exist) and returns their paths in load
// order, for consumers that load rules by path.
func WriteDir(dir string) ([]string, error) {
	var paths []string
	var errs []error
	for _, f := range Files() {
		p := filepath.Join(dir, f.Name)
		if err := os.WriteFile(p, f.Content, 0o644); err != nil {
			errs = append(errs, fmt.Errorf("write rules file: %w", err))
			continue
		}
		paths = append(paths, p)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return paths, nil
}
