package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/spf13/cobra"

	"github.com/aerie-sec/aerie/bpf/probe"
	"github.com/aerie-sec/aerie/bpf/procscan"
	"github.com/aerie-sec/aerie/engine"
	"github.com/aerie-sec/aerie/engine/detect"
	"github.com/aerie-sec/aerie/engine/eval"
	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/scap"
	"github.com/aerie-sec/aerie/engine/state"
)

type runFlags struct {
	ruleSelection
	capture     string
	duration    time.Duration
	metricsAddr string
	output      *string
}

func newRunCmd(a *app) *cobra.Command {
	f := &runFlags{}
	cmd := &cobra.Command{
		Use:   "run [-r RULES]... [-t TAG]... [-T TAG]... [-D RULE]... [-A] [--min-priority P] [-o json] [--capture FILE] [--duration D]",
		Short: "Detect live: load the eBPF probe and print the alerts Falco would raise for this host",
		Long: `Load Aerie's CO-RE eBPF syscall probe, scan /proc for the processes already running, and evaluate every
live event against the rules files given with -r (loaded in order; default engine.rules_files, else the
embedded default rulesets), printing alerts on stdout as Falco does: its text line, or with -o json its
JSON alert. Runs until interrupted (SIGINT/SIGTERM) or for --duration (counted from the moment the probe
is ready); then prints Falco's per-rule summary and the probe's counters on stderr.

Only the syscalls the loaded rules need, plus those the state tracking needs, pass the in-kernel filter.
SIGHUP reloads the rules files without stopping: the filter is widened to both rulesets, the engine swaps
rulesets atomically, then the filter narrows, so no event the new rules need is missed; a ruleset that fails
to load leaves the running one in place.
--capture FILE also records the live events, with the start-up process, fd and user lists, as a .scap
capture that 'aeriectl replay' and sysdig read (gzip-compressed when FILE ends in .gz).

Needs root and a kernel with BTF. Rule selection flags keep Falco's meanings, as in 'aeriectl replay'.`,
		Args: cobra.NoArgs,
	}
	fl := cmd.Flags()
	fl.StringArrayVarP(&f.rules, "rules", "r", nil, "rules file or directory, loaded in order (repeatable; default engine.rules_files, else the embedded default rulesets)")
	fl.StringArrayVarP(&f.tags, "tag", "t", nil, "run only rules with this tag (repeatable)")
	fl.StringArrayVarP(&f.disabledTags, "disable-tag", "T", nil, "disable rules with this tag (repeatable)")
	fl.StringArrayVarP(&f.disabled, "disable", "D", nil, "disable rules whose name contains this string (repeatable)")
	fl.BoolVarP(&f.allEvents, "all-events", "A", false, "evaluate rules on every event type, including high-volume ones")
	fl.StringVar(&f.minPriority, "min-priority", "", "lowest priority that raises alerts (default engine.min_priority, debug)")
	fl.StringVar(&f.capture, "capture", "", "also record the live events to this .scap file")
	fl.DurationVar(&f.duration, "duration", 0, "stop after this long (default: run until interrupted)")
	fl.StringVar(&f.metricsAddr, "metrics-addr", "", "serve Prometheus metrics (probe events and drops per CPU) at http://ADDR/metrics, e.g. 127.0.0.1:8765")
	f.output = outputFlag(cmd, "text")
	cmd.Flags().Lookup("output").Usage = "alert format: text (Falco's line) or json (Falco's JSON alert)"
	_ = cmd.RegisterFlagCompletionFunc("output", fixedCompletion("text", "json"))
	cmd.RunE = func(cmd *cobra.Command, _ []string) error { return runLive(cmd, a, f) }
	return cmd
}

