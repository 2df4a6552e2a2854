package detect_test

import (
	"context"
	"testing"

	"github.com/aerie-sec/aerie/engine/compile"
	"github.com/aerie-sec/aerie/engine/detect"
	"github.com/aerie-sec/aerie/engine/eval"
	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/state"
)

// TestStateOnlyEvents checks that an event a filtered capture kept only for state (dump flag 1) updates the
// state but is neither evaluated nor shown, as libsinsp treats it.
func TestStateOnlyEvents(t *testing.T) {
	l := compile.NewLoader(compile.Options{})
	if res := l.Load(context.Background(), "rules.yaml", []byte(rulesYAML)); !res.Successful() {
		t.Fatal(res.Text(l.Contents(), true))
	}
	rs, err := eval.New(l.Ruleset(), eval.Options{})
	if err != nil {
		t.Fatal(err)
	}
	eng := detect.New(rs, detect.Options{})
	st := state.New(state.Options{})
	st.AddThread(state.Thread{TID: 42, PID: 42, Comm: "cat"})
	st.Link()
	run := eng.NewRunner(st)
	for _, tc := range []struct {
		flags uint32
		fd    int64
		want  int
	}{{flags: 1, fd: 3, want: 0}, {flags: 0, fd: 4, want: 1}} {
		raw, _ := event.AppendRecord(nil, 1e18, 42, event.SyscallOpenatV2X,
			event.I64(tc.fd), event.I64(-100), event.CStr("/etc/shadow"), event.U32(1), event.U32(0), event.U32(0), event.U64(0))
		ev, err := event.Decode(raw)
		if err != nil {
			t.Fatal(err)
		}
		ev.DumpFlags = tc.flags
		got := 0
		run.Process(&ev, func(*detect.Match) { got++ })
		if got != tc.want {
			t.Errorf("dump flags %d: %d alerts, want %d", tc.flags, got, tc.want)
		}
		if detect.Internal(&ev) != (tc.flags == 1) {
			t.Errorf("dump flags %d: Internal = %v", tc.flags, detect.Internal(&ev))
		}
		if th := st.Thread(42); th == nil || th.FD(tc.fd) == nil {
			t.Errorf("dump flags %d: fd %d not in the state", tc.flags, tc.fd)
		}
	}
}
