package scap

import (
	"encoding/binary"
	"fmt"
)

// cursor reads little-endian fields from a block body, remembering the first overrun.
type cursor struct {
	b   []byte
	off int
	err error
}

func (c *cursor) need(n int, what string) bool {
	if c.err != nil {
		return false
	}
	if n < 0 || len(c.b)-c.off < n {
		c.err = fmt.Errorf("%s at body offset %d needs %d bytes, %d left", what, c.off, n, len(c.b)-c.off)
		return false
	}
	return true
}

func (c *cursor) left() int { return len(c.b) - c.off }

func (c *cursor) u8(what string) uint8 {
	if !c.need(1, what) {
		return 0
	}
	v := c.b[c.off]
	c.off++
	return v
}

func (c *cursor) u16(what string) uint16 {
	if !c.need(2, what) {
		return 0
	}
	v := binary.LittleEndian.Uint16(c.b[c.off:])
	c.off += 2
	return v
}

func (c *cursor) u32(what string) uint32 {
	if !c.need(4, what) {
		return 0
	}
	v := binary.LittleEndian.Uint32(c.b[c.off:])
	c.off += 4
	return v
}

func (c *cursor) u64(what string) uint64 {
	if !c.need(8, what) {
		return 0
	}
	v := binary.LittleEndian.Uint64(c.b[c.off:])
	c.off += 8
	return v
}

func (c *cursor) i64(what string) int64 { return int64(c.u64(what)) }

func (c *cursor) bytes(n int, what string) []byte {
	if !c.need(n, what) {
		return nil
	}
	v := c.b[c.off : c.off+n]
	c.off += n
	return v
}

// str16 reads a u16-length string, dropping a trailing NUL if the writer included one.
func (c *cursor) str16(what string) string {
	n := int(c.u16(what))
	b := c.bytes(n, what)
	if k := len(b); k > 0 && b[k-1] == 0 {
		b = b[:k-1]
	}
	return string(b)
}

// list16 reads a u16-length NUL-separated list.
func (c *cursor) list16(what string) []string {
	n := int(c.u16(what))
	return splitNUL(c.bytes(n, what))
}

func splitNUL(b []byte) []string {
	if len(b) == 0 {
		return nil
	}
	if b[len(b)-1] == 0 {
		b = b[:len(b)-1]
	}
	var out []string
	start := 0
	for k, ch := range b {
		if ch == 0 {
			out = append(out, string(b[start:k]))
			start = k + 1
		}
	}
	return append(out, string(b[start:]))
}
