// Package loadresult holds the outcome of loading one rules file: Falco's LOAD_ERR_* errors and LOAD_*
// warnings with their messages and the chain of locations (file, line, column, item) they refer to, and
// renders it as `falco -V` prints it, in text or JSON.
package loadresult

import (
	"fmt"
	"strings"
)

// Code is a Falco load result code: an error (LOAD_ERR_*) or a warning (LOAD_*).
type Code int

// Error codes, in Falco's order.
const (
	ErrFileRead Code = iota
	ErrYAMLParse
	ErrYAMLValidate
	ErrCompileCondition
	ErrCompileOutput
	ErrValidate
	ErrExtension
)

// Warning codes, in Falco's order.
const (
	WarnUnknownSource Code = 100 + iota
	WarnUnsafeNACheck
	WarnNoEvttype
	WarnUnknownFilter
	WarnUnusedMacro
	WarnUnusedList
	WarnUnknownItem
	WarnDeprecatedItem
	WarnWarningExtension
	WarnAppendNoValues
	WarnExceptionNameNotUnique
	WarnInvalidMacroName
	WarnInvalidListName
	WarnCompileCondition
	WarnUnknownKey
)

var codes = map[Code][2]string{
	ErrFileRead:                {"LOAD_ERR_FILE_READ", "File read error"},
	ErrYAMLParse:               {"LOAD_ERR_YAML_PARSE", "YAML parse error"},
	ErrYAMLValidate:            {"LOAD_ERR_YAML_VALIDATE", "Error validating internal structure of YAML file"},
	ErrCompileCondition:        {"LOAD_ERR_COMPILE_CONDITION", "Error compiling condition"},
	ErrCompileOutput:           {"LOAD_ERR_COMPILE_OUTPUT", "Error compiling output"},
	ErrValidate:                {"LOAD_ERR_VALIDATE", "Error validating rule/macro/list/exception objects"},
	ErrExtension:               {"LOAD_ERR_EXTENSION", "Initialization error"},
	WarnUnknownSource:          {"LOAD_UNKNOWN_SOURCE", "Unknown event source"},
	WarnUnsafeNACheck:          {"LOAD_UNSAFE_NA_CHECK", "Unsafe <NA> comparison in condition"},
	WarnNoEvttype:              {"LOAD_NO_EVTTYPE", "Condition has no event-type restriction"},
	WarnUnknownFilter:          {"LOAD_UNKNOWN_FILTER", "Unknown field or event-type in condition or output"},
	WarnUnusedMacro:            {"LOAD_UNUSED_MACRO", "Unused macro"},
	WarnUnusedList:             {"LOAD_UNUSED_LIST", "Unused list"},
	WarnUnknownItem:            {"LOAD_UNKNOWN_ITEM", "Unknown rules file item"},
	WarnDeprecatedItem:         {"LOAD_DEPRECATED_ITEM", "Used deprecated item"},
	WarnWarningExtension:       {"LOAD_WARNING_EXTENSION", "Extension warning"},
	WarnAppendNoValues:         {"LOAD_APPEND_NO_VALUES", "Overriding/appending with no values"},
	WarnExceptionNameNotUnique: {"LOAD_EXCEPTION_NAME_NOT_UNIQUE", "Multiple exceptions defined with the same name"},
	WarnInvalidMacroName:       {"LOAD_INVALID_MACRO_NAME", "Invalid macro name"},
	WarnInvalidListName:        {"LOAD_INVALID_LIST_NAME", "Invalid list name"},
	WarnCompileCondition:       {"LOAD_COMPILE_CONDITION", "Condition has been reformatted for compatibility"},
	WarnUnknownKey:             {"LOAD_UNKNOWN_KEY", "Unknown key in rules file item"},
}

// String returns the code's name, e.g. LOAD_ERR_COMPILE_CONDITION.
func (c Code) String() string { return codes[c][0] }

// Desc returns the code's short description, Falco's "codedesc".
func (c Code) Desc() string { return codes[c][1] }

// IsError reports whether c is an error code.
func (c Code) IsError() bool { return c < WarnUnknownSource }

// ItemType names the kind of item a location refers to, as Falco prints it.
type ItemType string

