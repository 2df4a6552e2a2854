package event

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"net/netip"
)

// HeaderSize is the size of the event header (ts u64, tid u64, len u32, type u16, nparams u32).
const HeaderSize = 26

// HeaderSizeV1 is the size of the header of version-1 event blocks, which lack nparams.
const HeaderSizeV1 = 22

// MaxParams bounds the parameter count accepted from a record; libs events have at most 32.
const MaxParams = 64

// ErrTruncated reports a record shorter than its header or parameter lengths say.
var ErrTruncated = errors.New("truncated event")

// Event is one decoded event. Its parameter slices point into the buffer it was decoded from, so an Event
// returned by a Source is valid only until the source's next call; Clone makes a lasting copy.
type Event struct {
	Num  int64 // sequence number in its source, from 1
	Ts   int64 // time in ns since the epoch
	TID  int64 // thread id in the initial pid namespace
	Type Type
	CPU  uint16
	// DumpFlags are the .scap dump flags of an event-with-flags block (1 = state only), else 0.
	DumpFlags uint32

	params [][]byte
	own    []byte // parameter bytes owned by a copy made with CopyFrom
}

// Info returns the table entry for e's type, or nil for a type beyond the table.
func (e *Event) Info() *Info {
	if e.Type >= MaxType {
		return nil
	}
	return &table[e.Type]
}

// Name returns the event name ("open"), or "unknown".
func (e *Event) Name() string { return e.Type.Name() }

// Dir returns the event direction.
func (e *Event) Dir() Direction { return e.Type.Dir() }

// NumParams returns how many parameters the record carried.
func (e *Event) NumParams() int { return len(e.params) }

// Param returns the raw bytes of parameter i; nil when the record has no such parameter, and empty when
// the parameter was sent empty.
func (e *Event) Param(i int) []byte {
	if i < 0 || i >= len(e.params) {
		return nil
	}
	return e.params[i]
}

// ParamIndex returns the index of the parameter called name in e's type, or -1.
func (e *Event) ParamIndex(name string) int {
	if e.Type >= MaxType {
		return -1
	}
	return table[e.Type].ParamIndex(name)
}

// ParamByName returns the raw bytes of the parameter called name, or nil.
func (e *Event) ParamByName(name string) []byte { return e.Param(e.ParamIndex(name)) }

// Uint returns parameter i as an unsigned integer of its encoded width (1, 2, 4 or 8 bytes).
func (e *Event) Uint(i int) (uint64, bool) { return DecodeUint(e.Param(i)) }

// DecodeUint decodes a little-endian unsigned integer parameter of 1, 2, 4 or 8 bytes.
func DecodeUint(b []byte) (uint64, bool) {
	switch len(b) {
	case 1:
		return uint64(b[0]), true
	case 2:
		return uint64(binary.LittleEndian.Uint16(b)), true
	case 4:
		return uint64(binary.LittleEndian.Uint32(b)), true
	case 8:
		return binary.LittleEndian.Uint64(b), true
	}
	return 0, false
}

// Int returns parameter i as a signed integer, sign-extended from its encoded width.
func (e *Event) Int(i int) (int64, bool) { return DecodeInt(e.Param(i)) }

// DecodeInt decodes a little-endian signed integer parameter of 1, 2, 4 or 8 bytes, sign-extended.
func DecodeInt(b []byte) (int64, bool) {
	switch len(b) {
	case 1:
		return int64(int8(b[0])), true
	case 2:
		return int64(int16(binary.LittleEndian.Uint16(b))), true
	case 4:
		return int64(int32(binary.LittleEndian.Uint32(b))), true
	case 8:
		return int64(binary.LittleEndian.Uint64(b)), true
	}
	return 0, false
}

// Float returns a DOUBLE parameter.
func (e *Event) Float(i int) (float64, bool) {
	b := e.Param(i)
	if len(b) != 8 {
		return 0, false
	}
	return math.Float64frombits(binary.LittleEndian.Uint64(b)), true
}