// rulesetTypes returns the event types the ruleset's rules can match.
func rulesetTypes(rs *eval.Ruleset) []event.Type {
	seen := map[event.Type]bool{}
	var out []event.Type
	for _, r := range rs.Rules() {
		for _, t := range r.EventTypes {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// live is a loaded probe with its reader and the start-up snapshot.
type live struct {
	p    *probe.Probe
	r    *probe.Reader
	snap *procscan.Snapshot
	log  *slog.Logger

	grace       context.Context // set once the run is stopping
	graceCancel context.CancelFunc
}

// A stopping run first sets the kernel's interest set to nothing, so no new events are produced, then hands
// out every event already read or still in the ring: it ends once none has arrived for stopIdle, or after
// stopMax at the latest (a ring still refilled by a kernel that did not take the empty set).
const (
	stopIdle = 250 * time.Millisecond
	stopMax  = 10 * time.Second
)

// next returns the next live event. Once ctx ends it drains what the probe already delivered, then returns
// io.EOF: stopping a run does not lose events, however far behind the engine is.
func (l *live) next(ctx context.Context) (*event.Event, error) {
	if ctx.Err() == nil {
		ev, err := l.r.Next(ctx)
		if err == nil || ctx.Err() == nil {
			return ev, err
		}
	}
	if l.grace == nil {
		if err := l.p.SetInterest(probe.Interest{}); err != nil {
			l.log.Warn("stop: clear the interest set", "err", err)
		}
		l.grace, l.graceCancel = context.WithTimeout(context.Background(), stopMax)
	}
	idle, cancel := context.WithTimeout(l.grace, stopIdle)
	defer cancel()
	ev, err := l.r.Next(idle)
	if err != nil {
		return nil, io.EOF
	}
	return ev, nil
}

// startLive loads the probe with the interest set, starts its reader and scans /proc. Errors name the
// missing privilege or kernel feature.
func startLive(ctx context.Context, a *app, in probe.Interest) (*live, error) {
	p, err := probe.Load(probe.Options{Interest: in, IgnoreSelf: true, Logger: a.log})
	switch {
	case errors.Is(err, probe.ErrNotRoot):
		return nil, fmt.Errorf("%w; run aeriectl as root", err)
	case errors.Is(err, probe.ErrNoBTF):
		return nil, fmt.Errorf("%w; live detection needs a kernel built with BTF", err)
	case errors.Is(err, probe.ErrNotSupported):
		return nil, err
	case err != nil:
		return nil, fmt.Errorf("%w (is BPF restricted on this host, e.g. kernel.unprivileged_bpf_disabled, lockdown or a seccomp profile?)", err)
	}
	queue := 64
	if a.cfg != nil && a.cfg.Engine.BufferSize > 0 {
		queue = max(4, a.cfg.Engine.BufferSize/2048) // a batch holds about 2048 events
	}
	r, err := p.NewReader(probe.ReaderOptions{QueueBatches: queue})
	if err != nil {
		p.Close()
		return nil, err
	}
	// Scan after the probe is attached, so a process started in between is seen by one or the other.
	snap, err := procscan.Scan(ctx, procscan.Options{})
	if err != nil {
		r.Close()
		p.Close()
		return nil, err
	}
	a.log.Info("live source ready", "flavor", p.Flavor(), "syscalls", len(in.Names()), "threads", len(snap.Threads), "fds", len(snap.FDs))
	return &live{p: p, r: r, snap: snap, log: a.log}, nil
}

// status prints a progress line on stderr: plain text, or with --log-format json an info record, so a
// log collector reading stderr sees only JSON lines from aeriectl itself.
func (a *app) status(format string, args ...any) {
	if a.cfg != nil && a.cfg.Log.Format == "json" {
		a.log.Info(fmt.Sprintf(format, args...))
		return
	}
	fmt.Fprintf(a.err, format+"\n", args...)
}

// interruptedStart turns a start-up cut short by Ctrl-C or SIGTERM into a clean stop: the user asked to stop.
func interruptedStart(ctx context.Context, a *app, what string, err error) error {
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		a.status("aeriectl %s: interrupted while loading the probe; stopped", what)
		return nil
	}
	return err
}

func (l *live) close() {
	if l.graceCancel != nil {
		l.graceCancel()
	}
	_ = l.r.Close()
	_ = l.p.Close()
}

// seed loads the start-up snapshot into a state table.
func (l *live) seed() *state.Table {
	st := state.New(state.Options{})
	for _, in := range l.snap.Interfaces {
		st.AddLocalAddr(in.Addr)
	}
	for i := range l.snap.Users {
		st.AddSnapshotUser(&l.snap.Users[i])
	}
	for i := range l.snap.Groups {
		st.AddSnapshotGroup(&l.snap.Groups[i])
	}
	for i := range l.snap.Threads {
		st.AddSnapshotThread(&l.snap.Threads[i])
	}
	for i := range l.snap.FDs {
		st.AddSnapshotFD(&l.snap.FDs[i])
	}
	st.Link() // threads share their process's descriptors, as a replay of the capture seeds them
	return st
}

// newCaptureWriter creates a .scap writer seeded with the snapshot; gzip when path ends in .gz.
// createCapture creates the capture file before the probe loads, so a bad path fails at once.
func createCapture(path string) (*os.File, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return nil, fmt.Errorf("create capture %s: is a directory; name a file such as %s", path, filepath.Join(path, "live.scap.gz"))
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("create capture: %w", err)
	}
	return f, nil
}

// machineInfo describes this host for a capture's machine info block, as libscap fills it.
func machineInfo(host string) *scap.MachineInfo {
	mi := &scap.MachineInfo{Hostname: host, NumCPUs: uint32(runtime.NumCPU())}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for line := range strings.Lines(string(b)) {
			if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
				if kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64); err == nil {
					mi.MemoryBytes = kb << 10
				}
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/sys/kernel/pid_max"); err == nil {
		mi.MaxPID, _ = strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
	}
	return mi
}

