package event

import (
	"encoding/binary"
	"fmt"
	"math"
	"net/netip"
)

// AppendRaw appends e as a raw record (header, parameter lengths, values) to dst: the inverse of Decode.
func (e *Event) AppendRaw(dst []byte) ([]byte, error) {
	return AppendRecord(dst, e.Ts, e.TID, e.Type, e.params...)
}

// AppendRecord appends one raw event record with the given header fields and parameter values to dst.
func AppendRecord(dst []byte, ts, tid int64, t Type, params ...[]byte) ([]byte, error) {
	if len(params) > MaxParams {
		return dst, fmt.Errorf("encode event type %d: %d parameters, at most %d allowed", t, len(params), MaxParams)
	}
	width := 2
	if largePayload(t) {
		width = 4
	}
	total := HeaderSize + width*len(params)
	for i, p := range params {
		if width == 2 && len(p) > math.MaxUint16 {
			return dst, fmt.Errorf("encode event type %d: parameter %d is %d bytes, more than a u16 length allows", t, i, len(p))
		}
		total += len(p)
	}
	if total > math.MaxUint32 {
		return dst, fmt.Errorf("encode event type %d: record of %d bytes is too large", t, total)
	}
	dst = binary.LittleEndian.AppendUint64(dst, uint64(ts))
	dst = binary.LittleEndian.AppendUint64(dst, uint64(tid))
	dst = binary.LittleEndian.AppendUint32(dst, uint32(total))
	dst = binary.LittleEndian.AppendUint16(dst, uint16(t))
	dst = binary.LittleEndian.AppendUint32(dst, uint32(len(params)))
	for _, p := range params {
		if width == 4 {
			dst = binary.LittleEndian.AppendUint32(dst, uint32(len(p)))
		} else {
			dst = binary.LittleEndian.AppendUint16(dst, uint16(len(p)))
		}
	}
	for _, p := range params {
		dst = append(dst, p...)
	}
	return dst, nil
}

// U8 encodes an 8-bit parameter value.
func U8(v uint8) []byte { return []byte{v} }

// U16 encodes a 16-bit parameter value.
func U16(v uint16) []byte { return binary.LittleEndian.AppendUint16(nil, v) }

// U32 encodes a 32-bit parameter value.
func U32(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }

// U64 encodes a 64-bit parameter value.
func U64(v uint64) []byte { return binary.LittleEndian.AppendUint64(nil, v) }

// I64 encodes a signed 64-bit parameter value (ERRNO, FD, PID, INT64).
func I64(v int64) []byte { return binary.LittleEndian.AppendUint64(nil, uint64(v)) }

// CStr encodes a CHARBUF or path parameter: the bytes and a terminating NUL.
func CStr(s string) []byte { return append([]byte(s), 0) }

// NULList encodes a list (execve args, env, cgroups) as NUL-terminated strings back to back.
func NULList(items ...string) []byte {
	var b []byte
	for _, s := range items {
		b = append(b, s...)
		b = append(b, 0)
	}
	return b
}

// SockAddrInet encodes a SOCKADDR parameter for an IPv4 or IPv6 address and port.
func SockAddrInet(a netip.AddrPort) []byte {
	ip := a.Addr()
	if ip.Is4() {
		b := append([]byte{AFInet}, ip.AsSlice()...)
		return binary.LittleEndian.AppendUint16(b, a.Port())
	}
	b := append([]byte{AFInet6}, as16(ip)...)
	return binary.LittleEndian.AppendUint16(b, a.Port())
}

// SockAddrUnix encodes a SOCKADDR parameter for a unix socket path.
func SockAddrUnix(path string) []byte { return append(append([]byte{AFUnix}, path...), 0) }

// SockTupleInet encodes a SOCKTUPLE parameter for a source and destination of the same IP family.
func SockTupleInet(src, dst netip.AddrPort) []byte {
	if src.Addr().Is4() && dst.Addr().Is4() {
		b := append([]byte{AFInet}, src.Addr().AsSlice()...)
		b = binary.LittleEndian.AppendUint16(b, src.Port())
		b = append(b, dst.Addr().AsSlice()...)
		return binary.LittleEndian.AppendUint16(b, dst.Port())
	}
	b := append([]byte{AFInet6}, as16(src.Addr())...)
	b = binary.LittleEndian.AppendUint16(b, src.Port())
	b = append(b, as16(dst.Addr())...)
	return binary.LittleEndian.AppendUint16(b, dst.Port())
}

// SockTupleUnix encodes a SOCKTUPLE parameter for a unix socket.
func SockTupleUnix(source, dest uint64, path string) []byte {
	b := []byte{AFUnix}
	b = binary.LittleEndian.AppendUint64(b, source)
	b = binary.LittleEndian.AppendUint64(b, dest)
	return append(append(b, path...), 0)
}

func as16(a netip.Addr) []byte {
	b := a.As16()
	return b[:]
}
