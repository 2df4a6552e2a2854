package scap

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/aerie-sec/aerie/engine/event"
)

// Size limits guarding against corrupt lengths; memory grows only as bytes actually arrive.
const (
	maxBlockLen      = 1 << 30 // any block
	maxEventBlockLen = 1 << 24 // event blocks without the large-payload flag
	readBufferSize   = 1 << 16
)

// BlockStat counts the blocks of one type.
type BlockStat struct {
	Type  uint32
	Name  string
	Count int64
	Bytes int64 // total block lengths
}

// Reader reads a .scap capture. It is not safe for concurrent use.
type Reader struct {
	br       *bufio.Reader
	gz       *gzip.Reader
	file     *os.File
	gzip     bool
	off      int64 // offset of the next block in the decompressed stream
	hdr      [8]byte
	buf      []byte
	ev       event.Event
	num      int64
	meta     Metadata
	stats    []BlockStat
	idx      map[uint32]int
	lastStat int // index in stats of the last block type counted
	skips    int64
	err      error // sticky: io.EOF or a *FormatError
	events   bool  // an event block has been seen

	pending    bool // a block has been read by NewReader and awaits Next
	pendType   uint32
	pendOff    int64
	pendLength uint32
}

// Open opens the capture at path; Close releases it.
func Open(ctx context.Context, path string) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open capture: %w", err)
	}
	r, err := NewReader(ctx, f)
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("open capture %s: %w", path, err)
	}
	r.file = f
	return r, nil
}

// NewReader starts reading a capture from src, decompressing it if it is gzipped, and reads the section
// header and the metadata blocks before the first event, so Metadata is complete for captures whose
// metadata precedes the events (all writers do so).
func NewReader(ctx context.Context, src io.Reader) (*Reader, error) {
	r := &Reader{br: bufio.NewReaderSize(src, readBufferSize), idx: map[uint32]int{}}
	if magic, err := r.br.Peek(2); err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(r.br)
		if err != nil {
			return nil, fmt.Errorf("read gzip header: %w", err)
		}
		gz.Multistream(true)
		r.gz = gz
		r.gzip = true
		r.br = bufio.NewReaderSize(gz, readBufferSize)
	}
	typ, length, off, err := r.readHeader()
	if errors.Is(err, io.EOF) {
		return nil, &FormatError{Offset: 0, Err: errors.New("empty file: no section header")}
	}
	if err != nil && (typ == 0 || typ == BlockSectionHeader) {
		return nil, err
	}
	if typ != BlockSectionHeader {
		return nil, &FormatError{Offset: off, Block: typ, Err: errors.New("not a scap file: the first block is not a section header")}
	}
	if err := r.readBlock(typ, length, off); err != nil {
		return nil, err
	}
	// Read metadata up to the first event block, which is left pending for Next.
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		typ, length, off, err := r.readHeader()
		if errors.Is(err, io.EOF) {
			r.err = io.EOF
			return r, nil
		}
		if err != nil {
			return nil, err
		}
		if isEventBlock(typ) {
			r.pending, r.pendType, r.pendLength, r.pendOff = true, typ, length, off
			return r, nil
		}
		if err := r.readBlock(typ, length, off); err != nil {
			return nil, err
		}
	}
}

// Close releases the file opened by Open and the decompressor.
func (r *Reader) Close() error {
	var err error
	if r.gz != nil {
		err = r.gz.Close()
	}
	if r.file != nil {
		if cerr := r.file.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("close capture: %w", cerr)
		}
	}
	return err
}

// Compressed reports whether the capture is gzip-compressed.
func (r *Reader) Compressed() bool { return r.gzip }

// Metadata returns the metadata read so far (all of it once NewReader returns, for ordinary captures).
// Metadata blocks met after events (concatenated captures) are appended when Next reaches them.
func (r *Reader) Metadata() *Metadata { return &r.meta }

// Blocks returns block counts by type, in the order the types were first met.
func (r *Reader) Blocks() []BlockStat { return slices.Clone(r.stats) }

// Skipped returns how many events of types beyond the event table were skipped.
func (r *Reader) Skipped() int64 { return r.skips }

// Offset returns the offset, in the decompressed stream, of the next block to read.
func (r *Reader) Offset() int64 { return r.off }

