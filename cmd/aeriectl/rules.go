package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/aerie-sec/aerie/engine/compile"
	lr "github.com/aerie-sec/aerie/engine/loadresult"
	"github.com/aerie-sec/aerie/internal/printer"
)

func newRulesCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "Validate and describe Falco rules files with the Aerie engine",
	}
	cmd.AddCommand(newRulesValidateCmd(a), newRulesDescribeCmd(a))
	return cmd
}

// rulesFiles expands rules arguments: a directory stands for its *.yaml and *.yml files in lexical order,
// as Falco reads a rules directory; anything else is passed on as a file (the loader reports a missing one).
// A directory without rules files is an error: loading nothing from it is never what was meant.
func rulesFiles(args []string) ([]string, error) {
	var files []string
	for _, a := range args {
		entries, err := os.ReadDir(a) // sorted by name
		if err != nil {
			files = append(files, a)
			continue
		}
		n := len(files)
		for _, e := range entries {
			if ext := filepath.Ext(e.Name()); !e.IsDir() && (ext == ".yaml" || ext == ".yml") {
				files = append(files, filepath.Join(a, e.Name()))
			}
		}
		if len(files) == n {
			return nil, fmt.Errorf("rules directory %s: no rules files (*.yaml, *.yml) in it", a)
		}
	}
	return files, nil
}

// loadRules loads files in order into one ruleset, stopping after the first file that fails.
func loadRules(cmd *cobra.Command, files []string) (*compile.Loader, []*lr.Result) {
	l := compile.NewLoader(compile.Options{})
	return l, l.LoadFiles(cmd.Context(), files)
}

func newRulesValidateCmd(a *app) *cobra.Command {
	var strict bool
	cmd := &cobra.Command{
		Use:   "validate [--strict] [-o json] FILE|DIR...",
		Short: "Load rules files in order as one ruleset and report Falco's load results",
		Long: `Load the rules files in order into one ruleset, as 'falco -V FILE...' does, and print one line per file:
"FILE: Ok", "FILE: Ok, with warnings" (warning details on stderr) or "FILE: Invalid" with the error blocks.
With -o json, print Falco's {"falco_load_results": [...]} document.
As with Falco, a file with errors does not stop the following files: they are loaded into the same
ruleset, which keeps what the failed file defined before its error (so a rule that fails to compile fails
every later file too). Exit status 1 when a file has errors, or, with --strict, warnings.`,
		Args: cobra.MinimumNArgs(1),
	}
	cmd.Flags().BoolVar(&strict, "strict", false, "treat warnings as errors (exit status 1)")
	out := outputFlag(cmd, printer.Table)
	cmd.RunE = func(cmd *cobra.Command, files []string) error {
		f, err := printer.ParseFormat(*out)
		if err != nil {
			return usageError{err}
		}
		paths, err := rulesFiles(files)
		if err != nil {
			return err
		}
		l := compile.NewLoader(compile.Options{})
		results := l.ValidateFiles(cmd.Context(), paths)
		failed := false
		for _, r := range results {
			failed = failed || !r.Successful() || strict && len(r.Warnings) > 0
		}
		if f == printer.Table {
			for _, r := range results {
				switch {
				case !r.Successful():
					fmt.Fprint(a.out, r.Text(l.Contents(), true))
				case len(r.Warnings) > 0:
					fmt.Fprint(a.out, r.Text(l.Contents(), false))
					fmt.Fprint(a.err, r.Text(l.Contents(), true))
				default:
					fmt.Fprint(a.out, r.Text(l.Contents(), false))
				}
			}
		} else {
			doc := struct {
				Results []lr.JSONResult `json:"falco_load_results" yaml:"falco_load_results"`
			}{Results: []lr.JSONResult{}}
			for _, r := range results {
				doc.Results = append(doc.Results, r.JSON(l.Contents()))
			}
			if err := printer.Print(a.out, f, doc); err != nil {
				return fmt.Errorf("print load results: %w", err)
			}
		}
		if failed {
			return exitError{exitFail}
		}
		return nil
	}
	return cmd
}

// ruleTable is the table form of a ruleset description.
type ruleTable struct{ d compile.Description }

func (t ruleTable) Header() []string {
	return []string{"KIND", "NAME", "PRIORITY", "SOURCE", "ENABLED", "EVENTS", "TAGS"}
}

func (t ruleTable) Rows() [][]string {
	var rows [][]string
	for _, r := range t.d.Rules {
		rows = append(rows, []string{"rule", r.Info.Name, r.Info.Priority, r.Info.Source, fmt.Sprint(r.Info.Enabled),
			strings.Join(r.Details.Events, ","), strings.Join(r.Info.Tags, ",")})
	}
	for _, m := range t.d.Macros {
		rows = append(rows, []string{"macro", m.Info.Name, "", "", "", "", ""})
	}
	for _, l := range t.d.Lists {
		rows = append(rows, []string{"list", l.Info.Name, "", "", "", "", ""})
	}
	return rows
}

func newRulesDescribeCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "describe [-o json] FILE|DIR...",
		Short: "Describe every rule, macro and list of the loaded files, as 'falco -L' does",
		Long: `Load the rules files in order into one ruleset and describe each rule (event types, condition fields and
operators, lists and macros used, exceptions, output fields, tags, priority, source, enabled), macro and list.
The JSON form (-o json) follows 'falco -L -o json_output=true'. Load errors are printed as by 'rules validate'
and exit with status 1.`,
		Args: cobra.MinimumNArgs(1),
	}
	out := outputFlag(cmd, printer.Table)
	cmd.RunE = func(cmd *cobra.Command, files []string) error {
		f, err := printer.ParseFormat(*out)
		if err != nil {
			return usageError{err}
		}
		paths, err := rulesFiles(files)
		if err != nil {
			return err
		}
		l, results := loadRules(cmd, paths)
		for _, r := range results {
			if !r.Successful() {
				fmt.Fprint(a.err, r.Text(l.Contents(), true))
				return exitError{exitFail}
			}
			if len(r.Warnings) > 0 {
				fmt.Fprint(a.err, r.Text(l.Contents(), true))
			}
		}
		d := l.Ruleset().Describe()
		if f == printer.Table {
			return printer.Print(a.out, f, ruleTable{d})
		}
		return printer.Print(a.out, f, d)
	}
	return cmd
}
