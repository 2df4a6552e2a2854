// Package parser parses Falco filter conditions into an [ast.Expr], following the grammar of the libs parser:
// or < and < not precedence, checks "field op value", parenthesised groups and bare macro identifiers.
//
// The parser is syntax only: it does not know fields, macros or lists. Errors carry the position where
// parsing stopped and use the libs parser's messages.
package parser

import (
	"fmt"
	"sort"
	"strings"

	"github.com/aerie-sec/aerie/engine/condition/ast"
)

// MaxDepth is the nesting limit Falco sets on the libs parser.
const MaxDepth = 1000

// Error is a syntax error at a position of the condition.
type Error struct {
	Pos ast.Pos
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Col, e.Msg) }

// Operator sets, as the libs parser names them.
var (
	unaryOps = []string{"exists"}
	numOps   = []string{"<=", "<", ">=", ">"}
	strOps   = []string{"==", "=", "!=", "glob", "iglob", "contains", "icontains", "bcontains", "startswith", "bstartswith", "endswith", "regex"}
	listOps  = []string{"intersects", "in", "pmatch"}
	mods     = []string{"oneof", "anyof", "allof"}
)

// Transformers lists the transformer names the grammar accepts before "(".
var Transformers = []string{"tolower", "toupper", "b64", "basename", "len", "join", "concat", "getopt"}

// Operators returns every comparison operator of the grammar.
func Operators() []string {
	out := append([]string{}, unaryOps...)
	out = append(out, numOps...)
	out = append(out, strOps...)
	return append(out, listOps...)
}

// IsListOperator reports whether op takes a list on its right-hand side (in, intersects, pmatch),
// including an operator with a list modifier such as "startswith oneof".
func IsListOperator(op string) bool {
	for _, o := range listOps {
		if op == o {
			return true
		}
	}
	if i := strings.IndexByte(op, ' '); i > 0 {
		m := strings.TrimSpace(op[i+1:])
		for _, x := range mods {
			if m == x {
				return contains(strOps, op[:i])
			}
		}
	}
	return false
}

// IsOperator reports whether op is a comparison operator, optionally followed by a modifier ("startswith oneof").
func IsOperator(op string) bool {
	if i := strings.IndexByte(op, ' '); i > 0 {
		base, m := op[:i], strings.TrimSpace(op[i+1:])
		ok := false
		for _, x := range mods {
			ok = ok || m == x
		}
		return ok && contains(strOps, base)
	}
	return contains(Operators(), op)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Parse parses a whole condition.
func Parse(src string) (ast.Expr, error) {
	p := &parser{src: src}
	p.lines = append(p.lines, 0)
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			p.lines = append(p.lines, i+1)
		}
	}
	return p.parse()
}

type parser struct {
	src   string
	off   int
	depth int
	last  string
	lines []int
}

type bailout struct{ err *Error }

func (p *parser) parse() (e ast.Expr, err error) {
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bailout)
			if !ok {
				panic(r)
			}
			e, err = nil, b.err
		}
	}()
	e = p.parseOr()
	p.blank()
	if p.off < len(p.src) {
		p.fail("unexpected token after '" + p.last + "', expecting 'or', 'and'")
	}
	return e, nil
}

func (p *parser) pos(off int) ast.Pos {
	i := sort.SearchInts(p.lines, off+1) - 1
	return ast.Pos{Off: off, Line: i + 1, Col: off - p.lines[i] + 1}
}

func (p *parser) fail(msg string) {
	panic(bailout{&Error{Pos: p.pos(p.off), Msg: msg}})
}

func (p *parser) push() {
	p.depth++
	if p.depth > MaxDepth {
		p.fail(fmt.Sprintf("exceeded max depth limit of %d", MaxDepth))
	}
}

func (p *parser) pop() { p.depth-- }

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\b' || c == '\r' || c == '\n' }

// blank skips blanks and reports whether any were skipped.
func (p *parser) blank() bool {
	start := p.off
	for p.off < len(p.src) && isBlank(p.src[p.off]) {
		p.off++
	}
	return p.off > start
}

func (p *parser) peek(c byte) bool { return p.off < len(p.src) && p.src[p.off] == c }

// str consumes s when it comes next.
func (p *parser) str(s string) bool {
	if strings.HasPrefix(p.src[p.off:], s) {
		p.off += len(s)
		p.last = s
		return true
	}
	return false
}

