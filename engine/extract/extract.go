package extract

import (
	"fmt"
	"strconv"

	"github.com/aerie-sec/aerie/engine/fields"
)

// Func extracts value number i of a field into v (i is 0 for single-valued fields) and reports whether
// there was one.
type Func func(c *Ctx, i int, v *Value) bool

// Extractor reads one resolved field reference.
type Extractor struct {
	Ref  fields.Ref
	Kind Kind
	// Multi marks fields with several values per event (proc.aname without index, fd.ip, fd.port,
	// fd.net): a comparison holds when it holds for any value.
	Multi bool
	// AllForNE marks multi-valued fields whose "!=" holds only when no value equals (fd.ip, fd.net,
	// fd.port compare both ends of a socket so), rather than when any value differs.
	AllForNE bool
	fn       Func
	// contains, when set, builds a test of "contains sub" that does not render the value (see Contains).
	contains func(sub string) func(c *Ctx) (found, ok bool)
}

// Contains returns a function reporting whether the field's value contains sub and whether there was a
// value, with the results of Get followed by strings.Contains, but without rendering the value; nil when
// the field has no such fast path for sub.
func (e *Extractor) Contains(sub string) func(c *Ctx) (found, ok bool) {
	if e.contains == nil {
		return nil
	}
	return e.contains(sub)
}

// Func returns the extraction function itself, for callers that set the value kind once.
func (e *Extractor) Func() Func { return e.fn }

// Get extracts value i into v.
func (e *Extractor) Get(c *Ctx, i int, v *Value) bool {
	v.Kind = e.Kind
	if e.Kind == Net {
		v.Kind = Net
	}
	return e.fn(c, i, v)
}

// builder makes the extraction function for one field reference.
type builder func(ref fields.Ref) (Func, bool, error)

// New returns the extractor for a resolved field reference. Fields of the registry that events and state
// cannot supply (container metadata beyond the id, k8s, resource usage) get an extractor that never yields,
// so comparisons on them are false, as in Falco without the metadata source.
func New(ref fields.Ref) (*Extractor, error) {
	if ref.Field == nil {
		return nil, fmt.Errorf("extract: nil field reference")
	}
	e := &Extractor{Ref: ref, Kind: KindOf(ref.Field.Type)}
	b, ok := builders[ref.Field.Name]
	if !ok {
		e.fn = never
		return e, nil
	}
	fn, multi, err := b(ref)
	if err != nil {
		return nil, fmt.Errorf("extract %s: %w", ref, err)
	}
	e.fn, e.Multi = fn, multi
	switch ref.Field.Name {
	case "fd.ip", "fd.net", "fd.port":
		e.AllForNE = true
	case "evt.arg":
		if _, err := strconv.Atoi(ref.Arg); err != nil {
			idx := paramIndexes(ref.Arg)
			e.contains = func(sub string) func(c *Ctx) (bool, bool) { return flagsContains(idx, fn, sub) }
		}
	}
	return e, nil
}

// Supported reports whether the field has an extractor that can yield values.
func Supported(name string) bool {
	_, ok := builders[name]
	return ok
}

func never(*Ctx, int, *Value) bool { return false }

// single adapts a function without an index to Func.
func single(f func(c *Ctx, v *Value) bool) builder {
	return func(fields.Ref) (Func, bool, error) {
		return func(c *Ctx, i int, v *Value) bool { return i == 0 && f(c, v) }, false, nil
	}
}

// direct adapts an extraction function that checks its index itself.
func direct(f Func) builder {
	return func(fields.Ref) (Func, bool, error) { return f, false, nil }
}

// index parses a numeric field argument.
func index(ref fields.Ref) (int, error) {
	n, err := strconv.Atoi(ref.Arg)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("invalid index %q", ref.Arg)
	}
	return n, nil
}
