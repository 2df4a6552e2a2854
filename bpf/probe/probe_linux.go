//go:build linux && amd64

package probe

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
	"golang.org/x/sys/unix"
)

// Flavor names the attach method the probe ended up using.
type Flavor string

// Attach flavors.
const (
	FlavorBTF Flavor = "tp_btf"
	FlavorRaw Flavor = "raw_tracepoint"
)

// Options configure Load. The zero value is valid.
type Options struct {
	// RingSize is the ring buffer size in bytes, a power of two (default 16 MiB).
	RingSize uint32
	// WakeupBytes forces a reader wakeup once this much data is unread (default RingSize/4);
	// below it the reader only polls.
	WakeupBytes uint64
	// Interest is the initial syscall set (default StateInterest()).
	Interest Interest
	// IgnoreSelf drops the events of the loading process itself.
	IgnoreSelf bool
	// RawTracepoint skips tp_btf and attaches raw tracepoints (the fallback).
	RawTracepoint bool
	// Logger receives load and drop reports (default: discard).
	Logger *slog.Logger
}

// Probe is a loaded, attached probe. Close releases it.
type Probe struct {
	coll   *ebpf.Collection
	links  []link.Link
	flavor Flavor
	log    *slog.Logger

	swapMu   sync.Mutex // serializes interest changes
	mu       sync.Mutex // guards interest
	interest Interest
}

// CPUStats are one CPU's counters.
type CPUStats struct {
	CPU    int
	Events uint64 // events written to the ring buffer
	Drops  uint64 // events lost because the ring buffer was full
}

type counters struct {
	Events uint64
	Drops  uint64
}

// Load checks privileges and BTF, loads the probe, fills the exit program table, sets the interest set and
// attaches the programs (tp_btf, else raw tracepoints).
func Load(opts Options) (*Probe, error) {
	if os.Geteuid() != 0 {
		return nil, fmt.Errorf("load probe: %w", ErrNotRoot)
	}
	if _, err := os.Stat("/sys/kernel/btf/vmlinux"); err != nil {
		return nil, fmt.Errorf("load probe: %w", ErrNoBTF)
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if opts.RingSize == 0 {
		opts.RingSize = 16 << 20
	}
	if opts.RingSize&(opts.RingSize-1) != 0 || opts.RingSize < 4096 {
		return nil, fmt.Errorf("load probe: ring size %d is not a power of two >= 4096", opts.RingSize)
	}
	if opts.WakeupBytes == 0 {
		opts.WakeupBytes = uint64(opts.RingSize) / 4
	}
	if opts.Interest.nrs == nil {
		opts.Interest = StateInterest()
	}
	var lastErr error
	flavors := []Flavor{FlavorBTF, FlavorRaw}
	if opts.RawTracepoint {
		flavors = flavors[1:]
	}
	for _, fl := range flavors {
		p, err := load(fl, opts, log)
		if err == nil {
			log.Info("probe loaded", "flavor", fl, "ring_bytes", opts.RingSize, "interest", len(opts.Interest.Names()))
			return p, nil
		}
		log.Warn("probe flavor failed", "flavor", fl, "err", err)
		lastErr = err
	}
	return nil, lastErr
}

func load(fl Flavor, opts Options, log *slog.Logger) (*Probe, error) {
	spec, err := loadProbe()
	if err != nil {
		return nil, fmt.Errorf("load probe spec: %w", err)
	}
	prefix, other := "btf_", "raw_"
	if fl == FlavorRaw {
		prefix, other = other, prefix
	}
	for name := range spec.Programs {
		if len(name) > 4 && name[:4] == other {
			delete(spec.Programs, name)
		}
	}
	ncpu, err := ebpf.PossibleCPU()
	if err != nil {
		return nil, fmt.Errorf("count possible cpus: %w", err)
	}
	spec.Maps["aux"].MaxEntries = uint32(ncpu)
	spec.Maps["events"].MaxEntries = opts.RingSize
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_BOOTTIME, &ts); err != nil {
		return nil, fmt.Errorf("read boot clock: %w", err)
	}
	bootTime := uint64(time.Now().UnixNano() - ts.Nano())
	if err := spec.Variables["boot_time"].Set(bootTime); err != nil {
		return nil, fmt.Errorf("set boot_time: %w", err)
	}
	if err := spec.Variables["wakeup_bytes"].Set(opts.WakeupBytes); err != nil {
		return nil, fmt.Errorf("set wakeup_bytes: %w", err)
	}
	if opts.IgnoreSelf {
		if err := spec.Variables["ignore_tgid"].Set(uint32(os.Getpid())); err != nil {
			return nil, fmt.Errorf("set ignore_tgid: %w", err)
		}
	}
	coll, err := ebpf.NewCollectionWithOptions(spec, ebpf.CollectionOptions{})
	if err != nil {
		var ve *ebpf.VerifierError
		if errors.As(err, &ve) {
			return nil, fmt.Errorf("load probe (%s): %w: %w", fl, ErrRefused, err)
		}
		if errors.Is(err, unix.EPERM) {
			return nil, fmt.Errorf("load probe (%s): %w: %w", fl, ErrRefused, err)
		}
		return nil, fmt.Errorf("load probe (%s): %w", fl, err)
	}
	p := &Probe{coll: coll, flavor: fl, log: log}
	if err := p.fillExitPrograms(prefix); err != nil {
		p.Close()
		return nil, err
	}
	if err := p.writeInterest(opts.Interest); err != nil {
		p.Close()
		return nil, err
	}
	hooks := []struct{ prog, tp string }{
		{"sys_exit", "sys_exit"},
		{"sys_enter", "sys_enter"},
		{"sched_exec", "sched_process_exec"},
		{"sched_exit", "sched_process_exit"},
	}
	for _, h := range hooks {
		prog := coll.Programs[prefix+h.prog]
		var l link.Link
		if fl == FlavorBTF {
			l, err = link.AttachTracing(link.TracingOptions{Program: prog, AttachType: ebpf.AttachTraceRawTp})
		} else {
			l, err = link.AttachRawTracepoint(link.RawTracepointOptions{Name: h.tp, Program: prog})
		}
		if err != nil {
			p.Close()
			return nil, fmt.Errorf("attach %s %s: %w: %w", fl, h.tp, ErrRefused, err)
		}
		p.links = append(p.links, l)
	}
	return p, nil
}

