package synth_test

import (
	"bytes"
	"fmt"

	"github.com/aerie-sec/aerie/engine/scap"
	"github.com/aerie-sec/aerie/engine/scap/synth"
)

// Write a capture of 1000 synthetic events over the standard host base.
func ExampleWriteCapture() {
	var buf bytes.Buffer
	w, err := scap.NewWriter(&buf, synth.HostBase().WriterOptions())
	if err != nil {
		panic(err)
	}
	if err := synth.WriteCapture(w, 1000, synth.Options{Seed: 1}); err != nil {
		panic(err)
	}
	if err := w.Close(); err != nil {
		panic(err)
	}
	fmt.Println(buf.Len() > 0)
	// Output: true
}
