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
	"runtime"
	"sort"
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

// Loader loads rules files in order into one ruleset. A Loader is not safe for concurrent use; the
// Ruleset it returns is immutable and may be shared.
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
	warnings []checkWarning
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
	return l.loadAll(ctx, files, false)
}

// loadAll loads files in order; unless keepGoing, it stops after the first file with errors.
func (l *Loader) loadAll(ctx context.Context, files []File, keepGoing bool) []*lr.Result {
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
		if !res.Successful() && !keepGoing {
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
	// Falco names the location after the first 20 bytes of the condition, always followed by "...".
	name := cond
	if len(name) > 20 {
		name = name[:20]
	}
	name = strings.NewReplacer("\n", " ", "\r", " ").Replace(`"` + name + `..."`)
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
	// Lists: an item naming a list defined before this list's latest definition or append is replaced by
	// that list's items as written (one level, as Falco does); items stay unquoted until substitution.
	byName := map[string]*compiledList{}
	specs := map[string]*rules.List{}
	for _, spec := range coll.Lists() {
		specs[spec.Name] = spec
	}
	for _, spec := range coll.Lists() {
		cl := &compiledList{name: spec.Name, src: spec.Items}
		for _, it := range spec.Items {
			if ref, ok := specs[it]; ok && ref.Index < spec.Visibility {
				cl.items = append(cl.items, ref.Items...)
				cl.refs = append(cl.refs, it)
				continue
			}
			cl.items = append(cl.items, it)
		}
		quoted := make([]string, len(cl.items))
		for i, it := range cl.items {
			quoted[i] = quoteItem(it)
		}
		cl.joined = strings.Join(quoted, ", ")
		c.listIdx[spec.Name] = len(c.lists)
		if strings.ContainsAny(spec.Name, listDelims) {
			c.oddLists = append(c.oddLists, len(c.lists))
		}
		c.lists = append(c.lists, cl)
		byName[spec.Name] = cl
	}
	for _, cl := range c.lists {
		for _, r := range cl.refs {
			byName[r].used = true
		}
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

// expand replaces macro references in e with the visible macros' resolved or parsed conditions.
func (c *compiler) expand(e ast.Expr, visible func(string) *compiledMacro, text string, ctx lr.Context) (ast.Expr, []string, error) {
	var unknown []*ast.Macro // in traversal order, as libs' macro resolver reports them
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
				unknown = append(unknown, n)
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
		return nil, nil, &compileError{lr.ErrValidate, "Undefined macro '" + unknown[0].Name + "' used in filter.", condCtx(ctx, text, unknown[0].P)}
	}
	return out, used, nil
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
	for _, seg := range segs {
		if f, ok := seg.Field.(*FieldOperand); ok && f.Field.Has(fields.Deprecated) {
			c.res.Add(lr.WarnDeprecatedItem, fmt.Sprintf(deprecatedMsg, f.Field.Name), spec.OutputCtx)
		}
	}
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
				c.res.Add(lr.WarnUnknownFilter, ce.msg, ce.ctx)
				return nil, nil
			}
			return nil, ce
		}
		cr = &checkedRule{key: key, cond: cond, types: eventTypes(cond, c.l.all).types(),
			fields: uniq(tc.fields), ops: uniq(tc.ops), warnings: tc.warnings}
		c.l.checked[spec.Name] = cr
	}
	for _, w := range cr.warnings {
		ctx := spec.CondCtx
		if w.at != nil {
			ctx = condCtx(spec.CondCtx, text, *w.at)
		}
		c.res.Add(w.code, w.msg, ctx)
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