// Bytes returns parameter i without a trailing NUL: the text of a CHARBUF or path parameter without
// allocating. The slice aliases the event's buffer.
func (e *Event) Bytes(i int) []byte {
	b := e.Param(i)
	if n := len(b); n > 0 && b[n-1] == 0 {
		return b[:n-1]
	}
	return b
}

// Str returns a string parameter as a Go string (it allocates; use Bytes on hot paths).
func (e *Event) Str(i int) string { return string(e.Bytes(i)) }

// List splits a NUL-separated BYTEBUF parameter (execve args, env, cgroups) into strings.
func (e *Event) List(i int) []string { return SplitNUL(e.Param(i)) }

// SplitNUL splits NUL-separated (and optionally NUL-terminated) strings.
func SplitNUL(b []byte) []string {
	if len(b) == 0 {
		return nil
	}
	if b[len(b)-1] == 0 {
		b = b[:len(b)-1]
	}
	var out []string
	start := 0
	for k, c := range b {
		if c == 0 {
			out = append(out, string(b[start:k]))
			start = k + 1
		}
	}
	return append(out, string(b[start:]))
}

// Socket address families as the drivers encode them (PPM_AF_*).
const (
	AFUnspec  = 0
	AFUnix    = 1
	AFInet    = 2
	AFInet6   = 10
	AFNetlink = 16
)

// SockAddr is a decoded SOCKADDR parameter.
type SockAddr struct {
	Family uint8
	Addr   netip.Addr // inet and inet6
	Port   uint16
	Path   []byte // unix; aliases the event buffer
}

// SockAddr decodes a SOCKADDR parameter.
func (e *Event) SockAddr(i int) (SockAddr, bool) {
	b := e.Param(i)
	if len(b) < 1 {
		return SockAddr{}, false
	}
	sa := SockAddr{Family: b[0]}
	switch b[0] {
	case AFInet:
		if len(b) < 7 {
			return sa, false
		}
		sa.Addr = netip.AddrFrom4([4]byte(b[1:5]))
		sa.Port = binary.LittleEndian.Uint16(b[5:7])
	case AFInet6:
		if len(b) < 19 {
			return sa, false
		}
		sa.Addr = netip.AddrFrom16([16]byte(b[1:17])).Unmap()
		sa.Port = binary.LittleEndian.Uint16(b[17:19])
	case AFUnix:
		sa.Path = trimNUL(b[1:])
	}
	return sa, true
}

// SockTuple is a decoded SOCKTUPLE parameter. For connect the source is the local end; for accept, the peer.
type SockTuple struct {
	Family       uint8
	SrcAddr      netip.Addr
	SrcPort      uint16
	DstAddr      netip.Addr
	DstPort      uint16
	Source, Dest uint64 // unix socket kernel pointers
	Path         []byte // unix; aliases the event buffer
}

// SockTuple decodes a SOCKTUPLE parameter.
func (e *Event) SockTuple(i int) (SockTuple, bool) {
	b := e.Param(i)
	if len(b) < 1 {
		return SockTuple{}, false
	}
	st := SockTuple{Family: b[0]}
	switch b[0] {
	case AFInet:
		if len(b) < 13 {
			return st, false
		}
		st.SrcAddr = netip.AddrFrom4([4]byte(b[1:5]))
		st.SrcPort = binary.LittleEndian.Uint16(b[5:7])
		st.DstAddr = netip.AddrFrom4([4]byte(b[7:11]))
		st.DstPort = binary.LittleEndian.Uint16(b[11:13])
	case AFInet6:
		if len(b) < 37 {
			return st, false
		}
		st.SrcAddr = netip.AddrFrom16([16]byte(b[1:17])).Unmap()
		st.SrcPort = binary.LittleEndian.Uint16(b[17:19])
		st.DstAddr = netip.AddrFrom16([16]byte(b[19:35])).Unmap()
		st.DstPort = binary.LittleEndian.Uint16(b[35:37])
	case AFUnix:
		if len(b) < 17 {
			return st, false
		}
		st.Source = binary.LittleEndian.Uint64(b[1:9])
		st.Dest = binary.LittleEndian.Uint64(b[9:17])
		st.Path = trimNUL(b[17:])
	}
	return st, true
}

