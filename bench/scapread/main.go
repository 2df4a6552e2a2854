// Command scapread compares raw .scap read speed side by side: Aerie's reader against `sysdig -r` on the
// same capture of synthetic events (exec, open, connect, close, read and write headers) written by Aerie's
// writer. Run it with one core for Aerie: GOMAXPROCS=1 go run ./bench/scapread [-events N] [-runs R].
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
	"slices"
	"time"

	"github.com/aerie-sec/aerie/engine/scap"
	"github.com/aerie-sec/aerie/engine/scap/synth"
)

func main() {
	events := flag.Int("events", 1000000, "events in the capture")
	runs := flag.Int("runs", 3, "interleaved runs of each reader; the median is reported")
	file := flag.String("file", filepath.Join(os.TempDir(), "aerie-bench.scap"), "capture path (written if missing)")
	old := flag.Bool("old-enter", true, "write the old enter events too, so sysdig tracks fds as it would on its own captures")
	sysdig := flag.String("sysdig", "sysdig", "sysdig binary")
	filter := flag.String("filter", "proc.name=nosuchprocess", "sysdig filter (one filter, matching nothing)")
	flag.Parse()
	if err := run(context.Background(), *file, *events, *runs, *old, *sysdig, *filter); err != nil {
		fmt.Fprintln(os.Stderr, "scapread:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, file string, events, runs int, old bool, sysdig, filter string) error {
	if _, err := os.Stat(file); err != nil {
		if err := write(file, events, old); err != nil {
			return err
		}
	}
	fi, err := os.Stat(file)
	if err != nil {
		return err
	}
	var ours, theirs []time.Duration
	var n int64
	for range runs {
		d, count, err := readAerie(ctx, file)
		if err != nil {
			return err
		}
		ours, n = append(ours, d), count
		start := time.Now()
		cmd := exec.CommandContext(ctx, sysdig, "-r", file, filter)
		cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("run sysdig: %w", err)
		}
		theirs = append(theirs, time.Since(start))
	}
	mo, mt := median(ours), median(theirs)
	fmt.Printf("capture: %s, %d bytes, %d events read by aerie\n", file, fi.Size(), n)
	fmt.Printf("aerie reader:        median %v  %.0f events/s\n", mo.Round(time.Millisecond), float64(n)/mo.Seconds())
	fmt.Printf("sysdig -r %q: median %v  %.0f events/s\n", filter, mt.Round(time.Millisecond), float64(n)/mt.Seconds())
	fmt.Printf("ratio: %.1fx\n", mt.Seconds()/mo.Seconds())
	return nil
}

func write(file string, events int, old bool) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	opts := synth.HostBase().WriterOptions()
	opts.OldEnterEvents = old
	w, err := scap.NewWriter(f, opts)
	if err != nil {
		return errors.Join(err, f.Close())
	}
	if err := synth.WriteCapture(w, events, synth.Options{Seed: 1}); err != nil {
		return errors.Join(err, f.Close())
	}
	return errors.Join(w.Close(), f.Close())
}

func readAerie(ctx context.Context, file string) (time.Duration, int64, error) {
	start := time.Now()
	r, err := scap.Open(ctx, file)
	if err != nil {
		return 0, 0, err
	}
	defer func() { _ = r.Close() }()
	var n int64
	for {
		_, err := r.Next(ctx)
		if errors.Is(err, io.EOF) {
			return time.Since(start), n, nil
		}
		if err != nil {
			return 0, 0, err
		}
		n++
	}
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}