// Next returns the next event, valid until the following call; io.EOF at the end of the capture. After an
// error every later call returns the same error.
func (r *Reader) Next(ctx context.Context) (*event.Event, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for {
		var typ, length uint32
		var off int64
		if r.pending {
			typ, length, off = r.pendType, r.pendLength, r.pendOff
			r.pending = false
		} else {
			if r.err != nil {
				return nil, r.err
			}
			var err error
			typ, length, off, err = r.readHeader()
			if err != nil {
				r.err = err
				return nil, err
			}
		}
		if !isEventBlock(typ) {
			if err := r.readBlock(typ, length, off); err != nil {
				r.err = err
				return nil, err
			}
			continue
		}
		ok, err := r.readEvent(typ, length, off)
		if err != nil {
			r.err = err
			return nil, err
		}
		if ok {
			return &r.ev, nil
		}
	}
}

// readHeader reads a block's type and total length.
func (r *Reader) readHeader() (typ, length uint32, off int64, err error) {
	off = r.off
	n, err := io.ReadFull(r.br, r.hdr[:])
	if err != nil {
		if n == 0 && errors.Is(err, io.EOF) {
			return 0, 0, off, io.EOF
		}
		return 0, 0, off, &FormatError{Offset: off, Err: fmt.Errorf("truncated block header (%d of 8 bytes): %w", n, r.cause(err))}
	}
	typ = binary.LittleEndian.Uint32(r.hdr[0:])
	length = binary.LittleEndian.Uint32(r.hdr[4:])
	if length < 12 {
		return typ, length, off, &FormatError{Offset: off, Block: typ, Err: fmt.Errorf("block length %d is below the minimum 12", length)}
	}
	limit := uint32(maxBlockLen)
	if typ == BlockEventV1 || typ == BlockEventV1Legacy || typ == BlockEventV2 || typ == BlockEventFlagsV1 || typ == BlockEventFlagsV2 {
		limit = maxEventBlockLen
	}
	if length > limit {
		return typ, length, off, &FormatError{Offset: off, Block: typ, Err: fmt.Errorf("block length %d exceeds the limit %d", length, limit)}
	}
	return typ, length, off, nil
}

