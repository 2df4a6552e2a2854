// Package rules reads Falco rules files into specs and collects them the way Falco's rule loader does:
// definitions, appends and overrides per key, enabled-only items, exceptions, required engine and plugin
// versions, several files in order into one [Collection]. It is pure data: conditions stay text, and the
// compile package turns a collection into a ruleset.
package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/aerie-sec/aerie/engine/loadresult"
)

// Priority is a rule priority, most severe first, with Falco's numbering.
type Priority int

// Priorities.
const (
	Emergency Priority = iota
	Alert
	Critical
	Error
	Warning
	Notice
	Informational
	Debug
)

var priorityNames = []string{"Emergency", "Alert", "Critical", "Error", "Warning", "Notice", "Informational", "Debug"}

// String returns the priority's full name, as Falco prints it ("Warning", "Informational").
func (p Priority) String() string {
	if p < 0 || int(p) >= len(priorityNames) {
		return fmt.Sprintf("Priority(%d)", int(p))
	}
	return priorityNames[p]
}

// ParsePriority parses a priority case-insensitively; "info" is an alias of Informational.
func ParsePriority(s string) (Priority, bool) {
	l := strings.ToLower(s)
	if l == "info" {
		return Informational, true
	}
	for i, n := range priorityNames {
		if strings.ToLower(n) == l {
			return Priority(i), true
		}
	}
	return 0, false
}

// Entry is an exception's fields, comps or values entry: a scalar or a list of entries.
type Entry struct {
	IsList bool
	Item   string
	Items  []Entry
}

// Valid reports whether the entry holds something, as Falco checks it.
func (e Entry) Valid() bool { return e.IsList && len(e.Items) > 0 || !e.IsList && e.Item != "" }

// Exception is one item of a rule's exceptions.
type Exception struct {
	Name   string
	Fields Entry
	Comps  Entry
	Values []Entry
	Ctx    loadresult.Context
}

// List is a collected list.
type List struct {
	Name  string
	Items []string
	Ctx   loadresult.Context
	// Index is the load-order position of the first definition; Visibility the position of the latest
	// definition or append.
	Index, Visibility int
}

// Macro is a collected macro.
type Macro struct {
	Name      string
	Condition string
	Ctx       loadresult.Context
	CondCtx   loadresult.Context
	Index     int
	// Visibility bounds the macros this macro may reference: those whose Index is lower.
	Visibility int
}

// Rule is a collected rule.
type Rule struct {
	Name                string
	Condition           string
	Output              string
	Desc                string
	Priority            Priority
	Source              string
	Tags                []string
	Enabled             bool
	WarnEvttypes        bool
	SkipIfUnknownFilter bool
	Capture             bool
	CaptureDuration     uint64
	Exceptions          []Exception
	Ctx                 loadresult.Context
	CondCtx             loadresult.Context
	OutputCtx           loadresult.Context
	Index, Visibility   int
	// UnknownSource is set when the rule's source is not loaded; the rule is skipped by the compiler.
	UnknownSource bool
}

// PluginVersion is one alternative of a plugin requirement.
type PluginVersion struct {
	Name    string
	Version string
}

// PluginRequirement requires one of its alternatives to be loaded.
type PluginRequirement struct {
	Alternatives []PluginVersion
	Ctx          loadresult.Context
}

// String renders the requirement as Falco does: "name (>= version), other (>= version)".
func (r PluginRequirement) String() string {
	var parts []string
	for _, a := range r.Alternatives {
		parts = append(parts, fmt.Sprintf("%s (>= %s)", a.Name, a.Version))
	}
	return strings.Join(parts, ", ")
}

func addTags(set []string, tags ...string) []string {
	for _, t := range tags {
		i := sort.SearchStrings(set, t)
		if i < len(set) && set[i] == t {
			continue
		}
		set = append(set, "")
		copy(set[i+1:], set[i:])
		set[i] = t
	}
	return set
}
