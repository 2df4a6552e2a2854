package scap

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"net/netip"

	"github.com/aerie-sec/aerie/engine/event"
)

// WriterOptions configures a Writer; the zero value writes a capture with only a section header and events.
type WriterOptions struct {
	Machine    *MachineInfo // machine info block; a block with zero values is written when nil
	Interfaces []Interface
	Users      []event.UserInfo
	Groups     []event.GroupInfo
	Threads    []event.ThreadInfo // process list (V9)
	FDs        []event.FDInfo     // fd lists (V2), one block per owning thread
	// OldEnterEvents also writes, before every exit event, the enter event that drivers sent before libs
	// went exit-only, with its parameters taken from the exit event by name. Readers from that era, such as
	// Debian's sysdig 0.29.3, need them to track fds (socket, connect, close, ...); current readers drop
	// them. An enter event is not repeated when the same thread's previous event already was that enter.
	OldEnterEvents bool
	// Gzip compresses the capture, as sysdig -z does.
	Gzip bool
}

// Writer writes a .scap capture. It is not safe for concurrent use; Close must be called to flush it.
type Writer struct {
	w      *bufio.Writer
	gz     *gzip.Writer
	opts   WriterOptions
	buf    []byte
	rec    []byte
	params [][]byte
	last   map[int64]event.Type // the last event type written per thread, for OldEnterEvents
	zeros  [16]byte             // zero values of enter parameters the exit event lacks
	err    error
}

// NewWriter writes the section header and the metadata blocks of opts to dst and returns a Writer for
// the events.
func NewWriter(dst io.Writer, opts WriterOptions) (*Writer, error) {
	w := &Writer{opts: opts, last: map[int64]event.Type{}}
	if opts.Gzip {
		w.gz = gzip.NewWriter(dst)
		w.w = bufio.NewWriterSize(w.gz, 1<<16)
	} else {
		w.w = bufio.NewWriterSize(dst, 1<<16)
	}
	if err := w.writeMetadata(); err != nil {
		return nil, err
	}
	return w, nil
}

func (w *Writer) block(typ uint32, body []byte) error {
	if w.err != nil {
		return w.err
	}
	pad := (4 - len(body)%4) % 4
	total := 12 + len(body) + pad
	if total > math.MaxUint32 {
		return fmt.Errorf("write block 0x%x: %d bytes is too large", typ, total)
	}
	var hdr [8]byte
	binary.LittleEndian.PutUint32(hdr[0:], typ)
	binary.LittleEndian.PutUint32(hdr[4:], uint32(total))
	var tail [8]byte // padding and trailer
	binary.LittleEndian.PutUint32(tail[pad:], uint32(total))
	_, _ = w.w.Write(hdr[:])
	_, _ = w.w.Write(body)
	if _, err := w.w.Write(tail[:pad+4]); err != nil {
		w.err = fmt.Errorf("write capture: %w", err)
	}
	return w.err
}

func app16(b []byte, v uint16) []byte { return binary.LittleEndian.AppendUint16(b, v) }
func app32(b []byte, v uint32) []byte { return binary.LittleEndian.AppendUint32(b, v) }
func app64(b []byte, v uint64) []byte { return binary.LittleEndian.AppendUint64(b, v) }

// Size limits of libscap's metadata readers: longer strings make readers such as sysdig refuse the whole
// capture ("invalid argslen"), so the writer truncates as libscap's own /proc scan does. Each limit leaves
// room for the terminating NUL libscap adds.
const (
	maxPath        = 1024 - 1 // SCAP_MAX_PATH_SIZE: comm, exe, exepath, cwd, root, fd names
	maxArgs        = 4096 - 1 // SCAP_MAX_ARGS_SIZE
	maxEnv         = 4096 - 1 // SCAP_MAX_ENV_SIZE
	maxCgroups     = 4096 - 1 // SCAP_MAX_CGROUPS_SIZE
	maxCredentials = 256 - 1  // MAX_CREDENTIALS_STR_LEN: user and group names, home directories and shells
)

// appStrMax appends s with a 16-bit length, cut to max bytes.
func appStrMax(b []byte, s string, max int) []byte {
	if len(s) > max {
		s = s[:max]
	}
	return append(app16(b, uint16(len(s))), s...)
}

