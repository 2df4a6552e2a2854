// Command replaybench measures Aerie's replay throughput with the four upstream rules files loaded
// against `sysdig -r FILE FILTER` on the same capture, side by side in one run.
//
//	taskset -c 0 go run ./bench/replaybench -events 1000000
//
// It writes (once) a capture with the realistic mix of bench/mix, replays it through the engine with
// GOMAXPROCS=1, counts heap allocations per event during the replay, then times sysdig on the file.
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

	var best time.Duration
	var n, alerts uint64
	var allocs float64
	for range runs {
		eng := detect.New(rs, detect.Options{Hostname: "bench"})
		r, err := scap.Open(ctx, file)
		if err != nil {
			return err
		}
		run := eng.NewRunner(nil)
		detect.SeedState(run.State, r.Metadata())
		var ms0, ms1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms0)
		start := time.Now()
		err = run.Run(ctx, r, func(*detect.Match) {})
		d := time.Since(start)
		runtime.ReadMemStats(&ms1)
		_ = r.Close()
		if err != nil {
			return err
		}
		st := run.Stats()
		n, alerts = st.Events, st.Matches
		if best == 0 || d < best {
			best = d
			allocs = float64(ms1.Mallocs-ms0.Mallocs) / float64(st.Events)
		}
	}
	ours := float64(n) / best.Seconds()
	fmt.Printf("aerie:  %d events in %v = %.0f events/s, %d alerts, %.4f allocs/event\n", n, best.Round(time.Millisecond), ours, alerts, allocs)

	sysdig, lookErr := exec.LookPath("sysdig")
	if lookErr != nil {
		fmt.Println("sysdig: not installed (scripts/setup.sh installs it)")
		return nil //nolint:nilerr // a missing peer is reported, not an error
	}
	var sbest time.Duration
	for range runs {
		cmd := exec.Command(sysdig, "-r", file, "-p", "%evt.num", filter)
		cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("sysdig: %w", err)
		}
		if d := time.Since(start); sbest == 0 || d < sbest {
			sbest = d
		}
	}
	theirs := float64(n) / sbest.Seconds()
	fmt.Printf("sysdig: %d events in %v = %.0f events/s (filter %q)\n", n, sbest.Round(time.Millisecond), theirs, filter)
	fmt.Printf("ratio:  %.2fx\n", ours/theirs)
	return nil
}
