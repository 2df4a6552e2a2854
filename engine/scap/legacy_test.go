package scap_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/scap"
	"github.com/aerie-sec/aerie/engine/scap/legacygen"
	"github.com/aerie-sec/aerie/internal/testenv"
)

// legacyLayouts are the block layouts of 2013-2019 libscap writers, each with the event versions of its time.
var legacyLayouts = []struct {
	name string
	lay  legacygen.Layout
	era  legacygen.Era
}{
	{"pl1-legacy-ids", legacygen.Layout{ProcList: 1, LegacyIDs: true, NoLinkSpeed: true}, legacygen.Era2016},
	{"pl1", legacygen.Layout{ProcList: 1}, legacygen.Era2016},
	{"pl2-legacy-ids", legacygen.Layout{ProcList: 2, LegacyIDs: true}, legacygen.Era2016},
	{"pl3-legacy-ids", legacygen.Layout{ProcList: 3, LegacyIDs: true}, legacygen.Era2016},
	{"pl3", legacygen.Layout{ProcList: 3}, legacygen.Era2016},
	{"pl4", legacygen.Layout{ProcList: 4}, legacygen.Era2016},
	{"pl5", legacygen.Layout{ProcList: 5}, legacygen.Era2016},
	{"pl6", legacygen.Layout{ProcList: 6}, legacygen.Era2016},
	{"pl7", legacygen.Layout{ProcList: 7}, legacygen.Era2019},
	{"pl8", legacygen.Layout{ProcList: 8}, legacygen.Era2019},
	{"pl8-ev2", legacygen.Layout{ProcList: 8, SectionMinor: 2, EventV2: true}, legacygen.Era2019},
	{"pl9-v2-lists", legacygen.Layout{ProcList: 9, SectionMinor: 2, FDListV2: true, ListsV2: true, EventV2: true}, legacygen.Era2019},
}

// legacyCapture writes HostMetadata and the mixed stream in one legacy layout.
func legacyCapture(t testing.TB, lay legacygen.Layout, era legacygen.Era) ([]byte, *legacygen.Metadata) {
	return legacyScenario(t, lay, era, (*legacygen.Stream).Mixed)
}

// legacyScenario writes HostMetadata and one scenario in one legacy layout.
func legacyScenario(t testing.TB, lay legacygen.Layout, era legacygen.Era, scenario func(*legacygen.Stream, *legacygen.Metadata)) ([]byte, *legacygen.Metadata) {
	t.Helper()
	var buf bytes.Buffer
	md := legacygen.HostMetadata()
	w, err := legacygen.New(&buf, lay, md)
	if err != nil {
		t.Fatal(err)
	}
	s := &legacygen.Stream{W: w, Era: era, Ts: 1472688000000000000}
	scenario(s, md)
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	// one event-with-flags block (V1 or V2), as sysdig wrote for state-only events
	if err := w.Event(0, scap.DumpFlagStateOnly, s.Ts, 1200, event.SyscallCloseE, event.I64(6)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), md
}

// TestLegacyLayouts reads every legacy layout back: the metadata fields each process-list version has, the
// fd, user and interface lists, the block types, and every event with its own parameter count.
func TestLegacyLayouts(t *testing.T) {
	for _, c := range legacyLayouts {
		t.Run(c.name, func(t *testing.T) {
			data, md := legacyCapture(t, c.lay, c.era)
			evs, r, err := readAll(t, data)
			if err != nil {
				t.Fatal(err)
			}
			m := r.Metadata()
			if len(m.Sections) != 1 || m.Sections[0].Minor != c.lay.SectionMinor || m.Machine == nil || m.Machine.Hostname != "falco-host" {
				t.Errorf("section/machine: %+v %+v", m.Sections, m.Machine)
			}
			v := c.lay.ProcList
			if len(m.Threads) != len(md.Threads) {
				t.Fatalf("%d threads, want %d", len(m.Threads), len(md.Threads))
			}
			for i, got := range m.Threads {
				want := md.Threads[i]
				check := func(field string, ok bool) {
					if !ok {
						t.Errorf("thread %d (V%d): %s differs: %+v", want.TID, v, field, got)
					}
				}
				check("ids", got.TID == want.TID && got.PID == want.PID && got.PTID == want.PTID)
				check("comm/exe/args/cwd", got.Comm == want.Comm && got.Exe == want.Exe && slices.Equal(got.Args, want.Args) && got.Cwd == want.Cwd)
				check("uid/gid/fdlimit", got.UID == want.UID && got.GID == want.GID && got.FDLimit == want.FDLimit)
				check("vm (V2+)", (v >= 2) == (got.VMSizeKB == want.VMSizeKB && got.VMRSSKB == want.VMRSSKB))
				check("env (V3+)", (v >= 3) == slices.Equal(got.Env, want.Env))
				check("vtid/cgroups (V4+)", (v >= 4) == (got.VTID == want.VTID && slices.Equal(got.Cgroups, want.Cgroups)))
				check("root (V5+)", (v >= 5) == (got.Root == want.Root))
				check("sid (V6+)", (v >= 6) == (got.SID == want.SID))
				check("exepath (V7+)", (v >= 7) == (got.ExePath == want.ExePath))
				check("vpgid (V8+)", (v >= 8) == (got.VPGID == want.VPGID))
				check("loginuid (V9)", v < 9 || got.LoginUID == want.LoginUID)
			}
			if len(m.FDs) != len(md.FDs) {
				t.Fatalf("%d fds, want %d", len(m.FDs), len(md.FDs))
			}
			for i, got := range m.FDs {
				want := md.FDs[i]
				if got.TID != want.TID || got.FD != want.FD || got.Type != want.Type || got.Name != want.Name ||
					got.SrcAddr != want.SrcAddr || got.DstAddr != want.DstAddr || got.SrcPort != want.SrcPort ||
					got.DstPort != want.DstPort || got.L4Proto != want.L4Proto || got.Flags != want.Flags || got.Source != want.Source {
					t.Errorf("fd %d: got %+v, want %+v", i, got, want)
				}
			}
			if !slices.Equal(m.Users, md.Users) || !slices.Equal(m.Groups, md.Groups) {
				t.Errorf("users %v groups %v", m.Users, m.Groups)
			}
			speed := uint64(1000)
			if c.lay.NoLinkSpeed {
				speed = 0
			}
			if len(m.Interfaces) != 2 || m.Interfaces[1].Name != "eth0" || m.Interfaces[1].Addr != md.Interfaces[1].Addr || m.Interfaces[1].LinkSpeed != speed {
				t.Errorf("interfaces %+v", m.Interfaces)
			}
			var names []string
			for _, b := range r.Blocks() {
				names = append(names, b.Name)
			}
			wantEv := "event V1"
			if c.lay.EventV2 {
				wantEv = "event V2"
			}
			if !slices.Contains(names, wantEv) || !slices.Contains(names, fmt.Sprintf("process list V%d", v)) {
				t.Errorf("blocks %v lack %q or process list V%d", names, wantEv, v)
			}
			// Every event decodes with the parameter count it was written with (V1 headers infer it).
			if len(evs) < 90 {
				t.Fatalf("read %d events", len(evs))
			}
			last := evs[len(evs)-1]
			if last.Type != event.SyscallCloseE || last.DumpFlags != scap.DumpFlagStateOnly || last.NumParams() != 1 {
				t.Errorf("event-with-flags block read as %s flags %d with %d params", last.Type, last.DumpFlags, last.NumParams())
			}
			for _, e := range evs {
				if e.Type == event.SyscallCloseX && e.NumParams() != 1 {
					t.Errorf("old close exit read with %d params, written with 1", e.NumParams())
				}
			}
		})
	}
}

