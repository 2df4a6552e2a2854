package test

import (
	"context"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aerie-sec/aerie/engine/detect"
	"github.com/aerie-sec/aerie/engine/eval"
	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/scap"
	"github.com/aerie-sec/aerie/internal/testenv"
)

// TestTypesBeyond336 covers the case where sysdig 0.29.3 is known wrong: its libscap drops event types
// from 336 up (dup2 363, accept4 389, pipe2 393, memfd_create 405, ...), so it neither shows them nor
// tracks the descriptors they create. The capture below is checked against the reference semantics
// (current libs): the events are seen and the descriptors they create resolve on later events; sysdig's
// own answer is asserted too, so the test documents the gap.
func TestTypesBeyond336(t *testing.T) {
	path := filepath.Join(t.TempDir(), "beyond336.scap")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := scap.NewWriter(f, scap.WriterOptions{
		Threads:        []event.ThreadInfo{{TID: 100, PID: 100, PTID: 1, Comm: "srv", Exe: "/usr/bin/srv", ExePath: "/usr/bin/srv", Cwd: "/"}},
		OldEnterEvents: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	ts := int64(1_700_000_000_000_000_000)
	write := func(typ event.Type, p map[string][]byte) {
		t.Helper()
		info, _ := event.Lookup(typ)
		params := make([][]byte, len(info.Params))
		for i, pi := range info.Params {
			params[i] = p[pi.Name]
		}
		ts += 1000
		ev := event.Event{Ts: ts, TID: 100, Type: typ}
		ev.SetParams(params...)
		if err := w.Write(&ev); err != nil {
			t.Fatal(err)
		}
	}
	write(event.SyscallOpenatV2X, map[string][]byte{"fd": event.I64(3), "dirfd": event.I64(-100), "name": event.CStr("/var/log/srv.log"), "flags": event.U32(2)})
	write(event.SyscallDup2X, map[string][]byte{"res": event.I64(1), "oldfd": event.I64(3), "newfd": event.I64(1)})
	write(event.SyscallWriteX, map[string][]byte{"res": event.I64(10), "data": {}, "fd": event.I64(1), "size": event.U32(10)})
	write(event.SocketAccept4V6X, map[string][]byte{"fd": event.I64(5), "tuple": event.SockTupleInet(netip.MustParseAddrPort("203.0.113.9:50000"), netip.MustParseAddrPort("10.0.0.1:443")), "flags": event.U32(0)})
	write(event.SyscallReadX, map[string][]byte{"res": event.I64(10), "data": {}, "fd": event.I64(5), "size": event.U32(10)})
	write(event.SyscallMemfdCreateX, map[string][]byte{"fd": event.I64(6), "name": event.CStr("payload"), "flags": event.U32(0)})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	ctx := context.Background()
	cases := []struct {
		expr, want string
	}{
		{"evt.type in (dup2, accept4, memfd_create)", "events of types >= 336 are seen"},
		{"evt.type=write and fd.name=/var/log/srv.log", "the write goes to the file dup2'ed onto stdout"},
		{"evt.type=read and fd.sip=10.0.0.1 and fd.cip=203.0.113.9", "the read is on the accepted connection"},
		{"evt.type=memfd_create and fd.typechar=m", "memfd_create adds a memfd descriptor"},
	}
	sysdig := testenv.Tool(t, "sysdig")
	for _, c := range cases {
		ex, err := eval.CompileExpression(ctx, c.expr, "%evt.num %evt.type %fd.name")
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		if err := detect.FilterFile(ctx, detect.New(nil, detect.Options{}), ex, path, true, &out); err != nil {
			t.Fatal(err)
		}
		if out.Len() == 0 {
			t.Errorf("%s: %q matched nothing", c.want, c.expr)
		}
		// sysdig either skips the events (no match) or does not know the event name at all
		if got, ok := sysdigMatches(ctx, sysdig, path, c.expr); ok && got != "" || !ok && !strings.Contains(got, "unknown event type") {
			t.Errorf("sysdig 0.29.3 on %q: %q (ok %v); the gap this test documents has changed", c.expr, got, ok)
		}
	}
}
