package rules

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/aerie-sec/aerie/engine/condition/parser"
	lr "github.com/aerie-sec/aerie/engine/loadresult"
)

// Options configure a Collection. The zero value knows no source.
type Options struct {
	// EngineVersion is the engine version checked against required_engine_version.
	EngineVersion Version
	// Sources lists the loaded event sources; rules of other sources are skipped with LOAD_UNKNOWN_SOURCE.
	Sources []string
	// ValidField reports whether a field expression (a field, with argument, or a transformer) is valid
	// on the left-hand side for the source; used to check exception fields. Nil accepts every field.
	ValidField func(source, field string) bool
}

// Collection accumulates lists, macros and rules from one or more files, in load order.
type Collection struct {
	opts    Options
	next    int
	lists   []*List
	macros  []*Macro
	rules   []*Rule
	listIx  map[string]*List
	macroIx map[string]*Macro
	ruleIx  map[string]*Rule

	// RequiredEngineVersion is the highest required_engine_version seen (zero if none).
	RequiredEngineVersion Version
	// RequiredEngineCtx locates the highest required_engine_version.
	RequiredEngineCtx lr.Context
	// PluginRequirements lists every required_plugin_versions entry in load order.
	PluginRequirements []PluginRequirement
}

// NewCollection returns an empty collection.
func NewCollection(opts Options) *Collection {
	return &Collection{opts: opts, listIx: map[string]*List{}, macroIx: map[string]*Macro{}, ruleIx: map[string]*Rule{}}
}

// Lists returns the lists by index (first-definition order).
func (c *Collection) Lists() []*List { return c.lists }

// Macros returns the macros by index.
func (c *Collection) Macros() []*Macro { return c.macros }

// Rules returns the rules by index: Falco's evaluation order.
func (c *Collection) Rules() []*Rule { return c.rules }

// loadError aborts reading a file with one error.
type loadError struct {
	code lr.Code
	msg  string
	ctx  lr.Context
}

func (e *loadError) Error() string { return e.msg }

func fail(msg string, ctx lr.Context) error {
	return &loadError{code: lr.ErrYAMLValidate, msg: msg, ctx: ctx}
}

func failValidate(msg string, ctx lr.Context) error {
	return &loadError{code: lr.ErrValidate, msg: msg, ctx: ctx}
}

// file tracks one file's name and line offsets, to turn yaml.v3 positions into Falco's.
type file struct {
	name  string
	src   []byte
	lines []int
	res   *lr.Result
	root  lr.Context
}

func (f *file) pos(n *yaml.Node) lr.Position {
	if n == nil {
		return lr.Position{Name: f.name}
	}
	return f.posAt(n.Line, n.Column)
}

// posAt converts a 1-based line and character column into Falco's 0-based line/column and byte offset.
func (f *file) posAt(line, col int) lr.Position {
	p := lr.Position{Name: f.name, Line: line - 1, Column: col - 1}
	if line < 1 || line > len(f.lines) {
		return p
	}
	off := f.lines[line-1]
	for i := 1; i < col && off < len(f.src) && f.src[off] != '\n'; i++ {
		_, sz := utf8.DecodeRune(f.src[off:])
		off += sz
	}
	p.Offset = off
	return p
}

func (f *file) ctx(parent lr.Context, n *yaml.Node, t lr.ItemType, name string) lr.Context {
	return parent.With(t, name, f.pos(n))
}

var yamlLineRE = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// parseError turns a YAML decoding error into Falco's message and position. The error yaml-cpp reports
// most often, a mapping value where none is allowed, is worded as yaml-cpp words it ("yaml-cpp: error at
// line L, column C: illegal map value"), its column being that of the offending ':' (the second mapping
// indicator of the line when it has several, else the first: a heuristic, as yaml.v3 reports lines only).
// Other errors keep yaml.v3's wording, located at the start of their line.
func (f *file) parseError(msg string) (string, lr.Position) {
	m := yamlLineRE.FindStringSubmatch(msg)
	if m == nil {
		return msg, lr.Position{Name: f.name}
	}
	line := 1
	if m[1] != "" {
		line, _ = strconv.Atoi(m[1])
	}
	if m[2] != "mapping values are not allowed in this context" || line > len(f.lines) {
		if m[1] == "" {
			return msg, lr.Position{Name: f.name}
		}
		return msg, f.posAt(line, 1)
	}
	start := f.lines[line-1]
	end := len(f.src)
	if line < len(f.lines) {
		end = f.lines[line] - 1
	}
	text := f.src[start:end]
	var colons []int
	var quote byte
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || text[i-1] == ' '):
			i = len(text)
		case c == ':' && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\t' || text[i+1] == '\r'):
			colons = append(colons, i)
		}
	}
	col := 0
	switch {
	case len(colons) > 1:
		col = colons[1]
	case len(colons) == 1:
		col = colons[0]
	}
	p := lr.Position{Name: f.name, Line: line - 1, Column: col, Offset: start + col}
	return fmt.Sprintf("yaml-cpp: error at line %d, column %d: illegal map value", line, col+1), p
}

// Document is a rules file decoded from YAML but not yet collected. Decoding is independent of the
// collection, so several files may be decoded concurrently and then added in order.
type Document struct {
	name string
	src  []byte
	docs []*yaml.Node
	// err is the decoding error, reported when the document is added.
	err *loadError
}

