package eval

import (
	"fmt"

	"github.com/aerie-sec/aerie/engine/compile"
	"github.com/aerie-sec/aerie/engine/extract"
	"github.com/aerie-sec/aerie/engine/output"
)

// NA is what outputs print for a field that cannot be extracted.
const NA = "<NA>"

type segment struct {
	literal string
	text    string
	width   int
	field   *operand
}

func compileOutput(segs []compile.Segment) ([]segment, error) {
	out := make([]segment, 0, len(segs))
	for _, s := range segs {
		if s.Field == nil {
			out = append(out, segment{literal: s.Literal})
			continue
		}
		op, err := compileOperand(s.Field)
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", s.Text, err)
		}
		out = append(out, segment{text: s.Text, width: s.Width, field: op})
	}
	return out, nil
}

// Format is a compiled output format: literals and fields.
type Format struct{ segs []segment }

// CompileFormat compiles output segments (as the rules compiler produces them) for AppendFormat.
func CompileFormat(segs []compile.Segment) (*Format, error) {
	s, err := compileOutput(segs)
	if err != nil {
		return nil, err
	}
	return &Format{segs: s}, nil
}

// Append renders the format for the event in c; fields that cannot be extracted print as <NA>.
func (f *Format) Append(b []byte, c *extract.Ctx) []byte { return appendSegs(b, f.segs, c, nil) }

func appendSegs(b []byte, segs []segment, c *extract.Ctx, fieldsOut *[]output.Field) []byte {
	var v extract.Value
	for i := range segs {
		s := &segs[i]
		if s.field == nil {
			b = append(b, s.literal...)
			continue
		}
		start := len(b)
		ok := s.field.get(c, 0, &v)
		v.Kind = s.field.kind
		if ok {
			b = v.Append(b)
		} else {
			b = append(b, NA...)
		}
		for n := len(b) - start; n < s.width; n++ {
			b = append(b, ' ')
		}
		if fieldsOut != nil {
			var val any
			if ok {
				val = v.Any()
			}
			*fieldsOut = append(*fieldsOut, output.Field{Name: s.text, Value: val})
		}
	}
	return b
}

// Alert renders the rule's output for the event in c into an alert (it allocates; alerts are rare).
func (r *Rule) Alert(c *extract.Ctx, hostname string) *output.Event {
	e := &output.Event{
		Time:     timeOf(c.Ev.Ts),
		Rule:     r.Name,
		Priority: r.Priority,
		Source:   "syscall",
		Hostname: hostname,
		Tags:     r.Tags,
	}
	msg := appendSegs(nil, r.output, c, &e.Fields)
	e.Message = string(msg)
	return e
}
