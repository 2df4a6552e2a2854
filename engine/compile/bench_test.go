package compile_test

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/aerie-sec/aerie/engine/compile"
)

// cpuTime returns the process's user+system CPU time. On a busy shared machine wall time per op is
// inflated by other processes; CPU time per op is the stable figure.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkLoadCorpus loads and compiles the four upstream rules files in order into one ruleset
// (stable, incubating, sandbox, deprecated), recompiling after each file as Falco does.
func BenchmarkLoadCorpus(b *testing.B) {
	files := readCorpus(b)
	var in []compile.File
	for _, n := range corpusFiles {
		in = append(in, compile.File{Name: n, Content: files[n]})
	}
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		l := compile.NewLoader(compile.Options{})
		for _, res := range l.LoadAll(context.Background(), in) {
			if !res.Successful() {
				b.Fatal(res.Errors)
			}
		}
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// BenchmarkLoadCorpusSequential is BenchmarkLoadCorpus with one Load call per file (no concurrent decoding).
func BenchmarkLoadCorpusSequential(b *testing.B) {
	files := readCorpus(b)
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		l := compile.NewLoader(compile.Options{})
		for _, n := range corpusFiles {
			if res := l.Load(context.Background(), n, files[n]); !res.Successful() {
				b.Fatal(res.Errors)
			}
		}
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}
