package detect_test

import (
	"context"
	"fmt"

	"github.com/aerie-sec/aerie/engine/compile"
	"github.com/aerie-sec/aerie/engine/detect"
	"github.com/aerie-sec/aerie/engine/eval"
	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/state"
)

const rulesYAML = `
- rule: Shadow read
  desc: a process opened /etc/shadow
  condition: evt.type = openat and fd.name = /etc/shadow
  output: shadow opened by %proc.name (user=%user.name)
  priority: WARNING
`

func Example() {
	l := compile.NewLoader(compile.Options{})
	if res := l.Load(context.Background(), "rules.yaml", []byte(rulesYAML)); !res.Successful() {
		fmt.Println(res.Text(l.Contents(), true))
		return
	}
	rs, err := eval.New(l.Ruleset(), eval.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	eng := detect.New(rs, detect.Options{Hostname: "node-1"})

	st := state.New(state.Options{})
	st.AddThread(state.Thread{TID: 42, PID: 42, Comm: "cat", UID: 0})
	st.AddUser(state.User{UID: 0, Name: "root"})
	st.Link()
	run := eng.NewRunner(st)

	raw, _ := event.AppendRecord(nil, 1e18, 42, event.SyscallOpenatV2X,
		event.I64(3), event.I64(-100), event.CStr("/etc/shadow"), event.U32(1), event.U32(0), event.U32(0), event.U64(0))
	ev, _ := event.Decode(raw)
	run.Process(&ev, func(m *detect.Match) {
		a := m.Rule.Alert(m.Ctx, "node-1")
		fmt.Println(a.Priority, a.Rule+":", a.Message)
	})
	// Output: Warning Shadow read: shadow opened by cat (user=root) container_id=host container_name=host container_image_repository=<NA> container_image_tag=<NA> k8s_pod_name=<NA> k8s_ns_name=<NA>
}

func ExampleEngine_Swap() {
	eng := detect.New(nil, detect.Options{})
	l := compile.NewLoader(compile.Options{})
	l.Load(context.Background(), "rules.yaml", []byte(rulesYAML))
	next, _ := eval.New(l.Ruleset(), eval.Options{})
	eng.Swap(next) // events already being evaluated finish with the previous ruleset
	fmt.Println(eng.Generation(), len(eng.Ruleset().Rules()))
	// Output: 1 1
}