// Name returns the file name.
func (d *Document) Name() string { return d.name }

// Decode decodes a rules file's YAML documents.
func Decode(ctx context.Context, name string, content []byte) *Document {
	d := &Document{name: name, src: content}
	f := newFile(name, content, nil)
	dec := yaml.NewDecoder(bytes.NewReader(content))
	for {
		if err := ctx.Err(); err != nil {
			d.err = &loadError{lr.ErrFileRead, fmt.Sprintf("read rules: %v", err), f.root}
			return d
		}
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			msg, p := f.parseError(err.Error())
			d.err = &loadError{lr.ErrYAMLParse, msg, f.root.With(lr.ItemRulesContent, "", p)}
			return d
		}
		d.docs = append(d.docs, &doc)
	}
	return d
}

func newFile(name string, content []byte, res *lr.Result) *file {
	f := &file{name: name, src: content, res: res}
	f.lines = make([]int, 1, bytes.Count(content, []byte{'\n'})+1)
	for i, b := range content {
		if b == '\n' {
			f.lines = append(f.lines, i+1)
		}
	}
	f.root = lr.Context{}.With(lr.ItemRulesContent, "", lr.Position{Name: name})
	return f
}

// Read reads one rules file into the collection and records its errors and warnings in res. Reading stops
// at the first error, as Falco's does; it reports whether the file was read without error.
func (c *Collection) Read(ctx context.Context, name string, content []byte, res *lr.Result) bool {
	return c.Add(Decode(ctx, name, content), res)
}

// Add collects a decoded file, as Read does.
func (c *Collection) Add(d *Document, res *lr.Result) bool {
	if d.err != nil {
		res.Add(d.err.code, d.err.msg, d.err.ctx)
		return false
	}
	f := newFile(d.name, d.src, res)
	docs := d.docs
	for _, doc := range docs {
		n := doc
		if n.Kind == yaml.DocumentNode {
			if len(n.Content) == 0 {
				continue
			}
			n = n.Content[0]
		}
		n = deref(n)
		if isNull(n) {
			continue
		}
		err := func() error {
			if n.Kind != yaml.MappingNode && n.Kind != yaml.SequenceNode {
				return fail("Rules content is not yaml", f.root)
			}
			if n.Kind != yaml.SequenceNode {
				return fail("Rules content is not yaml array of objects", f.root)
			}
			for _, item := range n.Content {
				item = deref(item)
				if isNull(item) {
					continue
				}
				if err := c.readItem(f, item); err != nil {
					return err
				}
			}
			return nil
		}()
		if err != nil {
			var le *loadError
			if errors.As(err, &le) {
				res.Add(le.code, le.msg, le.ctx)
			} else {
				res.Add(lr.ErrYAMLValidate, err.Error(), f.root)
			}
			return false
		}
	}
	return true
}

func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// get returns the key and value nodes of key in mapping m.
func get(m *yaml.Node, key string) (k, v *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], deref(m.Content[i+1])
		}
	}
	return nil, nil
}

func has(m *yaml.Node, key string) bool {
	k, _ := get(m, key)
	return k != nil
}

// scalar decodes item[key] as a non-empty scalar, with Falco's messages.
func (f *file) scalar(item *yaml.Node, key string, ctx lr.Context, optional bool) (string, bool, error) {
	k, v := get(item, key)
	if k == nil {
		if optional {
			return "", false, nil
		}
		return "", false, fail("Item has no mapping for key '"+key+"'", ctx)
	}
	if isNull(v) {
		return "", false, fail("Mapping for key '"+key+"' is empty", ctx)
	}
	if v.Kind != yaml.ScalarNode {
		return "", false, fail("Value is not a scalar value", f.ctx(ctx, v, lr.ItemValueFor, key))
	}
	if v.Value == "" {
		return "", false, fail("Value must be non-empty", f.ctx(ctx, v, lr.ItemValueFor, key))
	}
	return v.Value, true, nil
}

func (f *file) str(item *yaml.Node, key string, ctx lr.Context) (string, error) {
	s, _, err := f.scalar(item, key, ctx, false)
	return s, err
}

// boolean decodes item[key] as a YAML boolean in yaml-cpp's spellings.
func (f *file) boolean(item *yaml.Node, key string, ctx lr.Context, optional bool, out *bool) (bool, error) {
	s, ok, err := f.scalar(item, key, ctx, optional)
	if err != nil || !ok {
		return false, err
	}
	switch s {
	case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON":
		*out = true
	case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF":
		*out = false
	default:
		_, v := get(item, key)
		return false, fail("Can't decode YAML scalar value", f.ctx(ctx, v, lr.ItemValueFor, key))
	}
	return true, nil
}

