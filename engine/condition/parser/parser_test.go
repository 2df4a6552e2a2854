package parser

import (
	"errors"
	"strings"
	"testing"

	"github.com/aerie-sec/aerie/engine/condition/ast"
)

func TestParseValid(t *testing.T) {
	tests := []struct{ in, want string }{
		{"proc.name = bash", "proc.name = bash"},
		{"proc.name=bash", "proc.name = bash"},
		{"a and b or c", "((a and b) or c)"},
		{"a or b and c", "(a or (b and c))"},
		{"not a and b", "(not a and b)"},
		{"not (a and b)", "not (a and b)"},
		{"not not a", "a"},
		{"not(a)", "not a"},
		{"a and (b or c) and d", "(a and (b or c) and d)"},
		{"evt.type in (open, openat)", "evt.type in (open, openat)"},
		{"evt.type in ()", "evt.type in ()"},
		{`proc.name in ("a b", 'c')`, `proc.name in ("a b", c)`},
		{"proc.aname[2] = sh", "proc.aname[2] = sh"},
		{`proc.env["HOME"] exists`, "proc.env[HOME] exists"},
		{"evt.arg.fd < 0", "evt.arg.fd < 0"},
		{"fd.sport >= 0x10", "fd.sport >= 0x10"},
		{"proc.name exists", "proc.name exists"},
		{"proc.name exists and x", "(proc.name exists and x)"},
		{"(proc.name exists)", "proc.name exists"},
		{"proc.name startswith oneof (a, b)", "proc.name startswith oneof (a, b)"},
		{"tolower(proc.name) = bash", "tolower(proc.name) = bash"},
		{"proc.name = val(proc.pname)", "proc.name = val(proc.pname)"},
		{"proc.name = toupper(proc.pname)", "proc.name = toupper(proc.pname)"},
		{"len(proc.args) > 3", "len(proc.args) > 3"},
		{`join(",", proc.name) = x`, "join(\",\", proc.name) = x"},
		{"concat(proc.name, proc.pname) = x", "concat(proc.name, proc.pname) = x"},
		{`getopt(proc.args, "a:b")[a] = x`, "getopt(proc.args, a:b)[a] = x"},
		{"proc.name=proc.pname", "proc.name = proc.pname"},
		{`proc.cmdline contains "\x41\n"`, `proc.cmdline contains "A\n"`},
		{"evt.dir=<", "evt.dir = <"},
		{"fd.name pmatch (/etc, /usr)", "fd.name pmatch (/etc, /usr)"},
		{"a\n  and\tb", "(a and b)"},
		{"notmacro", "notmacro"},
		{"evt.num = -1.5e+3", "evt.num = -1.5e+3"},
		{"proc.name = oneof", "proc.name = oneof"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			e, err := Parse(tc.in)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got := ast.String(e); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in       string
		msg      string
		line, co int
	}{
		{"evt.type=open xyz", "unexpected token after 'open', expecting 'or', 'and'", 1, 15},
		{"", "expected a '(' token, a field check, or an identifier", 1, 1},
		{"(a", "expected a ')' token", 1, 3},
		{"proc.name", "expected a valid check operator: one of exists, <=, <, >=, >, ==, =, !=, glob, iglob, contains, icontains, bcontains, startswith, bstartswith, endswith, regex, intersects, in, pmatch", 1, 10},
		{"proc.name containsx", "expected a valid check operator: one of exists, <=, <, >=, >, ==, =, !=, glob, iglob, contains, icontains, bcontains, startswith, bstartswith, endswith, regex, intersects, in, pmatch", 1, 11},
		{"proc.pid > abc", "expected a number value", 1, 12},
		{"proc.name = ", "expected a string value", 1, 13},
		{"proc.name in a", "expected a list value", 1, 14},
		{"proc.name in (a,", "expected a list value", 1, 17},
		{"proc.name in (a b)", "expected a ')' token", 1, 17},
		{`proc.name = "abc`, "expected a string value", 1, 13},
		{"proc.aname[ = x", "expected a valid field argument: a quoted string or a bare string", 1, 12},
		{"proc.aname[2 = x", "expected a ']' token", 1, 13},
		{"a and\nb c", "unexpected token after 'b', expecting 'or', 'and'", 2, 3},
		{"a and", "expected a '(' token, a field check, or an identifier", 1, 6},
		{strings.Repeat("(", MaxDepth) + "a" + strings.Repeat(")", MaxDepth), "exceeded max depth limit of 1000", 1, 251},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			_, err := Parse(tc.in)
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want a *Error", err)
			}
			if pe.Msg != tc.msg || pe.Pos.Line != tc.line || pe.Pos.Col != tc.co {
				t.Errorf("got %d:%d %q\nwant %d:%d %q", pe.Pos.Line, pe.Pos.Col, pe.Msg, tc.line, tc.co, tc.msg)
			}
		})
	}
}

func TestOperators(t *testing.T) {
	for _, op := range []string{"in", "pmatch", "intersects", "startswith oneof", "= anyof"} {
		if !IsListOperator(op) {
			t.Errorf("IsListOperator(%q) = false", op)
		}
	}
	for _, op := range []string{"=", "contains", "in oneof", "exists"} {
		if IsListOperator(op) {
			t.Errorf("IsListOperator(%q) = true", op)
		}
	}
	if IsOperator("like") || !IsOperator("bstartswith") || !IsOperator("glob allof") {
		t.Error("IsOperator")
	}
}

// FuzzParse checks that malformed conditions never panic and always yield a positioned error.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"evt.type = open and proc.name in (a, b)", "not (a or b)", `proc.name = "x\x41"`,
		"tolower(proc.name) startswith oneof (a)", "proc.aname[2] = val(proc.pname)", "((((", "a and", "proc.name in (", "0x",
		"not(not)", "not(and)", "(or)", "a and (or)", "not not a", "not(not A)", "not (not (not a))"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := Parse(s)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("error %T is not *Error", err)
			}
			if pe.Pos.Off < 0 || pe.Pos.Off > len(s) || pe.Pos.Line < 1 || pe.Pos.Col < 1 {
				t.Fatalf("bad position %+v for %q", pe.Pos, s)
			}
			return
		}
		// A parsed condition renders to text that parses to the same tree.
		out := ast.String(e)
		e2, err := Parse(out)
		if err != nil {
			t.Fatalf("reparse %q (from %q): %v", out, s, err)
		}
		if ast.String(e2) != out {
			t.Fatalf("round trip: %q -> %q", out, ast.String(e2))
		}
	})
}
