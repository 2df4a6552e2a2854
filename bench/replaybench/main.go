// Command replaybench measures Aerie's replay throughput with the four upstream rules files loaded
// against `sysdig -r FILE FILTER` on the same capture, side by side in one run.
//
//	taskset -c 0 go run ./bench/replaybench -events 1000000
//
// It writes (once) a capture with the realistic mix of bench/mix, replays it through the engine with
// GOMAXPROCS=1, counts heap allocations per event during the replay, and times sysdig on the file,
// alternating the two sides run by run. Besides wall time it reports CPU time (user+system, of this
// process during the replay and of the sysdig process), whose ratio is steadier on a loaded machine.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/aerie-sec/aerie/bench/mix"
	"github.com/aerie-sec/aerie/engine/detect"
	"github.com/aerie-sec/aerie/engine/eval"
	"github.com/aerie-sec/aerie/engine/scap"
)

func main() {
	events := flag.Int("events", 1_000_000, "exit events in the generated capture (enter events are added for sysdig)")
	file := flag.String("file", filepath.Join(os.TempDir(), "aerie-replaybench.scap"), "capture path (generated when missing)")
	rulesDir := flag.String("rules", "../shared/corpus/rules", "directory holding the four upstream rules files")
	filter := flag.String("sysdig-filter", "evt.type=openat and fd.name startswith /etc", "the filter sysdig runs")
	runs := flag.Int("runs", 3, "runs of each side; the best is reported")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of Aerie's replays to this file")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "replaybench:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	if err := run(*events, *file, *rulesDir, *filter, *runs); err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "replaybench:", err)
		os.Exit(1)
	}
}

func run(events int, file, rulesDir, filter string, runs int) error {
	ctx := context.Background()
	runtime.GOMAXPROCS(1)
	if _, err := os.Stat(file); errors.Is(err, os.ErrNotExist) {
		f, err := os.Create(file)
		if err != nil {
			return err
		}
		if err := mix.Write(f, mix.Options{Events: events}); err != nil {
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	var files []string
	for _, f := range []string{"falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml", "falco-deprecated_rules.yaml"} {
		files = append(files, filepath.Join(rulesDir, f))
	}
	rs, _, err := detect.Compile(ctx, files, eval.Options{})
	if err != nil {
		return err
	}
	fi, _ := os.Stat(file)
	fmt.Printf("capture: %s (%.1f MB), rules: 4 upstream files, %d rules enabled, GOMAXPROCS=1\n", file, float64(fi.Size())/1e6, len(rs.Rules()))

	sysdig, lookErr := exec.LookPath("sysdig")
	if lookErr != nil {
		fmt.Println("sysdig: not installed (scripts/setup.sh installs it); Aerie only")
	}
	// The two sides alternate run by run, so that both see the same (shared, varying) machine load.
	var ours, theirs, oursCPU, theirsCPU []time.Duration
	var n, alerts uint64
	var allocs float64
	for range runs {
		cpu0 := cpuTime()
		d, st, a, err := replay(ctx, rs, file)
		if err != nil {
			return err
		}
		oursCPU = append(oursCPU, cpuTime()-cpu0)
		n, alerts = st.Events, st.Matches
		if len(ours) == 0 || d < slices.Min(ours) {
			allocs = a
		}
		ours = append(ours, d)
		if lookErr != nil {
			continue
		}
		cmd := exec.Command(sysdig, "-r", file, "-p", "%evt.num", filter)
		cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("sysdig: %w", err)
		}
		theirs = append(theirs, time.Since(start))
		theirsCPU = append(theirsCPU, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
	}
	rate := func(d time.Duration) float64 { return float64(n) / d.Seconds() }
	fmt.Printf("aerie:  %d events, %d alerts, %.4f allocs/event; events/s per run: %s (best %.0f, median %.0f)\n",
		n, alerts, allocs, rates(ours, rate), rate(slices.Min(ours)), rate(median(ours)))
	if lookErr != nil {
		return nil //nolint:nilerr // a missing peer is reported, not an error
	}
	fmt.Printf("sysdig: filter %q; events/s per run: %s (best %.0f, median %.0f)\n",
		filter, rates(theirs, rate), rate(slices.Min(theirs)), rate(median(theirs)))
	var ratios []string
	for i := range ours {
		ratios = append(ratios, fmt.Sprintf("%.2fx", theirs[i].Seconds()/ours[i].Seconds()))
	}
	fmt.Printf("ratio:  per run %s; best/best %.2fx, median/median %.2fx\n", strings.Join(ratios, " "),
		slices.Min(theirs).Seconds()/slices.Min(ours).Seconds(), median(theirs).Seconds()/median(ours).Seconds())
	ratios = ratios[:0]
	for i := range oursCPU {
		ratios = append(ratios, fmt.Sprintf("%.2fx", theirsCPU[i].Seconds()/oursCPU[i].Seconds()))
	}
	fmt.Printf("cpu:    aerie %s, sysdig %s; ratio per run %s; best/best %.2fx, median/median %.2fx\n",
		durations(oursCPU), durations(theirsCPU), strings.Join(ratios, " "),
		slices.Min(theirsCPU).Seconds()/slices.Min(oursCPU).Seconds(), median(theirsCPU).Seconds()/median(oursCPU).Seconds())
	return nil
}

// cpuTime returns the user and system CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func durations(ds []time.Duration) string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Round(time.Millisecond).String())
	}
	return strings.Join(out, " ")
}

// replay runs the capture through a fresh engine once and returns its wall time, statistics and heap
// allocations per event.
func replay(ctx context.Context, rs *eval.Ruleset, file string) (time.Duration, detect.Stats, float64, error) {
	eng := detect.New(rs, detect.Options{Hostname: "bench"})
	r, err := scap.Open(ctx, file)
	if err != nil {
		return 0, detect.Stats{}, 0, err
	}
	defer r.Close()
	run := eng.NewRunner(nil)
	detect.SeedState(run.State, r.Metadata())
	var ms0, ms1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms0)
	start := time.Now()
	err = run.Run(ctx, r, func(*detect.Match) {})
	d := time.Since(start)
	runtime.ReadMemStats(&ms1)
	st := run.Stats()
	if err != nil {
		return 0, st, 0, err
	}
	return d, st, float64(ms1.Mallocs-ms0.Mallocs) / float64(max(st.Events, 1)), nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func rates(ds []time.Duration, rate func(time.Duration) float64) string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%.0f", rate(d)))
	}
	return strings.Join(out, " ")
}
