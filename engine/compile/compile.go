// Package compile turns a collection of rules files into a compiled, type-checked ruleset, as Falco's rule
// compiler does: lists substituted textually, exceptions folded into conditions, macros expanded by AST with
// Falco's visibility rules, every field resolved in the field registry and every operator and value checked
// against the field's type, outputs compiled into segments, and each rule's event-type set computed.
//
// A [Loader] loads files in order into one ruleset and reports Falco's load results for each.
package compile

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"net"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/aerie-sec/aerie/engine"
	"github.com/aerie-sec/aerie/engine/condition/ast"
	"github.com/aerie-sec/aerie/engine/condition/parser"
	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/fields"
	lr "github.com/aerie-sec/aerie/engine/loadresult"
	"github.com/aerie-sec/aerie/engine/rules"
)

// Rule is a compiled rule.
type Rule struct {
	Name                string
	Desc                string
	Priority            rules.Priority
	Source              string
	Tags                []string
	Enabled             bool
	WarnEvttypes        bool
	SkipIfUnknownFilter bool
	Capture             bool
	CaptureDuration     uint64
	// Condition is the fully expanded, typed condition.
	Condition Expr
	// SourceCondition is the condition as written (after appends); ConditionText as compiled, with
	// exceptions appended and lists substituted.
	SourceCondition string
	ConditionText   string
	// EventTypes is the set of event codes the rule can match, ascending.
	EventTypes []event.Type
	// Output is the compiled output format.
	Output []Segment
	// OutputText is the output format as written (trimmed).
	OutputText string
	// Info lists what the condition and output use, as `falco -L` reports it.
	Info Info

	expanded ast.Expr
}

// ConditionCompiled renders the expanded condition (macros inlined, lists substituted).
func (r *Rule) ConditionCompiled() string { return ast.String(r.expanded) }

// EventNames returns the distinct event names of the rule's event types.
func (r *Rule) EventNames() []string { return eventNames(r.EventTypes) }

// Info is what a rule or macro uses.
type Info struct {
	ConditionFields    []string
	ConditionOperators []string
	ExceptionFields    []string
	ExceptionOperators []string
	ExceptionNames     []string
	OutputFields       []string
	Lists              []string
	Macros             []string
}

// Segment is a piece of an output format: a literal, or a field (Field non-nil) with an optional width.
type Segment struct {
	Literal string
	Field   Operand
	// Text is the field expression as written, e.g. proc.aname[2].
	Text  string
	Width int
}

// Macro is a compiled macro.
type Macro struct {
	Name      string
	Condition string
	Used      bool

	resolved ast.Expr
	lists    []string
	macros   []string
	all      eventSet
}

// Info returns the fields, operators, lists and macros the macro uses (with nested macros expanded).
func (m *Macro) Info() Info { return exprInfo(m.resolved, m.lists, m.macros) }

// ConditionCompiled renders the macro's expanded condition.
// A condition larger than MaxNodes renders as a placeholder.
func (m *Macro) ConditionCompiled() string {
	if treeSize(m.resolved, map[ast.Expr]int{}) > MaxNodes {
		return fmt.Sprintf("<condition exceeds %d nodes after macro expansion>", MaxNodes)
	}
	return ast.String(m.resolved)
}

// treeSize returns the number of boolean nodes of e counted as a tree, in time linear in the shared graph.
func treeSize(e ast.Expr, memo map[ast.Expr]int) int {
	if n, ok := memo[e]; ok {
		return n
	}
	n := 1
	switch e := e.(type) {
	case *ast.And:
		for _, c := range e.List {
			n += treeSize(c, memo)
		}
	case *ast.Or:
		for _, c := range e.List {
			n += treeSize(c, memo)
		}
	case *ast.Not:
		n += treeSize(e.X, memo)
	}
	if n > MaxNodes {
		n = MaxNodes + 1
	}
	memo[e] = n
	return n
}

// EventNames returns the distinct names of the event types the macro's condition can match, by code.
func (m *Macro) EventNames() []string {
	return eventNames(astEventTypes(m.resolved, m.all, false, map[evtKey]eventSet{}).types())
}

// List is a compiled list: items with earlier lists expanded.
type List struct {
	Name string
	// Source holds the items as written; Items the compiled items; Refs the lists expanded into it.
	Source []string
	Items  []string
	Refs   []string
	Used   bool
}

// Ruleset is the result of compiling a collection.
type Ruleset struct {
	Rules  []*Rule
	Macros []*Macro
	Lists  []*List
	// RequiredEngineVersion is the highest required_engine_version of the loaded files ("" if none).
	RequiredEngineVersion string
	PluginRequirements    []rules.PluginRequirement
}

// Options configure a Loader. The zero value uses the syscall field registry, the engine version and the
// container plugin version from the engine package.
type Options struct {
	// Fields is the syscall-source registry; nil means fields.Syscall().
	Fields *fields.Registry
	// Plugins maps the plugins considered loaded to their versions; nil means the container plugin at
	// engine.ContainerPluginVersion, whose fields Aerie provides natively.
	Plugins map[string]string
}

// Loader loads rules files in order into one ruleset.
type Loader struct {
	reg      *fields.Registry
	plugins  map[string]string
	coll     *rules.Collection
	contents lr.Contents
	ruleset  *Ruleset
	all      eventSet
	nreqs    int
	// parsed caches parse results by condition text: every Load recompiles all items collected so far,
	// and syntax trees are never modified after parsing.
	parsed map[string]ast.Expr
	subst  map[string]*substEntry
	// outputs caches compiled output formats; checked caches a rule's type-checked condition by its inputs
	// (condition text, macros used with their text, flags), so unchanged rules are not re-checked by
	// later Loads.
	outputs map[string]outputResult
	checked map[string]*checkedRule
	seed    maphash.Seed
}

