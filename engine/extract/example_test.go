package extract_test

import (
	"fmt"

	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/extract"
	"github.com/aerie-sec/aerie/engine/fields"
	"github.com/aerie-sec/aerie/engine/state"
)

func ExampleNew() {
	ref, _ := fields.Syscall().Resolve("proc.cmdline", "", false)
	x, _ := extract.New(ref)

	st := state.New(state.Options{})
	st.AddThread(state.Thread{TID: 9, PID: 9, Comm: "curl", Args: []string{"-s", "https://example.com"}})
	st.Link()
	raw, _ := event.AppendRecord(nil, 1, 9, event.SyscallCloseX, event.I64(0), event.I64(3))
	ev, _ := event.Decode(raw)
	c := &extract.Ctx{Ev: &ev, Table: st}
	st.Apply(&ev, &c.R)

	var v extract.Value
	if x.Get(c, 0, &v) {
		fmt.Println(string(v.Append(nil)))
	}
	// Output: curl -s https://example.com
}
