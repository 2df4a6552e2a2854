package synth

import (
	"testing"

	"github.com/aerie-sec/aerie/engine/event"
)

// TestParamsMatchTable checks every generated event against the event table: parameter count and the
// size of every fixed-size parameter.
func TestParamsMatchTable(t *testing.T) {
	g := New(Options{Seed: 1})
	seen := map[event.Type]int{}
	for range 20000 {
		e := g.Next()
		info := e.Info()
		if info == nil {
			t.Fatalf("event %d: unknown type %d", e.Num, e.Type)
		}
		if e.NumParams() != len(info.Params) {
			t.Fatalf("event %d (%v): %d params, table has %d", e.Num, e.Type, e.NumParams(), len(info.Params))
		}
		for i, p := range info.Params {
			if sz := p.Type.Size(); sz != 0 && len(e.Param(i)) != sz {
				t.Fatalf("event %d (%v) param %s: %d bytes, type needs %d", e.Num, e.Type, p.Name, len(e.Param(i)), sz)
			}
		}
		seen[e.Type]++
		g.Release(e)
	}
	for _, want := range []event.Type{event.SyscallExecveV19X, event.SyscallOpenatV2X, event.SocketConnectX,
		event.SyscallCloseX, event.SyscallReadX, event.SyscallWriteX, event.SocketAccept4V6X, event.ProcexitV1E} {
		if seen[want] == 0 {
			t.Errorf("no %v events in the mix", want)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := New(Options{Seed: 7}), New(Options{Seed: 7})
	for range 1000 {
		x, y := a.Next(), b.Next()
		if x.Type != y.Type || x.Ts != y.Ts || x.TID != y.TID {
			t.Fatalf("streams with equal seeds differ at event %d", x.Num)
		}
	}
}