type outputResult struct {
	segs  []Segment
	names []string
	err   error
}

type checkedRule struct {
	key      uint64
	cond     Expr
	types    []event.Type
	fields   []string
	ops      []string
	warnings []lr.Message
}

// parse parses a condition through the loader's cache.
func (l *Loader) parse(text string) (ast.Expr, error) {
	if e, ok := l.parsed[text]; ok {
		return e, nil
	}
	e, err := parser.Parse(text)
	if err == nil {
		l.parsed[text] = e
	}
	return e, err
}

// NewLoader returns a loader with an empty collection.
func NewLoader(opts Options) *Loader {
	l := &Loader{reg: opts.Fields, plugins: opts.Plugins, contents: lr.Contents{}, all: allEvents(), parsed: map[string]ast.Expr{}, subst: map[string]*substEntry{},
		outputs: map[string]outputResult{}, checked: map[string]*checkedRule{}, seed: maphash.MakeSeed()}
	if l.reg == nil {
		l.reg = fields.Syscall()
	}
	if l.plugins == nil {
		l.plugins = map[string]string{"container": engine.ContainerPluginVersion}
	}
	l.coll = rules.NewCollection(rules.Options{
		EngineVersion: rules.MustParseVersion(engine.EngineVersion),
		Sources:       []string{"syscall"},
		ValidField:    func(_, f string) bool { return l.validLHS(f) },
	})
	return l
}

// Contents returns the content of every file loaded so far, by name, for snippets.
func (l *Loader) Contents() lr.Contents { return l.contents }

// Ruleset returns the ruleset compiled by the last successful Load, or nil.
func (l *Loader) Ruleset() *Ruleset { return l.ruleset }

// Load reads one file into the collection and recompiles everything collected so far, as Falco's
// load_rules does; compile warnings of earlier files' items are reported on this file's result.
func (l *Loader) Load(ctx context.Context, name string, content []byte) *lr.Result {
	l.contents[name] = string(content)
	return l.add(rules.Decode(ctx, name, content))
}

// File is a rules file's name and content.
type File struct {
	Name    string
	Content []byte
}

// LoadAll loads files in order, as successive Load calls do, and stops after the first file with errors.
// The files' YAML is decoded concurrently first; collection and compilation stay sequential.
func (l *Loader) LoadAll(ctx context.Context, files []File) []*lr.Result {
	docs := make([]*rules.Document, len(files))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, f := range files {
		l.contents[f.Name] = string(f.Content)
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			docs[i] = rules.Decode(ctx, f.Name, f.Content)
			<-sem
		}()
	}
	wg.Wait()
	var out []*lr.Result
	for _, d := range docs {
		res := l.add(d)
		out = append(out, res)
		if !res.Successful() {
			break
		}
	}
	return out
}

func (l *Loader) add(d *rules.Document) *lr.Result {
	res := &lr.Result{Name: d.Name()}
	if !l.coll.Add(d, res) {
		return res
	}
	for _, req := range l.coll.PluginRequirements[l.nreqs:] {
		if !l.pluginSatisfied(req) {
			res.Add(lr.ErrValidate, "Plugin requirement not satisfied, must load one of: "+req.String(), req.Ctx)
			return res
		}
	}
	l.nreqs = len(l.coll.PluginRequirements)
	rs := l.compile(res)
	if res.Successful() {
		l.ruleset = rs
	}
	return res
}

func (l *Loader) pluginSatisfied(req rules.PluginRequirement) bool {
	for _, alt := range req.Alternatives {
		have, ok := l.plugins[alt.Name]
		if !ok {
			continue
		}
		hv, ok1 := rules.ParseVersion(have)
		rv, ok2 := rules.ParseVersion(alt.Version)
		if ok1 && ok2 && hv.CompatibleWith(rv) {
			return true
		}
	}
	return false
}

// validLHS reports whether s is a valid left-hand side: a field (with argument) or a transformer.
func (l *Loader) validLHS(s string) bool {
	e, err := parser.Parse(s + " exists")
	if err != nil {
		return false
	}
	c, ok := e.(*ast.Check)
	if !ok {
		return false
	}
	tc := &checker{l: l}
	_, err = tc.operand(c.LHS, false)
	return err == nil
}

// compileError aborts compilation with one error.
type compileError struct {
	code lr.Code
	msg  string
	ctx  lr.Context
}

func (e *compileError) Error() string { return e.msg }

// syntaxError turns a parser error into a LOAD_ERR_COMPILE_CONDITION error located in the condition.
func syntaxError(err error, parent lr.Context, text string) error {
	var pe *parser.Error
	if !errors.As(err, &pe) {
		return &compileError{lr.ErrCompileCondition, err.Error(), parent}
	}
	return &compileError{lr.ErrCompileCondition, pe.Msg, condCtx(parent, text, pe.Pos)}
}

// condCtx builds the "condition expression" context Falco attaches to errors inside a condition.
func condCtx(parent lr.Context, cond string, p ast.Pos) lr.Context {
	name := cond
	if len(name) > 20 {
		name = name[:17] + "..."
	}
	name = strings.NewReplacer("\n", " ", "\r", " ").Replace(`"` + name + `"`)
	line, col := p.Line-1, p.Col-1
	if line < 0 {
		line = 0
	}
	if col < 0 {
		col = 0
	}
	c := parent.With(lr.ItemConditionExpr, "", lr.Position{Name: name, Line: line, Column: col, Offset: p.Off})
	c.Content = cond
	return c
}

