package eval

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/aerie-sec/aerie/bench/mix"
	"github.com/aerie-sec/aerie/engine/compile"
	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/extract"
	"github.com/aerie-sec/aerie/engine/scap"
	"github.com/aerie-sec/aerie/engine/scap/legacygen"
	"github.com/aerie-sec/aerie/engine/state"
	"github.com/aerie-sec/aerie/internal/testenv"
)

// replayEach replays a capture with a fresh state table, calling fn with the context of every event.
func replayEach(t *testing.T, r *scap.Reader, fn func(c *extract.Ctx)) {
	t.Helper()
	ctx := context.Background()
	st := state.New(state.Options{})
	md := r.Metadata()
	for _, in := range md.Interfaces {
		st.AddLocalAddr(in.Addr)
	}
	for i := range md.Users {
		st.AddSnapshotUser(&md.Users[i])
	}
	for i := range md.Groups {
		st.AddSnapshotGroup(&md.Groups[i])
	}
	for i := range md.Threads {
		st.AddSnapshotThread(&md.Threads[i])
	}
	for i := range md.FDs {
		st.AddSnapshotFD(&md.FDs[i])
	}
	st.Link()
	c := &extract.Ctx{Table: st, Hostname: "test"}
	for {
		ev, err := r.Next(ctx)
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		c.Reset()
		c.Ev = ev
		st.Apply(ev, &c.R)
		fn(c)
		c.PrevTs = ev.Ts
	}
}

