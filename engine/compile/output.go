package compile

import (
	"fmt"
	"strings"

	"github.com/aerie-sec/aerie/engine/condition/ast"
	"github.com/aerie-sec/aerie/engine/condition/parser"
)

// output compiles an output format into segments.
func (c *compiler) output(format string) ([]Segment, []string, error) {
	var segs []Segment
	var names []string
	lit := strings.Builder{}
	flush := func() {
		if lit.Len() > 0 {
			segs = append(segs, Segment{Literal: lit.String()})
			lit.Reset()
		}
	}
	tc := &checker{l: c.l}
	for i := 0; i < len(format); i++ {
		ch := format[i]
		if ch != '%' {
			lit.WriteByte(ch)
			continue
		}
		if i == len(format)-1 {
			return nil, nil, fmt.Errorf("invalid formatting syntax: formatting cannot end with a %%")
		}
		j := i + 1
		width := 0
		for j < len(format) && format[j] >= '0' && format[j] <= '9' {
			width = width*10 + int(format[j]-'0')
			j++
		}
		var expr string
		var end int
		if j < len(format) && format[j] == '(' {
			k := matchParen(format, j)
			if k < 0 {
				return nil, nil, fmt.Errorf("unknown filter: %s", format[j:])
			}
			expr, end = format[j+1:k], k+1
		} else {
			expr, end = c.fieldPrefix(format, j)
			if expr == "" {
				return nil, nil, fmt.Errorf("unknown filter: %s", tokenAt(format, j))
			}
		}
		var op Operand
		var err error
		if !strings.ContainsAny(expr, "() ") {
			name, arg, hasArg := expr, "", false
			if k := strings.IndexByte(expr, '['); k > 0 && strings.HasSuffix(expr, "]") {
				name, arg, hasArg = expr[:k], expr[k+1:len(expr)-1], true
			}
			ref, rerr := c.l.reg.Resolve(name, arg, hasArg)
			if rerr != nil {
				return nil, nil, fmt.Errorf("unknown filter: %s", expr)
			}
			flush()
			segs = append(segs, Segment{Field: &FieldOperand{Ref: ref}, Text: expr, Width: width})
			names = append(names, expr)
			i = end - 1
			continue
		}
		e, err := parser.Parse(expr + " exists")
		if err == nil {
			if chk, ok := e.(*ast.Check); ok {
				op, err = tc.operand(chk.LHS, false)
			} else {
				err = fmt.Errorf("unknown filter: %s", expr)
			}
		}
		if err != nil {
			return nil, nil, fmt.Errorf("unknown filter: %s", expr)
		}
		flush()
		segs = append(segs, Segment{Field: op, Text: strings.TrimSpace(expr), Width: width})
		names = append(names, strings.TrimSpace(expr))
		i = end - 1
	}
	flush()
	return segs, names, nil
}

func tokenAt(s string, i int) string {
	j := i
	for j < len(s) && s[j] != ' ' {
		j++
	}
	return s[i:j]
}

func matchParen(s string, i int) int {
	depth := 0
	for k := i; k < len(s); k++ {
		switch s[k] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return k
			}
		}
	}
	return -1
}

// fieldPrefix returns the longest valid field expression (field, field[arg] or transformer call) at s[i:].
func (c *compiler) fieldPrefix(s string, i int) (string, int) {
	j := i
	for j < len(s) && (isFieldChar(s[j])) {
		j++
	}
	if j < len(s) && s[j] == '(' {
		if k := matchParen(s, j); k > 0 {
			end := k + 1
			if end < len(s) && s[end] == '[' {
				if m := strings.IndexByte(s[end:], ']'); m > 0 {
					end += m + 1
				}
			}
			return s[i:end], end
		}
	}
	for j > i {
		name := s[i:j]
		end := j
		arg, hasArg := "", false
		if j < len(s) && s[j] == '[' {
			if m := strings.IndexByte(s[j:], ']'); m > 0 {
				arg, hasArg = s[j+1:j+m], true
				end = j + m + 1
			}
		}
		if _, err := c.l.reg.Resolve(name, arg, hasArg); err == nil {
			return s[i:end], end
		}
		if hasArg {
			if _, err := c.l.reg.Resolve(name, "", false); err == nil {
				return name, j
			}
		}
		k := strings.LastIndexByte(name, '.')
		if k <= 0 {
			break
		}
		j = i + k
	}
	return "", i
}

func isFieldChar(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == '.'
}
