package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/spf13/cobra"

	"github.com/aerie-sec/aerie/artifact/resolve"
	"github.com/aerie-sec/aerie/config"
	"github.com/aerie-sec/aerie/internal/printer"
)

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// streams are the command's standard streams: data to out, logs and diagnostics to err.
type streams struct {
	in       io.Reader
	out, err io.Writer
}

func osEnv() config.Env { return config.OSEnv{} }

// app is what every command shares once global flags are parsed: configuration, logger and streams.
type app struct {
	streams
	env        config.Env
	configFile string
	logLevel   string
	logFormat  string

	cfg *config.Config
	log *slog.Logger
}

// usageError marks an error as a usage error (exit status 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// exitError carries an explicit exit status with an error that has already been reported.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

func run(ctx context.Context, args []string, s streams, env config.Env) int {
	a := &app{streams: s, env: env}
	root := newRootCmd(a)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if ctx.Err() != nil && errors.Is(err, context.Canceled) {
		fmt.Fprintf(s.err, "Error: interrupted; nothing more was done (%v)\n", err)
		return exitFail
	}
	fmt.Fprintf(s.err, "Error: %v\n", withGlobalHints(err))
	if isUsageError(err) {
		fmt.Fprintf(s.err, "Run '%s --help' for usage.\n", commandPath(root, args))
		return exitUsage
	}
	return exitFail
}

// cobraUsagePrefixes start the messages of the usage errors cobra returns without a hook to mark them.
var cobraUsagePrefixes = []string{
	"unknown command", "unknown flag", "unknown shorthand flag", "required flag(s)",
	"if any flags in the group", "at least one of the flags in the group",
}

// isUsageError reports whether err is a usage error (exit status 2): ours, or cobra's flag and command checks.
func isUsageError(err error) bool {
	var ue usageError
	if errors.As(err, &ue) {
		return true
	}
	for _, p := range cobraUsagePrefixes {
		if strings.HasPrefix(err.Error(), p) {
			return true
		}
	}
	return false
}

// withGlobalHints adds what to do to errors any registry command can meet.
func withGlobalHints(err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "server gave HTTP response to HTTPS client"):
		return fmt.Errorf("%w (the registry speaks plain HTTP: pass --plain-http, or list its host:port in registry.plain_http)", err)
	case errors.Is(err, resolve.ErrUnknownName) && strings.HasPrefix(msg, "dependency of "):
		return fmt.Errorf("%w (names resolve through the indexes: add an index that lists it with 'aeriectl index add NAME URL', or install without dependencies with --resolve-deps=false)", err)
	case errors.Is(err, resolve.ErrUnknownName) && !strings.Contains(msg, "aeriectl index"):
		return fmt.Errorf("%w (names resolve through the indexes: see 'aeriectl index list', add one with 'aeriectl index add NAME URL', or give a full reference HOST/REPOSITORY:TAG)", err)
	}
	return err
}

// commandPath names the deepest command that args reach, for the usage hint.
func commandPath(root *cobra.Command, args []string) string {
	c, _, err := root.Find(args)
	if err != nil || c == nil {
		return root.Name()
	}
	return c.CommandPath()
}

func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "aeriectl",
		Short: "Publish, install, sign and verify Falco detection content; run the Aerie engine",
		Long: `aeriectl manages Falco rules, plugins and assets as OCI artifacts (wire-compatible with falcoctl),
signs and verifies them with cosign, and runs Aerie's Falco-compatible detection engine.

Data goes to stdout; logs go to stderr. Exit status: 0 success, 1 failure, 2 usage error.`,
		SilenceUsage:      true,
		SilenceErrors:     true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error { return a.setup(cmd) },
	}
	root.SetIn(a.in)
	root.SetOut(a.out)
	root.SetErr(a.err)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	pf := root.PersistentFlags()
	pf.StringVar(&a.configFile, "config", "", "configuration file (default "+config.DefaultFile+" and $XDG_CONFIG_HOME/aerie/config.yaml; env AERIE_CONFIG)")
	pf.StringVar(&a.logFormat, "log-format", "", "log format: text or json (default from config, text)")
	pf.StringVar(&a.logLevel, "log-level", "", "log level: debug, info, warn or error (default from config, info)")
	_ = root.RegisterFlagCompletionFunc("log-format", fixedCompletion("text", "json"))
	_ = root.RegisterFlagCompletionFunc("log-level", fixedCompletion("debug", "info", "warn", "error"))

	root.SetHelpCommand(newHelpCmd(root))
	root.AddCommand(
		newVersionCmd(a),
		newCompletionCmd(a),
		newConfigCmd(a),
	)
	root.AddCommand(newRegistryCmd(a), newArtifactCmd(a), newIndexCmd(a))
	root.AddCommand(newRulesCmd(a))
	root.AddCommand(newReplayCmd(a))
	root.AddCommand(withLiveCapture(a, newCaptureCmd(a)))
	root.AddCommand(newRunCmd(a))
	for _, c := range root.Commands() {
		wrapArgs(c)
	}
	addExamples(root)
	return root
}