func (p *Probe) fillExitPrograms(prefix string) error {
	m := p.coll.Maps["exit_progs"]
	for _, s := range syscalls {
		prog := p.coll.Programs[prefix+"x_"+s.prog]
		if prog == nil {
			return fmt.Errorf("fill exit programs: no program %q for %s", prefix+"x_"+s.prog, s.Name)
		}
		if err := m.Update(s.Nr, uint32(prog.FD()), ebpf.UpdateAny); err != nil {
			return fmt.Errorf("fill exit programs: %s: %w", s.Name, err)
		}
	}
	return nil
}

// Flavor reports which attach method is in use.
func (p *Probe) Flavor() Flavor { return p.flavor }

// Interest returns the current interest set.
func (p *Probe) Interest() Interest {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.interest
}

// SetInterest replaces the interest set in the kernel.
func (p *Probe) SetInterest(in Interest) error {
	p.swapMu.Lock()
	defer p.swapMu.Unlock()
	return p.writeInterest(in)
}

// writeInterest writes in to the kernel map; the caller holds swapMu.
func (p *Probe) writeInterest(in Interest) error {
	vals := in.slots()
	keys := make([]uint32, len(vals))
	for i := range keys {
		keys[i] = uint32(i)
	}
	m := p.coll.Maps["interest"]
	if _, err := m.BatchUpdate(keys, vals, nil); err != nil {
		for i, v := range vals {
			if err := m.Update(keys[i], v, ebpf.UpdateAny); err != nil {
				return fmt.Errorf("write interest map slot %d: %w", i, err)
			}
		}
	}
	p.mu.Lock()
	p.interest = in
	p.mu.Unlock()
	return nil
}

// SwapInterest moves to a new interest set around swap (which installs the new ruleset): it first widens the
// kernel set to the union of the current and next sets, then calls swap, then narrows to next. Events the new
// ruleset needs therefore flow before it is live. If swap fails, the previous set is restored.
func (p *Probe) SwapInterest(next Interest, swap func() error) error {
	p.swapMu.Lock()
	defer p.swapMu.Unlock()
	prev := p.Interest()
	if err := p.writeInterest(prev.Union(next)); err != nil {
		return fmt.Errorf("swap interest: widen: %w", err)
	}
	if err := swap(); err != nil {
		if rerr := p.writeInterest(prev); rerr != nil {
			return fmt.Errorf("swap interest: %w (restore: %w)", err, rerr)
		}
		return fmt.Errorf("swap interest: %w", err)
	}
	if err := p.writeInterest(next); err != nil {
		return fmt.Errorf("swap interest: narrow: %w", err)
	}
	return nil
}

// Stats returns the per-CPU event and drop counters.
func (p *Probe) Stats() ([]CPUStats, error) {
	var per []counters
	if err := p.coll.Maps["counters"].Lookup(uint32(0), &per); err != nil {
		return nil, fmt.Errorf("read probe counters: %w", err)
	}
	out := make([]CPUStats, len(per))
	for i, c := range per {
		out[i] = CPUStats{CPU: i, Events: c.Events, Drops: c.Drops}
	}
	return out, nil
}

// Programs returns the loaded programs by name (for BPF run-time statistics).
func (p *Probe) Programs() map[string]*ebpf.Program { return p.coll.Programs }

// Close detaches and unloads the probe.
func (p *Probe) Close() error {
	var errs []error
	for _, l := range p.links {
		errs = append(errs, l.Close())
	}
	p.links = nil
	if p.coll != nil {
		p.coll.Close()
		p.coll = nil
	}
	return errors.Join(errs...)
}
