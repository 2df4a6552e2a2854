package eval

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/aerie-sec/aerie/engine/compile"
	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/extract"
	"github.com/aerie-sec/aerie/engine/fields"
	"github.com/aerie-sec/aerie/engine/rules"
)

// Options selects which compiled rules run, with Falco's command-line meanings. The zero value runs every
// enabled rule of every priority on the events Falco considers by default.
type Options struct {
	// MinPriority drops rules less severe than it (falco.yaml priority) when LimitPriority is set.
	MinPriority   rules.Priority
	LimitPriority bool
	// Tags, when set, runs only rules having one of them, enabled or not (falco -t).
	Tags []string
	// DisabledTags disables rules having one of them (falco -T).
	DisabledTags []string
	// Disabled disables rules whose name contains one of these substrings (falco -D).
	Disabled []string
	// AllEvents evaluates rules on every event type; by default, as Falco without -A, events that libs
	// flags as droppable for simple consumers (EF_DROP_SIMPLE_CONS, e.g. read, write, fstat) are skipped.
	AllEvents bool
	// NoSuggestedOutput leaves outputs as written; by default the container plugin's suggested fields are
	// appended as Falco's suggested_output does.
	NoSuggestedOutput bool
}

// ErrTagConflict is returned when both enabled (-t) and disabled (-D/-T) selections are given, as Falco refuses.
var ErrTagConflict = errors.New("you can not specify both disabled (-D/-T) and enabled (-t) rules")

// Rule is a compiled rule ready to run.
type Rule struct {
	*compile.Rule
	// Index is the rule's position in load order.
	Index  int
	filter Filter
	output []segment
}

// entry is a rule specialised for one event type (see specialize).
type entry struct {
	rule *Rule
	conj []conj // empty when the condition always holds for the type
	// first is the memo slot of the first conjunct (-1 if none) and firstNeg its neg, so that the rule
	// loop skips a rule whose first conjunct is already known false without calling holds
	first    int
	firstNeg bool
}

// skip reports whether e's first conjunct is memoised and already known false for the event.
func (e *entry) skip(c *extract.Ctx) bool {
	if e.first < 0 {
		return false
	}
	m := &c.Memo[e.first]
	return m.Gen == c.Gen && m.Val == e.firstNeg
}

// Ruleset holds the rules to run, indexed by event type. It is immutable and safe for concurrent use by
// evaluators that each have their own extract.Ctx.
type Ruleset struct {
	rules  []*Rule
	byType [event.MaxType][]entry
	slots  int // memo slots (see specialize)
}

// suggested are the container plugin's suggested output fields, appended by Falco's suggested_output.
var suggested = [...][2]string{
	{"container_id", "container.id"}, {"container_name", "container.name"},
	{"container_image_repository", "container.image.repository"}, {"container_image_tag", "container.image.tag"},
	{"k8s_pod_name", "k8s.pod.name"}, {"k8s_ns_name", "k8s.ns.name"},
}

// New builds the runnable ruleset from a compiled one. It fails if any selected rule's condition or
// output uses something the evaluator cannot run, so a broken ruleset never replaces a running one.
func New(rs *compile.Ruleset, opts Options) (*Ruleset, error) {
	if rs == nil {
		return nil, errors.New("build ruleset: no compiled ruleset")
	}
	if len(opts.Tags) > 0 && (len(opts.DisabledTags) > 0 || len(opts.Disabled) > 0) {
		return nil, ErrTagConflict
	}
	minPrio := rules.Debug
	if opts.LimitPriority {
		minPrio = opts.MinPriority
	}
	m := &memo{slots: map[uint64]int{}, counts: map[[2]uint64]int{}, count: true}
	if _, err := build(rs, opts, minPrio, m); err != nil {
		return nil, err
	}
	m.count = false
	return build(rs, opts, minPrio, m)
}