type compiledList struct {
	name   string
	joined string // items joined by ", ", as substituted
	src    []string
	items  []string
	refs   []string
	used   bool
}

type compiledMacro struct {
	spec     *rules.Macro
	text     string
	parsed   ast.Expr
	resolved ast.Expr
	used     bool
	lists    []string
	macros   []string
}

type compiler struct {
	l        *Loader
	res      *lr.Result
	lists    []*compiledList
	macros   []*compiledMacro
	macroIx  map[string]*compiledMacro
	listUsed map[string]bool
	listIdx  map[string]int // list name -> position in lists
	oddLists []int          // lists whose names contain delimiters
}

func (l *Loader) compile(res *lr.Result) *Ruleset {
	c := &compiler{l: l, res: res, macroIx: map[string]*compiledMacro{}, listUsed: map[string]bool{}, listIdx: map[string]int{}}
	rs, err := c.run()
	if err != nil {
		var ce *compileError
		if errors.As(err, &ce) {
			res.Add(ce.code, ce.msg, ce.ctx)
		} else {
			res.Add(lr.ErrValidate, err.Error(), lr.Context{})
		}
		return nil
	}
	return rs
}

func (c *compiler) run() (*Ruleset, error) {
	coll := c.l.coll
	// Lists: items naming an earlier list are expanded inline.
	byName := map[string]*compiledList{}
	for _, spec := range coll.Lists() {
		cl := &compiledList{name: spec.Name, src: spec.Items}
		for _, it := range spec.Items {
			if ref, ok := byName[it]; ok {
				cl.items = append(cl.items, ref.items...)
				cl.refs = append(cl.refs, it)
				ref.used = true
				continue
			}
			if strings.Contains(it, " ") && !strings.HasPrefix(it, `"`) && !strings.HasPrefix(it, "'") {
				it = `"` + it + `"`
			}
			cl.items = append(cl.items, it)
		}
		cl.joined = strings.Join(cl.items, ", ")
		c.listIdx[spec.Name] = len(c.lists)
		if strings.ContainsAny(spec.Name, listDelims) {
			c.oddLists = append(c.oddLists, len(c.lists))
		}
		c.lists = append(c.lists, cl)
		byName[spec.Name] = cl
	}
	// Macros: parse all, then resolve each with its visibility.
	for _, spec := range coll.Macros() {
		m := &compiledMacro{spec: spec}
		m.text, m.lists = c.substituteLists(spec.Condition)
		e, err := c.l.parse(m.text)
		if err != nil {
			return nil, syntaxError(err, spec.CondCtx, m.text)
		}
		m.parsed = e
		c.macros = append(c.macros, m)
		c.macroIx[spec.Name] = m
	}
	for _, m := range c.macros {
		vis := m.spec.Visibility
		r, used, err := c.expand(m.parsed, func(n string) *compiledMacro {
			if x := c.macroIx[n]; x != nil && x.spec.Index < vis {
				return x
			}
			return nil
		}, m.text, m.spec.Ctx)
		if err != nil {
			return nil, err
		}
		m.resolved = r
		m.macros = used
	}
	rs := &Ruleset{PluginRequirements: coll.PluginRequirements}
	if (coll.RequiredEngineVersion != rules.Version{}) {
		rs.RequiredEngineVersion = coll.RequiredEngineVersion.String()
	}
	for _, spec := range coll.Rules() {
		if spec.UnknownSource {
			continue
		}
		r, err := c.rule(spec)
		if err != nil {
			return nil, err
		}
		if r != nil {
			rs.Rules = append(rs.Rules, r)
		}
	}
	for _, m := range c.macros {
		if !m.used {
			c.res.Add(lr.WarnUnusedMacro, "Macro not referred to by any other rule/macro", m.spec.Ctx)
		}
		rs.Macros = append(rs.Macros, &Macro{Name: m.spec.Name, Condition: m.spec.Condition, Used: m.used,
			resolved: m.resolved, lists: m.lists, macros: m.macros, all: c.l.all})
	}
	for i, l := range c.lists {
		if !l.used && !c.listUsed[l.name] {
			c.res.Add(lr.WarnUnusedList, "List not referred to by any other rule/macro", coll.Lists()[i].Ctx)
		}
		rs.Lists = append(rs.Lists, &List{Name: l.name, Source: l.src, Items: l.items, Refs: uniq(l.refs), Used: l.used || c.listUsed[l.name]})
	}
	return rs, nil
}

// exprInfo collects the fields and operators of an uncompiled (but expanded) condition, for macros.
func exprInfo(e ast.Expr, lists, macros []string) Info {
	var fs, ops []string
	visited := map[ast.Node]bool{} // expanded macros share subtrees: visit each once
	ast.Walk(e, func(n ast.Node) bool {
		if visited[n] {
			return false
		}
		visited[n] = true
		switch n := n.(type) {
		case *ast.Check:
			op := n.Op
			if n.Mod != "" {
				op += " " + n.Mod
			}
			ops = append(ops, op)
		case *ast.Field:
			fs = append(fs, ast.String(n))
		}
		return true
	})
	return Info{ConditionFields: uniq(fs), ConditionOperators: uniq(ops), Lists: uniq(lists), Macros: uniq(macros)}
}

func uniq(s []string) []string {
	out := append([]string{}, s...)
	sort.Strings(out)
	j := 0
	for i, x := range out {
		if i == 0 || x != out[j-1] {
			out[j] = x
			j++
		}
	}
	return out[:j]
}

