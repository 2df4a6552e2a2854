// Command probe benchmarks the eBPF probe side by side with no probe on this machine: the cost of an
// open/close loop with the probe attached (default interest set, every event read and decoded in user
// space) against no probe, the highest event rate delivered with zero drops, and the kernel time per
// program run from BPF run-time statistics. Needs root, BTF and clang (to build the C workload).
//
//	go run ./bench/probe -iters 200000 -runs 5
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"

	"github.com/aerie-sec/aerie/bpf/probe"
	"github.com/aerie-sec/aerie/engine/event"
)

func main() {
	iters := flag.Int("iters", 200000, "open/close iterations per run")
	runs := flag.Int("runs", 5, "interleaved runs per configuration")
	rateTime := flag.Duration("rate-time", 2*time.Second, "duration of each sustained-rate step")
	flag.Parse()
	if err := run(*iters, *runs, *rateTime); err != nil {
		log.Fatal(err)
	}
}

func run(iters, runs int, rateTime time.Duration) error {
	dir, err := os.MkdirTemp("", "aerie-bench-probe")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "openclose")
	src := "bench/probe/workload/openclose.c"
	if _, err := os.Stat(src); err != nil {
		src = "workload/openclose.c"
	}
	if out, err := exec.Command("clang", "-O2", "-o", bin, src).CombinedOutput(); err != nil {
		return fmt.Errorf("build workload: %w: %s", err, out)
	}
	// loop runs the workload once and returns its CPU time (user+system) per iteration: on a loaded
	// machine wall time mostly measures the other load, CPU time measures what the probe adds to the
	// workload's own syscalls. The wall time the workload reports is kept in walls.
	var walls []float64
	loop := func() (float64, error) {
		cmd := exec.Command(bin, "openclose", strconv.Itoa(iters))
		out, err := cmd.Output()
		if err != nil {
			return 0, err
		}
		wall, err := strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
		if err != nil {
			return 0, err
		}
		walls = append(walls, wall)
		cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		return float64(cpu.Nanoseconds()) / float64(iters), nil
	}

	var base, with, filtered []float64
	var delivered uint64
	var readerCPU time.Duration
	for i := 0; i < runs; i++ {
		ns, err := loop()
		if err != nil {
			return err
		}
		base = append(base, ns)
		// Hooks attached, every syscall filtered out in the kernel: the floor of the probe's cost.
		empty, err := probe.InterestNames()
		if err != nil {
			return err
		}
		pf, err := probe.Load(probe.Options{Interest: empty, IgnoreSelf: true})
		if err != nil {
			return err
		}
		ns, err = loop()
		pf.Close()
		if err != nil {
			return err
		}
		filtered = append(filtered, ns)
		p, r, n, stop, err := attach()
		if err != nil {
			return err
		}
		cpu0 := selfCPU()
		ns, err = loop()
		time.Sleep(50 * time.Millisecond)
		stop()
		readerCPU += selfCPU() - cpu0
		delivered += n.Load()
		st, _ := p.Stats()
		if d := drops(st); d != 0 {
			fmt.Printf("run %d: %d drops\n", i, d)
		}
		r.Close()
		p.Close()
		if err != nil {
			return err
		}
		with = append(with, ns)
	}
	mb, mw, mf := median(base), median(with), median(filtered)
	var rw, fw, ww []float64
	for i := 0; i+2 < len(walls); i += 3 {
		rw, fw, ww = append(rw, walls[i]), append(fw, walls[i+1]), append(ww, walls[i+2])
	}
	fmt.Printf("open/close loop, %d iterations, median of %d interleaved runs, workload CPU time (user+sys) per iteration\n", iters, runs)
	fmt.Printf("  no probe:                          %8.1f ns/iter  %v\n", mb, base)
	fmt.Printf("  probe attached, all filtered out:  %8.1f ns/iter  %v  (%.2fx)\n", mf, filtered, mf/mb)
	fmt.Printf("  probe, default interest set:       %8.1f ns/iter  %v  (%.2fx)\n", mw, with, mw/mb)
	fmt.Printf("  events delivered and decoded: %d (%.1f per iteration)\n", delivered, float64(delivered)/float64(iters*runs))
	fmt.Printf("  wall time per iteration (medians, noisy under load): none %.1f, filtered %.1f (%.2fx), default %.1f (%.2fx)\n",
		median(rw), median(fw), median(fw)/median(rw), median(ww), median(ww)/median(rw))
	fmt.Printf("  reader CPU (drain, batch, decode) during the probe runs: %v, %.0f ns per delivered event\n", readerCPU, float64(readerCPU.Nanoseconds())/float64(delivered))
	if err := kernelTime(loop, iters); err != nil {
		return err
	}
	return sustained(bin, rateTime)
}