// newCaptureWriter writes the capture header and the start-up snapshot to f, created by createCapture.
func (l *live) newCaptureWriter(f *os.File, path, host string) (*scap.Writer, *os.File, error) {
	w, err := scap.NewWriter(f, scap.WriterOptions{
		Machine:    machineInfo(host),
		Interfaces: l.snap.Interfaces,
		Threads:    l.snap.Threads, FDs: l.snap.FDs, Users: l.snap.Users, Groups: l.snap.Groups,
		Gzip: strings.HasSuffix(path, ".gz"),
	})
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("write capture header: %w", err)
	}
	return w, f, nil
}

// liveSource ends the stream cleanly (io.EOF) when the run's context ends, and tees events to a capture.
type liveSource struct {
	l    *live
	w    *scap.Writer
	keep func(*event.Event) uint32 // dump flags for the capture, or ^0 to leave the event out
	werr error
}

func (s *liveSource) Next(ctx context.Context) (*event.Event, error) {
	ev, err := s.l.next(ctx)
	if err != nil {
		return nil, err
	}
	if s.w != nil && s.werr == nil {
		flags := uint32(0)
		if s.keep != nil {
			flags = s.keep(ev)
		}
		if flags != ^uint32(0) {
			ev.DumpFlags = flags
			s.werr = s.w.Write(ev)
			ev.DumpFlags = 0
		}
	}
	return ev, nil
}

var _ engine.Source = (*liveSource)(nil)

