package eval_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aerie-sec/aerie/engine/eval"
	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/extract"
	"github.com/aerie-sec/aerie/engine/state"
)

// TestRawArg checks evt.rawarg.NAME: typed as the first event-table parameter of that name (so numbers
// compare as numbers and print as numbers), and an unknown name is an error, as in libs.
func TestRawArg(t *testing.T) {
	st := state.New(state.Options{})
	st.AddThread(state.Thread{TID: 7, PID: 7, Comm: "getroot", UID: 1000})
	st.AddUser(state.User{UID: 0, Name: "root"})
	st.Link()
	raw, _ := event.AppendRecord(nil, 1, 7, event.SyscallSetuidX, event.I64(-1), event.U32(0))
	ev, err := event.Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	c := &extract.Ctx{Ev: &ev, Table: st}
	st.Apply(&ev, &c.R)
	for _, tc := range []struct {
		expr string
		want bool
	}{
		{"evt.rawarg.uid = 0", true},
		{"evt.rawarg.uid < 1", true},
		{"evt.rawarg.uid = 1000", false},
		{"evt.rawarg.res < 0", true},
		{"evt.rawarg.res = -1", true},
		{"evt.arg.uid = root", true},
	} {
		ex, err := eval.CompileExpression(context.Background(), tc.expr, "%evt.rawarg.uid %evt.rawarg.res %evt.args")
		if err != nil {
			t.Fatalf("%s: %v", tc.expr, err)
		}
		if got := ex.Filter(c); got != tc.want {
			t.Errorf("%s = %v, want %v", tc.expr, got, tc.want)
		}
		if got := string(ex.Format.Append(nil, c)); got != "0 -1 res=-1(EPERM) uid=0(root)" {
			t.Errorf("format = %q", got)
		}
	}
	if _, err := eval.CompileExpression(context.Background(), "evt.rawarg.nosuch = 1", ""); err == nil || !strings.Contains(err.Error(), "unknown event argument nosuch") {
		t.Errorf("unknown argument: %v", err)
	}
}
