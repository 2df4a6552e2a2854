// Package detect runs the detection loop: for each event of a stream it updates the state, evaluates the
// current ruleset and reports matches. The ruleset is swapped atomically while events flow: each event
// is evaluated by exactly one complete ruleset.
package detect

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"github.com/aerie-sec/aerie/engine"
	"github.com/aerie-sec/aerie/engine/compile"
	"github.com/aerie-sec/aerie/engine/eval"
	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/extract"
	"github.com/aerie-sec/aerie/engine/state"
)

// Options configures an Engine. The zero value keeps Falco's defaults.
type Options struct {
	// Hostname is reported in alerts and by evt.hostname.
	Hostname string
	// Location is the time zone of evt.time and friends (default UTC).
	Location *time.Location
	// MatchAll emits every matching rule per event (rule_matching: all); by default only the first
	// matching rule in load order (rule_matching: first).
	MatchAll bool
}

// Engine evaluates events against the current ruleset, which Swap replaces atomically: each event is
// evaluated by exactly one complete ruleset, the one current when its evaluation began.
type Engine struct {
	opts Options
	rs   atomic.Pointer[eval.Ruleset]
	gen  atomic.Uint64
}

// New returns an engine running rs (nil runs no rules until the first Swap).
func New(rs *eval.Ruleset, opts Options) *Engine {
	e := &Engine{opts: opts}
	if rs != nil {
		e.rs.Store(rs)
	}
	return e
}

// Ruleset returns the current ruleset.
func (e *Engine) Ruleset() *eval.Ruleset { return e.rs.Load() }

// Generation counts the swaps so far.
func (e *Engine) Generation() uint64 { return e.gen.Load() }

// Swap makes rs the current ruleset and returns the previous one. Events already being evaluated finish
// with the ruleset they started with.
func (e *Engine) Swap(rs *eval.Ruleset) *eval.Ruleset {
	if rs == nil {
		return e.rs.Load()
	}
	e.gen.Add(1)
	return e.rs.Swap(rs)
}

// SwapCompiled builds the runnable form of a compiled ruleset and swaps it in. On any error the running
// ruleset stays in place.
func (e *Engine) SwapCompiled(crs *compile.Ruleset, opts eval.Options) error {
	rs, err := eval.New(crs, opts)
	if err != nil {
		return fmt.Errorf("swap ruleset: %w", err)
	}
	e.Swap(rs)
	return nil
}

// Match is one rule matching one event, passed to the Run callback. It is valid only during the call.
type Match struct {
	Rule    *eval.Rule
	Ruleset *eval.Ruleset
	Ctx     *extract.Ctx
}

// Stats counts what a run processed.
type Stats struct {
	Events  uint64 // events read
	Matches uint64 // rule matches
}

// Runner processes one event stream: it keeps the stream's state and its extraction context. A Runner
// is not safe for concurrent use; run one per stream.
type Runner struct {
	eng   *Engine
	State *state.Table
	ctx   extract.Ctx
	stats Stats
	match Match // reused for every callback
}

// NewRunner returns a runner for one stream with the given state (a fresh table when nil).
func (e *Engine) NewRunner(st *state.Table) *Runner {
	if st == nil {
		st = state.New(state.Options{})
	}
	r := &Runner{eng: e, State: st}
	r.ctx.Table = st
	r.ctx.Hostname = e.opts.Hostname
	r.ctx.Loc = e.opts.Location
	return r
}

// Process applies one event to the state and evaluates it against the current ruleset, calling fn for
// each match (the first only, unless Options.MatchAll). It returns the ruleset used.
func (r *Runner) Process(ev *event.Event, fn func(*Match)) *eval.Ruleset {
	c := r.Step(ev)
	rs := r.eng.rs.Load()
	if rs != nil && !OldEnter(ev) && !ev.StateOnly() {
		if r.eng.opts.MatchAll {
			rs.MatchAll(c, func(rule *eval.Rule) {
				r.stats.Matches++
				if fn != nil {
					r.match = Match{Rule: rule, Ruleset: rs, Ctx: c}
					fn(&r.match)
				}
			})
		} else if rule := rs.Match(c); rule != nil {
			r.stats.Matches++
			if fn != nil {
				r.match = Match{Rule: rule, Ruleset: rs, Ctx: c}
				fn(&r.match)
			}
		}
	}
	r.Done()
	return rs
}

// Step applies one event to the state and prepares the extraction context for it, without evaluating
// rules. Call Done after using the context.
func (r *Runner) Step(ev *event.Event) *extract.Ctx {
	c := &r.ctx
	c.Reset()
	if r.stats.Events == 0 {
		c.FirstTs = ev.Ts
	}
	c.Ev = ev
	r.State.Apply(ev, &c.R)
	r.stats.Events++
	return c
}

// Done ends the processing of the current event.
func (r *Runner) Done() { r.ctx.PrevTs = r.ctx.Ev.Ts }

// Internal reports whether ev is an internal event (procinfo, container metadata...), which sysdig does
// not show: the filter mode (FilterFile) skips them as sysdig does. Rules do see them, as in Falco (legacy
// rules match evt.type = container). libs flags every container event internal; the event table records
// some of them under their process category only. State-only events of a filtered capture are hidden too.
func Internal(ev *event.Event) bool {
	info := ev.Info()
	return info == nil || ev.StateOnly() || info.Category&event.CategoryInternal != 0 || info.Name == "container"
}

// OldEnter reports whether ev is an enter event of a type that current drivers no longer send (libs'
// EF_OLD_VERSION enter events, found in older captures). Current libs' capture converter consumes them to
// complete the matching exit event, so Falco's rules never see them; the state engine does the same
// (their parameters serve the exit), and rules are not evaluated on them.
func OldEnter(ev *event.Event) bool {
	info := ev.Info()
	return info != nil && info.Dir == event.Enter && info.Flags&event.FlagOldVersion != 0
}

// Run reads src to its end, processing every event. It returns nil at io.EOF.
func (r *Runner) Run(ctx context.Context, src engine.Source, fn func(*Match)) error {
	for {
		ev, err := src.Next(ctx)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read event %d: %w", r.stats.Events+1, err)
		}
		r.Process(ev, fn)
	}
}

// Stats returns the runner's counters.
func (r *Runner) Stats() Stats { return r.stats }

// Ctx returns the runner's extraction context (valid for the event last processed).
func (r *Runner) Ctx() *extract.Ctx { return &r.ctx }