// FDListEntry is one entry of an FDLIST parameter (poll, select).
type FDListEntry struct {
	FD    int64
	Flags uint16
}

// FDList decodes an FDLIST parameter.
func (e *Event) FDList(i int) ([]FDListEntry, bool) {
	b := e.Param(i)
	if len(b) < 2 {
		return nil, false
	}
	n := int(binary.LittleEndian.Uint16(b))
	if len(b) < 2+n*10 {
		return nil, false
	}
	out := make([]FDListEntry, n)
	for k := range out {
		p := b[2+k*10:]
		out[k] = FDListEntry{FD: int64(binary.LittleEndian.Uint64(p)), Flags: binary.LittleEndian.Uint16(p[8:])}
	}
	return out, true
}

// Dyn decodes a DYN parameter: the sub-type selected by its index byte and the value bytes.
func (e *Event) Dyn(i int) (ParamInfo, []byte, bool) {
	b := e.Param(i)
	info := e.Info()
	if len(b) < 1 || info == nil || i >= len(info.Params) {
		return ParamInfo{}, nil, false
	}
	dyn := info.Params[i].Dyn
	if int(b[0]) >= len(dyn) {
		return ParamInfo{}, nil, false
	}
	return dyn[b[0]], b[1:], true
}

func trimNUL(b []byte) []byte {
	for k, c := range b {
		if c == 0 {
			return b[:k]
		}
	}
	return b
}

// largePayload reports whether records of type t use u32 parameter lengths.
func largePayload(t Type) bool {
	return t < MaxType && table[t].Flags&FlagLargePayload != 0
}

// Decode decodes one raw event record (header, parameter lengths, values) as laid out in a .scap event
// block body after the cpu id, and as the eBPF probe emits it. The Event aliases raw.
func Decode(raw []byte) (Event, error) {
	var e Event
	err := e.Decode(raw)
	return e, err
}

// Decode decodes raw into e, reusing e's parameter slice so that steady-state decoding does not allocate.
// Num, CPU and DumpFlags are left for the caller to set. e aliases raw.
func (e *Event) Decode(raw []byte) error {
	if len(raw) < HeaderSize {
		return fmt.Errorf("decode event: %w: %d bytes, header needs %d", ErrTruncated, len(raw), HeaderSize)
	}
	e.Ts = int64(binary.LittleEndian.Uint64(raw[0:]))
	e.TID = int64(binary.LittleEndian.Uint64(raw[8:]))
	n := binary.LittleEndian.Uint32(raw[16:])
	e.Type = Type(binary.LittleEndian.Uint16(raw[20:]))
	np := binary.LittleEndian.Uint32(raw[22:])
	if uint64(n) > uint64(len(raw)) || n < HeaderSize {
		return fmt.Errorf("decode event type %d: %w: length field %d, record %d bytes", e.Type, ErrTruncated, n, len(raw))
	}
	if np > MaxParams {
		return fmt.Errorf("decode event type %d: %d parameters, at most %d allowed", e.Type, np, MaxParams)
	}
	return e.decodeParams(raw[:n], HeaderSize, int(np))
}