// TestLegacyTruncatedAndCorrupt cuts and damages legacy captures everywhere: the reader never panics,
// returns a *FormatError with the offset for a cut inside a block, and delivers the events before it.
func TestLegacyTruncatedAndCorrupt(t *testing.T) {
	ctx := context.Background()
	for _, c := range []int{0, 2, 10} {
		data, _ := legacyCapture(t, legacyLayouts[c].lay, legacyLayouts[c].era)
		for cut := 1; cut < len(data); cut += 7 {
			r, err := scap.NewReader(ctx, bytes.NewReader(data[:cut]))
			if err != nil {
				var fe *scap.FormatError
				if !errors.As(err, &fe) || fe.Offset < 0 || fe.Offset > int64(cut) {
					t.Fatalf("%s cut at %d: %v", legacyLayouts[c].name, cut, err)
				}
				continue
			}
			for {
				_, err := r.Next(ctx)
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					if !errors.Is(err, scap.ErrFormat) || !strings.Contains(err.Error(), "offset") {
						t.Fatalf("%s cut at %d: %v", legacyLayouts[c].name, cut, err)
					}
					break
				}
			}
		}
		// flipped bytes: any outcome but a panic
		for i := 0; i < len(data); i += 13 {
			d := bytes.Clone(data)
			d[i] ^= 0xa5
			r, err := scap.NewReader(ctx, bytes.NewReader(d))
			if err != nil {
				continue
			}
			for range 1000 {
				if _, err := r.Next(ctx); err != nil {
					break
				}
			}
		}
	}
}

// TestLegacySysdig checks that Debian's sysdig 0.29.3, which reads every old layout natively, sees the
// same events by type and direction as this reader in each legacy capture.
func TestLegacySysdig(t *testing.T) {
	sysdig := testenv.Tool(t, "sysdig")
	for _, c := range legacyLayouts {
		for name, sc := range map[string]func(*legacygen.Stream, *legacygen.Metadata){
			"mixed": (*legacygen.Stream).Mixed, "vintage": (*legacygen.Stream).Vintage} {
			legacySysdigCounts(t, sysdig, c.name+"-"+name, c.lay, c.era, sc)
		}
	}
}

func legacySysdigCounts(t *testing.T, sysdig, name string, lay legacygen.Layout, era legacygen.Era, sc func(*legacygen.Stream, *legacygen.Metadata)) {
	{
		data, _ := legacyScenario(t, lay, era, sc)
		path := writeFile(t, data)
		got := map[string]int{}
		for _, l := range sysdigLines(t, sysdig, "-r", path, "-p", "%evt.type %evt.dir") {
			got[l]++
		}
		evs, _, err := readAll(t, data)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{}
		for _, e := range evs {
			// libsinsp processes state-only events (dump flag 1) for state but does not show them, nor the
			// container events it consumes; the reader delivers both
			if e.DumpFlags&scap.DumpFlagStateOnly == 0 && sysdigVisible(e.Type) {
				want[e.DisplayName()+" "+e.Dir().String()]++
			}
		}
		if !maps.Equal(got, want) {
			t.Errorf("%s: sysdig counts %v, ours %v", name, got, want)
		}
	}
}
