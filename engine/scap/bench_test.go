package scap_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"

	"github.com/aerie-sec/aerie/engine/scap"
)

// BenchmarkNext measures raw read speed: one op is one event read and decoded from an in-memory capture of
// 200k events written by our writer with the synthetic mix (the reader is re-created every 200k events).
func BenchmarkNext(b *testing.B) {
	const events = 200000
	data, _ := capture(b, events, nil)
	ctx := context.Background()
	b.SetBytes(int64(len(data)) / events)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for n < b.N {
		r, err := scap.NewReader(ctx, bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		for n < b.N {
			_, err := r.Next(ctx)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}