// appListMax appends NUL-terminated items with a 16-bit total length of at most max bytes: whole items that
// fit are kept and the first one that does not is cut, as reading a bounded /proc/PID/cmdline does.
func appListMax(b []byte, items []string, max int) []byte {
	max = min(max, math.MaxUint16)
	n := 0
	for _, s := range items {
		n += len(s) + 1
	}
	if n > max {
		var kept []string
		n = 0
		for _, s := range items {
			if n+len(s)+1 > max {
				if room := max - n - 1; room > 0 {
					kept = append(kept, s[:room])
					n += room + 1
				}
				break
			}
			kept = append(kept, s)
			n += len(s) + 1
		}
		items = kept
	}
	b = app16(b, uint16(n))
	for _, s := range items {
		b = append(append(b, s...), 0)
	}
	return b
}

func appAddr4(b []byte, a netip.Addr) []byte {
	if !a.Is4() {
		return append(b, 0, 0, 0, 0)
	}
	v := a.As4()
	return append(b, v[:]...)
}

func appAddr16(b []byte, a netip.Addr) []byte {
	if !a.IsValid() {
		return append(b, make([]byte, 16)...)
	}
	v := a.As16()
	return append(b, v[:]...)
}

func boolByte(v bool) byte {
	if v {
		return 1
	}
	return 0
}

func (w *Writer) writeMetadata() error {
	// Section header 1.2.
	b := app32(nil, Magic)
	b = app16(b, 1)
	b = app16(b, 2)
	b = app64(b, math.MaxUint64)
	if err := w.block(BlockSectionHeader, b); err != nil {
		return err
	}
	mi := w.opts.Machine
	if mi == nil {
		mi = &MachineInfo{}
	}
	b = app32(nil, mi.NumCPUs)
	b = app64(b, mi.MemoryBytes)
	b = app64(b, mi.MaxPID)
	var host [128]byte
	copy(host[:127], mi.Hostname)
	b = append(b, host[:]...)
	b = app64(b, mi.BootTs)
	b = app64(b, mi.Flags)
	b = app64(b, 0)
	b = app64(b, 0)
	if err := w.block(BlockMachineInfo, b); err != nil {
		return err
	}
	if len(w.opts.Interfaces) > 0 {
		b = b[:0]
		for _, it := range w.opts.Interfaces {
			name := it.Name
			if len(name) > 255 {
				name = name[:255]
			}
			var e []byte
			if it.Addr.Is4() {
				e = app16(e, 1)
				e = app16(e, uint16(len(name)))
				e = appAddr4(e, it.Addr)
				e = appAddr4(e, it.Netmask)
				e = appAddr4(e, it.Bcast)
			} else {
				e = app16(e, 2)
				e = app16(e, uint16(len(name)))
				e = appAddr16(e, it.Addr)
				e = appAddr16(e, it.Netmask)
				e = appAddr16(e, it.Bcast)
			}
			e = app64(e, it.LinkSpeed)
			e = append(e, name...)
			b = app32(b, uint32(len(e))) // the interface entry length does not count itself
			b = append(b, e...)
		}
		if err := w.block(BlockInterfaceListV2, b); err != nil {
			return err
		}
	}
	if len(w.opts.Users)+len(w.opts.Groups) > 0 {
		b = b[:0]
		for _, u := range w.opts.Users {
			e := []byte{0}
			e = app32(e, u.UID)
			e = app32(e, u.GID)
			e = appStrMax(e, u.Name, maxCredentials)
			e = appStrMax(e, u.Home, maxCredentials)
			e = appStrMax(e, u.Shell, maxCredentials)
			b = append(app32(b, uint32(len(e)+4)), e...)
		}
		for _, g := range w.opts.Groups {
			e := []byte{1}
			e = app32(e, g.GID)
			e = appStrMax(e, g.Name, maxCredentials)
			b = append(app32(b, uint32(len(e)+4)), e...)
		}
		if err := w.block(BlockUserListV2, b); err != nil {
			return err
		}
	}
	if len(w.opts.Threads) > 0 {
		b = b[:0]
		for i := range w.opts.Threads {
			e := appThread(nil, &w.opts.Threads[i])
			b = append(app32(b, uint32(len(e)+4)), e...)
		}
		if err := w.block(BlockProcListV9, b); err != nil {
			return err
		}
	}
	// One fd-list block per thread, in the order threads first appear.
	var order []int64
	byTID := map[int64][]int{}
	for i, fd := range w.opts.FDs {
		if _, ok := byTID[fd.TID]; !ok {
			order = append(order, fd.TID)
		}
		byTID[fd.TID] = append(byTID[fd.TID], i)
	}
	for _, tid := range order {
		b = app64(b[:0], uint64(tid))
		for _, i := range byTID[tid] {
			e := appFD(nil, &w.opts.FDs[i])
			b = append(app32(b, uint32(len(e)+4)), e...)
		}
		if err := w.block(BlockFDListV2, b); err != nil {
			return err
		}
	}
	return nil
}