// DecodeV1 decodes a record with the version-1 header (no nparams field), as found in old event blocks,
// inferring the parameter count from the lengths.
func (e *Event) DecodeV1(raw []byte) error {
	if len(raw) < HeaderSizeV1 {
		return fmt.Errorf("decode event: %w: %d bytes, header needs %d", ErrTruncated, len(raw), HeaderSizeV1)
	}
	e.Ts = int64(binary.LittleEndian.Uint64(raw[0:]))
	e.TID = int64(binary.LittleEndian.Uint64(raw[8:]))
	n := binary.LittleEndian.Uint32(raw[16:])
	e.Type = Type(binary.LittleEndian.Uint16(raw[20:]))
	if uint64(n) > uint64(len(raw)) || n < HeaderSizeV1 {
		return fmt.Errorf("decode event type %d: %w: length field %d, record %d bytes", e.Type, ErrTruncated, n, len(raw))
	}
	raw = raw[:n]
	// Each parameter adds its length field and its value, so the total grows strictly with the count:
	// at most one count fits the record exactly.
	width := 2
	if largePayload(e.Type) {
		width = 4
	}
	body := raw[HeaderSizeV1:]
	sum := 0
	for np := 0; np <= MaxParams; np++ {
		if np*width+sum == len(body) {
			return e.decodeParams(raw, HeaderSizeV1, np)
		}
		if (np+1)*width > len(body) {
			break
		}
		sum += int(lenAt(body, np, width))
		if np*width+sum > len(body) {
			break
		}
	}
	return fmt.Errorf("decode event type %d: parameter lengths do not add up to the record length %d", e.Type, n)
}

func lenAt(b []byte, i, width int) uint32 {
	if width == 4 {
		return binary.LittleEndian.Uint32(b[i*4:])
	}
	return uint32(binary.LittleEndian.Uint16(b[i*2:]))
}

func (e *Event) decodeParams(raw []byte, hdr, np int) error {
	width := 2
	if largePayload(e.Type) {
		width = 4
	}
	lens := raw[hdr:]
	if np*width > len(lens) {
		return fmt.Errorf("decode event type %d: %w: %d parameter lengths need %d bytes, %d left", e.Type, ErrTruncated, np, np*width, len(lens))
	}
	off := hdr + np*width
	if cap(e.params) < np {
		e.params = make([][]byte, np, max(np, 32))
	}
	e.params = e.params[:np]
	for i := range np {
		l := int(lenAt(lens, i, width))
		if l > len(raw)-off {
			e.params = e.params[:0]
			return fmt.Errorf("decode event type %d: %w: parameter %d has length %d, %d bytes left", e.Type, ErrTruncated, i, l, len(raw)-off)
		}
		e.params[i] = raw[off : off+l : off+l]
		off += l
	}
	return nil
}

// Clone returns a copy of e that owns its parameter bytes.
func (e *Event) Clone() *Event {
	c := *e
	c.own = nil
	c.params = make([][]byte, len(e.params))
	total := 0
	for _, p := range e.params {
		total += len(p)
	}
	buf := make([]byte, 0, total)
	for i, p := range e.params {
		start := len(buf)
		buf = append(buf, p...)
		c.params[i] = buf[start:len(buf):len(buf)]
	}
	return &c
}

// CopyFrom makes e a copy of src that owns its parameter bytes, reusing e's buffers, so that keeping
// the latest event of a kind (an old enter event for its exit) does not allocate once they have grown.
func (e *Event) CopyFrom(src *Event) {
	own, params := e.own[:0], e.params[:0]
	for _, p := range src.params {
		own = append(own, p...)
	}
	off := 0
	for _, p := range src.params {
		if p == nil {
			params = append(params, nil)
			continue
		}
		params = append(params, own[off:off+len(p):off+len(p)])
		off += len(p)
	}
	*e = Event{Num: src.Num, Ts: src.Ts, TID: src.TID, Type: src.Type, CPU: src.CPU, DumpFlags: src.DumpFlags,
		params: params, own: own}
}

// SetParams replaces e's parameters with params (not copied), for building events to encode.
func (e *Event) SetParams(params ...[]byte) { e.params = params }

// StateOnly reports whether the event was kept in a capture only to rebuild state (dump flag 1, written for
// events a filtered capture left out): libsinsp applies it to the state but neither shows nor evaluates it.
func (e *Event) StateOnly() bool { return e.DumpFlags&1 != 0 }