// Item types.
const (
	ItemValueFor           ItemType = "value for"
	ItemExceptions         ItemType = "exceptions"
	ItemException          ItemType = "exception"
	ItemExceptionValues    ItemType = "exception values"
	ItemExceptionValue     ItemType = "exception value"
	ItemRulesContent       ItemType = "rules content"
	ItemRulesContentItem   ItemType = "rules content item"
	ItemEngineVersion      ItemType = "required_engine_version"
	ItemPluginVersions     ItemType = "required plugin versions"
	ItemPluginVersionEntry ItemType = "required plugin versions entry"
	ItemPluginVersionAlt   ItemType = "required plugin versions alternative"
	ItemList               ItemType = "list"
	ItemListItem           ItemType = "list item"
	ItemMacro              ItemType = "macro"
	ItemMacroCondition     ItemType = "macro condition"
	ItemRule               ItemType = "rule"
	ItemRuleCondition      ItemType = "rule condition"
	ItemConditionExpr      ItemType = "condition expression"
	ItemRuleOutput         ItemType = "rule output"
	ItemRuleOutputExpr     ItemType = "rule output expression"
	ItemRulePriority       ItemType = "rule priority"
	ItemOverrides          ItemType = "overrides"
	ItemExtension          ItemType = "extension item"
)

// Position is a position in a rules file or, for condition expressions, in the condition text.
// Line and Column are 0-based as Falco reports them (yaml-cpp marks); Offset is a byte offset.
// JSON fields are in Falco's (alphabetical) order.
type Position struct {
	Column int    `json:"column" yaml:"column"`
	Line   int    `json:"line" yaml:"line"`
	Name   string `json:"name" yaml:"name"`
	Offset int    `json:"offset" yaml:"offset"`
}

// Location is one link of a context chain.
type Location struct {
	ItemName string   `json:"item_name" yaml:"item_name"`
	ItemType ItemType `json:"item_type" yaml:"item_type"`
	Position Position `json:"position" yaml:"position"`
}

// Context is the chain of locations a message refers to, outermost first. Content, when set, is the text the
// last location's offset points into (a condition) instead of the file.
type Context struct {
	Locations []Location
	Content   string
}

// With returns a copy of c extended by one location.
func (c Context) With(t ItemType, name string, p Position) Context {
	locs := make([]Location, len(c.Locations), len(c.Locations)+1)
	copy(locs, c.Locations)
	return Context{Locations: append(locs, Location{ItemType: t, ItemName: name, Position: p}), Content: c.Content}
}

// Last returns the innermost location.
func (c Context) Last() Location {
	if len(c.Locations) == 0 {
		return Location{}
	}
	return c.Locations[len(c.Locations)-1]
}

// Message is one error or warning.
type Message struct {
	Code    Code
	Message string
	Context Context
}

// Error renders the message on one line with its innermost position, for logs and Go errors.
func (m Message) Error() string {
	l := m.Context.Last()
	return fmt.Sprintf("%s:%d:%d: %s: %s", l.Position.Name, l.Position.Line, l.Position.Column, m.Code, m.Message)
}

// Result is the outcome of loading one rules file.
type Result struct {
	Name     string
	Errors   []Message
	Warnings []Message
}

// Successful reports whether the file loaded without errors.
func (r *Result) Successful() bool { return len(r.Errors) == 0 }

// Add records a message under the list its code belongs to.
func (r *Result) Add(code Code, msg string, ctx Context) {
	m := Message{Code: code, Message: msg, Context: ctx}
	if code.IsError() {
		r.Errors = append(r.Errors, m)
	} else {
		r.Warnings = append(r.Warnings, m)
	}
}

// Contents maps file names to their content, for snippets.
type Contents map[string]string

// Snippet returns the line around the innermost location with a caret under the position, as Falco does
// (at most 160 characters wide).
func (c Context) Snippet(contents Contents) string {
	if len(c.Locations) == 0 {
		return ""
	}
	const width = 160
	loc := c.Last()
	content := c.Content
	if content == "" {
		content = contents[loc.Position.Name]
	}
	pos := loc.Position.Offset
	if pos < 0 || pos >= len(content) {
		return "<position past end of file>\n"
	}
	from, to := pos, pos
	for from > 0 && content[from] != '\n' && pos-from < width/2 {
		from--
	}
	for to < len(content)-1 && content[to] != '\n' && to-pos < width/2 {
		to++
	}
	if content[from] == '\n' {
		from++
	}
	if content[to] == '\n' && to > from {
		to--
	}
	var ret string
	if from <= to {
		ret = content[from : to+1]
	}
	if pos-from >= width/2 && len(ret) >= 3 {
		ret = "..." + ret[3:]
	}
	if to-pos >= width/2 && len(ret) >= 3 {
		ret = ret[:len(ret)-3] + "..."
	}
	var b strings.Builder
	b.WriteString(ret)
	b.WriteByte('\n')
	if pos >= from {
		b.WriteString(strings.Repeat(" ", pos-from))
	}
	b.WriteString("^\n")
	return b.String()
}