// keyword consumes word when it is followed by a blank or "(".
func (p *parser) keyword(word string) bool {
	rest := p.src[p.off:]
	if !strings.HasPrefix(rest, word) {
		return false
	}
	if len(rest) > len(word) && !isBlank(rest[len(word)]) && rest[len(word)] != '(' {
		return false
	}
	p.off += len(word)
	p.last = word
	return true
}

func (p *parser) parseOr() ast.Expr {
	p.push()
	defer p.pop()
	p.blank()
	start := p.pos(p.off)
	list := []ast.Expr{p.parseAnd()}
	p.blank()
	for p.keyword("or") {
		list = append(list, p.parseAnd())
		p.blank()
	}
	if len(list) == 1 {
		return list[0]
	}
	return &ast.Or{P: start, List: list}
}

func (p *parser) parseAnd() ast.Expr {
	p.push()
	defer p.pop()
	p.blank()
	start := p.pos(p.off)
	list := []ast.Expr{p.parseNot()}
	p.blank()
	for p.keyword("and") {
		list = append(list, p.parseNot())
		p.blank()
	}
	if len(list) == 1 {
		return list[0]
	}
	return &ast.And{P: start, List: list}
}

func (p *parser) parseNot() ast.Expr {
	p.push()
	defer p.pop()
	p.blank()
	start := p.pos(p.off)
	neg := false
	for p.keyword("not") {
		neg = !neg
		p.blank()
	}
	x := p.parseCheck()
	if neg {
		return &ast.Not{P: start, X: x}
	}
	return x
}