// seq decodes item[key] as a sequence of scalars.
func (f *file) seq(item *yaml.Node, key string, ctx lr.Context, optional bool) ([]string, bool, error) {
	k, v := get(item, key)
	if k == nil {
		if optional {
			return nil, false, nil
		}
		return nil, false, fail("Item has no mapping for key '"+key+"'", ctx)
	}
	if v == nil || v.Kind != yaml.SequenceNode {
		return nil, false, fail("Value is not a sequence", f.ctx(ctx, v, lr.ItemValueFor, key))
	}
	out := make([]string, 0, len(v.Content))
	for _, e := range v.Content {
		e = deref(e)
		if e.Kind != yaml.ScalarNode || isNull(e) {
			return nil, false, fail("sequence value is not scalar", f.ctx(f.ctx(ctx, v, lr.ItemValueFor, key), e, lr.ItemListItem, ""))
		}
		out = append(out, e.Value)
	}
	return out, true, nil
}

var (
	macroNameRE = regexp.MustCompile(`^[a-zA-Z]+[a-zA-Z0-9_]*$`)
	listNameRE  = regexp.MustCompile(`^[^()"'\s=,]+$`)
)

var itemKeys = map[string][]string{
	"required_engine_version":  {"required_engine_version"},
	"required_plugin_versions": {"required_plugin_versions"},
	"list":                     {"list", "items", "append", "override"},
	"macro":                    {"macro", "condition", "append", "override", "source"},
	"rule": {"rule", "condition", "output", "desc", "priority", "source", "enabled", "tags", "exceptions",
		"warn_evttypes", "skip-if-unknown-filter", "capture", "capture_duration", "append", "override"},
}

func (f *file) warnUnknownKeys(kind string, item *yaml.Node, ctx lr.Context) {
	allowed := itemKeys[kind]
	for i := 0; i+1 < len(item.Content); i += 2 {
		k := item.Content[i].Value
		ok := false
		for _, a := range allowed {
			ok = ok || a == k
		}
		if !ok {
			f.res.Add(lr.WarnUnknownKey, "Unknown key '"+k+"'. The key will be ignored.", ctx)
		}
	}
}

const (
	warnAppend        = "'append' key is deprecated. Add an 'append' entry (e.g. 'condition: append') under 'override' instead."
	errOverrideAppend = "Keys 'override' and 'append: true' cannot be used together. Add an 'append' entry (e.g. 'condition: append') under 'override' instead."
	warnEnabled       = "The standalone 'enabled' key usage is deprecated. The correct approach requires also a 'replace' entry under the 'override' key (i.e. 'enabled: replace')."
	errNoPrevMacro    = "Macro uses 'append' or 'override.condition: append' but no macro by that name already exists"
	errNoPrevList     = "List uses 'append' or 'override.items: append' but no list by that name already exists"
	errNoPrevAppend   = "Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists"
	errNoPrevReplace  = "An 'override.<key>: replace' to a rule was requested but no rule by that name already exists"
)

func (c *Collection) readItem(f *file, item *yaml.Node) error {
	if item.Kind != yaml.MappingNode {
		return fail("Unexpected element type. Each element should be a yaml associative array.", f.ctx(f.root, item, lr.ItemRulesContentItem, ""))
	}
	switch {
	case has(item, "required_engine_version"):
		return c.readEngineVersion(f, item)
	case has(item, "required_plugin_versions"):
		return c.readPluginVersions(f, item)
	case has(item, "list"):
		return c.readList(f, item)
	case has(item, "macro"):
		return c.readMacro(f, item)
	case has(item, "rule"):
		return c.readRule(f, item)
	}
	f.res.Add(lr.WarnUnknownItem, "Unknown top level item", f.ctx(f.root, item, lr.ItemRulesContentItem, ""))
	return nil
}

func (c *Collection) readEngineVersion(f *file, item *yaml.Node) error {
	ctx := f.ctx(f.root, item, lr.ItemEngineVersion, "")
	f.warnUnknownKeys("required_engine_version", item, ctx)
	s, err := f.str(item, "required_engine_version", ctx)
	if err != nil {
		return err
	}
	var v Version
	if n, err := strconv.ParseUint(strings.TrimPrefix(s, "+"), 10, 32); err == nil {
		v = Version{0, n, 0}
	} else if pv, ok := ParseVersion(s); ok {
		v = pv
	} else {
		return fail("Unable to parse engine version '"+s+"' as a semver string. Expected \"x.y.z\" semver format.", ctx)
	}
	if !c.opts.EngineVersion.CompatibleWith(v) {
		return failValidate("Rules require engine version "+v.String()+", but engine version is "+c.opts.EngineVersion.String(), ctx)
	}
	if c.RequiredEngineVersion.Less(v) {
		c.RequiredEngineVersion, c.RequiredEngineCtx = v, ctx
	}
	return nil
}