func appThread(e []byte, t *event.ThreadInfo) []byte {
	e = app64(e, uint64(t.TID))
	e = app64(e, uint64(t.PID))
	e = app64(e, uint64(t.PTID))
	e = app64(e, uint64(t.SID))
	e = app64(e, uint64(t.VPGID))
	e = appStrMax(e, t.Comm, maxPath)
	e = appStrMax(e, t.Exe, maxPath)
	e = appStrMax(e, t.ExePath, maxPath)
	e = appListMax(e, t.Args, maxArgs)
	e = appStrMax(e, t.Cwd, maxPath)
	e = app64(e, uint64(t.FDLimit))
	e = app32(e, t.Flags)
	e = app32(e, t.UID)
	e = app32(e, t.GID)
	e = app32(e, t.VMSizeKB)
	e = app32(e, t.VMRSSKB)
	e = app32(e, t.VMSwapKB)
	e = app64(e, t.PFMajor)
	e = app64(e, t.PFMinor)
	e = appListMax(e, t.Env, maxEnv)
	e = app64(e, uint64(t.VTID))
	e = app64(e, uint64(t.VPID))
	e = appListMax(e, t.Cgroups, maxCgroups)
	e = appStrMax(e, t.Root, maxPath)
	e = app64(e, t.PIDNSInitStartTs)
	e = app32(e, t.TTY)
	e = app32(e, t.LoginUID)
	e = append(e, boolByte(t.ExeWritable))
	e = app64(e, t.CapInheritable)
	e = app64(e, t.CapPermitted)
	e = app64(e, t.CapEffective)
	e = append(e, boolByte(t.ExeUpperLayer))
	e = app64(e, t.ExeIno)
	e = app64(e, t.ExeInoCtime)
	e = app64(e, t.ExeInoMtime)
	e = append(e, boolByte(t.ExeFromMemfd), boolByte(t.ExeLowerLayer))
	return app64(e, uint64(t.PGID))
}

func appFD(e []byte, fd *event.FDInfo) []byte {
	e = app64(e, uint64(fd.FD))
	e = app64(e, fd.Ino)
	typ := fd.Type
	if typ == event.FDFile {
		typ = event.FDFileV2
	}
	e = append(e, byte(typ))
	switch typ {
	case event.FDIPv4Sock:
		e = appAddr4(e, fd.SrcAddr)
		e = appAddr4(e, fd.DstAddr)
		e = app16(e, fd.SrcPort)
		e = app16(e, fd.DstPort)
		e = append(e, fd.L4Proto)
	case event.FDIPv4Server:
		e = appAddr4(e, fd.DstAddr)
		e = app16(e, fd.DstPort)
		e = append(e, fd.L4Proto)
	case event.FDIPv6Sock:
		e = appAddr16(e, fd.SrcAddr)
		e = appAddr16(e, fd.DstAddr)
		e = app16(e, fd.SrcPort)
		e = app16(e, fd.DstPort)
		e = append(e, fd.L4Proto)
	case event.FDIPv6Server:
		e = appAddr16(e, fd.DstAddr)
		e = app16(e, fd.DstPort)
		e = append(e, fd.L4Proto)
	case event.FDUnixSock:
		e = app64(e, fd.Source)
		e = app64(e, fd.Dest)
		e = appStrMax(e, fd.Name, maxPath)
	case event.FDFileV2:
		e = app32(e, fd.Flags)
		e = appStrMax(e, fd.Name, maxPath)
		e = app32(e, fd.Dev)
	default:
		e = appStrMax(e, fd.Name, maxPath)
	}
	return e
}

