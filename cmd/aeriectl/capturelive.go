package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/aerie-sec/aerie/bpf/probe"
	"github.com/aerie-sec/aerie/engine/detect"
	"github.com/aerie-sec/aerie/engine/eval"
	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/scap"
)

// withLiveCapture makes `aeriectl capture -w FILE` record a live capture; the capture command's
// subcommands (inspect, ...) are unchanged.
func withLiveCapture(a *app, cmd *cobra.Command) *cobra.Command {
	var (
		file     string
		duration time.Duration
		filter   string
	)
	cmd.Use = "capture [-w FILE [--duration D] [--filter EXPR]]"
	cmd.Long = `With -w, record a live capture: load the eBPF probe with every syscall it reports, write the processes,
fds, users and groups found in /proc, then every event, as a .scap file that 'aeriectl replay', 'aeriectl
capture inspect' and sysdig read (gzip-compressed when FILE ends in .gz). Runs until interrupted or for
--duration. With --filter EXPR (a sysdig/Falco filter expression), only matching events are written, plus,
flagged state-only as sysdig does, the events that change process or fd state. Needs root and kernel BTF.

The subcommands work on capture files.`
	fl := cmd.Flags()
	fl.StringVarP(&file, "write", "w", "", "record a live capture to this file")
	fl.DurationVar(&duration, "duration", 0, "stop recording after this long (default: until interrupted)")
	fl.StringVar(&filter, "filter", "", "write only the events matching this filter expression (plus state changes)")
	cmd.Args = cobra.NoArgs
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if file == "" {
			if cmd.Flags().Changed("duration") || filter != "" {
				return usageError{errors.New("--duration and --filter need -w FILE")}
			}
			return cmd.Help()
		}
		if duration < 0 {
			return usageError{errors.New("--duration must not be negative")}
		}
		return recordLive(cmd, a, file, duration, filter)
	}
	return cmd
}

// stateChanging reports whether an event type changes process or fd state, so a filtered capture must
// keep it.
func stateChanging(t event.Type) bool {
	info, ok := event.Lookup(t)
	if !ok {
		return false
	}
	if info.Flags&(event.FlagModifiesState|event.FlagCreatesFD|event.FlagDestroysFD) != 0 {
		return true
	}
	switch info.Name {
	case "procexit", "chdir", "fchdir", "setuid", "setgid", "setresuid", "setresgid", "setreuid", "setregid":
		return true
	}
	return false
}

func recordLive(cmd *cobra.Command, a *app, file string, duration time.Duration, filter string) error {
	var ex *eval.Expression
	if filter != "" {
		var err error
		ex, err = eval.CompileExpression(cmd.Context(), filter, "")
		if err != nil {
			return usageError{fmt.Errorf("--filter: %w", err)}
		}
	}
	f, err := createCapture(file)
	if err != nil {
		return err
	}
	ctx := cmd.Context()
	l, err := startLive(ctx, a, probe.AllInterest())
	if err != nil {
		f.Close()
		os.Remove(file)
		return interruptedStart(ctx, a, "capture", err)
	}
	defer l.close()
	// --duration counts from the moment the probe is ready, not from the start of the command.
	if duration > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, duration)
		defer cancel()
	}
	w, f, err := l.newCaptureWriter(f, file, hostname(a))
	if err != nil {
		return err
	}
	runner := detect.New(nil, detect.Options{Hostname: hostname(a)}).NewRunner(l.seed())
	a.status("aeriectl capture: recording to %s (%s probe); stop with Ctrl-C", file, l.p.Flavor())
	var written, stateOnly uint64
	var werr error
	for werr == nil {
		ev, err := l.next(ctx)
		if err != nil {
			if !errors.Is(err, io.EOF) {
				werr = err
			}
			break
		}
		flags := uint32(0)
		if ex != nil {
			c := runner.Step(ev)
			match := ex.Filter(c)
			runner.Done()
			if !match {
				if !stateChanging(ev.Type) {
					continue
				}
				flags = scap.DumpFlagStateOnly
				stateOnly++
			}
		}
		ev.DumpFlags = flags
		werr = w.Write(ev)
		written++
	}
	cerr := w.Close()
	if err := f.Close(); cerr == nil {
		cerr = err
	}
	if err := errors.Join(werr, cerr); err != nil {
		return fmt.Errorf("record %s: %w", file, err)
	}
	st, _ := l.p.Stats()
	var drops uint64
	for _, s := range st {
		drops += s.Drops
	}
	extra := ""
	if ex != nil {
		extra = fmt.Sprintf(" (%d kept as state-only)", stateOnly)
	}
	a.status("Captured %d events%s to %s; probe dropped %d", written, extra, file, drops)
	if drops > 0 {
		a.status("warning: the capture misses %d events the ring buffer could not hold", drops)
	}
	return nil
}