func isIdentStart(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isIdentChar(c byte) bool  { return isIdentStart(c) || c >= '0' && c <= '9' || c == '_' }

// identLen returns the length of the identifier at off ([a-zA-Z]+[a-zA-Z0-9_]*), or 0.
func (p *parser) identLen(off int) int {
	i := off
	for i < len(p.src) && isIdentStart(p.src[i]) {
		i++
	}
	if i == off {
		return 0
	}
	for i < len(p.src) && isIdentChar(p.src[i]) {
		i++
	}
	return i - off
}

// fieldLen returns the length of the field name at off (an identifier with one or more ".segment"), or 0.
func (p *parser) fieldLen(off int) int {
	n := p.identLen(off)
	if n == 0 {
		return 0
	}
	i := off + n
	segs := 0
	for i+1 < len(p.src) && p.src[i] == '.' && isIdentChar(p.src[i+1]) {
		i++
		for i < len(p.src) && isIdentChar(p.src[i]) {
			i++
		}
		segs++
	}
	if segs == 0 {
		return 0
	}
	return i - off
}

func (p *parser) transformerAt() (string, bool) {
	n := p.identLen(p.off)
	if n == 0 || p.off+n >= len(p.src) || p.src[p.off+n] != '(' {
		return "", false
	}
	name := p.src[p.off : p.off+n]
	return name, contains(Transformers, name)
}

func (p *parser) parseCheck() ast.Expr {
	p.push()
	defer p.pop()
	p.blank()
	start := p.pos(p.off)
	if p.str("(") {
		e := p.parseOr()
		p.blank()
		if !p.str(")") {
			p.fail("expected a ')' token")
		}
		return e
	}
	var lhs ast.Operand
	if _, ok := p.transformerAt(); ok {
		lhs = p.parseTransform()
	} else if p.fieldLen(p.off) > 0 {
		lhs = p.parseField()
	} else if n := p.identLen(p.off); n > 0 {
		name := p.src[p.off : p.off+n]
		p.off += n
		p.last = name
		return &ast.Macro{P: start, Name: name}
	} else {
		p.fail("expected a '(' token, a field check, or an identifier")
	}
	p.blank()
	c := &ast.Check{P: start, LHS: lhs}
	switch {
	case p.wordOp(unaryOps):
		c.Op = p.last
	case p.symOp(numOps):
		c.Op = p.last
		c.RHS = p.parseNumValue()
	case p.wordOp(listOps):
		c.Op = p.last
		c.RHS = p.parseListValue()
	case p.symOp([]string{"==", "=", "!="}) || p.wordOp(strOps):
		c.Op = p.last
		save, op := p.off, p.last
		p.blank()
		if p.wordOp(mods) {
			mod := p.last
			p.blank()
			if p.peek('(') {
				c.Mod = mod
				c.RHS = p.parseListValue()
				break
			}
		}
		p.off, p.last = save, op
		c.RHS = p.parseStrValue()
	default:
		p.fail("expected a valid check operator: one of " + strings.Join(Operators(), ", "))
	}
	return c
}

// symOp consumes a symbolic operator.
func (p *parser) symOp(ops []string) bool {
	for _, o := range ops {
		if !isIdentStart(o[0]) && p.str(o) {
			return true
		}
	}
	return false
}

// wordOp consumes a word operator that is not followed by an identifier character.
func (p *parser) wordOp(ops []string) bool {
	for _, o := range ops {
		if !isIdentStart(o[0]) {
			continue
		}
		rest := p.src[p.off:]
		if strings.HasPrefix(rest, o) && (len(rest) == len(o) || !isIdentChar(rest[len(o)]) && rest[len(o)] != '.') {
			p.off += len(o)
			p.last = o
			return true
		}
	}
	return false
}

func (p *parser) parseField() *ast.Field {
	start := p.pos(p.off)
	n := p.fieldLen(p.off)
	f := &ast.Field{P: start, Name: p.src[p.off : p.off+n]}
	p.off += n
	p.last = f.Name
	if p.peek('[') {
		f.Arg = p.parseArg()
		f.HasArg = true
	}
	return f
}

// parseArg parses "[arg]" with a quoted or bare argument.
func (p *parser) parseArg() string {
	p.off++
	var arg string
	if p.peek('"') || p.peek('\'') {
		s, ok := p.quoted()
		if !ok {
			p.fail("expected a valid field argument: a quoted string or a bare string")
		}
		arg = s
	} else {
		i := p.off
		for i < len(p.src) && !isBlank(p.src[i]) && !strings.ContainsRune("[]\"'", rune(p.src[i])) {
			i++
		}
		if i == p.off {
			p.fail("expected a valid field argument: a quoted string or a bare string")
		}
		arg = p.src[p.off:i]
		p.off = i
	}
	if !p.str("]") {
		p.fail("expected a ']' token")
	}
	return arg
}

// parseTransform parses name(args...)[arg]; arguments are fields, transformers, strings or lists.
func (p *parser) parseTransform() ast.Operand {
	start := p.pos(p.off)
	name, _ := p.transformerAt()
	p.off += len(name) + 1
	p.last = "("
	p.push()
	defer p.pop()
	t := &ast.Transform{P: start, Name: name}
	p.blank()
	if !p.peek(')') {
		for {
			p.blank()
			t.Args = append(t.Args, p.parseTransformArg())
			p.blank()
			if !p.str(",") {
				break
			}
		}
	}
	p.blank()
	if !p.str(")") {
		p.fail("expected a ')' token")
	}
	if p.peek('[') {
		t.Arg = p.parseArg()
		t.HasArg = true
	}
	return t
}

func (p *parser) parseTransformArg() ast.Operand {
	if _, ok := p.transformerAt(); ok {
		return p.parseTransform()
	}
	if p.fieldLen(p.off) > 0 {
		return p.parseField()
	}
	if p.peek('(') {
		return p.parseList()
	}
	start := p.pos(p.off)
	if s, ok := p.quoted(); ok {
		return &ast.Str{P: start, Value: s, Quoted: true}
	}
	if s, ok := p.bare(); ok {
		return &ast.Str{P: start, Value: s}
	}
	p.fail("expected a field, a transformer or a string value")
	return nil
}

// rhsOperand parses val(field) or a transformer on the right-hand side, if one comes next.
func (p *parser) rhsOperand() (ast.Operand, bool) {
	start := p.pos(p.off)
	if strings.HasPrefix(p.src[p.off:], "val(") {
		p.off += 4
		p.blank()
		var x ast.Operand
		if _, ok := p.transformerAt(); ok {
			x = p.parseTransform()
		} else if p.fieldLen(p.off) > 0 {
			x = p.parseField()
		} else {
			p.fail("expected a field name")
		}
		p.blank()
		if !p.str(")") {
			p.fail("expected a ')' token")
		}
		return &ast.Val{P: start, X: x}, true
	}
	if _, ok := p.transformerAt(); ok {
		return p.parseTransform(), true
	}
	return nil, false
}

func (p *parser) parseNumValue() ast.Operand {
	p.blank()
	if o, ok := p.rhsOperand(); ok {
		return o
	}
	start := p.pos(p.off)
	if n := p.numLen(); n > 0 {
		s := p.src[p.off : p.off+n]
		p.off += n
		p.last = s
		return &ast.Str{P: start, Value: s}
	}
	p.fail("expected a number value")
	return nil
}

// numLen returns the length of the hex or decimal number at the current offset, or 0.
func (p *parser) numLen() int {
	s := p.src[p.off:]
	if len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && isHex(s[2]) {
		i := 2
		for i < len(s) && isHex(s[i]) {
			i++
		}
		return i
	}
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	d := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == d {
		return 0
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if i+2 < len(s) && (s[i] == 'e' || s[i] == 'E') && (s[i+1] == '+' || s[i+1] == '-') && isDigit(s[i+2]) {
		i += 2
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	return i
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isHex(c byte) bool   { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func (p *parser) parseStrValue() ast.Operand {
	p.blank()
	if o, ok := p.rhsOperand(); ok {
		return o
	}
	start := p.pos(p.off)
	if s, ok := p.quoted(); ok {
		return &ast.Str{P: start, Value: s, Quoted: true}
	}
	if s, ok := p.bare(); ok {
		return &ast.Str{P: start, Value: s}
	}
	p.fail("expected a string value")
	return nil
}

func (p *parser) parseListValue() ast.Operand {
	p.blank()
	if o, ok := p.rhsOperand(); ok {
		return o
	}
	if p.peek('(') {
		return p.parseList()
	}
	p.fail("expected a list value")
	return nil
}

func (p *parser) parseList() *ast.List {
	l := &ast.List{P: p.pos(p.off)}
	p.str("(")
	p.blank()
	if p.str(")") {
		return l
	}
	for {
		p.blank()
		start := p.pos(p.off)
		if s, ok := p.quoted(); ok {
			l.Items = append(l.Items, &ast.Str{P: start, Value: s, Quoted: true})
		} else if s, ok := p.bare(); ok {
			l.Items = append(l.Items, &ast.Str{P: start, Value: s})
		} else {
			p.fail("expected a list value")
		}
		p.blank()
		if !p.str(",") {
			break
		}
	}
	if !p.str(")") {
		p.fail("expected a ')' token")
	}
	return l
}

// bare lexes a bare string: [^ \t\b\r\n(),="']+.
func (p *parser) bare() (string, bool) {
	i := p.off
	for i < len(p.src) && !isBlank(p.src[i]) && !strings.ContainsRune("(),=\"'", rune(p.src[i])) {
		i++
	}
	if i == p.off {
		return "", false
	}
	s := p.src[p.off:i]
	p.off = i
	p.last = s
	return s, true
}

// quoted lexes a single- or double-quoted string and returns its unescaped value.
func (p *parser) quoted() (string, bool) {
	if p.off >= len(p.src) || p.src[p.off] != '"' && p.src[p.off] != '\'' {
		return "", false
	}
	q := p.src[p.off]
	var b strings.Builder
	i := p.off + 1
	for i < len(p.src) {
		c := p.src[i]
		if c == q {
			p.last = p.src[p.off : i+1]
			p.off = i + 1
			return b.String(), true
		}
		if c != '\\' || i+1 >= len(p.src) {
			b.WriteByte(c)
			i++
			continue
		}
		e := p.src[i+1]
		switch {
		case e == 'b':
			b.WriteByte('\b')
		case e == 'f':
			b.WriteByte('\f')
		case e == 'n':
			b.WriteByte('\n')
		case e == 'r':
			b.WriteByte('\r')
		case e == 't':
			b.WriteByte('\t')
		case e == '\\' || e == '/' || e == q:
			b.WriteByte(e)
		case e == 'x' && i+3 < len(p.src) && isHex(p.src[i+2]) && isHex(p.src[i+3]):
			b.WriteByte(unhex(p.src[i+2])<<4 | unhex(p.src[i+3]))
			i += 2
		default:
			b.WriteByte('\\')
			b.WriteByte(e)
		}
		i += 2
	}
	return "", false
}

func unhex(c byte) byte {
	switch {
	case isDigit(c):
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}
