package extract

import (
	"strings"
	"testing"

	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/state"
)

// TestFlagsContains checks the fast path of "evt.arg.X contains sub" against rendering the value and
// strings.Contains, for flags, mode, enum and string parameters and every kind of sub.
func TestFlagsContains(t *testing.T) {
	tb := state.New(state.Options{})
	tb.AddThread(state.Thread{TID: 7, PID: 7, Comm: "sh"})
	tb.Link()
	type evSpec struct {
		typ    event.Type
		params [][]byte
	}
	var evs []evSpec
	for _, flags := range []uint32{0, 1, 2, 3, 1 | 4096, 2 | 4, 2 | 4 | 8, 2 | 512, 1 << 30, 0xffffffff, 4 | 1<<20} {
		evs = append(evs,
			evSpec{event.SyscallOpenatV2X, [][]byte{event.I64(3), event.I64(-100), event.CStr("/etc/O_CREAT"), event.U32(flags), event.U32(0o755), event.U32(0), event.U64(0)}},
			evSpec{event.SyscallOpenatV2E, [][]byte{event.I64(-100), event.CStr("/x"), event.U32(flags), event.U32(flags & 0o777)}})
	}
	// an event without the parameter, and one with a string "flags"-named argument elsewhere
	evs = append(evs, evSpec{event.SyscallCloseX, [][]byte{event.I64(0)}})
	// an old-style exit carrying only its fd: evt.arg takes the parameter from the enter event
	evs = append(evs, evSpec{event.SyscallOpenatV2X, [][]byte{event.I64(3)}})
	enterRaw, err := event.AppendRecord(nil, 1, 7, event.SyscallOpenatV2E, event.I64(-100), event.CStr("/etc/x"), event.U32(2|4|512), event.U32(0o644))
	if err != nil {
		t.Fatal(err)
	}
	enter, err := event.Decode(enterRaw)
	if err != nil {
		t.Fatal(err)
	}
	subs := []string{"O_CREAT", "O_TRUNC", "CREAT", "O_", "O_RDONLY|O_CLOEXEC", "RDWR", "1", "4097", "", "x", "O_WRONLY", "S_IXUSR", "0"}
	for _, arg := range []string{"flags", "mode", "name", "fd", "dirfd"} {
		x, err := New(ref(t, "evt.arg", arg, true))
		if err != nil {
			t.Fatal(err)
		}
		for _, sub := range subs {
			cf := x.Contains(sub)
			if cf == nil {
				t.Fatalf("evt.arg.%s: no Contains", arg)
			}
			for _, es := range evs {
				raw, err := event.AppendRecord(nil, 1, 7, es.typ, es.params...)
				if err != nil {
					t.Fatal(err)
				}
				ev, err := event.Decode(raw)
				if err != nil {
					t.Fatal(err)
				}
				c := &Ctx{Ev: &ev, Table: tb}
				tb.Apply(&ev, &c.R)
				if len(es.params) == 1 && es.typ == event.SyscallOpenatV2X {
					c.R.Enter = &enter
				}
				var v Value
				wantOK := x.Get(c, 0, &v)
				want := wantOK && strings.Contains(v.Str, sub)
				found, ok := cf(c)
				if ok != wantOK || (ok && found) != want {
					t.Errorf("evt.arg.%s of %s (%q) contains %q: fast %v/%v, rendered %v/%v", arg, ev.Name(), v.Str, sub, found, ok, want, wantOK)
				}
			}
		}
	}
	if x, _ := New(ref(t, "proc.name", "", false)); x.Contains("a") != nil {
		t.Error("proc.name has a Contains fast path")
	}
}

// TestTypeConst checks that a value TypeConst fixes for a type is what extraction yields on events of
// that type.
func TestTypeConst(t *testing.T) {
	tb := state.New(state.Options{})
	tb.AddThread(state.Thread{TID: 7, PID: 7, Comm: "sh"})
	tb.Link()
	folded := 0
	for _, name := range []string{"evt.is_open_read", "evt.is_open_write", "evt.is_open_exec", "evt.is_open_create", "proc.name"} {
		r := ref(t, name, "", false)
		x, err := New(r)
		if err != nil {
			t.Fatal(err)
		}
		for typ := range event.MaxType {
			cv, ok := TypeConst(r, typ)
			if !ok {
				continue
			}
			if name == "proc.name" {
				t.Fatal("proc.name folded")
			}
			info, known := event.Lookup(typ)
			if !known {
				continue
			}
			// parameters of the type, all ones, so that any flag test would see its bits set
			params := make([][]byte, len(info.Params))
			for k, p := range info.Params {
				if n := p.Type.Size(); n > 0 {
					params[k] = []byte(strings.Repeat("\xff", n))
				}
			}
			raw, err := event.AppendRecord(nil, 1, 7, typ, params...)
			if err != nil {
				continue
			}
			ev, err := event.Decode(raw)
			if err != nil {
				continue
			}
			c := &Ctx{Ev: &ev, Table: tb}
			var v Value
			if !x.Get(c, 0, &v) || v.Bool != cv.Bool {
				t.Errorf("%s on %s%s: extracted %v, folded %v", name, typ.Name(), typ.Dir(), v.Bool, cv.Bool)
			}
			folded++
		}
		if name == "evt.is_open_read" {
			if _, ok := TypeConst(r, event.SyscallOpenatV2X); ok {
				t.Error("evt.is_open_read folded on openat exit")
			}
		}
	}
	if folded < 100 {
		t.Fatalf("only %d types folded", folded)
	}
}

// TestLineageCache checks the per-event parent and ancestor cache against the table's walks, across
// events, for threads of a process and a chain longer than the cache.
func TestLineageCache(t *testing.T) {
	tb := state.New(state.Options{})
	tb.AddThread(state.Thread{TID: 1, PID: 1, Comm: "init"})
	for i := int64(2); i <= 12; i++ {
		tb.AddThread(state.Thread{TID: i, PID: i, PTID: i - 1, Comm: "p" + string(rune('a'+i))})
	}
	tb.AddThread(state.Thread{TID: 20, PID: 12, PTID: 3, Comm: "worker"}) // a thread of process 12
	tb.AddThread(state.Thread{TID: 30, PID: 30, PTID: 999, Comm: "orphan"})
	tb.Link()
	cached, uncached := &Ctx{Table: tb}, &Ctx{Table: tb} // a context never Reset does not cache
	for round, tid := range []int64{12, 20, 5, 1, 30, 20, 12} {
		cached.Reset()
		for _, c := range []*Ctx{cached, uncached} {
			c.R.Thread = tb.Thread(tid)
			th := c.R.Thread
			// ask in an order that fills the cache out of sequence
			for _, k := range []int{3, 1, 9, 2, 8, 12, 4} {
				if got, want := c.ancestor(k), tb.Ancestor(tb.Main(th), k); got != want {
					t.Fatalf("round %d tid %d: ancestor %d = %v, want %v", round, tid, k, got, want)
				}
			}
			if got, want := c.parent(), tb.Parent(th); got != want {
				t.Fatalf("round %d tid %d: parent = %v, want %v", round, tid, got, want)
			}
		}
	}
}