func (c *Collection) readPluginVersions(f *file, item *yaml.Node) error {
	_, reqs := get(item, "required_plugin_versions")
	ctx := f.ctx(f.root, reqs, lr.ItemPluginVersions, "")
	f.warnUnknownKeys("required_plugin_versions", item, ctx)
	if reqs == nil || reqs.Kind != yaml.SequenceNode {
		return fail("Value of required_plugin_versions must be a sequence", ctx)
	}
	for _, p := range reqs.Content {
		p = deref(p)
		tmp := f.ctx(ctx, p, lr.ItemPluginVersionEntry, "")
		if p.Kind != yaml.MappingNode {
			return fail("Plugin version must be a mapping", tmp)
		}
		name, err := f.str(p, "name", tmp)
		if err != nil {
			return err
		}
		pctx := f.ctx(ctx, p, lr.ItemPluginVersionEntry, name)
		ver, err := f.str(p, "version", pctx)
		if err != nil {
			return err
		}
		req := PluginRequirement{Alternatives: []PluginVersion{{name, ver}}, Ctx: pctx}
		if k, alts := get(p, "alternatives"); k != nil {
			if alts == nil || alts.Kind != yaml.SequenceNode {
				return fail("Value of plugin version alternatives must be a sequence", pctx)
			}
			for _, a := range alts.Content {
				a = deref(a)
				atmp := f.ctx(pctx, a, lr.ItemPluginVersionAlt, "")
				if a.Kind != yaml.MappingNode {
					return fail("Plugin version alternative must be a mapping", atmp)
				}
				an, err := f.str(a, "name", atmp)
				if err != nil {
					return err
				}
				av, err := f.str(a, "version", f.ctx(pctx, a, lr.ItemPluginVersionAlt, an))
				if err != nil {
					return err
				}
				req.Alternatives = append(req.Alternatives, PluginVersion{an, av})
			}
		}
		seen := map[string]bool{}
		for _, a := range req.Alternatives {
			if _, ok := ParseVersion(a.Version); !ok {
				return failValidate("Invalid required version '"+a.Version+"' for plugin '"+a.Name+"'", pctx)
			}
			if seen[a.Name] {
				return failValidate("Defined multiple alternative version requirements for plugin '"+a.Name+"'", pctx)
			}
			seen[a.Name] = true
		}
		c.PluginRequirements = append(c.PluginRequirements, req)
	}
	return nil
}

// overrides decodes the "override" mapping into the keys to append and to replace.
func (f *file) overrides(item *yaml.Node, canAppend, canReplace []string, ctx lr.Context) (app, rep []string, err error) {
	k, ov := get(item, "override")
	if k == nil {
		return nil, nil, nil
	}
	octx := f.ctx(ctx, item, lr.ItemOverrides, "")
	if ov == nil || ov.Kind == yaml.ScalarNode {
		// Falco iterates the override node: a null or scalar one holds no override.
		return nil, nil, nil
	}
	if ov.Kind != yaml.MappingNode {
		return nil, nil, fail("Value is not a mapping", f.ctx(octx, ov, lr.ItemValueFor, "override"))
	}
	in := func(list []string, s string) bool {
		for _, x := range list {
			if x == s {
				return true
			}
		}
		return false
	}
	for i := 0; i+1 < len(ov.Content); i += 2 {
		kn, vn := ov.Content[i], deref(ov.Content[i+1])
		key, op := kn.Value, vn.Value
		switch op {
		case "append":
			if !in(canAppend, key) {
				return nil, nil, fail("Key '"+key+"' cannot be appended to, use 'replace' instead", f.ctx(octx, kn, lr.ItemOverrides, key))
			}
			app = append(app, key)
		case "replace":
			if !in(canReplace, key) {
				return nil, nil, fail("Key '"+key+"' cannot be replaced", f.ctx(octx, kn, lr.ItemOverrides, key))
			}
			rep = append(rep, key)
		default:
			msg := "Invalid override operation for key '" + key + "': '" + op + "'. Allowed values are: "
			if in(canAppend, key) {
				msg += "append "
			}
			if in(canReplace, key) {
				msg += "replace "
			}
			return nil, nil, fail(msg, f.ctx(octx, vn, lr.ItemValueFor, key))
		}
	}
	return app, rep, nil
}

func (c *Collection) index() int {
	c.next++
	return c.next - 1
}

func (c *Collection) readList(f *file, item *yaml.Node) error {
	tmp := f.ctx(f.root, item, lr.ItemList, "")
	name, err := f.str(item, "list", tmp)
	if err != nil {
		return err
	}
	ctx := f.ctx(f.root, item, lr.ItemList, name)
	f.warnUnknownKeys("list", item, ctx)
	if !listNameRE.MatchString(name) {
		f.res.Add(lr.WarnInvalidListName, `List has an invalid name. List names should match a regular expression: [^()"'[:space:]=,]+`, ctx)
	}
	var appendFlag bool
	if _, err := f.boolean(item, "append", ctx, true, &appendFlag); err != nil {
		return err
	}
	if appendFlag {
		f.res.Add(lr.WarnDeprecatedItem, warnAppend, ctx)
	}
	app, rep, err := f.overrides(item, []string{"items"}, []string{"items"}, ctx)
	if err != nil {
		return err
	}
	if appendFlag && (app != nil || rep != nil) {
		return fail(errOverrideAppend, ctx)
	}
	items, _, err := f.seq(item, "items", ctx, false)
	if err != nil {
		return err
	}
	if appendFlag || len(app) > 0 {
		prev := c.listIx[name]
		if prev == nil {
			return failValidate(errNoPrevList, ctx)
		}
		prev.Items = append(prev.Items, items...)
		prev.Visibility = c.index()
		return nil
	}
	l := &List{Name: name, Items: items, Ctx: ctx}
	c.defineList(l)
	return nil
}

func (c *Collection) defineList(l *List) {
	id := c.index()
	l.Visibility = id
	if prev := c.listIx[l.Name]; prev != nil {
		l.Index = prev.Index
		*prev = *l
		return
	}
	l.Index = id
	c.lists = append(c.lists, l)
	c.listIx[l.Name] = l
}

