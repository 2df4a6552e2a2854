package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/aerie-sec/aerie/engine/compile"
	"github.com/aerie-sec/aerie/engine/eval"
	lr "github.com/aerie-sec/aerie/engine/loadresult"
	"github.com/aerie-sec/aerie/engine/rules"
	"github.com/aerie-sec/aerie/rulesets"
)

// ruleSelection holds the rule flags that run and replay share, with Falco's meanings:
// -r files, -t only these tags, -T not these tags, -D not these rule names, -A all events, --min-priority.
type ruleSelection struct {
	rules        []string
	tags         []string
	disabledTags []string
	disabled     []string
	allEvents    bool
	minPriority  string
}

// buildRuleset loads the selected rules files (default engine.rules_files, else the embedded default
// rulesets), compiles them and applies the selection, printing Falco's load errors on failure.
func buildRuleset(cmd *cobra.Command, a *app, s *ruleSelection) (*eval.Ruleset, error) {
	opts := eval.Options{Tags: s.tags, DisabledTags: s.disabledTags, Disabled: s.disabled, AllEvents: s.allEvents}
	prio := s.minPriority
	if prio == "" && a.cfg != nil {
		prio = a.cfg.Engine.MinPriority
	}
	if prio != "" {
		p, ok := rules.ParsePriority(prio)
		if !ok {
			return nil, usageError{fmt.Errorf("invalid --min-priority %q: want emergency, alert, critical, error, warning, notice, informational or debug", prio)}
		}
		opts.MinPriority, opts.LimitPriority = p, true
	}
	ruleArgs := s.rules
	if len(ruleArgs) == 0 && a.cfg != nil {
		ruleArgs = a.cfg.Engine.RulesFiles
	}
	var (
		l       *compile.Loader
		results []*lr.Result
	)
	if len(ruleArgs) == 0 {
		a.log.Debug("no rules files given: loading the embedded default rulesets", "files", rulesets.Names())
		l = compile.NewLoader(compile.Options{})
		results = rulesets.Load(cmd.Context(), l)
	} else {
		files, err := expandRules(ruleArgs)
		if err != nil {
			return nil, err
		}
		l, results = loadRules(cmd, files)
	}
	if err := cmd.Context().Err(); err != nil {
		return nil, fmt.Errorf("load rules: %w", err) // interrupted: the load results say only that
	}
	for _, r := range results {
		if !r.Successful() {
			fmt.Fprint(a.err, r.Text(l.Contents(), true))
			return nil, exitError{exitFail}
		}
		if n := len(r.Warnings); n > 0 && a.log != nil {
			a.log.Warn("rules loaded with warnings; 'aeriectl rules validate' prints them", "file", r.Name, "warnings", n)
		}
	}
	rs, err := eval.New(l.Ruleset(), opts)
	if errors.Is(err, eval.ErrTagConflict) {
		return nil, usageError{err}
	}
	return rs, err
}