// build makes the runnable ruleset; see New.
func build(rs *compile.Ruleset, opts Options, minPrio rules.Priority, m *memo) (*Ruleset, error) {
	out := &Ruleset{}
	for i, cr := range rs.Rules {
		if cr.Source != "" && cr.Source != "syscall" {
			continue
		}
		if !selected(cr, opts) || cr.Priority > minPrio {
			continue
		}
		f, err := Compile(cr.Condition)
		if err != nil {
			return nil, fmt.Errorf("build rule %q: %w", cr.Name, err)
		}
		segs := cr.Output
		if !opts.NoSuggestedOutput {
			segs = withSuggested(segs)
		}
		o, err := compileOutput(segs)
		if err != nil {
			return nil, fmt.Errorf("build rule %q output: %w", cr.Name, err)
		}
		r := &Rule{Rule: cr, Index: i, filter: f, output: o}
		out.rules = append(out.rules, r)
		type key struct {
			name string
			dir  event.Direction
		}
		memo := map[key]entry{}
		for _, t := range cr.EventTypes {
			if t >= event.MaxType {
				continue
			}
			info, _ := event.Lookup(t)
			if !opts.AllEvents && info.Flags&event.FlagDropSimpleCons != 0 {
				continue
			}
			k := key{info.Name, t.Dir()}
			if t == event.GenericE || t == event.GenericX {
				k.name = ""
			}
			en, ok := memo[k]
			if !ok {
				cs, kind, err := specializeConj(cr.Condition, t, m)
				if err != nil {
					return nil, fmt.Errorf("build rule %q: %w", cr.Name, err)
				}
				if kind == alwaysFalse {
					memo[k] = entry{}
					continue
				}
				en = entry{rule: r, conj: cs, first: -1}
				if len(cs) > 0 && cs[0].slot >= 0 {
					en.first, en.firstNeg = cs[0].slot, cs[0].neg
				}
				memo[k] = en
			}
			if en.rule != nil {
				out.byType[t] = append(out.byType[t], en)
			}
		}
	}
	out.slots = len(m.slots)
	return out, nil
}

// selected applies -t, -T and -D and the rule's enabled flag.
func selected(r *compile.Rule, o Options) bool {
	if len(o.Tags) > 0 {
		for _, t := range r.Tags {
			if slices.Contains(o.Tags, t) {
				return true
			}
		}
		return false
	}
	if !r.Enabled {
		return false
	}
	for _, t := range r.Tags {
		if slices.Contains(o.DisabledTags, t) {
			return false
		}
	}
	for _, s := range o.Disabled {
		if strings.Contains(r.Name, s) {
			return false
		}
	}
	return true
}

func withSuggested(segs []compile.Segment) []compile.Segment {
	present := map[string]bool{}
	for _, s := range segs {
		if s.Field != nil {
			present[s.Text] = true
		}
	}
	out := slices.Clone(segs)
	for _, sf := range suggested {
		if present[sf[1]] {
			continue
		}
		ref, err := fields.Syscall().Resolve(sf[1], "", false)
		if err != nil {
			continue
		}
		out = append(out, compile.Segment{Literal: " " + sf[0] + "="},
			compile.Segment{Field: &compile.FieldOperand{Ref: ref}, Text: sf[1]})
	}
	return out
}

// Rules returns the selected rules in load order.
func (r *Ruleset) Rules() []*Rule { return r.rules }

// ForType returns the rules that run for events of type t, in load order.
func (r *Ruleset) ForType(t event.Type) []*Rule {
	if t >= event.MaxType {
		return nil
	}
	out := make([]*Rule, len(r.byType[t]))
	for i, e := range r.byType[t] {
		out[i] = e.rule
	}
	return out
}

// Match evaluates the rules of the event's type in load order and returns the first that matches, or nil.
func (r *Ruleset) Match(c *extract.Ctx) *Rule {
	if c.Ev.Type >= event.MaxType {
		return nil
	}
	r.prepare(c)
	es := r.byType[c.Ev.Type]
	for i := range es {
		e := &es[i]
		if !e.skip(c) && holds(c, e.conj) {
			return e.rule
		}
	}
	return nil
}

// MatchAll calls fn for every rule of the event's type that matches, in load order.
func (r *Ruleset) MatchAll(c *extract.Ctx, fn func(*Rule)) {
	if c.Ev.Type >= event.MaxType {
		return
	}
	r.prepare(c)
	es := r.byType[c.Ev.Type]
	for i := range es {
		e := &es[i]
		if !e.skip(c) && holds(c, e.conj) {
			fn(e.rule)
		}
	}
}

// holds evaluates a rule's conjuncts in order, reading and filling memo slots inline (written out rather than
// a method: it is the evaluator's innermost loop and the method would not be inlined). joinOr mirrors it.
func holds(c *extract.Ctx, cs []conj) bool {
	for i := range cs {
		k := &cs[i]
		var v bool
		if k.slot < 0 {
			v = k.f(c)
		} else {
			m := &c.Memo[k.slot]
			if m.Gen != c.Gen {
				m.Gen, m.Val = c.Gen, k.f(c)
			}
			v = m.Val
		}
		if v == k.neg {
			return false
		}
	}
	return true
}

// Eval reports whether the rule's condition holds for the event in c (whatever its event types).
func (r *Rule) Eval(c *extract.Ctx) bool { return r.filter(c) }

// prepare sizes the context's memo for this ruleset (once per ruleset and context).
func (r *Ruleset) prepare(c *extract.Ctx) {
	if len(c.Memo) < r.slots {
		c.Memo = make([]extract.MemoEntry, r.slots)
	}
}