func (c *Collection) readMacro(f *file, item *yaml.Node) error {
	tmp := f.ctx(f.root, item, lr.ItemMacro, "")
	name, err := f.str(item, "macro", tmp)
	if err != nil {
		return err
	}
	ctx := f.ctx(f.root, item, lr.ItemMacro, name)
	f.warnUnknownKeys("macro", item, ctx)
	if !macroNameRE.MatchString(name) {
		f.res.Add(lr.WarnInvalidMacroName, "Macro has an invalid name. Macro names should match a regular expression: [a-zA-Z]+[a-zA-Z0-9_]*", ctx)
	}
	cond, err := f.str(item, "condition", ctx)
	if err != nil {
		return err
	}
	var appendFlag bool
	if _, err := f.boolean(item, "append", ctx, true, &appendFlag); err != nil {
		return err
	}
	if appendFlag {
		f.res.Add(lr.WarnDeprecatedItem, warnAppend, ctx)
	}
	app, rep, err := f.overrides(item, []string{"condition"}, []string{"condition"}, ctx)
	if err != nil {
		return err
	}
	if appendFlag && (app != nil || rep != nil) {
		return fail(errOverrideAppend, ctx)
	}
	_, cn := get(item, "condition")
	condCtx := f.ctx(ctx, cn, lr.ItemMacroCondition, "")
	if appendFlag || len(app) > 0 {
		prev := c.macroIx[name]
		if prev == nil {
			return failValidate(errNoPrevMacro, ctx)
		}
		prev.Condition += " " + cond
		prev.Visibility = c.index()
		return nil
	}
	m := &Macro{Name: name, Condition: cond, Ctx: ctx, CondCtx: condCtx}
	id := c.index()
	m.Visibility = id
	if prev := c.macroIx[name]; prev != nil {
		m.Index = prev.Index
		*prev = *m
		return nil
	}
	m.Index = id
	c.macros = append(c.macros, m)
	c.macroIx[name] = m
	return nil
}

func (c *Collection) sourceKnown(s string) bool {
	for _, x := range c.opts.Sources {
		if x == s {
			return true
		}
	}
	return false
}

// update is a partial rule: the keys an append or replace override carries.
type update struct {
	keys    map[string]bool
	r       Rule
	condCtx lr.Context
	outCtx  lr.Context
}

func (c *Collection) readRule(f *file, item *yaml.Node) error {
	tmp := f.ctx(f.root, item, lr.ItemRule, "")
	name, err := f.str(item, "rule", tmp)
	if err != nil {
		return err
	}
	ctx := f.ctx(f.root, item, lr.ItemRule, name)
	f.warnUnknownKeys("rule", item, ctx)
	var appendFlag bool
	if _, err := f.boolean(item, "append", ctx, true, &appendFlag); err != nil {
		return err
	}
	if appendFlag {
		f.res.Add(lr.WarnDeprecatedItem, warnAppend, ctx)
	}
	app, rep, err := f.overrides(item, appendOrder, canReplace, ctx)
	if err != nil {
		return err
	}
	if appendFlag && (app != nil || rep != nil) {
		return fail(errOverrideAppend, ctx)
	}
	switch {
	case app != nil || rep != nil:
		// Falco checks the overridden keys in a fixed order, applies the append and then the replace,
		// and only then complains about a key present but not listed under override.
		expected := map[string]bool{}
		for _, k := range canReplace {
			if has(item, k) {
				expected[k] = true
			}
		}
		if err := checkExpected(expected, app, "append", appendOrder, ctx); err != nil {
			return err
		}
		if len(app) > 0 {
			u, err := c.readUpdate(f, item, ordered(app, appendOrder), ctx, true)
			if err != nil {
				return err
			}
			if err := c.appendRule(name, u, ctx); err != nil {
				return err
			}
		}
		if err := checkExpected(expected, rep, "replace", canReplace, ctx); err != nil {
			return err
		}
		if len(rep) > 0 {
			u, err := c.readUpdate(f, item, ordered(rep, canReplace), ctx, false)
			if err != nil {
				return err
			}
			if err := c.replaceRule(name, u, ctx); err != nil {
				return err
			}
		}
		if len(expected) > 0 {
			var left []string
			for k := range expected {
				left = append(left, k)
			}
			k := sorted(left)[0]
			_, vn := get(item, k) // Falco locates it at the key's value
			return fail("Unexpected key '"+k+"': no corresponding entry under 'override' is defined.", f.ctx(ctx, vn, lr.ItemOverrides, k))
		}
		return nil
	case appendFlag:
		var keys []string
		for _, k := range []string{"condition", "exceptions"} {
			if has(item, k) {
				keys = append(keys, k)
			}
		}
		u, err := c.readUpdate(f, item, keys, ctx, true)
		if err != nil {
			return err
		}
		return c.appendRule(name, u, ctx)
	}
	r := &Rule{Name: name, Ctx: ctx, Enabled: true, WarnEvttypes: true, Source: "syscall"}
	if !has(item, "condition") && !has(item, "output") && !has(item, "desc") && !has(item, "priority") {
		if _, err := f.boolean(item, "enabled", ctx, false, &r.Enabled); err != nil {
			return err
		}
		f.res.Add(lr.WarnDeprecatedItem, warnEnabled, ctx)
		prev := c.ruleIx[name]
		if prev == nil {
			return failValidate("Rule has 'enabled' key but no rule by that name already exists", ctx)
		}
		prev.Enabled = r.Enabled
		return nil
	}
	_, cn := get(item, "condition")
	r.CondCtx = f.ctx(ctx, cn, lr.ItemRuleCondition, "")
	if r.Condition, err = f.str(item, "condition", ctx); err != nil {
		return err
	}
	_, on := get(item, "output")
	r.OutputCtx = f.ctx(ctx, on, lr.ItemRuleOutput, "")
	if r.Output, err = f.str(item, "output", ctx); err != nil {
		return err
	}
	r.Output = strings.TrimSpace(r.Output)
	if r.Desc, err = f.str(item, "desc", ctx); err != nil {
		return err
	}
	pri, err := f.str(item, "priority", ctx)
	if err != nil {
		return err
	}
	var ok bool
	if r.Priority, ok = ParsePriority(pri); !ok {
		_, pn := get(item, "priority")
		return fail("Invalid priority", f.ctx(ctx, pn, lr.ItemRulePriority, ""))
	}
	if s, ok, err := f.scalar(item, "source", ctx, true); err != nil {
		return err
	} else if ok {
		r.Source = s
	}
	if err := c.readCommon(f, item, ctx, &r.Enabled, "enabled"); err != nil {
		return err
	}
	if err := c.readCommon(f, item, ctx, &r.WarnEvttypes, "warn_evttypes"); err != nil {
		return err
	}
	if err := c.readCommon(f, item, ctx, &r.SkipIfUnknownFilter, "skip-if-unknown-filter"); err != nil {
		return err
	}
	if err := c.readCommon(f, item, ctx, &r.Capture, "capture"); err != nil {
		return err
	}
	if r.CaptureDuration, err = f.uint(item, "capture_duration", ctx); err != nil {
		return err
	}
	tags, _, err := f.seq(item, "tags", ctx, true)
	if err != nil {
		return err
	}
	r.Tags = addTags(nil, tags...)
	if r.Exceptions, err = f.exceptions(item, ctx, false); err != nil {
		return err
	}
	return c.defineRule(f, r)
}

