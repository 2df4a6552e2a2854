//go:build linux && amd64

package probe_test

import (
	"context"
	"fmt"
	"time"

	"github.com/aerie-sec/aerie/bpf/probe"
	"github.com/aerie-sec/aerie/engine/event"
)

// Load the probe for a ruleset's event types, read decoded events, and stop.
func ExampleLoad() {
	types := []event.Type{307} // openat exit, e.g. from compile.Rule.EventTypes
	p, err := probe.Load(probe.Options{Interest: probe.InterestFor(types), IgnoreSelf: true})
	if err != nil {
		fmt.Println(err) // not root, no BTF, or BPF refused
		return
	}
	defer p.Close()
	r, err := p.NewReader(probe.ReaderOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	for {
		ev, err := r.Next(ctx)
		if err != nil {
			break
		}
		_ = ev.Name() // evaluate, write to a capture, ...
	}
}

// Widen the kernel filter before a new ruleset goes live and narrow it after.
func ExampleProbe_SwapInterest() {
	p, err := probe.Load(probe.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer p.Close()
	next := probe.InterestFor([]event.Type{277}) // mkdir exit
	err = p.SwapInterest(next, func() error {
		// install the new ruleset here
		return nil
	})
	fmt.Println(err, p.Interest().Has("mkdir"))
}

func ExampleInterestNames() {
	in, err := probe.InterestNames("openat", "procexit")
	fmt.Println(in, err)
	// Output: openat,procexit <nil>
}