// newHelpCmd replaces cobra's help command, which prints "Unknown help topic" and succeeds: an unknown
// topic here is a usage error, with suggestions.
func newHelpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		Long:  "Help prints the help of any command, e.g. 'aeriectl help artifact install'.",
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			c, _, err := root.Find(args)
			if err != nil || c == nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var names []string
			for _, sub := range c.Commands() {
				if sub.IsAvailableCommand() {
					names = append(names, sub.Name()+"\t"+sub.Short)
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			c, rest, err := root.Find(args)
			if err == nil && len(rest) > 0 {
				err = fmt.Errorf("unknown command %q for %q", rest[0], c.CommandPath())
				if s := c.SuggestionsFor(rest[0]); len(s) > 0 {
					err = fmt.Errorf("%w; did you mean %s?", err, strings.Join(s, ", "))
				}
			}
			if err != nil {
				return usageError{fmt.Errorf("help: %w", err)}
			}
			c.SetOut(cmd.OutOrStdout())
			return c.Help()
		},
	}
}

// wrapArgs makes positional-argument errors usage errors, recursively. A command group (no action of its
// own) prints its help when called alone and refuses an unknown subcommand, as the root does.
func wrapArgs(c *cobra.Command) {
	if !c.Runnable() && c.HasSubCommands() {
		c.Args = func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return nil
			}
			msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
			if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
				msg += "; did you mean " + strings.Join(s, ", ") + "?"
			}
			return errors.New(msg)
		}
		c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
		c.DisableFlagsInUseLine = true
	}
	if c.Args != nil {
		check := c.Args
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
				return usageError{err}
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		wrapArgs(sub)
	}
}

func fixedCompletion(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// setup loads the configuration and builds the logger; flags beat the configuration.
func (a *app) setup(cmd *cobra.Command) error {
	if cmd.Name() == cobra.ShellCompRequestCmd || cmd.Name() == cobra.ShellCompNoDescRequestCmd || cmd.Name() == "help" && cmd.Parent() == cmd.Root() {
		a.log = slog.New(slog.DiscardHandler)
		return nil
	}
	cfg, err := config.Load(a.configFile, a.env)
	if err != nil {
		return err
	}
	if cmd.Flags().Changed("log-level") {
		cfg.Log.Level = a.logLevel
	}
	if cmd.Flags().Changed("log-format") {
		cfg.Log.Format = a.logFormat
	}
	if err := cfg.Validate(); err != nil {
		return usageError{err}
	}
	a.cfg = cfg
	a.log = newLogger(a.err, cfg.Log)
	return nil
}

func newLogger(w io.Writer, c config.Log) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.Level))
	opts := &slog.HandlerOptions{Level: level}
	if c.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// outputFlag adds -o/--output to cmd and returns where the parsed value lands.
func outputFlag(cmd *cobra.Command, def printer.Format) *string {
	v := new(string)
	cmd.Flags().StringVarP(v, "output", "o", string(def), "output format: "+strings.Join(printer.Formats, ", "))
	_ = cmd.RegisterFlagCompletionFunc("output", fixedCompletion(printer.Formats...))
	return v
}

// print writes v to stdout in the format named by the -o value.
func (a *app) print(format string, v any) error {
	f, err := printer.ParseFormat(format)
	if err != nil {
		return usageError{err}
	}
	// Buffered: the table writer emits one write per cell otherwise.
	w := bufio.NewWriter(a.out)
	if err := printer.Print(w, f, v); err != nil {
		return err
	}
	return w.Flush()
}