// String renders the location chain as Falco's "In rule 'x': (file:line:col)" lines.
func (c Context) String() string {
	var b strings.Builder
	for i, l := range c.Locations {
		if i == 0 {
			b.WriteString("In ")
		} else {
			b.WriteString("    ")
		}
		b.WriteString(string(l.ItemType))
		if l.ItemName != "" {
			fmt.Fprintf(&b, " '%s'", l.ItemName)
		}
		fmt.Fprintf(&b, ": (%s:%d:%d)\n", l.Position.Name, l.Position.Line, l.Position.Column)
	}
	return b.String()
}

// Text renders the result as `falco -V` prints it: "NAME: Ok", "NAME: Ok, with warnings" or "NAME: Invalid",
// followed, when verbose, by the error and warning blocks.
func (r *Result) Text(contents Contents, verbose bool) string {
	var b strings.Builder
	if r.Name != "" {
		b.WriteString(r.Name + ": ")
	}
	switch {
	case !r.Successful():
		b.WriteString("Invalid")
	case len(r.Warnings) > 0:
		b.WriteString("Ok, with warnings")
	default:
		b.WriteString("Ok")
	}
	if !verbose {
		b.WriteByte('\n')
		return b.String()
	}
	if len(r.Errors) > 0 {
		fmt.Fprintf(&b, "\n%d Errors:\n", len(r.Errors))
		for _, m := range r.Errors {
			writeBlock(&b, m, contents)
		}
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintf(&b, "\n%d Warnings:\n", len(r.Warnings))
		for _, m := range r.Warnings {
			writeBlock(&b, m, contents)
		}
	}
	if len(r.Errors) == 0 && len(r.Warnings) == 0 {
		b.WriteByte('\n')
	}
	return b.String()
}

func writeBlock(b *strings.Builder, m Message, contents Contents) {
	b.WriteString(m.Context.String())
	b.WriteString("------\n")
	b.WriteString(m.Context.Snippet(contents))
	b.WriteString("------\n")
	fmt.Fprintf(b, "%s (%s): %s\n", m.Code, m.Code.Desc(), m.Message)
}

// JSONResult is the JSON shape of one result in `falco -V FILE -o json_output=true`. Fields are in the
// order Falco prints them (its JSON objects keep keys sorted).
type JSONResult struct {
	Errors     []JSONMessage `json:"errors" yaml:"errors"`
	Name       string        `json:"name" yaml:"name"`
	Successful bool          `json:"successful" yaml:"successful"`
	Warnings   []JSONMessage `json:"warnings" yaml:"warnings"`
}

// JSONMessage is the JSON shape of one error or warning.
type JSONMessage struct {
	Code     string      `json:"code" yaml:"code"`
	CodeDesc string      `json:"codedesc" yaml:"codedesc"`
	Context  JSONContext `json:"context" yaml:"context"`
	Message  string      `json:"message" yaml:"message"`
}

// JSONContext is the JSON shape of a context.
type JSONContext struct {
	Locations []Location `json:"locations" yaml:"locations"`
	Snippet   string     `json:"snippet" yaml:"snippet"`
}

// JSON returns the result in Falco's JSON shape.
func (r *Result) JSON(contents Contents) JSONResult {
	out := JSONResult{Name: r.Name, Successful: r.Successful(), Errors: []JSONMessage{}, Warnings: []JSONMessage{}}
	conv := func(m Message) JSONMessage {
		locs := m.Context.Locations
		if locs == nil {
			locs = []Location{}
		}
		return JSONMessage{Code: m.Code.String(), CodeDesc: m.Code.Desc(), Message: m.Message,
			Context: JSONContext{Locations: locs, Snippet: m.Context.Snippet(contents)}}
	}
	for _, m := range r.Errors {
		out.Errors = append(out.Errors, conv(m))
	}
	for _, m := range r.Warnings {
		out.Warnings = append(out.Warnings, conv(m))
	}
	return out
}
