package compile

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"

	lr "github.com/aerie-sec/aerie/engine/loadresult"
)

// LoadFiles reads the files at paths and loads them in order, as LoadAll does. A file that cannot be read
// is reported as LOAD_ERR_FILE_READ and ends the load.
func (l *Loader) LoadFiles(ctx context.Context, paths []string) []*lr.Result {
	return l.loadFiles(ctx, paths, false)
}

// ValidateFiles reads the files at paths and loads them all in order, as `falco -V f1 -V f2` does: a file
// with errors does not stop the following ones, which are loaded into the same collection (keeping what the
// failed file defined before its error). A file that cannot be read ends the load.
func (l *Loader) ValidateFiles(ctx context.Context, paths []string) []*lr.Result {
	return l.loadFiles(ctx, paths, true)
}

func (l *Loader) loadFiles(ctx context.Context, paths []string, keepGoing bool) []*lr.Result {
	var files []File
	var readErr *lr.Result
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			readErr = fileReadError(p, err)
			break
		}
		b, err := os.ReadFile(p)
		if err != nil {
			readErr = fileReadError(p, err)
			break
		}
		files = append(files, File{Name: p, Content: b})
	}
	results := l.loadAll(ctx, files, keepGoing)
	if readErr != nil && (keepGoing || len(results) == 0 || results[len(results)-1].Successful()) {
		results = append(results, readErr)
	}
	return results
}

func fileReadError(path string, err error) *lr.Result {
	res := &lr.Result{Name: path}
	res.Add(lr.ErrFileRead, fmt.Sprintf("read rules file: %v", err), lr.Context{}.With(lr.ItemRulesContent, "", lr.Position{Name: path}))
	return res
}

// Description is what `falco -L -o json_output=true` reports for a ruleset.
type Description struct {
	RequiredEngineVersion  string              `json:"required_engine_version" yaml:"required_engine_version"`
	RequiredPluginVersions []PluginRequirement `json:"required_plugin_versions" yaml:"required_plugin_versions"`
	Lists                  []ListDescription   `json:"lists" yaml:"lists"`
	Macros                 []MacroDescription  `json:"macros" yaml:"macros"`
	Rules                  []RuleDescription   `json:"rules" yaml:"rules"`
}

// PluginRequirement is one required_plugin_versions entry.
type PluginRequirement struct {
	Name         string              `json:"name" yaml:"name"`
	Version      string              `json:"version" yaml:"version"`
	Alternatives []PluginAlternative `json:"alternatives" yaml:"alternatives"`
}

// PluginAlternative is an alternative plugin in a requirement.
type PluginAlternative struct {
	Name    string `json:"name" yaml:"name"`
	Version string `json:"version" yaml:"version"`
}

// ListDescription describes a list.
type ListDescription struct {
	Info struct {
		Name  string   `json:"name" yaml:"name"`
		Items []string `json:"items" yaml:"items"`
	} `json:"info" yaml:"info"`
	Details struct {
		ItemsCompiled []string `json:"items_compiled" yaml:"items_compiled"`
		Lists         []string `json:"lists" yaml:"lists"`
		Plugins       []string `json:"plugins" yaml:"plugins"`
		Used          bool     `json:"used" yaml:"used"`
	} `json:"details" yaml:"details"`
}

// MacroDescription describes a macro.
type MacroDescription struct {
	Info struct {
		Name      string `json:"name" yaml:"name"`
		Condition string `json:"condition" yaml:"condition"`
	} `json:"info" yaml:"info"`
	Details struct {
		ConditionCompiled  string   `json:"condition_compiled" yaml:"condition_compiled"`
		ConditionFields    []string `json:"condition_fields" yaml:"condition_fields"`
		ConditionOperators []string `json:"condition_operators" yaml:"condition_operators"`
		Events             []string `json:"events" yaml:"events"`
		Lists              []string `json:"lists" yaml:"lists"`
		Macros             []string `json:"macros" yaml:"macros"`
		Plugins            []string `json:"plugins" yaml:"plugins"`
		Used               bool     `json:"used" yaml:"used"`
	} `json:"details" yaml:"details"`
}