// kernelTime runs the loop once more with BPF run-time statistics on (they add their own overhead, so the
// timed runs above have them off) and prints the kernel time per program run.
func kernelTime(loop func() (float64, error), iters int) error {
	stats, err := ebpf.EnableStats(unix.BPF_STATS_RUN_TIME)
	if err != nil {
		return fmt.Errorf("enable BPF stats: %w", err)
	}
	defer stats.Close()
	p, r, _, stop, err := attach()
	if err != nil {
		return err
	}
	defer p.Close()
	defer r.Close()
	_, err = loop()
	stop()
	if err != nil {
		return err
	}
	printProgStats(p, iters)
	return nil
}

// attach loads the probe with the state interest set and drains it in a goroutine, decoding every event.
func attach() (*probe.Probe, *probe.Reader, *atomic.Uint64, func(), error) {
	p, err := probe.Load(probe.Options{Interest: probe.StateInterest(), IgnoreSelf: true})
	if err != nil {
		return nil, nil, nil, nil, err
	}
	r, err := p.NewReader(probe.ReaderOptions{})
	if err != nil {
		p.Close()
		return nil, nil, nil, nil, err
	}
	n := new(atomic.Uint64)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			ev, err := r.Next(ctx)
			if err != nil {
				return
			}
			if ev.Type != event.Type(0xffff) {
				n.Add(1)
			}
		}
	}()
	return p, r, n, func() { cancel(); wg.Wait() }, nil
}

// selfCPU returns this process's CPU time so far (user+system).
func selfCPU() time.Duration {
	var ru unix.Rusage
	if err := unix.Getrusage(unix.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func drops(st []probe.CPUStats) uint64 {
	var d uint64
	for _, s := range st {
		d += s.Drops
	}
	return d
}

func printProgStats(p *probe.Probe, iters int) {
	fmt.Println("kernel time per program run (BPF_STATS_RUN_TIME; tail calls count toward sys_exit), last probe run:")
	names := make([]string, 0)
	for name := range p.Programs() {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		s, err := p.Programs()[name].Stats()
		if err != nil || s.RunCount == 0 {
			continue
		}
		fmt.Printf("  %-16s runs %9d  %6.0f ns/run\n", name, s.RunCount, float64(s.Runtime.Nanoseconds())/float64(s.RunCount))
	}
}

// sustained runs the workload on every CPU at once, flat out, and reports the delivered event rate
// and drops, with a 16 MiB and a 64 MiB ring.
func sustained(bin string, d time.Duration) error {
	ncpu := 2
	if b, err := os.ReadFile("/sys/devices/system/cpu/online"); err == nil && strings.TrimSpace(string(b)) == "0" {
		ncpu = 1
	}
	for _, ring := range []uint32{16 << 20, 64 << 20} {
		p, err := probe.Load(probe.Options{Interest: probe.StateInterest(), IgnoreSelf: true, RingSize: ring})
		if err != nil {
			return err
		}
		r, err := p.NewReader(probe.ReaderOptions{})
		if err != nil {
			p.Close()
			return err
		}
		var n atomic.Uint64
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() {
			defer close(done)
			for {
				if _, err := r.Next(ctx); err != nil {
					return
				}
				n.Add(1)
			}
		}()
		start := time.Now()
		var wg sync.WaitGroup
		var werr error
		var mu sync.Mutex
		for w := 0; w < ncpu; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for time.Since(start) < d {
					if err := exec.Command(bin, "badclose", "200000").Run(); err != nil {
						mu.Lock()
						werr = errors.Join(werr, err)
						mu.Unlock()
						return
					}
				}
			}()
		}
		wg.Wait()
		time.Sleep(100 * time.Millisecond)
		elapsed := time.Since(start)
		cancel()
		<-done
		st, _ := p.Stats()
		var sent uint64
		for _, s := range st {
			sent += s.Events
		}
		fmt.Printf("sustained close(-1) loops, %d workers flat out, ring %d MiB: %d events delivered in %.2fs = %.0f events/s, drops %d (sent %d)\n",
			ncpu, ring>>20, n.Load(), elapsed.Seconds(), float64(n.Load())/elapsed.Seconds(), drops(st), sent)
		r.Close()
		p.Close()
		if werr != nil {
			return werr
		}
	}
	return nil
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}
