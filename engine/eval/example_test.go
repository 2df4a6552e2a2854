package eval_test

import (
	"context"
	"fmt"

	"github.com/aerie-sec/aerie/engine/eval"
	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/extract"
	"github.com/aerie-sec/aerie/engine/state"
)

func ExampleCompileExpression() {
	ex, err := eval.CompileExpression(context.Background(), "evt.type = openat and fd.name startswith /etc", "%evt.num %proc.name %fd.name")
	if err != nil {
		fmt.Println(err)
		return
	}
	st := state.New(state.Options{})
	st.AddThread(state.Thread{TID: 7, PID: 7, Comm: "vi"})
	st.Link()
	raw, _ := event.AppendRecord(nil, 1, 7, event.SyscallOpenatV2X,
		event.I64(3), event.I64(-100), event.CStr("/etc/hosts"), event.U32(2), event.U32(0), event.U32(0), event.U64(0))
	ev, _ := event.Decode(raw)
	ev.Num = 1
	c := &extract.Ctx{Ev: &ev, Table: st}
	st.Apply(&ev, &c.R)
	if ex.Filter(c) {
		fmt.Println(string(ex.Format.Append(nil, c)))
	}
	// Output: 1 vi /etc/hosts
}
