package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/aerie-sec/aerie/engine/detect"
	"github.com/aerie-sec/aerie/engine/eval"
)

// sysdigDefaultFormat is sysdig's default -p format (its leading '*' prints lines with missing fields).
const sysdigDefaultFormat = "*%evt.num %evt.outputtime %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.info"

type replayFlags struct {
	ruleSelection
	filter string
	format string
	output *string
}

func newReplayCmd(a *app) *cobra.Command {
	f := &replayFlags{}
	cmd := &cobra.Command{
		Use:   "replay CAPTURE... [-r RULES]... [-t TAG]... [-T TAG]... [-D RULE]... [-A] [--min-priority P] [-o json] | --filter EXPR [-p FORMAT] CAPTURE...",
		Short: "Replay .scap captures through the engine and print the alerts Falco would raise",
		Long: `Replay .scap captures (gzip or plain) through Aerie's engine with the given rules files loaded in order
(default engine.rules_files, else the embedded default rulesets), and print the alerts Falco would raise:
one per line on stdout, as Falco's text line or, with -o json, Falco's JSON alert (the shape Falcosidekick
and Falco Talon accept). A per-rule count summary goes to stderr.

Flags keep Falco's meanings: -t runs only rules with the tag (even disabled ones), -T disables rules with
the tag, -D disables rules whose name contains the string, -A evaluates every event type (by default, as
Falco, high-volume event types such as read and write are skipped), --min-priority drops less severe rules.
Rules load errors print Falco's messages and exit 1.

With --filter, no rules run: the events matching the filter expression are printed as
'sysdig -r CAPTURE -p FORMAT EXPR' prints them (default format: sysdig's, starting with evt.num; without a
leading '*', lines with a field that cannot be extracted are not printed, as in sysdig).`,
		Args: cobra.MinimumNArgs(1),
	}
	fl := cmd.Flags()
	fl.StringArrayVarP(&f.rules, "rules", "r", nil, "rules file or directory, loaded in order (repeatable; default engine.rules_files, else the embedded default rulesets)")
	fl.StringArrayVarP(&f.tags, "tag", "t", nil, "run only rules with this tag (repeatable)")
	fl.StringArrayVarP(&f.disabledTags, "disable-tag", "T", nil, "disable rules with this tag (repeatable)")
	fl.StringArrayVarP(&f.disabled, "disable", "D", nil, "disable rules whose name contains this string (repeatable)")
	fl.BoolVarP(&f.allEvents, "all-events", "A", false, "evaluate rules on every event type, including high-volume ones")
	fl.StringVar(&f.minPriority, "min-priority", "", "lowest priority that raises alerts (default engine.min_priority, debug)")
	fl.StringVar(&f.filter, "filter", "", "print the events matching this filter expression instead of running rules")
	fl.StringVarP(&f.format, "print", "p", "", "output format for --filter, as sysdig's -p")
	f.output = fl.StringP("output", "o", "text", "alert format: text (Falco's line) or json (Falco's JSON alert; default engine.json_output)")
	_ = cmd.RegisterFlagCompletionFunc("output", fixedCompletion("text", "json"))
	cmd.RunE = func(cmd *cobra.Command, captures []string) error {
		if err := checkCaptures(captures); err != nil {
			return err
		}
		if f.filter != "" {
			if len(f.rules)+len(f.tags)+len(f.disabledTags)+len(f.disabled) > 0 || f.allEvents || f.minPriority != "" {
				return usageError{errors.New("--filter cannot be combined with rules selection flags")}
			}
			return runFilter(cmd, a, f, captures)
		}
		if cmd.Flags().Changed("print") {
			return usageError{errors.New("-p/--print needs --filter")}
		}
		return runReplay(cmd, a, f, captures)
	}
	return cmd
}

// checkCaptures fails fast, before any rules are compiled, on capture arguments that cannot be read as files.
func checkCaptures(paths []string) error {
	for _, p := range paths {
		st, err := os.Stat(p)
		switch {
		case err != nil:
			return fmt.Errorf("open capture: %w", err)
		case st.IsDir():
			return fmt.Errorf("capture %s: is a directory; name .scap files (plain or gzip), e.g. %s", p, filepath.Join(p, "*.scap"))
		}
	}
	return nil
}

// expandRules checks that every rules argument exists, then expands directories (see rulesFiles).
func expandRules(paths []string) ([]string, error) {
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			return nil, fmt.Errorf("rules file: %w", err)
		}
	}
	return rulesFiles(paths)
}

func runReplay(cmd *cobra.Command, a *app, f *replayFlags, captures []string) error {
	format := *f.output
	if !cmd.Flags().Changed("output") && a.cfg != nil && a.cfg.Engine.JSONOutput {
		format = "json"
	}
	if format != "text" && format != "json" {
		return usageError{fmt.Errorf("invalid output format %q: want text or json", format)}
	}
	rs, err := buildRuleset(cmd, a, &f.ruleSelection)
	if err != nil {
		return err
	}
	host := hostname(a)
	eng := detect.New(rs, detect.Options{Hostname: host})
	sink := newAlertSink(a.out, format, host, false)
	for _, c := range captures {
		if _, err := detect.ReplayFile(cmd.Context(), eng, c, sink.match); err != nil {
			_ = sink.close()
			return err
		}
	}
	if err := sink.close(); err != nil {
		return err
	}
	sink.summary(a.err)
	return nil
}

func hostname(a *app) string {
	if a.cfg != nil && a.cfg.Engine.Hostname != "" {
		return a.cfg.Engine.Hostname
	}
	h, _ := os.Hostname()
	return h
}

func runFilter(cmd *cobra.Command, a *app, f *replayFlags, captures []string) error {
	format := f.format
	if format == "" {
		format = sysdigDefaultFormat
	}
	printAll := strings.HasPrefix(format, "*")
	format = strings.TrimPrefix(format, "*")
	ex, err := eval.CompileExpression(cmd.Context(), f.filter, format)
	if err != nil {
		// The filter and the format compile together; name the format when the filter alone is fine.
		if _, ferr := eval.CompileExpression(cmd.Context(), f.filter, ""); ferr == nil {
			msg := strings.TrimPrefix(err.Error(), fmt.Sprintf("compile filter %q: ", f.filter))
			return usageError{fmt.Errorf("-p/--print %q: %s", f.format, msg)}
		}
		return usageError{err}
	}
	eng := detect.New(nil, detect.Options{Hostname: hostname(a), Location: time.Local})
	w := bufio.NewWriter(a.out)
	defer w.Flush()
	for _, path := range captures {
		if err := detect.FilterFile(cmd.Context(), eng, ex, path, printAll, w); err != nil {
			_ = w.Flush()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("write events: %w", err)
	}
	return nil
}
