// Package legacygen writes .scap captures in the layouts libscap used from 2013 to 2019, for tests: section
// header 1.0, process lists V1-V9 (with the 0x8000/0x8013/0x8014ABCD IDs of the earliest writers), fd list
// V1, interface and user lists V1 (no entry lengths), and event blocks V1 whose header has no nparams, with
// the old event versions of engine/event's table (enter+exit pairs whose exits carry only their own
// parameters). It is test-only: the production writer (scap.Writer) writes the current layouts.
//
// What the old layouts are, as libscap wrote and sysdig 0.29.3 still reads them:
//   - process list V1: tid pid ptid comm exe args cwd fdlimit flags uid gid; V2 adds vmsize vmrss vmswap
//     (u32 kB) pfmajor pfminor (u64); V3 env; V4 vtid vpid cgroups; V5 root; V6 sid (after ptid); V7
//     exepath (after exe); V8 vpgid (after sid). No entry length before V9: entries follow each other.
//     Strings are a u16 length and the bytes without NUL; lists (args, env, cgroups) are NUL-terminated
//     items with a u16 total length.
//   - fd list V1: u64 tid, then entries without a length: fd u64, ino u64, type u8 and the type's data as
//     in V2, except that FILE_V2 entries have no dev.
//   - interface list V1: entries u16 type, u16 name length, addresses, [u64 linkspeed for types 1 and 2],
//     name; user list V1: entries u8 kind (0 user, 1 group) and the fields, without a length.
//   - event block V1 (0x204, 0x8010ABCD) and with flags (0x208): u16 cpu [u32 flags], then a 22-byte header
//     ts tid len type, without nparams; the reader finds the parameter count from the lengths.
package legacygen

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"net/netip"

	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/scap"
)

// Layout selects the block layouts of a capture.
type Layout struct {
	SectionMinor uint16 // section header 1.<minor>: 0 before 2019
	ProcList     int    // process-list version, 1-9
	LegacyIDs    bool   // the 0x80xxABCD block IDs of the earliest writers, where they exist
	FDListV2     bool   // fd list V2 instead of V1
	ListsV2      bool   // interface and user lists V2 instead of V1
	EventV2      bool   // event blocks V2 (with nparams) instead of V1
	NoLinkSpeed  bool   // interface list V1 entries of types 3/4 (no linkspeed), as the earliest writers
}

// Metadata is what the metadata blocks describe.
type Metadata struct {
	Machine    scap.MachineInfo
	Interfaces []scap.Interface
	Users      []event.UserInfo
	Groups     []event.GroupInfo
	Threads    []event.ThreadInfo
	FDs        []event.FDInfo
}

// Writer writes one legacy capture.
type Writer struct {
	w   io.Writer
	lay Layout
	buf []byte
	err error
}

// New writes the section header and the metadata blocks and returns a Writer for the events.
func New(w io.Writer, lay Layout, md *Metadata) (*Writer, error) {
	if lay.ProcList < 1 || lay.ProcList > 9 {
		return nil, fmt.Errorf("legacygen: process list version %d is not 1-9", lay.ProcList)
	}
	lw := &Writer{w: w, lay: lay}
	lw.metadata(md)
	return lw, lw.err
}

func a16(b []byte, v uint16) []byte { return binary.LittleEndian.AppendUint16(b, v) }
func a32(b []byte, v uint32) []byte { return binary.LittleEndian.AppendUint32(b, v) }
func a64(b []byte, v uint64) []byte { return binary.LittleEndian.AppendUint64(b, v) }

func astr(b []byte, s string) []byte { return append(a16(b, uint16(len(s))), s...) }

func alist(b []byte, items []string) []byte {
	n := 0
	for _, s := range items {
		n += len(s) + 1
	}
	b = a16(b, uint16(n))
	for _, s := range items {
		b = append(append(b, s...), 0)
	}
	return b
}

func addr4(b []byte, a netip.Addr) []byte {
	if !a.Is4() {
		return append(b, 0, 0, 0, 0)
	}
	v := a.As4()
	return append(b, v[:]...)
}

func addr16(b []byte, a netip.Addr) []byte {
	v := a.As16()
	return append(b, v[:]...)
}

// Block writes one block with its padding and trailer.
func (w *Writer) Block(typ uint32, body []byte) error {
	if w.err != nil {
		return w.err
	}
	pad := (4 - len(body)%4) % 4
	total := uint32(12 + len(body) + pad)
	b := a32(a32(nil, typ), total)
	b = append(b, body...)
	b = append(b, make([]byte, pad)...)
	b = a32(b, total)
	if _, err := w.w.Write(b); err != nil {
		w.err = fmt.Errorf("legacygen: write block 0x%x: %w", typ, err)
	}
	return w.err
}