// appendOrder and canReplace list the rule keys that can be appended to and replaced, in the order
// Falco reads them.
var (
	appendOrder = []string{"condition", "exceptions", "output", "desc", "tags"}
	canReplace  = []string{"condition", "exceptions", "output", "desc", "tags", "priority", "enabled", "warn_evttypes",
		"skip-if-unknown-filter", "capture", "capture_duration"}
)

// checkExpected checks that every key overridden with op is present in the item, in Falco's order, and
// removes it from the keys still expected under override.
func checkExpected(expected map[string]bool, keys []string, op string, order []string, ctx lr.Context) error {
	for _, k := range ordered(keys, order) {
		if !expected[k] {
			return fail("An "+op+" override for '"+k+"' was specified but '"+k+"' is not defined", ctx)
		}
		delete(expected, k)
	}
	return nil
}

// ordered returns the keys of order that are in keys.
func ordered(keys, order []string) []string {
	var out []string
	for _, k := range order {
		for _, x := range keys {
			if x == k {
				out = append(out, k)
				break
			}
		}
	}
	return out
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

func (c *Collection) readCommon(f *file, item *yaml.Node, ctx lr.Context, out *bool, key string) error {
	_, err := f.boolean(item, key, ctx, true, out)
	return err
}

func (f *file) uint(item *yaml.Node, key string, ctx lr.Context) (uint64, error) {
	s, ok, err := f.scalar(item, key, ctx, true)
	if err != nil || !ok {
		return 0, err
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		_, v := get(item, key)
		return 0, fail("Can't decode YAML scalar value", f.ctx(ctx, v, lr.ItemValueFor, key))
	}
	return n, nil
}

// readUpdate decodes the listed keys of an append or replace override.
func (c *Collection) readUpdate(f *file, item *yaml.Node, keys []string, ctx lr.Context, appending bool) (*update, error) {
	u := &update{keys: map[string]bool{}}
	var err error
	for _, k := range keys {
		u.keys[k] = true
		switch k {
		case "condition":
			_, cn := get(item, "condition")
			u.condCtx = f.ctx(ctx, cn, lr.ItemRuleCondition, "")
			u.r.Condition, err = f.str(item, k, ctx)
		case "output":
			_, on := get(item, "output")
			u.outCtx = f.ctx(ctx, on, lr.ItemRuleOutput, "")
			u.r.Output, err = f.str(item, k, ctx)
			u.r.Output = strings.TrimSpace(u.r.Output)
		case "desc":
			u.r.Desc, err = f.str(item, k, ctx)
		case "priority":
			var s string
			if s, err = f.str(item, k, ctx); err == nil {
				var ok bool
				if u.r.Priority, ok = ParsePriority(s); !ok {
					_, pn := get(item, "priority")
					err = fail("Invalid priority", f.ctx(ctx, pn, lr.ItemRulePriority, ""))
				}
			}
		case "tags":
			var tags []string
			tags, _, err = f.seq(item, k, ctx, false)
			u.r.Tags = addTags(nil, tags...)
		case "exceptions":
			u.r.Exceptions, err = f.exceptions(item, ctx, appending)
		case "enabled":
			_, err = f.boolean(item, k, ctx, false, &u.r.Enabled)
		case "warn_evttypes":
			_, err = f.boolean(item, k, ctx, false, &u.r.WarnEvttypes)
		case "skip-if-unknown-filter":
			_, err = f.boolean(item, k, ctx, false, &u.r.SkipIfUnknownFilter)
		case "capture":
			_, err = f.boolean(item, k, ctx, false, &u.r.Capture)
		case "capture_duration":
			u.r.CaptureDuration, err = f.uint(item, k, ctx)
		}
		if err != nil {
			return nil, err
		}
	}
	return u, nil
}

func (c *Collection) defineRule(f *file, r *Rule) error {
	prev := c.ruleIx[r.Name]
	if prev != nil && prev.Source != r.Source {
		return failValidate("Rule has been re-defined with a different source", r.Ctx)
	}
	if !c.sourceKnown(r.Source) {
		r.UnknownSource = true
		f.res.Add(lr.WarnUnknownSource, "Unknown source "+r.Source+", skipping", r.Ctx)
	}
	// Exceptions are validated even for an unknown source, whose fields alone cannot be checked.
	for i := range r.Exceptions {
		ex := &r.Exceptions[i]
		if !ex.Fields.Valid() {
			return failValidate("Rule exception item must have fields property with a list of fields", ex.Ctx)
		}
		if err := c.validateException(r, ex); err != nil {
			return err
		}
	}
	id := c.index()
	r.Visibility = id
	if prev != nil {
		r.Index = prev.Index
		*prev = *r
		return nil
	}
	r.Index = id
	c.rules = append(c.rules, r)
	c.ruleIx[r.Name] = r
	return nil
}

func (c *Collection) appendRule(name string, u *update, ctx lr.Context) error {
	prev := c.ruleIx[name]
	if prev == nil {
		return failValidate(errNoPrevAppend, ctx)
	}
	if len(u.keys) == 0 {
		return failValidate("Appended rule must have exceptions or condition property", ctx)
	}
	if u.keys["condition"] && u.r.Condition != "" {
		prev.Condition += " " + u.r.Condition
	}
	if u.keys["output"] && u.r.Output != "" {
		prev.Output += " " + u.r.Output
	}
	if u.keys["desc"] && u.r.Desc != "" {
		prev.Desc += " " + u.r.Desc
	}
	if u.keys["tags"] {
		prev.Tags = addTags(prev.Tags, u.r.Tags...)
	}
	if u.keys["exceptions"] {
		if err := c.appendExceptions(prev, u.r.Exceptions); err != nil {
			return err
		}
	}
	prev.Visibility = c.index()
	return nil
}

func (c *Collection) appendExceptions(prev *Rule, exs []Exception) error {
	for _, ex := range exs {
		found := -1
		for i := range prev.Exceptions {
			if prev.Exceptions[i].Name == ex.Name {
				found = i
				break
			}
		}
		if found < 0 {
			if !ex.Fields.Valid() {
				return failValidate("Rule exception must have fields property with a list of fields", ex.Ctx)
			}
			if len(ex.Values) == 0 {
				return failValidate("Rule exception must have values property with a list of values", ex.Ctx)
			}
			if err := c.validateException(prev, &ex); err != nil {
				return err
			}
			prev.Exceptions = append(prev.Exceptions, ex)
			continue
		}
		if ex.Fields.Valid() {
			return failValidate("Can not append exception fields to existing exception, only values", ex.Ctx)
		}
		if ex.Comps.Valid() {
			return failValidate("Can not append exception comps to existing exception, only values", ex.Ctx)
		}
		prev.Exceptions[found].Values = append(prev.Exceptions[found].Values, ex.Values...)
	}
	return nil
}

func (c *Collection) replaceRule(name string, u *update, ctx lr.Context) error {
	prev := c.ruleIx[name]
	if prev == nil {
		return failValidate(errNoPrevReplace, ctx)
	}
	if u.keys["condition"] && u.r.Condition != "" {
		prev.Condition = u.r.Condition
		prev.CondCtx = u.condCtx
	}
	if u.keys["output"] && u.r.Output != "" {
		prev.Output = u.r.Output
		prev.OutputCtx = u.outCtx
	}
	if u.keys["desc"] && u.r.Desc != "" {
		prev.Desc = u.r.Desc
	}
	if u.keys["tags"] {
		prev.Tags = u.r.Tags
	}
	if u.keys["exceptions"] {
		for i := range u.r.Exceptions {
			ex := &u.r.Exceptions[i]
			if !ex.Fields.Valid() {
				return failValidate("Rule exception item must have fields property with a list of fields", ex.Ctx)
			}
			if err := c.validateException(prev, ex); err != nil {
				return err
			}
		}
		prev.Exceptions = u.r.Exceptions
	}
	if u.keys["priority"] {
		prev.Priority = u.r.Priority
	}
	if u.keys["enabled"] {
		prev.Enabled = u.r.Enabled
	}
	if u.keys["warn_evttypes"] {
		prev.WarnEvttypes = u.r.WarnEvttypes
	}
	if u.keys["skip-if-unknown-filter"] {
		prev.SkipIfUnknownFilter = u.r.SkipIfUnknownFilter
	}
	if u.keys["capture"] {
		prev.Capture = u.r.Capture
	}
	if u.keys["capture_duration"] {
		prev.CaptureDuration = u.r.CaptureDuration
	}
	prev.Visibility = c.index()
	return nil
}

// validateException checks an exception's fields and comps and fills in the default comps. The fields of a
// rule of an unknown source are not checked.
func (c *Collection) validateException(r *Rule, ex *Exception) error {
	valid := func(field string) bool {
		return r.UnknownSource || c.opts.ValidField == nil || c.opts.ValidField(r.Source, field)
	}
	if ex.Fields.IsList {
		if !ex.Comps.Valid() {
			ex.Comps = Entry{IsList: true}
			for range ex.Fields.Items {
				ex.Comps.Items = append(ex.Comps.Items, Entry{Item: "="})
			}
		}
		if len(ex.Fields.Items) != len(ex.Comps.Items) {
			return failValidate("Fields and comps lists must have equal length", ex.Ctx)
		}
		for _, v := range ex.Comps.Items {
			if !parser.IsOperator(v.Item) {
				return failValidate("'"+v.Item+"' is not a supported comparison operator", ex.Ctx)
			}
		}
		for _, v := range ex.Fields.Items {
			if !valid(v.Item) {
				return failValidate("'"+v.Item+"' is not a supported filter field", ex.Ctx)
			}
		}
		return nil
	}
	if !ex.Comps.Valid() {
		ex.Comps = Entry{Item: "in"}
	}
	if ex.Comps.IsList {
		return failValidate("Fields and comps must both be strings", ex.Ctx)
	}
	if ex.Comps.Item != "in" && ex.Comps.Item != "pmatch" && ex.Comps.Item != "intersects" && !parser.IsListOperator(ex.Comps.Item) {
		return failValidate("When fields is a single value, comps must be one of (in, pmatch, intersects)", ex.Ctx)
	}
	if !valid(ex.Fields.Item) {
		return failValidate("'"+ex.Fields.Item+"' is not a supported filter field", ex.Ctx)
	}
	return nil
}

// exceptions decodes a rule's exceptions.
func (f *file) exceptions(item *yaml.Node, parent lr.Context, appending bool) ([]Exception, error) {
	k, exs := get(item, "exceptions")
	if k == nil || isNull(exs) {
		return nil, nil
	}
	exsCtx := f.ctx(parent, exs, lr.ItemExceptions, "")
	if exs.Kind != yaml.SequenceNode {
		return nil, fail("Rule exceptions must be a sequence", exsCtx)
	}
	var out []Exception
	for _, ex := range exs.Content {
		ex = deref(ex)
		tmp := f.ctx(exsCtx, ex, lr.ItemException, "")
		if ex.Kind != yaml.MappingNode {
			return nil, fail("Rule exception must be a mapping", tmp)
		}
		name, err := f.str(ex, "name", tmp)
		if err != nil {
			return nil, err
		}
		exCtx := f.ctx(parent, ex, lr.ItemException, name)
		e := Exception{Name: name, Ctx: exCtx}
		for _, prev := range out {
			if prev.Name == name {
				f.res.Add(lr.WarnExceptionNameNotUnique, "Multiple definitions of exception '"+name+"' in the same rule", exCtx)
			}
		}
		if e.Fields, err = f.entry(ex, "fields", exCtx, appending); err != nil {
			return nil, err
		}
		if e.Comps, err = f.entry(ex, "comps", exCtx, true); err != nil {
			return nil, err
		}
		if vk, vals := get(ex, "values"); vk != nil {
			vctx := f.ctx(exCtx, vals, lr.ItemExceptionValues, "")
			if vals == nil || vals.Kind != yaml.SequenceNode {
				return nil, fail("Rule exception values must be a sequence", vctx)
			}
			for _, v := range vals.Content {
				v = deref(v)
				e.Values = append(e.Values, f.values(v))
			}
		} else if appending {
			f.res.Add(lr.WarnAppendNoValues, "Overriding/appending exception with no values", exCtx)
		}
		out = append(out, e)
	}
	return out, nil
}

// entry decodes an exception's fields or comps: a scalar or a sequence of scalars.
func (f *file) entry(ex *yaml.Node, key string, ctx lr.Context, optional bool) (Entry, error) {
	k, v := get(ex, key)
	if k == nil {
		if optional {
			return Entry{}, nil
		}
		return Entry{}, fail("Item has no mapping for key '"+key+"'", ctx)
	}
	return f.values(v), nil
}

// values decodes an exception value: a scalar, or a (nested) sequence.
func (f *file) values(v *yaml.Node) Entry {
	v = deref(v)
	switch {
	case v == nil || isNull(v):
		return Entry{}
	case v.Kind == yaml.ScalarNode:
		return Entry{Item: v.Value}
	case v.Kind == yaml.SequenceNode:
		e := Entry{IsList: true}
		for _, x := range v.Content {
			e.Items = append(e.Items, f.values(x))
		}
		return e
	}
	return Entry{}
}