// RuleDescription describes a rule.
type RuleDescription struct {
	Info struct {
		Name      string   `json:"name" yaml:"name"`
		Condition string   `json:"condition" yaml:"condition"`
		Desc      string   `json:"description" yaml:"description"`
		Output    string   `json:"output" yaml:"output"`
		Priority  string   `json:"priority" yaml:"priority"`
		Source    string   `json:"source" yaml:"source"`
		Enabled   bool     `json:"enabled" yaml:"enabled"`
		Tags      []string `json:"tags" yaml:"tags"`
	} `json:"info" yaml:"info"`
	Details struct {
		ConditionCompiled  string   `json:"condition_compiled" yaml:"condition_compiled"`
		ConditionFields    []string `json:"condition_fields" yaml:"condition_fields"`
		ConditionOperators []string `json:"condition_operators" yaml:"condition_operators"`
		Events             []string `json:"events" yaml:"events"`
		ExceptionFields    []string `json:"exception_fields" yaml:"exception_fields"`
		ExceptionOperators []string `json:"exception_operators" yaml:"exception_operators"`
		ExceptionNames     []string `json:"exception_names" yaml:"exception_names"`
		Lists              []string `json:"lists" yaml:"lists"`
		Macros             []string `json:"macros" yaml:"macros"`
		OutputCompiled     string   `json:"output_compiled" yaml:"output_compiled"`
		OutputFields       []string `json:"output_fields" yaml:"output_fields"`
		Plugins            []string `json:"plugins" yaml:"plugins"`
	} `json:"details" yaml:"details"`
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Describe returns the ruleset's description in the shape of `falco -L` JSON output.
func (rs *Ruleset) Describe() Description {
	d := Description{RequiredEngineVersion: rs.RequiredEngineVersion, RequiredPluginVersions: []PluginRequirement{},
		Lists: []ListDescription{}, Macros: []MacroDescription{}, Rules: []RuleDescription{}}
	for _, req := range rs.PluginRequirements {
		p := PluginRequirement{Name: req.Alternatives[0].Name, Version: req.Alternatives[0].Version, Alternatives: []PluginAlternative{}}
		for _, a := range req.Alternatives[1:] {
			p.Alternatives = append(p.Alternatives, PluginAlternative{a.Name, a.Version})
		}
		d.RequiredPluginVersions = append(d.RequiredPluginVersions, p)
	}
	for _, l := range rs.Lists {
		var ld ListDescription
		ld.Info.Name = l.Name
		ld.Info.Items = nonNil(l.Source)
		ld.Details.ItemsCompiled = nonNil(l.Items)
		ld.Details.Lists = nonNil(l.Refs)
		ld.Details.Plugins = []string{}
		ld.Details.Used = l.Used
		d.Lists = append(d.Lists, ld)
	}
	for _, m := range rs.Macros {
		var md MacroDescription
		info := m.Info()
		md.Info.Name, md.Info.Condition = m.Name, m.Condition
		md.Details.ConditionCompiled = m.ConditionCompiled()
		ev := m.EventNames()
		sort.Strings(ev)
		md.Details.Events = nonNil(ev)
		md.Details.ConditionFields = nonNil(info.ConditionFields)
		md.Details.ConditionOperators = nonNil(info.ConditionOperators)
		md.Details.Lists = nonNil(info.Lists)
		md.Details.Macros = nonNil(info.Macros)
		md.Details.Plugins = pluginsOf(info.ConditionFields)
		md.Details.Used = m.Used
		d.Macros = append(d.Macros, md)
	}
	for _, r := range rs.Rules {
		var rd RuleDescription
		rd.Info.Name, rd.Info.Condition, rd.Info.Desc, rd.Info.Output = r.Name, r.SourceCondition, r.Desc, r.OutputText
		rd.Info.Priority, rd.Info.Source, rd.Info.Enabled = r.Priority.String(), r.Source, r.Enabled
		rd.Info.Tags = nonNil(r.Tags)
		rd.Details.ConditionCompiled = r.ConditionCompiled()
		rd.Details.OutputCompiled = r.OutputText
		rd.Details.ConditionFields = nonNil(r.Info.ConditionFields)
		rd.Details.ConditionOperators = nonNil(r.Info.ConditionOperators)
		ev := r.EventNames()
		sort.Strings(ev)
		rd.Details.Events = nonNil(ev)
		rd.Details.ExceptionFields = nonNil(r.Info.ExceptionFields)
		rd.Details.ExceptionOperators = nonNil(r.Info.ExceptionOperators)
		rd.Details.ExceptionNames = nonNil(r.Info.ExceptionNames)
		rd.Details.Lists = nonNil(r.Info.Lists)
		rd.Details.Macros = nonNil(r.Info.Macros)
		rd.Details.OutputFields = nonNil(r.Info.OutputFields)
		rd.Details.Plugins = pluginsOf(append(append([]string{}, r.Info.ConditionFields...), r.Info.OutputFields...))
		d.Rules = append(d.Rules, rd)
	}
	return d
}

// pluginsOf names the plugins whose fields are used (Falco reports "container" for container.* and k8s.*).
func pluginsOf(fieldNames []string) []string {
	for _, f := range fieldNames {
		if strings.HasPrefix(f, "container.") || strings.HasPrefix(f, "k8s.") || strings.HasPrefix(f, "proc.is_container_") {
			return []string{"container"}
		}
	}
	return []string{}
}