// TestSpecializedEqualsGeneric checks, on every event of the benchmark mix and of the corpus captures,
// that each rule's specialised conjuncts (constant folding, memo slots, flattening and the fast paths
// of the evaluator) give the same result as the rule's condition compiled generically.
func TestSpecializedEqualsGeneric(t *testing.T) {
	crs := loadUpstream(t)
	var captures [][]byte
	var mixed bytes.Buffer
	if err := mix.Write(&mixed, mix.Options{Events: 30_000}); err != nil {
		t.Fatal(err)
	}
	captures = append(captures, mixed.Bytes())
	// old-style captures: exits that take parameters from their enter events
	for _, era := range []legacygen.Era{legacygen.Era2016, legacygen.Era2019} {
		for _, scenario := range []func(*legacygen.Stream, *legacygen.Metadata){(*legacygen.Stream).Mixed, (*legacygen.Stream).Vintage} {
			var buf bytes.Buffer
			md := legacygen.HostMetadata()
			w, err := legacygen.New(&buf, legacygen.Layout{ProcList: 9, SectionMinor: 2, FDListV2: true, ListsV2: true, EventV2: true}, md)
			if err != nil {
				t.Fatal(err)
			}
			s := &legacygen.Stream{W: w, Era: era, Ts: 1472688000000000000}
			scenario(s, md)
			if err := s.Err(); err != nil {
				t.Fatal(err)
			}
			captures = append(captures, buf.Bytes())
		}
	}
	files, _ := filepath.Glob(filepath.Join(testenv.Corpus(t), "scap", "*.scap"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		captures = append(captures, b)
	}
	for _, opts := range []Options{{}, {AllEvents: true}} {
		rs, err := New(crs, opts)
		if err != nil {
			t.Fatal(err)
		}
		checked := 0
		for i, capture := range captures {
			r, err := scap.NewReader(context.Background(), bytes.NewReader(capture))
			if err != nil {
				t.Fatalf("capture %d: %v", i, err)
			}
			replayEach(t, r, func(c *extract.Ctx) {
				if c.Ev.Type >= event.MaxType {
					return
				}
				rs.prepare(c)
				// Match first, on an empty memo: the first rule whose generic condition holds
				matched := rs.Match(c)
				var first *Rule
				for k := range rs.byType[c.Ev.Type] {
					if r := rs.byType[c.Ev.Type][k].rule; r.filter(c) {
						first = r
						break
					}
				}
				if matched != first {
					t.Fatalf("capture %d event %d (%s): Match %v, generic first match %v", i, c.Ev.Num, c.Ev.Name(), matched, first)
				}
				for k := range rs.byType[c.Ev.Type] {
					e := &rs.byType[c.Ev.Type][k]
					got, want := holds(c, e.conj), e.rule.filter(c)
					if got != want {
						t.Fatalf("capture %d event %d (%s): rule %q: specialised %v, generic %v", i, c.Ev.Num, c.Ev.Name(), e.rule.Name, got, want)
					}
					checked++
				}
			})
		}
		if checked < 100_000 {
			t.Fatalf("only %d rule evaluations checked", checked)
		}
	}
}

// exceptionRules exercise exception groups (guards by =, in and intersects, with and without a rest,
// guards on fields that cannot be extracted, several groups in one rule), negated Ors split by De
// Morgan, memoised checks shared between rules and checks folded by event type.
const exceptionRules = `
- list: editors
  items: [vi, nano]
- macro: etc_write
  condition: (evt.type in (open, openat, openat2) and evt.is_open_write=true and fd.name startswith /etc)
- rule: etc writes
  desc: d
  condition: >
    etc_write
    and not (proc.name = sed and fd.name startswith /etc/sed)
    and not (proc.name in (cat, ls) and fd.name = /etc/hosts)
    and not proc.name in (editors)
    and not proc.name = nano
    and not (proc.pname = bash or proc.name = grep)
    and not (proc.name = cat and evt.type = openat and fd.name = /etc/passwd)
    and not (proc.name = ls and evt.type = close)
    and not (proc.name intersects (tee) and fd.directory = /etc/tee)
    and not (proc.aname[2] = init and fd.name = /etc/init)
    and not (proc.aname[2] in (init, sshd) and proc.name = dd)
    and not (fd.name = /etc/a and proc.name = x)
    and not (fd.name = /etc/b)
    and not (fd.name = /etc/c or proc.name = y)
  output: o
  priority: WARNING
- rule: any open
  desc: d
  condition: >
    evt.type in (openat, close) and not evt.is_open_read = true
    and not (proc.name = sed and fd.name startswith /etc/sed)
    and not (proc.name = cat and evt.arg.flags contains O_TRUNC)
    and not (proc.name in (cat, ls) and fd.name = /etc/hosts)
    and not (fd.typechar = f and evt.arg.flags contains O_CREAT and proc.name = tee)
    and not (fd.typechar = f and fd.name = /etc/ld)
  output: o
  priority: WARNING
`

func TestSpecializedEqualsGenericExceptions(t *testing.T) {
	l := compile.NewLoader(compile.Options{})
	if res := l.Load(context.Background(), "exceptions.yaml", []byte(exceptionRules)); !res.Successful() {
		t.Fatalf("load: %v", res)
	}
	rs, err := New(l.Ruleset(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	tb := state.New(state.Options{})
	tb.AddThread(state.Thread{TID: 1, PID: 1, Comm: "init"})
	tb.AddThread(state.Thread{TID: 2, PID: 2, PTID: 1, Comm: "sshd"})
	tb.AddThread(state.Thread{TID: 3, PID: 3, PTID: 2, Comm: "bash"})
	names := []string{"sed", "cat", "ls", "vi", "nano", "grep", "tee", "dd", "x", "y", "python"}
	for i, n := range names {
		tid := int64(10 + i)
		tb.AddThread(state.Thread{TID: tid, PID: tid, PTID: 2, Comm: n})             // parent sshd, grandparent init
		tb.AddThread(state.Thread{TID: tid + 100, PID: tid + 100, PTID: 3, Comm: n}) // parent bash
	}
	tb.Link()
	files := []string{"/etc/sed/x", "/etc/hosts", "/etc/passwd", "/etc/tee/f", "/etc/init", "/etc/a", "/etc/b", "/etc/c", "/etc/ld", "/etc/other", "/tmp/x"}
	c := &extract.Ctx{Table: tb}
	rs.prepare(c)
	checked, fired := 0, 0
	for _, tidBase := range []int64{10, 110} {
		for i := range names {
			tid := tidBase + int64(i)
			for k, f := range files {
				for _, flags := range []uint32{1, 2 | 4, 2 | 512, 3} {
					fd := int64(3 + k)
					evs := []struct {
						typ    event.Type
						params [][]byte
					}{
						{event.SyscallOpenatV2X, [][]byte{event.I64(fd), event.I64(-100), event.CStr(f), event.U32(flags), event.U32(0), event.U32(0), event.U64(0)}},
						{event.SyscallOpenatV2E, [][]byte{event.I64(-100), event.CStr(f), event.U32(flags), event.U32(0)}},
						{event.SyscallCloseX, [][]byte{event.I64(0)}},
						{event.SyscallOpenatV2X, [][]byte{event.I64(-2), event.I64(-100), event.CStr(f), event.U32(flags), event.U32(0), event.U32(0), event.U64(0)}},
					}
					for _, es := range evs {
						raw, err := event.AppendRecord(nil, 1, tid, es.typ, es.params...)
						if err != nil {
							t.Fatal(err)
						}
						ev, err := event.Decode(raw)
						if err != nil {
							t.Fatal(err)
						}
						c.Reset()
						c.Ev = &ev
						tb.Apply(&ev, &c.R)
						for j := range rs.byType[ev.Type] {
							e := &rs.byType[ev.Type][j]
							got, want := holds(c, e.conj), e.rule.filter(c)
							if got != want {
								t.Fatalf("%s by %s (tid %d) on %s flags %d: rule %q: specialised %v, generic %v", ev.Name(), names[i], tid, f, flags, e.rule.Name, got, want)
							}
							checked++
							if got {
								fired++
							}
						}
					}
				}
			}
		}
	}
	if checked < 1000 || fired == 0 || fired == checked {
		t.Fatalf("%d evaluations, %d true", checked, fired)
	}
	// the exceptions of "etc writes" on openat exit are grouped: by proc.name, proc.aname[2] and fd.name
	for _, e := range rs.byType[event.SyscallOpenatV2X] {
		if e.rule.Name == "etc writes" && len(e.conj) > 8 {
			t.Errorf("etc writes: %d conjuncts, exceptions not grouped", len(e.conj))
		}
	}
}
