package scap_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/netip"

	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/scap"
)

// Write a small capture with a process list and two events, then read it back.
func Example() {
	var buf bytes.Buffer
	w, err := scap.NewWriter(&buf, scap.WriterOptions{
		Machine: &scap.MachineInfo{Hostname: "web-1", NumCPUs: 2},
		Users:   []event.UserInfo{{UID: 1000, GID: 1000, Name: "alice", Home: "/home/alice", Shell: "/bin/bash"}},
		Threads: []event.ThreadInfo{{TID: 42, PID: 42, PTID: 1, Comm: "curl", Exe: "curl", UID: 1000, GID: 1000, PGID: -1}},
	})
	if err != nil {
		panic(err)
	}
	remote := netip.MustParseAddrPort("93.184.216.34:443")
	local := netip.MustParseAddrPort("10.0.0.5:40000")
	events := []struct {
		typ    event.Type
		params [][]byte
	}{
		{event.SocketSocketX, [][]byte{event.I64(3), event.U32(event.AFInet), event.U32(1), event.U32(0), event.U32(0)}},
		{event.SocketConnectX, [][]byte{event.I64(0), event.SockTupleInet(local, remote), event.I64(3), event.SockAddrInet(remote)}},
	}
	for i, ev := range events {
		e := event.Event{Ts: 1767225600000000000 + int64(i), TID: 42, Type: ev.typ}
		e.SetParams(ev.params...)
		if err := w.Write(&e); err != nil {
			panic(err)
		}
	}
	if err := w.Close(); err != nil {
		panic(err)
	}

	ctx := context.Background()
	r, err := scap.NewReader(ctx, &buf)
	if err != nil {
		panic(err)
	}
	fmt.Println("host:", r.Metadata().Machine.Hostname, "threads:", len(r.Metadata().Threads))
	for {
		e, err := r.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			panic(err)
		}
		fmt.Println(e.Num, e.Name(), e.Dir(), e.NumParams(), "params")
		if st, ok := e.SockTuple(e.ParamIndex("tuple")); ok {
			fmt.Printf("  %v:%d -> %v:%d\n", st.SrcAddr, st.SrcPort, st.DstAddr, st.DstPort)
		}
	}
	// Output:
	// host: web-1 threads: 1
	// 1 socket < 5 params
	// 2 connect < 4 params
	//   10.0.0.5:40000 -> 93.184.216.34:443
}

// Summarize a capture: block and event counts by type, and processes.
func ExampleSummarize() {
	var buf bytes.Buffer
	w, _ := scap.NewWriter(&buf, scap.WriterOptions{})
	e := event.Event{Ts: 1, TID: 7, Type: event.SyscallCloseX}
	e.SetParams(event.I64(0), event.I64(3))
	for range 3 {
		_ = w.Write(&e)
	}
	_ = w.Close()
	ctx := context.Background()
	r, _ := scap.NewReader(ctx, &buf)
	s, err := scap.Summarize(ctx, r)
	if err != nil {
		panic(err)
	}
	for _, t := range s.Types {
		fmt.Println(t.Name, t.Dir, t.Count)
	}
	fmt.Println(len(s.Processes), "thread, events:", s.Processes[0].Events)
	// Output:
	// close < 3
	// 1 thread, events: 3
}