// Write writes one event. With OldEnterEvents, the enter event that old readers expect is written first.
func (w *Writer) Write(e *event.Event) error {
	if w.err != nil {
		return w.err
	}
	if w.opts.OldEnterEvents && e.Dir() == event.Exit {
		if err := w.writeOldEnter(e); err != nil {
			return err
		}
	}
	rec, err := e.AppendRaw(w.rec[:0])
	if err != nil {
		return fmt.Errorf("write event %d: %w", e.Num, err)
	}
	w.rec = rec
	if w.opts.OldEnterEvents {
		w.last[e.TID] = e.Type
	}
	return w.writeRecord(e.CPU, e.DumpFlags, e.Type, rec)
}

// WriteRecord writes one raw event record (header, lengths, values), such as the eBPF probe emits, as an
// event block of the given CPU.
func (w *Writer) WriteRecord(cpu uint16, rec []byte) error {
	if len(rec) < event.HeaderSize {
		return fmt.Errorf("write event record: %w: %d bytes", event.ErrTruncated, len(rec))
	}
	typ := event.Type(binary.LittleEndian.Uint16(rec[20:]))
	return w.writeRecord(cpu, 0, typ, rec)
}

func (w *Writer) writeRecord(cpu uint16, flags uint32, typ event.Type, rec []byte) error {
	large := false
	if info, ok := event.Lookup(typ); ok && info.Flags&event.FlagLargePayload != 0 {
		large = true
	}
	b := app16(w.buf[:0], cpu)
	var bt uint32
	switch {
	case flags != 0 && large:
		bt = BlockEventFlagsV2Large
	case flags != 0:
		bt = BlockEventFlagsV2
	case large:
		bt = BlockEventV2Large
	default:
		bt = BlockEventV2
	}
	if flags != 0 {
		b = app32(b, flags)
	}
	b = append(b, rec...)
	w.buf = b
	if !large && len(b)+12 > maxEventBlockLen {
		return fmt.Errorf("write event type %d: %d bytes exceed the event block limit", typ, len(b))
	}
	return w.block(bt, b)
}

// writeOldEnter writes the enter event matching exit event e, its parameters filled from e's by name.
func (w *Writer) writeOldEnter(e *event.Event) error {
	enter := e.Type - 1
	xi, ok := event.Lookup(e.Type)
	if !ok {
		return nil
	}
	ei, _ := event.Lookup(enter)
	if ei.Name != xi.Name || ei.Flags&event.FlagUnused != 0 || ei.Name == "NA" {
		return nil
	}
	if last, ok := w.last[e.TID]; ok && last == enter {
		return nil
	}
	w.params = w.params[:0]
	for _, p := range ei.Params {
		v := e.ParamByName(p.Name)
		if v == nil {
			v = w.zeros[:p.Type.Size()]
		}
		w.params = append(w.params, v)
	}
	rec, err := event.AppendRecord(w.rec[:0], e.Ts, e.TID, enter, w.params...)
	if err != nil {
		return fmt.Errorf("write enter event for event %d: %w", e.Num, err)
	}
	w.rec = rec
	return w.writeRecord(e.CPU, 0, enter, rec)
}

// Flush writes buffered blocks to the underlying writer.
func (w *Writer) Flush() error {
	if w.err != nil {
		return w.err
	}
	if err := w.w.Flush(); err != nil {
		w.err = fmt.Errorf("write capture: %w", err)
		return w.err
	}
	if w.gz != nil {
		if err := w.gz.Flush(); err != nil {
			w.err = fmt.Errorf("write capture: %w", err)
		}
	}
	return w.err
}

// Close flushes the capture and ends the gzip stream; it does not close the underlying writer.
func (w *Writer) Close() error {
	err := w.Flush()
	if w.gz != nil {
		if cerr := w.gz.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("write capture: %w", cerr)
		}
	}
	if err == nil {
		w.err = errors.New("write capture: writer closed")
	}
	return err
}
