package test

import (
	"bytes"
	"context"
	"testing"

	"github.com/aerie-sec/aerie/bench/mix"
	"github.com/aerie-sec/aerie/engine/detect"
	"github.com/aerie-sec/aerie/engine/eval"
	"github.com/aerie-sec/aerie/engine/scap"
	"github.com/aerie-sec/aerie/internal/testenv"
)

// BenchmarkReplay replays a 100k-event capture of the realistic mix with the four upstream rules files
// loaded and reports events/s and allocations per event (b.N counts events).
func BenchmarkReplay(b *testing.B) {
	ctx := context.Background()
	var capture bytes.Buffer
	if err := mix.Write(&capture, mix.Options{Events: 100_000}); err != nil {
		b.Fatal(err)
	}
	var files []string
	for _, f := range upstreamFiles {
		files = append(files, testenv.CorpusFile(b, "rules", f))
	}
	rs, _, err := detect.Compile(ctx, files, eval.Options{})
	if err != nil {
		b.Fatal(err)
	}
	eng := detect.New(rs, detect.Options{Hostname: "bench"})
	open := func() (*scap.Reader, *detect.Runner) {
		r, err := scap.NewReader(ctx, bytes.NewReader(capture.Bytes()))
		if err != nil {
			b.Fatal(err)
		}
		run := eng.NewRunner(nil)
		detect.SeedState(run.State, r.Metadata())
		return r, run
	}
	r, run := open()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ev, err := r.Next(ctx)
		if err != nil {
			b.StopTimer()
			r, run = open()
			b.StartTimer()
			if ev, err = r.Next(ctx); err != nil {
				b.Fatal(err)
			}
		}
		run.Process(ev, nil)
	}
}
