package scap_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/scap"
	"github.com/aerie-sec/aerie/engine/scap/synth"
)

// capture writes n synthetic events with the host base metadata and returns the file bytes and the events.
func capture(t testing.TB, n int, mod func(*scap.WriterOptions)) ([]byte, []*event.Event) {
	t.Helper()
	base := synth.HostBase()
	opts := base.WriterOptions()
	opts.Interfaces = []scap.Interface{{Name: "eth0", Addr: mustAddr("192.168.1.10"), Netmask: mustAddr("255.255.255.0"),
		Bcast: mustAddr("192.168.1.255"), LinkSpeed: 1000}, {Name: "lo6", Addr: mustAddr("::1"), Netmask: mustAddr("ffff::"), Bcast: mustAddr("::")}}
	if mod != nil {
		mod(&opts)
	}
	var buf bytes.Buffer
	w, err := scap.NewWriter(&buf, opts)
	if err != nil {
		t.Fatal(err)
	}
	g := synth.New(synth.Options{Seed: 3})
	var events []*event.Event
	for range n {
		e := g.Next()
		if err := w.Write(e); err != nil {
			t.Fatal(err)
		}
		events = append(events, e.Clone())
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), events
}

func readAll(t testing.TB, data []byte) ([]*event.Event, *scap.Reader, error) {
	t.Helper()
	ctx := context.Background()
	r, err := scap.NewReader(ctx, bytes.NewReader(data))
	if err != nil {
		return nil, nil, err
	}
	var out []*event.Event
	for {
		e, err := r.Next(ctx)
		if errors.Is(err, io.EOF) {
			return out, r, nil
		}
		if err != nil {
			return out, r, err
		}
		out = append(out, e.Clone())
	}
}

func sameEvent(a, b *event.Event) bool {
	if a.Ts != b.Ts || a.TID != b.TID || a.Type != b.Type || a.CPU != b.CPU || a.NumParams() != b.NumParams() {
		return false
	}
	for i := range a.NumParams() {
		if !bytes.Equal(a.Param(i), b.Param(i)) {
			return false
		}
	}
	return true
}

func TestRoundTrip(t *testing.T) {
	for _, gz := range []bool{false, true} {
		data, want := capture(t, 3000, func(o *scap.WriterOptions) { o.Gzip = gz })
		got, r, err := readAll(t, data)
		if err != nil {
			t.Fatal(err)
		}
		if r.Compressed() != gz {
			t.Errorf("Compressed() = %v, want %v", r.Compressed(), gz)
		}
		if len(got) != len(want) {
			t.Fatalf("gzip=%v: read %d events, wrote %d", gz, len(got), len(want))
		}
		for i := range got {
			if !sameEvent(got[i], want[i]) || got[i].Num != int64(i+1) {
				t.Fatalf("gzip=%v: event %d differs: got %v tid %d, want %v tid %d", gz, i+1, got[i].Type, got[i].TID, want[i].Type, want[i].TID)
			}
		}
		m := r.Metadata()
		base := synth.HostBase()
		if !reflect.DeepEqual(m.Threads, base.Threads) {
			t.Errorf("threads differ:\n got %+v\nwant %+v", m.Threads, base.Threads)
		}
		if !reflect.DeepEqual(m.Users, base.Users) || !reflect.DeepEqual(m.Groups, base.Groups) {
			t.Errorf("users/groups differ: %+v %+v", m.Users, m.Groups)
		}
		wantFDs := append([]event.FDInfo(nil), base.FDs...)
		for i := range wantFDs {
			if wantFDs[i].Type == event.FDFile {
				wantFDs[i].Type = event.FDFileV2
			}
		}
		if !reflect.DeepEqual(m.FDs, wantFDs) {
			t.Errorf("fds differ:\n got %+v\nwant %+v", m.FDs, wantFDs)
		}
		if *m.Machine != base.Machine {
			t.Errorf("machine = %+v, want %+v", *m.Machine, base.Machine)
		}
		if len(m.Interfaces) != 2 || m.Interfaces[0].Name != "eth0" || m.Interfaces[0].Addr != mustAddr("192.168.1.10") ||
			m.Interfaces[1].Addr != mustAddr("::1") || m.Interfaces[0].LinkSpeed != 1000 {
			t.Errorf("interfaces = %+v", m.Interfaces)
		}
		if len(m.Sections) != 1 || m.Sections[0].Minor != 2 {
			t.Errorf("sections = %+v", m.Sections)
		}
	}
}