func runLive(cmd *cobra.Command, a *app, f *runFlags) error {
	format := *f.output
	if !cmd.Flags().Changed("output") && a.cfg != nil && a.cfg.Engine.JSONOutput {
		format = "json"
	}
	if format != "text" && format != "json" {
		return usageError{fmt.Errorf("invalid output format %q: want text or json", format)}
	}
	if f.duration < 0 {
		return usageError{errors.New("--duration must not be negative")}
	}
	if f.metricsAddr != "" {
		if _, _, err := net.SplitHostPort(f.metricsAddr); err != nil {
			return usageError{fmt.Errorf("--metrics-addr %q: want HOST:PORT, e.g. 127.0.0.1:8765: %w", f.metricsAddr, err)}
		}
	}
	rs, err := buildRuleset(cmd, a, &f.ruleSelection)
	if err != nil {
		return err
	}
	var capFile *os.File
	if f.capture != "" {
		if capFile, err = createCapture(f.capture); err != nil {
			return err
		}
	}
	ctx := cmd.Context()
	l, err := startLive(ctx, a, probe.InterestFor(rulesetTypes(rs)))
	if err != nil {
		if capFile != nil {
			capFile.Close()
			os.Remove(f.capture)
		}
		return interruptedStart(ctx, a, "run", err)
	}
	defer l.close()
	// --duration counts from the moment the probe is ready, not from the start of the command.
	if f.duration > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, f.duration)
		defer cancel()
	}
	host := hostname(a)
	src := &liveSource{l: l}
	if capFile != nil {
		if src.w, capFile, err = l.newCaptureWriter(capFile, f.capture, host); err != nil {
			return err
		}
	}
	eng := detect.New(rs, detect.Options{Hostname: host})
	runner := eng.NewRunner(l.seed())
	sink := newAlertSink(a.out, format, host, true)
	if f.metricsAddr != "" {
		stop, err := serveMetrics(a, f.metricsAddr, l.p)
		if err != nil {
			return err
		}
		defer stop()
	}
	stopReload := reloadOnHUP(ctx, cmd, a, f, l.p, eng)
	defer stopReload()
	a.status("aeriectl run: watching (%s probe, %d rules, %d syscalls); stop with Ctrl-C, reload rules with SIGHUP", l.p.Flavor(), len(rs.Rules()), len(l.p.Interest().Names()))
	runErr := runner.Run(ctx, src, sink.match)
	werr := sink.close()
	if capFile != nil {
		cerr := src.w.Close()
		if err := capFile.Close(); cerr == nil {
			cerr = err
		}
		if err := errors.Join(src.werr, cerr); err != nil {
			return fmt.Errorf("write capture %s: %w", f.capture, err)
		}
	}
	sink.summary(a.err)
	printProbeStats(a, l.p, runner.Stats())
	if runErr != nil {
		return runErr
	}
	if werr != nil {
		return werr
	}
	return nil
}

// reloadOnHUP reloads the rules files on SIGHUP while events flow: the new ruleset is compiled off the hot
// path, the kernel filter is widened to both rulesets' syscalls, the engine swaps rulesets atomically, and the
// filter is narrowed to the new set, so the swap misses no event the new rules need. A ruleset that fails to
// load leaves the running one in place. The returned function stops watching.
func reloadOnHUP(ctx context.Context, cmd *cobra.Command, a *app, f *runFlags, p *probe.Probe, eng *detect.Engine) func() {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-hup:
			case <-ctx.Done():
				return
			case <-done:
				return
			}
			start := time.Now()
			rs, err := buildRuleset(cmd, a, &f.ruleSelection)
			if err != nil {
				a.status("aeriectl run: reload failed, keeping the running rules: %v", err)
				continue
			}
			err = p.SwapInterest(probe.InterestFor(rulesetTypes(rs)), func() error {
				eng.Swap(rs)
				return nil
			})
			if err != nil {
				a.status("aeriectl run: reload: %v", err)
				continue
			}
			a.status("aeriectl run: reloaded %d rules in %v (generation %d, %d syscalls)",
				len(rs.Rules()), time.Since(start).Round(time.Millisecond), eng.Generation(), len(p.Interest().Names()))
		}
	}()
	return func() {
		signal.Stop(hup)
		close(done)
	}
}

// serveMetrics serves the probe's Prometheus collector on addr until the returned function is called.
func serveMetrics(a *app, addr string, p *probe.Probe) (func(), error) {
	reg := prometheus.NewRegistry()
	if err := reg.Register(p.Collector()); err != nil {
		return nil, fmt.Errorf("register probe metrics: %w", err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen for metrics: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	a.status("aeriectl run: metrics at http://%s/metrics", ln.Addr())
	return func() { _ = srv.Close() }, nil
}

// printProbeStats reports what the probe delivered and, loudly, what it dropped.
func printProbeStats(a *app, p *probe.Probe, rs detect.Stats) {
	st, err := p.Stats()
	if err != nil {
		a.log.Warn("read probe counters", "err", err)
		return
	}
	var events, drops uint64
	for _, s := range st {
		events += s.Events
		drops += s.Drops
	}
	fmt.Fprintf(a.err, "Probe: %d events sent, %d dropped (ring buffer full); engine processed %d events\n", events, drops, rs.Events)
	if drops > 0 {
		for _, s := range st {
			if s.Drops > 0 {
				fmt.Fprintf(a.err, "   cpu %d: %d dropped\n", s.CPU, s.Drops)
			}
		}
	}
}
