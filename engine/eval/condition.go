package eval

import (
	"context"
	"errors"
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/aerie-sec/aerie/engine/compile"
)

// Expression is a standalone filter expression (sysdig's filter argument) with an optional output
// format (sysdig's -p), compiled with the rules compiler: no macros or lists, fields and operators
// type-checked.
type Expression struct {
	Filter Filter
	// Format renders the event; nil when no format was given.
	Format *Format
}

// CompileExpression compiles a filter expression and, when format is not empty, an output format
// ("%evt.num %proc.name"). Errors carry the compiler's message.
func CompileExpression(ctx context.Context, filter, format string) (*Expression, error) {
	if format == "" {
		format = "%evt.num"
	}
	doc := []map[string]any{{
		"rule": "filter", "desc": "command-line filter", "priority": "DEBUG",
		"condition": filter, "output": format, "warn_evttypes": false,
	}}
	b, err := yaml.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("compile filter: %w", err)
	}
	l := compile.NewLoader(compile.Options{})
	res := l.Load(ctx, "filter", b)
	if !res.Successful() || l.Ruleset() == nil || len(l.Ruleset().Rules) != 1 {
		var errs []error
		for _, m := range res.Errors {
			errs = append(errs, errors.New(m.Message))
		}
		return nil, fmt.Errorf("compile filter %q: %w", filter, errors.Join(errs...))
	}
	r := l.Ruleset().Rules[0]
	f, err := Compile(r.Condition)
	if err != nil {
		return nil, fmt.Errorf("compile filter %q: %w", filter, err)
	}
	fm, err := CompileFormat(r.Output)
	if err != nil {
		return nil, fmt.Errorf("compile format %q: %w", format, err)
	}
	return &Expression{Filter: f, Format: fm}, nil
}

// AppendIfComplete renders the format like Append, but reports false when a field could not be
// extracted (sysdig prints such lines only when the format starts with '*').
func (f *Format) AppendIfComplete(b []byte, c *extractCtx) ([]byte, bool) {
	var v extractValue
	for i := range f.segs {
		s := &f.segs[i]
		if s.field == nil {
			b = append(b, s.literal...)
			continue
		}
		start := len(b)
		if !s.field.get(c, 0, &v) {
			return b, false
		}
		v.Kind = s.field.kind
		b = v.Append(b)
		for n := len(b) - start; n < s.width; n++ {
			b = append(b, ' ')
		}
	}
	return b, true
}