func TestOldEnterEvents(t *testing.T) {
	data, written := capture(t, 500, func(o *scap.WriterOptions) { o.OldEnterEvents = true })
	got, _, err := readAll(t, data)
	if err != nil {
		t.Fatal(err)
	}
	var exits int
	var i int
	for _, e := range got {
		if i < len(written) && sameEvent(e, written[i]) {
			i++
			if e.Dir() == event.Exit {
				exits++
			}
			continue
		}
		// An inserted enter event: it must precede the next written exit of the same type and thread.
		next := written[i]
		if e.Type != next.Type-1 || e.TID != next.TID || e.Ts != next.Ts {
			t.Fatalf("unexpected event %v tid %d before %v tid %d", e.Type, e.TID, next.Type, next.TID)
		}
		if e.Type == event.SyscallCloseE {
			if fd, _ := e.Int(0); fd < 0 {
				t.Errorf("close enter has fd %d", fd)
			}
		}
	}
	if i != len(written) {
		t.Fatalf("only %d of %d written events read back", i, len(written))
	}
	if len(got) <= len(written) {
		t.Errorf("no enter events were added (%d read, %d written)", len(got), len(written))
	}
}

func mustAddr(s string) netipAddr { return mustParseAddr(s) }

// block builds one raw block with padding and trailer.
func block(typ uint32, body []byte) []byte {
	pad := (4 - len(body)%4) % 4
	total := 12 + len(body) + pad
	b := binary.LittleEndian.AppendUint32(nil, typ)
	b = binary.LittleEndian.AppendUint32(b, uint32(total))
	b = append(b, body...)
	b = append(b, make([]byte, pad)...)
	return binary.LittleEndian.AppendUint32(b, uint32(total))
}

func shb(minor uint16, options []byte) []byte {
	b := binary.LittleEndian.AppendUint32(nil, scap.Magic)
	b = binary.LittleEndian.AppendUint16(b, 1)
	b = binary.LittleEndian.AppendUint16(b, minor)
	b = binary.LittleEndian.AppendUint64(b, ^uint64(0))
	return block(scap.BlockSectionHeader, append(b, options...))
}

func evBlock(t testing.TB, typ uint32, cpu uint16, flags uint32, et event.Type, params ...[]byte) []byte {
	rec, err := event.AppendRecord(nil, 1000, 42, et, params...)
	if err != nil {
		t.Fatal(err)
	}
	body := binary.LittleEndian.AppendUint16(nil, cpu)
	if typ == scap.BlockEventFlagsV1 || typ == scap.BlockEventFlagsV2 || typ == scap.BlockEventFlagsV2Large {
		body = binary.LittleEndian.AppendUint32(body, flags)
	}
	if typ == scap.BlockEventV1 || typ == scap.BlockEventFlagsV1 {
		// Drop nparams and fix the length.
		rec = append(rec[:22:22], rec[26:]...)
		binary.LittleEndian.PutUint32(rec[16:], uint32(len(rec)))
	}
	return block(typ, append(body, rec...))
}

func TestReaderBlockVariants(t *testing.T) {
	var f []byte
	f = append(f, shb(0, []byte{1, 0, 4, 0, 'a', 'b', 'c', 'd', 0, 0, 0, 0})...) // SHB 1.0 with a pcapng option
	f = append(f, block(0x7777, []byte("unknown metadata"))...)
	f = append(f, evBlock(t, scap.BlockEventV1, 1, 0, event.SyscallOpenX, event.I64(3), event.CStr("/etc/passwd"), event.U32(1), event.U32(0))...)
	f = append(f, evBlock(t, scap.BlockEventFlagsV1, 0, 1, event.SyscallCloseX, event.I64(0))...)
	f = append(f, evBlock(t, scap.BlockEventV2, 1, 0, 455, event.U64(1))...) // beyond the table: skipped
	f = append(f, evBlock(t, scap.BlockEventFlagsV2, 1, 1, event.SyscallCloseX, event.I64(0), event.I64(3))...)
	f = append(f, evBlock(t, scap.BlockEventV2Large, 0, 0, event.AsynceventE, event.U32(1), event.CStr("container"), make([]byte, 70000))...)
	f = append(f, evBlock(t, scap.BlockEventFlagsV2Large, 0, 4, event.PlugineventE, event.U32(9), []byte("x"))...)
	got, r, err := readAll(t, f)
	if err != nil {
		t.Fatal(err)
	}
	wantTypes := []event.Type{event.SyscallOpenX, event.SyscallCloseX, event.SyscallCloseX, event.AsynceventE, event.PlugineventE}
	if len(got) != len(wantTypes) {
		t.Fatalf("read %d events, want %d", len(got), len(wantTypes))
	}
	for i, e := range got {
		if e.Type != wantTypes[i] {
			t.Errorf("event %d: type %v, want %v", i, e.Type, wantTypes[i])
		}
	}
	if got[0].Str(1) != "/etc/passwd" || got[0].CPU != 1 || got[1].DumpFlags != 1 || got[3].NumParams() != 3 || len(got[3].Param(2)) != 70000 {
		t.Errorf("decoded wrong: %q cpu %d flags %d", got[0].Str(1), got[0].CPU, got[1].DumpFlags)
	}
	if r.Skipped() != 1 {
		t.Errorf("Skipped() = %d, want 1", r.Skipped())
	}
	if sh := r.Metadata().Sections[0]; sh.Minor != 0 || sh.Options != 12 {
		t.Errorf("section = %+v", sh)
	}
	var unknown int64
	for _, b := range r.Blocks() {
		if b.Type == 0x7777 {
			unknown = b.Count
		}
	}
	if unknown != 1 {
		t.Errorf("unknown block not counted: %+v", r.Blocks())
	}
}