func (w *Writer) pick(modern, legacy uint32) uint32 {
	if w.lay.LegacyIDs && legacy != 0 {
		return legacy
	}
	return modern
}

func (w *Writer) metadata(md *Metadata) {
	b := a32(nil, scap.Magic)
	b = a16(b, 1)
	b = a16(b, w.lay.SectionMinor)
	b = a64(b, math.MaxUint64)
	_ = w.Block(scap.BlockSectionHeader, b)

	mi := md.Machine
	b = a32(nil, mi.NumCPUs)
	b = a64(b, mi.MemoryBytes)
	b = a64(b, mi.MaxPID)
	var host [128]byte
	copy(host[:127], mi.Hostname)
	b = append(b, host[:]...)
	b = a64(b, 0) // reserved1-4 (boot time and flags came later)
	b = a64(b, 0)
	b = a64(b, 0)
	b = a64(b, 0)
	_ = w.Block(w.pick(scap.BlockMachineInfo, scap.BlockMachineInfoLegacy), b)

	if len(md.Interfaces) > 0 {
		b = b[:0]
		for _, it := range md.Interfaces {
			var e []byte
			typ := uint16(1)
			if !it.Addr.Is4() {
				typ = 2
			}
			if w.lay.NoLinkSpeed && !w.lay.ListsV2 {
				typ += 2
			}
			e = a16(e, typ)
			e = a16(e, uint16(len(it.Name)))
			if typ == 1 || typ == 3 {
				e = addr4(addr4(addr4(e, it.Addr), it.Netmask), it.Bcast)
			} else {
				e = addr16(addr16(addr16(e, it.Addr), it.Netmask), it.Bcast)
			}
			if typ <= 2 {
				e = a64(e, it.LinkSpeed)
			}
			e = append(e, it.Name...)
			if w.lay.ListsV2 {
				b = a32(b, uint32(len(e)))
			}
			b = append(b, e...)
		}
		if w.lay.ListsV2 {
			_ = w.Block(scap.BlockInterfaceListV2, b)
		} else {
			_ = w.Block(w.pick(scap.BlockInterfaceListV1, scap.BlockInterfaceListV1Legacy), b)
		}
	}
	if len(md.Users)+len(md.Groups) > 0 {
		b = b[:0]
		entry := func(e []byte) {
			if w.lay.ListsV2 {
				b = a32(b, uint32(len(e)+4))
			}
			b = append(b, e...)
		}
		for _, u := range md.Users {
			entry(astr(astr(astr(a32(a32([]byte{0}, u.UID), u.GID), u.Name), u.Home), u.Shell))
		}
		for _, g := range md.Groups {
			entry(astr(a32([]byte{1}, g.GID), g.Name))
		}
		if w.lay.ListsV2 {
			_ = w.Block(scap.BlockUserListV2, b)
		} else {
			_ = w.Block(w.pick(scap.BlockUserListV1, scap.BlockUserListV1Legacy), b)
		}
	}
	if len(md.Threads) > 0 {
		b = b[:0]
		for i := range md.Threads {
			e := w.thread(&md.Threads[i])
			if w.lay.ProcList >= 9 {
				b = a32(b, uint32(len(e)+4))
			}
			b = append(b, e...)
		}
		_ = w.Block(w.procBlock(), b)
	}
	var order []int64
	byTID := map[int64][]int{}
	for i, fd := range md.FDs {
		if _, ok := byTID[fd.TID]; !ok {
			order = append(order, fd.TID)
		}
		byTID[fd.TID] = append(byTID[fd.TID], i)
	}
	for _, tid := range order {
		b = a64(b[:0], uint64(tid))
		for _, i := range byTID[tid] {
			e := w.fd(&md.FDs[i])
			if w.lay.FDListV2 {
				b = a32(b, uint32(len(e)+4))
			}
			b = append(b, e...)
		}
		if w.lay.FDListV2 {
			_ = w.Block(scap.BlockFDListV2, b)
		} else {
			_ = w.Block(w.pick(scap.BlockFDListV1, scap.BlockFDListV1Legacy), b)
		}
	}
}

func (w *Writer) procBlock() uint32 {
	switch w.lay.ProcList {
	case 1:
		return w.pick(scap.BlockProcListV1, scap.BlockProcListV1Legacy)
	case 2:
		return w.pick(scap.BlockProcListV2, scap.BlockProcListV2Legacy)
	case 3:
		return w.pick(scap.BlockProcListV3, scap.BlockProcListV3Legacy)
	}
	return []uint32{scap.BlockProcListV4, scap.BlockProcListV5, scap.BlockProcListV6, scap.BlockProcListV7,
		scap.BlockProcListV8, scap.BlockProcListV9}[w.lay.ProcList-4]
}

