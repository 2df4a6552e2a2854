package test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aerie-sec/aerie/engine/detect"
	"github.com/aerie-sec/aerie/engine/eval"
	"github.com/aerie-sec/aerie/engine/scap"
)

// versionRules is a rules file whose two rules both match every event: a complete ruleset of version v
// raises exactly the two alerts "vN first" and "vN second" for each event.
func versionRules(v int) string {
	return fmt.Sprintf(`- rule: v%d first
  desc: matches every event
  condition: evt.num > 0
  output: v%d first %%evt.num
  priority: INFO
  warn_evttypes: false
- rule: v%d second
  desc: matches every event
  condition: evt.num > 0 and not proc.name = never-such-process
  output: v%d second %%evt.num
  priority: INFO
  warn_evttypes: false
`, v, v, v, v)
}

// TestSwapDuringReplay swaps rulesets continuously while the shared captures are replayed, and proves
// that each event was evaluated by exactly one complete ruleset: every event raised exactly two alerts,
// both from the same version, which is the ruleset the engine reported for the event. Meanwhile broken
// rules files are reloaded over and over and never replace the running ruleset.
func TestSwapDuringReplay(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	const versions = 4
	rulesets := make([]*eval.Ruleset, versions)
	index := map[*eval.Ruleset]int{}
	for v := range versions {
		p := filepath.Join(dir, fmt.Sprintf("v%d.yaml", v))
		if err := os.WriteFile(p, []byte(versionRules(v)), 0o644); err != nil {
			t.Fatal(err)
		}
		rs, res, err := detect.Compile(ctx, []string{p}, eval.Options{AllEvents: true})
		if err != nil {
			t.Fatal(err, res[len(res)-1].Text(nil, true))
		}
		rulesets[v], index[rs] = rs, v
	}
	broken := filepath.Join(dir, "broken.yaml")
	if err := os.WriteFile(broken, []byte("- rule: broken\n  desc: d\n  condition: proc.nobody = x\n  output: o\n  priority: INFO\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	eng := detect.New(rulesets[0], detect.Options{MatchAll: true})
	var stop atomic.Bool
	var swaps, failedReloads atomic.Int64
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { // swapper
		defer wg.Done()
		for i := 1; !stop.Load(); i++ {
			eng.Swap(rulesets[i%versions])
			swaps.Add(1)
		}
	}()
	go func() { // broken reloads
		defer wg.Done()
		for !stop.Load() {
			if _, err := eng.Reload(ctx, []string{broken}, eval.Options{}); err == nil {
				t.Error("a ruleset that failed to compile was swapped in")
				return
			}
			failedReloads.Add(1)
		}
	}()

	seen := make([]int, versions)
	events, passes := 0, 0
	for passes < 50 && (passes < 2 || countNonZero(seen) < versions) {
		passes++
		for _, c := range captures(t) {
			r, err := scap.Open(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			run := eng.NewRunner(nil)
			detect.SeedState(run.State, r.Metadata())
			for {
				ev, err := r.Next(ctx)
				if err != nil {
					break
				}
				var names []string
				var from []*eval.Ruleset
				used := run.Process(ev, func(m *detect.Match) {
					names = append(names, m.Rule.Name)
					from = append(from, m.Ruleset)
				})
				if detect.OldEnter(ev) {
					continue // not evaluated, as in Falco
				}
				events++
				v, ok := index[used]
				if !ok {
					t.Fatalf("event %d evaluated by an unknown ruleset", ev.Num)
				}
				seen[v]++
				want := []string{fmt.Sprintf("v%d first", v), fmt.Sprintf("v%d second", v)}
				if len(names) != 2 || names[0] != want[0] || names[1] != want[1] || from[0] != used || from[1] != used {
					t.Fatalf("%s event %d: alerts %q, want %q from version %d",
						filepath.Base(c), ev.Num, names, want, v)
				}
			}
			_ = r.Close()
		}
	}
	stop.Store(true)
	wg.Wait()
	t.Logf("%d events over %d passes, %d swaps, %d failed reloads; events per version %v",
		events, passes, swaps.Load(), failedReloads.Load(), seen)
	if countNonZero(seen) < 2 || swaps.Load() == 0 || failedReloads.Load() == 0 {
		t.Fatalf("swaps did not interleave with the replay: per version %v, %d swaps, %d failed reloads", seen, swaps.Load(), failedReloads.Load())
	}
}

func countNonZero(xs []int) int {
	n := 0
	for _, x := range xs {
		if x > 0 {
			n++
		}
	}
	return n
}
