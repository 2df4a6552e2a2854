// Package extract implements the fields of the syscall source: it reads each field's value from an event
// and the state the event resolved to (thread, fd, users), without allocating in steady state.
//
// A field that cannot be extracted for an event (no thread, no fd, a parameter the event lacks) reports
// false, and the evaluator then makes every comparison on it false, as Falco does.
package extract

import (
	"net/netip"
	"strconv"
	"time"
	"unsafe"

	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/fields"
	"github.com/aerie-sec/aerie/engine/state"
)

// Kind is the representation of a field value.
type Kind uint8

// Value kinds.
const (
	String Kind = iota + 1 // Str (strings and byte buffers)
	Int                    // Int (signed integers, relative times)
	Uint                   // Uint (unsigned integers, ports, absolute times)
	Bool                   // Bool
	IP                     // IP
	Net                    // IP compared with networks (fd.net and friends)
)

// KindOf maps a registry type to the value kind its extractor yields.
func KindOf(t fields.Type) Kind {
	switch t {
	case fields.Int8, fields.Int16, fields.Int32, fields.Int64, fields.Errno, fields.FDType, fields.PIDType,
		fields.Reltime:
		return Int
	case fields.Uint8, fields.Uint16, fields.Uint32, fields.Uint64, fields.Port, fields.UIDType, fields.GIDType,
		fields.Abstime, fields.Mode, fields.Flags32, fields.SigType, fields.SyscallID, fields.L4Proto, fields.Sockfam:
		return Uint
	case fields.Bool:
		return Bool
	case fields.IPAddr:
		return IP
	case fields.IPNet:
		return Net
	}
	return String
}

// Value is one extracted value. Str may alias the event buffer or the context's scratch space: it is valid
// until the next event.
type Value struct {
	Kind Kind
	Str  string
	Int  int64
	Uint uint64
	Bool bool
	IP   netip.Addr
}

// Append renders v as sysdig and Falco print it.
func (v *Value) Append(b []byte) []byte {
	switch v.Kind {
	case String:
		return append(b, v.Str...)
	case Int:
		return strconv.AppendInt(b, v.Int, 10)
	case Uint:
		return strconv.AppendUint(b, v.Uint, 10)
	case Bool:
		return strconv.AppendBool(b, v.Bool)
	case IP, Net:
		return v.IP.AppendTo(b)
	}
	return b
}

// Any returns v as a Go value for JSON output (string, int64, uint64, bool); it copies strings.
func (v *Value) Any() any {
	switch v.Kind {
	case String:
		return string([]byte(v.Str))
	case Int:
		return v.Int
	case Uint:
		return v.Uint
	case Bool:
		return v.Bool
	case IP, Net:
		return v.IP.String()
	}
	return nil
}

// Ctx is the per-event input of extraction. The evaluator fills it once per event and reuses it.
type Ctx struct {
	Ev       *event.Event
	R        state.Resolved
	Table    *state.Table
	Hostname string
	// FirstTs is the timestamp of the stream's first event (for evt.reltime).
	FirstTs int64
	// PrevTs is the timestamp of the previous event (for evt.deltatime).
	PrevTs int64
	// Loc is the time zone of evt.time and friends (default UTC).
	Loc *time.Location

	// Val and Val2 are scratch values for the evaluator, so that checks do not allocate.
	Val, Val2 Value
	// Memo holds the evaluator's per-event results of shared sub-conditions, valid when their Gen
	// equals Gen, which Reset advances.
	Memo []MemoEntry
	Gen  uint64

	buf []byte
	lin lineage
}

// lineage caches, for the current event (Gen), the thread's parent and its process's ancestors, which
// many fields of one event look up. A context whose Gen is 0 (never Reset) does not cache.
type lineage struct {
	gen       uint64
	parent    *state.Thread
	hasParent bool
	anc       [8]*state.Thread // anc[k] is the process's ancestor k+1, for k < n
	n         int
	end       bool // the chain has no ancestor n+1
}

// lineage returns the cache, emptied when it is from an earlier event.
func (c *Ctx) lineage() *lineage {
	l := &c.lin
	if l.gen != c.Gen {
		*l = lineage{gen: c.Gen}
	}
	return l
}

// parent returns the parent of the event's thread (Table.Parent), or nil.
func (c *Ctx) parent() *state.Thread {
	if c.Gen == 0 {
		return c.Table.Parent(c.R.Thread)
	}
	l := c.lineage()
	if !l.hasParent {
		l.parent, l.hasParent = c.Table.Parent(c.R.Thread), true
	}
	return l.parent
}

// ancestor returns the k-th ancestor (k >= 1) of the process of the event's thread, which must be set:
// Table.Ancestor(Table.Main(thread), k).
func (c *Ctx) ancestor(k int) *state.Thread {
	if c.Gen == 0 || k > len(c.lin.anc) {
		return c.Table.Ancestor(c.Table.Main(c.R.Thread), k)
	}
	l := c.lineage()
	for l.n < k && !l.end {
		prev := l.anc[max(l.n-1, 0)]
		if l.n == 0 {
			prev = c.Table.Main(c.R.Thread)
		}
		p := c.Table.Parent(prev)
		if p == nil || p == prev {
			l.end = true
			break
		}
		l.anc[l.n] = p
		l.n++
	}
	if k <= l.n {
		return l.anc[k-1]
	}
	return nil
}

// Reset prepares c for a new event; values extracted for the previous event become invalid.
func (c *Ctx) Reset() {
	c.buf = c.buf[:0]
	c.Gen++
}

// MemoEntry is one memoised sub-condition result.
type MemoEntry struct {
	Gen uint64
	Val bool
}

// str returns the bytes appended to the scratch buffer since start as a string without copying.
func (c *Ctx) str(start int) string {
	b := c.buf[start:]
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// bstr returns b as a string without copying (b must stay unchanged until the next event).
func bstr(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

func (c *Ctx) loc() *time.Location {
	if c.Loc == nil {
		return time.UTC
	}
	return c.Loc
}

// Scratch returns n bytes of the context's scratch space, valid until the next event.
func (c *Ctx) Scratch(n int) []byte {
	start := len(c.buf)
	c.buf = append(c.buf, make([]byte, n)...)
	return c.buf[start : start+n : start+n]
}

// BytesString returns b as a string without copying; b must not change while the string is in use.
func BytesString(b []byte) string { return bstr(b) }
