package output_test

import (
	"fmt"
	"time"

	"github.com/aerie-sec/aerie/engine/output"
	"github.com/aerie-sec/aerie/engine/rules"
)

func ExampleAppendText() {
	e := &output.Event{
		Time:     time.Date(2026, 11, 27, 17, 0, 0, 5, time.UTC),
		Priority: rules.Notice,
		Message:  "Unexpected connection (proc=curl)",
	}
	fmt.Println(string(output.AppendText(nil, e, output.Options{})))
	// Output: 17:00:00.000000005: Notice Unexpected connection (proc=curl)
}

func ExampleAppendJSON() {
	e := &output.Event{
		Time: time.Date(2026, 11, 27, 17, 0, 0, 0, time.UTC), Rule: "r", Priority: rules.Warning,
		Source: "syscall", Hostname: "h", Message: "m", Fields: []output.Field{{Name: "proc.name", Value: "sh"}},
	}
	b, _ := output.AppendJSON(nil, e, output.Options{})
	fmt.Println(string(b))
	// Output: {"hostname":"h","output":"17:00:00.000000000: Warning m","output_fields":{"evt.time":1795798800000000000,"proc.name":"sh"},"priority":"Warning","rule":"r","source":"syscall","tags":[],"time":"2026-11-27T17:00:00.000000000Z"}
}