// thread encodes one process-list entry in the layout's version (without the V9 entry length).
func (w *Writer) thread(t *event.ThreadInfo) []byte {
	v := w.lay.ProcList
	e := a64(nil, uint64(t.TID))
	e = a64(e, uint64(t.PID))
	e = a64(e, uint64(t.PTID))
	if v >= 6 {
		e = a64(e, uint64(t.SID))
	}
	if v >= 8 {
		e = a64(e, uint64(t.VPGID))
	}
	e = astr(e, t.Comm)
	e = astr(e, t.Exe)
	if v >= 7 {
		e = astr(e, t.ExePath)
	}
	e = alist(e, t.Args)
	e = astr(e, t.Cwd)
	e = a64(e, uint64(t.FDLimit))
	e = a32(e, t.Flags)
	e = a32(e, t.UID)
	e = a32(e, t.GID)
	if v >= 2 {
		e = a32(a32(a32(e, t.VMSizeKB), t.VMRSSKB), t.VMSwapKB)
		e = a64(a64(e, t.PFMajor), t.PFMinor)
	}
	if v >= 3 {
		e = alist(e, t.Env)
	}
	if v >= 4 {
		e = a64(a64(e, uint64(t.VTID)), uint64(t.VPID))
		e = alist(e, t.Cgroups)
	}
	if v >= 5 {
		e = astr(e, t.Root)
	}
	if v >= 9 {
		// the 2019 V9 entry: loginuid only (later writers appended more)
		e = a32(e, t.LoginUID)
	}
	return e
}

func (w *Writer) fd(fd *event.FDInfo) []byte {
	e := a64(nil, uint64(fd.FD))
	e = a64(e, fd.Ino)
	e = append(e, byte(fd.Type))
	switch fd.Type {
	case event.FDIPv4Sock:
		e = addr4(addr4(e, fd.SrcAddr), fd.DstAddr)
		e = a16(a16(e, fd.SrcPort), fd.DstPort)
		e = append(e, fd.L4Proto)
	case event.FDIPv4Server:
		e = addr4(e, fd.DstAddr)
		e = a16(e, fd.DstPort)
		e = append(e, fd.L4Proto)
	case event.FDIPv6Sock:
		e = addr16(addr16(e, fd.SrcAddr), fd.DstAddr)
		e = a16(a16(e, fd.SrcPort), fd.DstPort)
		e = append(e, fd.L4Proto)
	case event.FDIPv6Server:
		e = addr16(e, fd.DstAddr)
		e = a16(e, fd.DstPort)
		e = append(e, fd.L4Proto)
	case event.FDUnixSock:
		e = a64(a64(e, fd.Source), fd.Dest)
		e = astr(e, fd.Name)
	case event.FDFileV2:
		e = a32(e, fd.Flags)
		e = astr(e, fd.Name)
		if w.lay.FDListV2 {
			e = a32(e, fd.Dev)
		}
	default:
		e = astr(e, fd.Name)
	}
	return e
}

// Record encodes an event record in the layout's header form (V1: no nparams).
func (w *Writer) Record(ts, tid int64, t event.Type, params ...[]byte) []byte {
	if w.lay.EventV2 {
		rec, err := event.AppendRecord(nil, ts, tid, t, params...)
		if err != nil && w.err == nil {
			w.err = err
		}
		return rec
	}
	total := event.HeaderSizeV1 + 2*len(params)
	for _, p := range params {
		total += len(p)
	}
	rec := a64(nil, uint64(ts))
	rec = a64(rec, uint64(tid))
	rec = a32(rec, uint32(total))
	rec = a16(rec, uint16(t))
	for _, p := range params {
		rec = a16(rec, uint16(len(p)))
	}
	for _, p := range params {
		rec = append(rec, p...)
	}
	return rec
}

// Event writes one event block (flags != 0 writes an event-with-flags block).
func (w *Writer) Event(cpu uint16, flags uint32, ts, tid int64, t event.Type, params ...[]byte) error {
	b := a16(w.buf[:0], cpu)
	if flags != 0 {
		b = a32(b, flags)
	}
	b = append(b, w.Record(ts, tid, t, params...)...)
	w.buf = b
	var bt uint32
	switch {
	case w.lay.EventV2 && flags != 0:
		bt = scap.BlockEventFlagsV2
	case w.lay.EventV2:
		bt = scap.BlockEventV2
	case flags != 0:
		bt = scap.BlockEventFlagsV1
	default:
		bt = w.pick(scap.BlockEventV1, scap.BlockEventV1Legacy)
	}
	return w.Block(bt, b)
}