func TestReaderErrors(t *testing.T) {
	good, _ := capture(t, 50, nil)
	ev := evBlock(t, scap.BlockEventV2, 0, 0, event.SyscallCloseX, event.I64(0), event.I64(3))
	head := shb(2, nil)
	tests := []struct {
		name       string
		data       []byte
		wantEvents int    // delivered before the error
		wantOffset int64  // -1: NewReader fails
		wantMsg    string // substring
	}{
		{"empty", nil, 0, -1, "empty file"},
		{"not scap", []byte("hello world, this is text"), 0, -1, "not a scap file"},
		{"byte-swapped", func() []byte {
			b := shb(2, nil)
			binary.BigEndian.PutUint32(b[8:], scap.Magic)
			return b
		}(), 0, -1, "byte-swapped"},
		{"truncated header", append(append(append([]byte{}, head...), ev...), ev[:5]...), 1, int64(len(head) + len(ev)), "truncated block header"},
		{"truncated body", append(append(append([]byte{}, head...), ev...), ev[:len(ev)-3]...), 1, int64(len(head) + len(ev)), "truncated block"},
		{"bad trailer", func() []byte {
			b := append(append(append([]byte{}, head...), ev...), ev...)
			b[len(b)-1] = 0x55
			return b
		}(), 1, int64(len(head) + len(ev)), "trailing length"},
		{"short length", append(append(append([]byte{}, head...), ev...), 4, 2, 0, 0, 8, 0, 0, 0), 1, int64(len(head) + len(ev)), "below the minimum"},
		{"corrupt event lengths", func() []byte {
			e := append([]byte{}, ev...)
			e[8+2+26] = 0xff // first parameter length
			return append(append(append([]byte{}, head...), ev...), e...)
		}(), 1, int64(len(head) + len(ev)), "parameter"},
		{"truncated real capture", good[:len(good)-7], 49, -2, "truncated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, r, err := readAll(t, tt.data)
			if err == nil {
				t.Fatalf("no error; %d events", len(got))
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("error %q does not mention %q", err, tt.wantMsg)
			}
			if !errors.Is(err, scap.ErrFormat) {
				t.Errorf("error %v is not ErrFormat", err)
			}
			if tt.wantOffset == -1 {
				if r != nil {
					t.Errorf("NewReader returned a reader with the error")
				}
				return
			}
			if len(got) != tt.wantEvents {
				t.Errorf("delivered %d events before the error, want %d", len(got), tt.wantEvents)
			}
			var fe *scap.FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("error %T is not a *FormatError", err)
			}
			if tt.wantOffset >= 0 && fe.Offset != tt.wantOffset {
				t.Errorf("offset %d, want %d (%v)", fe.Offset, tt.wantOffset, err)
			}
			if !strings.Contains(err.Error(), "offset ") {
				t.Errorf("error %q names no offset", err)
			}
			if _, again := r.Next(context.Background()); again == nil || again.Error() != err.Error() {
				t.Errorf("error not sticky: %v then %v", err, again)
			}
		})
	}
}

func TestNextHonoursContext(t *testing.T) {
	data, _ := capture(t, 10, nil)
	r, err := scap.NewReader(context.Background(), bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := r.Next(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Next on a cancelled context = %v", err)
	}
}

func TestReaderSteadyStateAllocs(t *testing.T) {
	data, _ := capture(t, 5000, nil)
	ctx := context.Background()
	r, err := scap.NewReader(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	for range 100 { // warm up the buffers
		if _, err := r.Next(ctx); err != nil {
			t.Fatal(err)
		}
	}
	allocs := testing.AllocsPerRun(2000, func() {
		if _, err := r.Next(ctx); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("Next allocates %.2f times per event in steady state", allocs)
	}
}

// TestConcatenatedCaptures reads two captures back to back (a second section header after events), plain
// and as two gzip members, as libscap does when it restarts on a new section.
func TestConcatenatedCaptures(t *testing.T) {
	for _, gz := range []bool{false, true} {
		a, ea := capture(t, 30, func(o *scap.WriterOptions) { o.Gzip = gz })
		b, eb := capture(t, 20, func(o *scap.WriterOptions) { o.Gzip = gz })
		got, r, err := readAll(t, append(append([]byte{}, a...), b...))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(ea)+len(eb) {
			t.Fatalf("gzip=%v: read %d events, want %d", gz, len(got), len(ea)+len(eb))
		}
		if !sameEvent(got[len(ea)], eb[0]) {
			t.Errorf("gzip=%v: first event of the second section differs", gz)
		}
		m := r.Metadata()
		if len(m.Sections) != 2 || len(m.Threads) != 2*len(synth.HostBase().Threads) {
			t.Errorf("gzip=%v: %d sections, %d threads", gz, len(m.Sections), len(m.Threads))
		}
	}
}