// substituteLists replaces every list name in cond textually, as Falco's resolve_list does: lists are
// applied in index order, each occurrence delimited by the start or end of the text, blanks or "(),=". To
// avoid scanning the text once per list, candidate lists are found by splitting the text at delimiters;
// text inserted by a substitution is scanned for lists not yet applied.
func (c *compiler) substituteLists(cond string) (string, []string) {
	if e := c.l.subst[cond]; e != nil && c.substValid(cond, e) {
		for _, n := range e.used {
			c.listUsed[n] = true
		}
		return e.out, e.used
	}
	out, used := c.substitute(cond)
	e := &substEntry{out: out, used: used, nLists: len(c.lists)}
	for _, n := range used {
		e.items = append(e.items, c.lists[c.listIdx[n]].joined)
	}
	c.l.subst[cond] = e
	return out, used
}

// substEntry caches a list substitution made by an earlier compile.
type substEntry struct {
	out    string
	used   []string // lists substituted
	items  []string // their joined items at the time
	nLists int      // number of lists at the time
}

// substValid reports whether a cached substitution still holds: the lists it used have the same items,
// and no list defined since then names a token of the text or of the substituted items.
func (c *compiler) substValid(cond string, e *substEntry) bool {
	for i, n := range e.used {
		k, ok := c.listIdx[n]
		if !ok || c.lists[k].joined != e.items[i] {
			return false
		}
	}
	if e.nLists >= len(c.lists) {
		return true
	}
	valid := true
	check := func(tok string) {
		if k, ok := c.listIdx[tok]; ok && k >= e.nLists {
			valid = false
		}
	}
	forEachToken(cond, check)
	for _, it := range e.items {
		forEachToken(it, check)
	}
	for _, k := range c.oddLists {
		if k >= e.nLists && strings.Contains(cond, c.lists[k].name) {
			valid = false
		}
	}
	return valid
}

// substitute performs the substitution.
func (c *compiler) substitute(cond string) (string, []string) {
	var used []string
	var cand []int
	mark := func(text string, after int) {
		forEachToken(text, func(tok string) {
			if i, ok := c.listIdx[tok]; ok && i > after && !containsInt(cand, i) {
				cand = insertSorted(cand, i)
			}
		})
		for _, i := range c.oddLists {
			if i > after && !containsInt(cand, i) && strings.Contains(text, c.lists[i].name) {
				cand = insertSorted(cand, i)
			}
		}
	}
	mark(cond, -1)
	for k := 0; k < len(cand); k++ {
		l := c.lists[cand[k]]
		var inserted []string
		cond, inserted = resolveList(cond, l)
		if inserted != nil {
			c.listUsed[l.name] = true
			used = append(used, l.name)
			if len(l.items) > 0 {
				mark(strings.Join(l.items, " "), cand[k])
			}
		}
	}
	return cond, used
}

const (
	listBlanks = " \t\n\r"
	listDelims = listBlanks + "(),="
)

// isDelim marks the bytes that delimit list names in conditions.
var isDelim = func() (t [256]bool) {
	for _, c := range []byte(listDelims) {
		t[c] = true
	}
	return t
}()

