package scap_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/scap"
)

// FuzzReader feeds arbitrary bytes to the reader: it must never panic, and every error after NewReader
// succeeded must be sticky.
func FuzzReader(f *testing.F) {
	small, _ := capture(f, 20, nil)
	f.Add(small)
	gz, _ := capture(f, 5, func(o *scap.WriterOptions) { o.Gzip = true })
	f.Add(gz)
	var v []byte
	v = append(v, shb(0, nil)...)
	v = append(v, evBlock(f, scap.BlockEventV1, 1, 0, event.SyscallOpenX, event.I64(3), event.CStr("/x"))...)
	v = append(v, evBlock(f, scap.BlockEventFlagsV2, 1, 1, event.SyscallCloseX, event.I64(0), event.I64(3))...)
	v = append(v, evBlock(f, scap.BlockEventV2Large, 0, 0, event.AsynceventE, event.U32(1), event.CStr("c"), []byte("{}"))...)
	f.Add(v)
	f.Add(small[:len(small)/2])
	// old layouts: process list V1 with the legacy IDs, fd/user/interface lists V1, event blocks V1
	for _, i := range []int{0, 5, 9} {
		old, _ := legacyCapture(f, legacyLayouts[i].lay, legacyLayouts[i].era)
		f.Add(old)
		f.Add(old[:len(old)*2/3])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx := context.Background()
		r, err := scap.NewReader(ctx, bytes.NewReader(data))
		if err != nil {
			return
		}
		for range 10000 {
			e, err := r.Next(ctx)
			if err != nil {
				if _, again := r.Next(ctx); again == nil {
					t.Fatalf("error %v was not sticky", err)
				}
				return
			}
			for i := range e.NumParams() {
				e.Uint(i)
				e.SockTuple(i)
				e.SockAddr(i)
			}
		}
	})
}