// cause turns a bare EOF inside a block into io.ErrUnexpectedEOF and keeps decompression errors.
func (r *Reader) cause(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

// readBody reads the rest of a block (body, padding and trailer) into r.buf, growing it only as data arrives.
func (r *Reader) readBody(typ, length uint32, off int64) ([]byte, error) {
	n := int(length) - 8
	if n <= cap(r.buf) {
		b := r.buf[:n]
		if m, err := io.ReadFull(r.br, b); err != nil {
			r.off += 8 + int64(m)
			return nil, &FormatError{Offset: off, Block: typ, Err: fmt.Errorf("truncated block: %d of %d bytes: %w", 8+m, length, r.cause(err))}
		}
		r.off += int64(length)
		return r.checkTrailer(b, typ, length, off)
	}
	b := r.buf[:0]
	for len(b) < n {
		chunk := min(n-len(b), max(readBufferSize, len(b)))
		b = slices.Grow(b, chunk)
		m, err := io.ReadFull(r.br, b[len(b):len(b)+chunk])
		b = b[:len(b)+m]
		if err != nil {
			r.buf = b[:0]
			r.off += 8 + int64(len(b))
			return nil, &FormatError{Offset: off, Block: typ, Err: fmt.Errorf("truncated block: %d of %d bytes: %w", 8+len(b), length, r.cause(err))}
		}
	}
	r.buf = b[:0]
	r.off += int64(length)
	return r.checkTrailer(b, typ, length, off)
}

func (r *Reader) checkTrailer(b []byte, typ, length uint32, off int64) ([]byte, error) {
	if t := binary.LittleEndian.Uint32(b[len(b)-4:]); t != length {
		return nil, &FormatError{Offset: off, Block: typ, Err: fmt.Errorf("trailing length %d differs from the block length %d", t, length)}
	}
	return b[:len(b)-4], nil
}

func (r *Reader) count(typ, length uint32) {
	if n := len(r.stats); n > 0 && r.stats[r.lastStat].Type == typ {
		r.stats[r.lastStat].Count++
		r.stats[r.lastStat].Bytes += int64(length)
		return
	}
	i, ok := r.idx[typ]
	if !ok {
		i = len(r.stats)
		r.idx[typ] = i
		r.stats = append(r.stats, BlockStat{Type: typ, Name: BlockName(typ)})
	}
	r.stats[i].Count++
	r.stats[i].Bytes += int64(length)
	r.lastStat = i
}

// readBlock reads and parses a non-event block.
func (r *Reader) readBlock(typ, length uint32, off int64) error {
	body, err := r.readBody(typ, length, off)
	if err != nil {
		return err
	}
	r.count(typ, length)
	fail := func(err error) error { return &FormatError{Offset: off, Block: typ, Err: err} }
	switch typ {
	case BlockSectionHeader:
		c := &cursor{b: body}
		magic := c.u32("magic")
		sh := SectionHeader{Major: c.u16("major"), Minor: c.u16("minor"), Offset: off}
		c.u64("section_length")
		if c.err != nil {
			return fail(c.err)
		}
		if magic == 0x4D3C2B1A {
			return fail(errors.New("byte-swapped section header: captures from big-endian hosts are not supported"))
		}
		if magic != Magic {
			return fail(fmt.Errorf("invalid magic number 0x%08x", magic))
		}
		if sh.Major != 1 {
			return fail(fmt.Errorf("unsupported format version %d.%d", sh.Major, sh.Minor))
		}
		sh.Options = c.left()
		r.meta.Sections = append(r.meta.Sections, sh)
	case BlockMachineInfo, BlockMachineInfoLegacy:
		mi, err := parseMachineInfo(body)
		if err != nil {
			return fail(err)
		}
		r.meta.Machine = mi
	case BlockProcListV1, BlockProcListV1Legacy, BlockProcListV2, BlockProcListV2Legacy, BlockProcListV3,
		BlockProcListV3Legacy, BlockProcListV4, BlockProcListV5, BlockProcListV6, BlockProcListV7,
		BlockProcListV8, BlockProcListV9:
		if r.meta.Threads, err = parseProcList(body, procVersion(typ), r.meta.Threads); err != nil {
			return fail(err)
		}
	case BlockFDListV1, BlockFDListV1Legacy, BlockFDListV2:
		if r.meta.FDs, err = parseFDList(body, typ == BlockFDListV2, r.meta.FDs); err != nil {
			return fail(err)
		}
	case BlockInterfaceListV1, BlockInterfaceListV1Legacy, BlockInterfaceListV2:
		if r.meta.Interfaces, err = parseInterfaceList(body, typ == BlockInterfaceListV2, r.meta.Interfaces); err != nil {
			return fail(err)
		}
	case BlockUserListV1, BlockUserListV1Legacy, BlockUserListV2:
		if r.meta.Users, r.meta.Groups, err = parseUserList(body, typ == BlockUserListV2, r.meta.Users, r.meta.Groups); err != nil {
			return fail(err)
		}
	}
	// Unknown block types are skipped by their length.
	return nil
}

// readEvent reads an event block into r.ev; ok is false for events skipped because their type is unknown.
func (r *Reader) readEvent(typ, length uint32, off int64) (ok bool, err error) {
	body, err := r.readBody(typ, length, off)
	if err != nil {
		return false, err
	}
	r.count(typ, length)
	r.events = true
	hdr := 2
	flagged := typ == BlockEventFlagsV1 || typ == BlockEventFlagsV2 || typ == BlockEventFlagsV2Large
	if flagged {
		hdr = 6
	}
	v1 := typ == BlockEventV1 || typ == BlockEventV1Legacy || typ == BlockEventFlagsV1
	minHdr := event.HeaderSize
	if v1 {
		minHdr = event.HeaderSizeV1
	}
	if len(body) < hdr+minHdr {
		return false, &FormatError{Offset: off, Block: typ, Err: fmt.Errorf("event block body of %d bytes is shorter than its headers (%d)", len(body), hdr+minHdr)}
	}
	rec := body[hdr:]
	if t := event.Type(binary.LittleEndian.Uint16(rec[20:])); t >= event.MaxType {
		r.skips++
		return false, nil
	}
	if v1 {
		err = r.ev.DecodeV1(rec)
	} else {
		err = r.ev.Decode(rec)
	}
	if err != nil {
		return false, &FormatError{Offset: off, Block: typ, Err: err}
	}
	r.num++
	r.ev.Num = r.num
	r.ev.CPU = binary.LittleEndian.Uint16(body)
	r.ev.DumpFlags = 0
	if flagged {
		r.ev.DumpFlags = binary.LittleEndian.Uint32(body[2:])
	}
	return true, nil
}