func forEachToken(s string, fn func(string)) {
	start := -1
	for i := 0; i < len(s); i++ {
		if isDelim[s[i]] {
			if start >= 0 {
				fn(s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		fn(s[start:])
	}
}

func containsInt(s []int, v int) bool {
	i := sort.SearchInts(s, v)
	return i < len(s) && s[i] == v
}

func insertSorted(s []int, v int) []int {
	i := sort.SearchInts(s, v)
	s = append(s, 0)
	copy(s[i+1:], s[i:])
	s[i] = v
	return s
}

// resolveList substitutes one list in cond; inserted is non-nil when a substitution happened.
func resolveList(cond string, l *compiledList) (string, []string) {
	start := strings.Index(cond, l.name)
	var inserted []string
	for start >= 0 {
		end := start + len(l.name)
		if (start == 0 || strings.IndexByte(listDelims, cond[start-1]) >= 0) && (end >= len(cond) || strings.IndexByte(listDelims, cond[end]) >= 0) {
			for start > 0 && strings.IndexByte(listBlanks, cond[start-1]) >= 0 {
				start--
			}
			for end < len(cond) && strings.IndexByte(listBlanks, cond[end]) >= 0 {
				end++
			}
			sub := strings.Join(l.items, ", ")
			if sub == "" {
				if start > 0 && cond[start-1] == ',' {
					start--
				} else if end < len(cond) && cond[end] == ',' {
					end++
				}
			}
			var b strings.Builder
			b.Grow(len(cond) + len(sub) + 2)
			if start > 0 {
				b.WriteString(cond[:start])
				b.WriteByte(' ')
			}
			b.WriteString(sub)
			b.WriteByte(' ')
			if end <= len(cond) {
				b.WriteString(cond[end:])
			}
			cond = b.String()
			start += len(sub) + 1
			inserted = l.items
			if inserted == nil {
				inserted = []string{}
			}
		}
		if start+1 > len(cond) {
			break
		}
		next := strings.Index(cond[start+1:], l.name)
		if next < 0 {
			break
		}
		start += 1 + next
	}
	return cond, inserted
}

// expand replaces macro references in e with the visible macros' resolved or parsed conditions.
func (c *compiler) expand(e ast.Expr, visible func(string) *compiledMacro, text string, ctx lr.Context) (ast.Expr, []string, error) {
	unknown := map[string]ast.Pos{}
	var loopErr *compileError
	var used []string
	var path []string
	var rec func(e ast.Expr) ast.Expr
	nodes := 0
	seen := map[string]bool{}
	rec = func(e ast.Expr) ast.Expr {
		if nodes++; nodes > MaxNodes {
			if loopErr == nil {
				loopErr = &compileError{lr.ErrValidate, fmt.Sprintf("condition exceeds %d nodes after macro expansion", MaxNodes), condCtx(ctx, text, e.Position())}
			}
			return e
		}
		switch n := e.(type) {
		case *ast.And:
			out := &ast.And{P: n.P, List: make([]ast.Expr, len(n.List))}
			for i, x := range n.List {
				out.List[i] = rec(x)
			}
			return out
		case *ast.Or:
			out := &ast.Or{P: n.P, List: make([]ast.Expr, len(n.List))}
			for i, x := range n.List {
				out.List[i] = rec(x)
			}
			return out
		case *ast.Not:
			return &ast.Not{P: n.P, X: rec(n.X)}
		case *ast.Macro:
			m := visible(n.Name)
			if m == nil {
				if _, ok := unknown[n.Name]; !ok {
					unknown[n.Name] = n.P
				}
				return n
			}
			for _, p := range path {
				if p == n.Name && loopErr == nil {
					loopErr = &compileError{lr.ErrValidate, "reference loop in macro '" + n.Name + "'", condCtx(ctx, text, n.P)}
					return n
				}
			}
			m.used = true
			if !seen[n.Name] {
				seen[n.Name] = true
				used = append(used, n.Name)
			}
			if m.resolved != nil {
				for _, u := range m.macros {
					if !seen[u] {
						seen[u] = true
						used = append(used, u)
					}
				}
				return m.resolved
			}
			path = append(path, n.Name)
			r := rec(m.parsed)
			path = path[:len(path)-1]
			return r
		}
		return e
	}
	out := rec(e)
	if loopErr != nil {
		return nil, nil, loopErr
	}
	if len(unknown) > 0 {
		names := make([]string, 0, len(unknown))
		for n := range unknown {
			names = append(names, n)
		}
		sort.Strings(names)
		return nil, nil, &compileError{lr.ErrValidate, "Undefined macro '" + names[0] + "' used in filter.", condCtx(ctx, text, unknown[names[0]])}
	}
	return out, used, nil
}

// exceptionText appends the rule's exceptions to its condition, as Falco's build_rule_exception_infos does.
func exceptionText(cond string, exs []rules.Exception) (string, []string, []string, error) {
	var exFields, exOps []string
	cond = "(" + cond + ")"
	for _, ex := range exs {
		var ic string
		if !ex.Fields.IsList {
			for _, v := range ex.Values {
				if v.IsList {
					return "", nil, nil, &compileError{lr.ErrValidate, "Expected values array to contain a list of strings", ex.Ctx}
				}
				if ic == "" {
					ic = "(" + ex.Fields.Item + " " + ex.Comps.Item + " ("
				} else {
					ic += ", "
				}
				ic += quoteItem(v.Item)
			}
			exFields = append(exFields, ex.Fields.Item)
			exOps = append(exOps, ex.Comps.Item)
			if ic != "" {
				ic += "))"
			}
		} else {
			ic = "("
			for _, vals := range ex.Values {
				if len(ex.Fields.Items) != len(vals.Items) {
					return "", nil, nil, &compileError{lr.ErrValidate, "Fields and values lists must have equal length", ex.Ctx}
				}
				if ic != "(" {
					ic += " or "
				}
				ic += "("
				for k, f := range ex.Fields.Items {
					if k > 0 {
						ic += " and "
					}
					var is string
					v := vals.Items[k]
					if v.IsList {
						is = "("
						for _, x := range v.Items {
							if is != "(" {
								is += ", "
							}
							is += quoteItem(x.Item)
						}
						is += ")"
					} else {
						is = v.Item
						if parser.IsListOperator(ex.Comps.Items[k].Item) {
							if !strings.HasPrefix(is, "(") {
								is = "(" + is + ")"
							}
						} else {
							is = quoteItem(is)
						}
					}
					ic += " " + f.Item + " " + ex.Comps.Items[k].Item + " " + is
				}
				ic += ")"
			}
			for k, f := range ex.Fields.Items {
				exFields = append(exFields, f.Item)
				exOps = append(exOps, ex.Comps.Items[k].Item)
			}
			ic += ")"
			if ic == "()" {
				ic = ""
			}
		}
		if ic != "" {
			cond += " and not " + ic
		}
	}
	return cond, exFields, exOps, nil
}

func quoteItem(s string) string {
	if strings.Contains(s, " ") && !strings.HasPrefix(s, `"`) && !strings.HasPrefix(s, "'") {
		return `"` + s + `"`
	}
	return s
}

func (c *compiler) rule(spec *rules.Rule) (*Rule, error) {
	text := spec.Condition
	var exFields, exOps []string
	if len(spec.Exceptions) > 0 {
		var err error
		if text, exFields, exOps, err = exceptionText(text, spec.Exceptions); err != nil {
			return nil, err
		}
	}
	text, lists := c.substituteLists(text)
	parsed, err := c.l.parse(text)
	if err != nil {
		return nil, syntaxError(err, spec.CondCtx, text)
	}
	expanded, macros, err := c.expand(parsed, func(n string) *compiledMacro { return c.macroIx[n] }, text, spec.Ctx)
	if err != nil {
		return nil, err
	}
	r := &Rule{Name: spec.Name, Desc: spec.Desc, Priority: spec.Priority, Source: spec.Source, Tags: spec.Tags,
		Enabled: spec.Enabled, WarnEvttypes: spec.WarnEvttypes, SkipIfUnknownFilter: spec.SkipIfUnknownFilter,
		Capture: spec.Capture, CaptureDuration: spec.CaptureDuration, SourceCondition: spec.Condition, ConditionText: text, OutputText: spec.Output,
		expanded: expanded}
	if r.Tags == nil {
		r.Tags = []string{}
	}
	// Output.
	out := spec.Output
	if strings.Contains(out, "%container.info") {
		out = strings.TrimSpace(strings.ReplaceAll(out, "%container.info", ""))
		c.res.Add(lr.WarnDeprecatedItem, "%container.info is deprecated and no longer supported; it has been removed from the output", spec.OutputCtx)
		r.OutputText = out
	}
	or, ok := c.l.outputs[out]
	if !ok {
		or.segs, or.names, or.err = c.output(out)
		c.l.outputs[out] = or
	}
	segs, outFields, err := or.segs, or.names, or.err
	if err != nil {
		if spec.SkipIfUnknownFilter && strings.HasPrefix(err.Error(), "unknown filter:") {
			c.res.Add(lr.WarnUnknownFilter, err.Error(), spec.OutputCtx)
			return nil, nil
		}
		return nil, &compileError{lr.ErrCompileOutput, err.Error(), spec.OutputCtx}
	}
	r.Output = segs
	// Type check, unless the same inputs were checked by an earlier Load.
	var h maphash.Hash
	h.SetSeed(c.l.seed)
	fmt.Fprintf(&h, "%s\x00%t%t%s", text, spec.WarnEvttypes, spec.SkipIfUnknownFilter, spec.Source)
	for _, name := range macros {
		h.WriteString("\x00" + name + "\x01")
		h.WriteString(c.macroIx[name].text)
	}
	key := h.Sum64()
	cr := c.l.checked[spec.Name]
	if cr == nil || cr.key != key {
		tc := &checker{l: c.l, res: c.res, ctx: spec.CondCtx, text: text}
		cond, err := tc.expr(expanded)
		if err != nil {
			var ce *compileError
			if !errors.As(err, &ce) {
				return nil, err
			}
			if spec.SkipIfUnknownFilter && tc.unknown {
				c.res.Add(lr.WarnUnknownFilter, ce.msg, spec.CondCtx)
				return nil, nil
			}
			return nil, ce
		}
		cr = &checkedRule{key: key, cond: cond, types: eventTypes(cond, c.l.all).types(),
			fields: uniq(tc.fields), ops: uniq(tc.ops), warnings: tc.warnings}
		c.l.checked[spec.Name] = cr
	}
	for _, w := range cr.warnings {
		c.res.Add(w.Code, w.Message, spec.CondCtx)
	}
	r.Condition = cr.cond
	r.EventTypes = cr.types
	if r.Source == "syscall" && r.WarnEvttypes && (len(r.EventTypes) == 0 || len(r.EventTypes) > 100) {
		c.res.Add(lr.WarnNoEvttype, "Rule matches too many evt.type values. This has a significant performance penalty.", spec.Ctx)
	}
	r.Info = Info{ConditionFields: cr.fields, ConditionOperators: cr.ops, ExceptionFields: uniq(exFields),
		ExceptionOperators: uniq(exOps), OutputFields: outFields, Lists: uniq(lists), Macros: uniq(macros)}
	for _, ex := range spec.Exceptions {
		r.Info.ExceptionNames = append(r.Info.ExceptionNames, ex.Name)
	}
	return r, nil
}

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

// checker resolves fields and type-checks a rule's expanded condition.
type checker struct {
	l        *Loader
	res      *lr.Result
	ctx      lr.Context
	text     string
	fields   []string
	ops      []string
	warnings []lr.Message
	unknown  bool // the error is an unknown field or event type
	nodes    int  // nodes checked, bounded by MaxNodes
}

// MaxNodes bounds the size of a rule's condition after macro expansion. Macros that reference each other
// several times grow exponentially when expanded; the bound turns such input into an error.
const MaxNodes = 1 << 20

func (t *checker) errAt(p ast.Pos, msg string) error {
	return &compileError{lr.ErrCompileCondition, msg, condCtx(t.ctx, t.text, p)}
}

func (t *checker) expr(e ast.Expr) (Expr, error) {
	t.nodes++
	if t.nodes > MaxNodes {
		return nil, t.errAt(e.Position(), fmt.Sprintf("condition exceeds %d nodes after macro expansion", MaxNodes))
	}
	switch n := e.(type) {
	case *ast.And:
		out := &And{List: make([]Expr, len(n.List))}
		for i, x := range n.List {
			c, err := t.expr(x)
			if err != nil {
				return nil, err
			}
			out.List[i] = c
		}
		return out, nil
	case *ast.Or:
		out := &Or{List: make([]Expr, len(n.List))}
		for i, x := range n.List {
			c, err := t.expr(x)
			if err != nil {
				return nil, err
			}
			out.List[i] = c
		}
		return out, nil
	case *ast.Not:
		x, err := t.expr(n.X)
		if err != nil {
			return nil, err
		}
		return &Not{X: x}, nil
	case *ast.Check:
		return t.check(n)
	case *ast.Macro:
		return nil, t.errAt(n.P, "Undefined macro '"+n.Name+"' used in filter.")
	}
	return nil, fmt.Errorf("compile: unexpected node %T", e)
}

var deprecatedMsg = "Field '%s' is deprecated and will be removed in a future version"

func (t *checker) operand(o ast.Operand, rhs bool) (Operand, error) {
	switch n := o.(type) {
	case *ast.Field:
		ref, err := t.l.reg.Resolve(n.Name, n.Arg, n.HasArg)
		if err != nil {
			t.unknown = true
			return nil, t.errAt(n.P, err.Error())
		}
		if rhs && ref.Field.Has(fields.NoRHS) {
			return nil, t.errAt(n.P, "filter_check called with a field not allowed on the right-hand side: "+ref.Field.Name)
		}
		if ref.Field.Name == "evt.arg" && ref.HasArg {
			if _, err := strconv.Atoi(ref.Arg); err != nil && !eventParamKnown(ref.Arg) {
				t.unknown = true
				return nil, t.errAt(n.P, "filter_check called with nonexistent field "+ast.String(n))
			}
		}
		if ref.Field.Has(fields.Deprecated) && t.res != nil {
			t.warnings = append(t.warnings, lr.Message{Code: lr.WarnDeprecatedItem, Message: fmt.Sprintf(deprecatedMsg, ref.Field.Name), Context: t.ctx})
		}
		t.fields = append(t.fields, ref.String())
		return &FieldOperand{Ref: ref}, nil
	case *ast.Transform:
		return t.transform(n, rhs)
	case *ast.Val:
		return t.operand(n.X, true)
	}
	return nil, t.errAt(o.Position(), "expected a field or a transformer")
}

func eventParamKnown(name string) bool {
	for _, ty := range event.Types() {
		if info, ok := event.Lookup(ty); ok && info.ParamIndex(name) >= 0 {
			return true
		}
	}
	return false
}

func (t *checker) transform(n *ast.Transform, rhs bool) (Operand, error) {
	out := &TransformOperand{Name: n.Name, Arg: n.Arg, HasArg: n.HasArg}
	for _, a := range n.Args {
		var op Operand
		switch a := a.(type) {
		case *ast.Str:
			op = &Literal{Values: []string{a.Value}, FieldType: fields.Charbuf}
		case *ast.List:
			l := &Literal{IsList: true, FieldType: fields.Charbuf}
			for _, s := range a.Items {
				l.Values = append(l.Values, s.Value)
			}
			op = l
		default:
			var err error
			if op, err = t.operand(a, rhs); err != nil {
				return nil, err
			}
			if f, ok := op.(*FieldOperand); ok && f.Field.Has(fields.NoTransformer) {
				return nil, t.errAt(n.P, "field '"+f.Field.Name+"' does not support transformers")
			}
		}
		out.Args = append(out.Args, op)
	}
	want := func(k int) error {
		if len(out.Args) != k {
			return t.errAt(n.P, fmt.Sprintf("transformer '%s' expects %d argument(s), got %d", n.Name, k, len(out.Args)))
		}
		return nil
	}
	isStr := func(o Operand) bool { c := o.Type().Class(); return c == fields.ClassString || c == fields.ClassBuffer }
	switch n.Name {
	case "tolower", "toupper", "b64", "basename":
		if err := want(1); err != nil {
			return nil, err
		}
		if !isStr(out.Args[0]) {
			return nil, t.errAt(n.P, fmt.Sprintf("transformer '%s' is not supported on field type '%s'", n.Name, out.Args[0].Type()))
		}
		out.Result = out.Args[0].Type()
		if n.Name == "basename" {
			out.Result = fields.Charbuf
		}
	case "len":
		if err := want(1); err != nil {
			return nil, err
		}
		if !isStr(out.Args[0]) {
			if f, ok := out.Args[0].(*FieldOperand); !ok || !f.Field.Has(fields.List) {
				return nil, t.errAt(n.P, fmt.Sprintf("transformer 'len' is not supported on field type '%s'", out.Args[0].Type()))
			}
		}
		out.Result = fields.Uint64
	case "join":
		if err := want(2); err != nil {
			return nil, err
		}
		if _, ok := out.Args[0].(*Literal); !ok {
			return nil, t.errAt(n.P, "transformer 'join' expects a string separator as first argument")
		}
		out.Result = fields.Charbuf
	case "concat":
		if len(out.Args) < 2 {
			return nil, t.errAt(n.P, "transformer 'concat' expects at least 2 arguments")
		}
		out.Result = fields.Charbuf
	case "getopt":
		if err := want(2); err != nil {
			return nil, err
		}
		if !n.HasArg {
			return nil, t.errAt(n.P, "transformer 'getopt' requires an option argument, e.g. getopt(proc.args, \"a:b\")[a]")
		}
		out.Result = fields.Charbuf
	}
	return out, nil
}

// opAllowed reports whether op applies to values of class cl (libs flt_is_comparable).
func opAllowed(op string, cl fields.Class) bool {
	if op == "exists" {
		return true
	}
	switch cl {
	case fields.ClassNumeric:
		return in(op, "=", "==", "!=", "<", "<=", ">", ">=", "in", "intersects")
	case fields.ClassBool:
		return in(op, "=", "==", "!=", "in", "intersects")
	case fields.ClassIP:
		return in(op, "=", "==", "!=", "in", "intersects")
	case fields.ClassBuffer:
		return in(op, "=", "==", "!=", "contains", "in", "startswith", "endswith", "intersects", "bcontains", "bstartswith")
	}
	return !in(op, "bcontains", "bstartswith")
}

func in(s string, list ...string) bool {
	for _, x := range list {
		if s == x {
			return true
		}
	}
	return false
}

var className = map[fields.Class]string{fields.ClassNumeric: "numeric", fields.ClassBool: "boolean", fields.ClassIP: "ip address", fields.ClassBuffer: "buffer", fields.ClassString: "string"}

func (t *checker) check(n *ast.Check) (Expr, error) {
	lhs, err := t.operand(n.LHS, false)
	if err != nil {
		return nil, err
	}
	op := n.Op
	if n.Mod != "" {
		t.ops = append(t.ops, op+" "+n.Mod)
	} else {
		t.ops = append(t.ops, op)
	}
	cl := lhs.Type().Class()
	if !opAllowed(op, cl) {
		return nil, t.errAt(n.P, fmt.Sprintf("'%s' operator not supported for %s filters", op, className[cl]))
	}
	out := &Check{Pos: n.P, LHS: lhs, Op: op, Mod: n.Mod}
	// Enter events are no longer produced (Falco 0.42): a check that selects them is deprecated.
	// Checks for exit events (evt.dir = <), as the upstream files use, stay valid.
	if f, ok := lhs.(*FieldOperand); ok && f.Field.Name == "evt.dir" {
		if s, ok := n.RHS.(*ast.Str); ok && (s.Value == ">" && (op == "=" || op == "==") || s.Value == "<" && op == "!=") {
			t.warnings = append(t.warnings, lr.Message{Code: lr.WarnDeprecatedItem,
				Message: "Field 'evt.dir' used to select enter events ('>'), which are no longer generated; the check never matches", Context: t.ctx})
		}
	}
	switch r := n.RHS.(type) {
	case nil:
	case *ast.Str:
		if !r.Quoted && t.looksLikeField(r.Value) {
			t.warnings = append(t.warnings, lr.Message{Code: lr.WarnCompileCondition,
				Message: "string '" + r.Value + "' may be a valid field wrongly interpreted as a string value", Context: t.ctx})
		}
		lit := &Literal{Values: []string{r.Value}, FieldType: lhs.Type()}
		if err := t.values(n, lhs, lit); err != nil {
			return nil, err
		}
		out.RHS = lit
	case *ast.List:
		lit := &Literal{IsList: true, FieldType: lhs.Type()}
		for _, s := range r.Items {
			lit.Values = append(lit.Values, s.Value)
		}
		if err := t.values(n, lhs, lit); err != nil {
			return nil, err
		}
		out.RHS = lit
	default:
		rhs, err := t.operand(r, true)
		if err != nil {
			return nil, err
		}
		out.RHS = rhs
	}
	return out, nil
}

// looksLikeField reports whether a bare string value is the name of a field (with optional argument).
func (t *checker) looksLikeField(v string) bool {
	if !strings.Contains(v, ".") {
		return false
	}
	e, err := parser.Parse(v + " exists")
	if err != nil {
		return false
	}
	c, ok := e.(*ast.Check)
	if !ok {
		return false
	}
	f, ok := c.LHS.(*ast.Field)
	if !ok {
		return false
	}
	_, err = t.l.reg.Resolve(f.Name, f.Arg, f.HasArg)
	return err == nil
}

// values checks literal values against the LHS type.
func (t *checker) values(n *ast.Check, lhs Operand, lit *Literal) error {
	f, isField := lhs.(*FieldOperand)
	for _, v := range lit.Values {
		if isField && f.Field.Name == "evt.type" && !f.HasArg && (n.Op != "contains" && n.Op != "startswith" && n.Op != "endswith" && n.Op != "glob" && n.Op != "iglob" && n.Op != "icontains" && n.Op != "regex" && n.Op != "pmatch") {
			if len(eventCodes(v)) == 0 {
				t.unknown = true
				return t.errAt(n.RHS.Position(), "unknown event type "+v)
			}
			continue
		}
		if isField && (strings.HasPrefix(f.Field.Name, "ka.") || strings.HasPrefix(f.Field.Name, "jevt.")) && v == "<NA>" && (n.Op == "=" || n.Op == "==") {
			t.warnings = append(t.warnings, lr.Message{Code: lr.WarnUnsafeNACheck, Message: "equality comparison with the <NA> value: this is unsafe and will be removed in a future version", Context: t.ctx})
		}
		if err := checkValue(n.Op, lhs.Type(), v); err != nil {
			return t.errAt(n.RHS.Position(), err.Error())
		}
	}
	if n.Op == "regex" {
		for _, v := range lit.Values {
			if _, err := regexp.Compile("^(?:" + v + ")$"); err != nil {
				return t.errAt(n.RHS.Position(), "invalid regular expression '"+v+"': "+err.Error())
			}
		}
	}
	return nil
}

// checkValue parses v as a value of type ty.
func checkValue(op string, ty fields.Type, v string) error {
	switch ty.Class() {
	case fields.ClassNumeric:
		if ty == fields.Double {
			if _, err := strconv.ParseFloat(v, 64); err != nil {
				return fmt.Errorf("'%s' is not a valid number", v)
			}
			return nil
		}
		if _, err := strconv.ParseInt(v, 0, 64); err != nil {
			if _, err := strconv.ParseUint(v, 0, 64); err != nil {
				return fmt.Errorf("'%s' is not a valid number", v)
			}
		}
	case fields.ClassBool:
		if !in(strings.ToLower(v), "true", "false") {
			return fmt.Errorf("'%s' is not a valid boolean", v)
		}
	case fields.ClassIP:
		if ty == fields.IPNet {
			if _, _, err := net.ParseCIDR(v); err != nil && net.ParseIP(v) == nil {
				return fmt.Errorf("unrecognized IP network %s", v)
			}
			return nil
		}
		if net.ParseIP(v) == nil {
			if _, _, err := net.ParseCIDR(v); err != nil {
				return fmt.Errorf("unrecognized IP address %s", v)
			}
		}
	case fields.ClassBuffer:
		if op == "bcontains" || op == "bstartswith" {
			if len(v)%2 != 0 || strings.Trim(strings.ToLower(v), "0123456789abcdef") != "" {
				return fmt.Errorf("%s requires a hexadecimal string, got '%s'", op, v)
			}
		}
	}
	return nil
}
