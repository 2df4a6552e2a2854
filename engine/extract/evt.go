package extract

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/fields"
	"github.com/aerie-sec/aerie/engine/state"
)

// PPM open flags for evt.is_open_*.
const (
	ppmORead    = 1 << 0
	ppmOWrite   = 1 << 1
	ppmOCreat   = 1 << 2
	ppmOTmpfile = 1 << 13
	ppmOCreated = 1 << 14 // PPM_O_F_CREATED: the open created the file
)

func evtFields(m map[string]builder) {
	m["evt.num"] = direct(func(c *Ctx, i int, v *Value) bool { v.Uint = uint64(c.Ev.Num); return i == 0 })
	m["evt.type"] = single(func(c *Ctx, v *Value) bool { v.Str = c.Ev.DisplayName(); return true })
	m["syscall.type"] = single(func(c *Ctx, v *Value) bool {
		info := c.Ev.Info()
		if info == nil || info.Category&event.CategoryInternal != 0 || info.Name == "procexit" {
			return false
		}
		v.Str = info.Name
		return true
	})
	m["evt.type.is"] = func(ref fields.Ref) (Func, bool, error) {
		name := ref.Arg
		return func(c *Ctx, i int, v *Value) bool {
			v.Uint = 0
			if c.Ev.DisplayName() == name {
				v.Uint = 1
			}
			return i == 0
		}, false, nil
	}
	m["evt.dir"] = single(func(c *Ctx, v *Value) bool { v.Str = c.Ev.Dir().String(); return true })
	m["evt.cpu"] = single(func(c *Ctx, v *Value) bool { v.Int = int64(c.Ev.CPU); return true })
	m["evt.category"] = single(func(c *Ctx, v *Value) bool {
		info := c.Ev.Info()
		if info == nil {
			return false
		}
		v.Str = info.Category.String()
		if cat := info.Category; cat == event.CategoryIORead || cat == event.CategoryIOWrite || cat == event.CategoryIOOther {
			// I/O events take the category of the descriptor they use, as libsinsp reports them.
			v.Str = ioCategory(c)
		}
		return true
	})
	m["evt.source"] = single(func(_ *Ctx, v *Value) bool { v.Str = "syscall"; return true })
	m["evt.is_async"] = single(func(_ *Ctx, v *Value) bool { v.Bool = false; return true })
	m["evt.hostname"] = single(func(c *Ctx, v *Value) bool { v.Str = c.Hostname; return c.Hostname != "" })

	// time
	timef := func(layout string) builder {
		return single(func(c *Ctx, v *Value) bool {
			start := len(c.buf)
			c.buf = tsTime(c).AppendFormat(c.buf, layout)
			v.Str = c.str(start)
			return true
		})
	}
	m["evt.time"] = timef("15:04:05.000000000")
	m["evt.time.s"] = timef("15:04:05")
	m["evt.time.iso8601"] = timef("2006-01-02T15:04:05.000000000Z07:00")
	m["evt.datetime"] = timef("2006-01-02 15:04:05.000000000")
	m["evt.datetime.s"] = timef("2006-01-02 15:04:05")
	m["evt.outputtime"] = m["evt.time"]
	m["evt.rawtime"] = single(func(c *Ctx, v *Value) bool { v.Uint = uint64(c.Ev.Ts); return true })
	m["evt.rawtime.s"] = single(func(c *Ctx, v *Value) bool { v.Uint = uint64(c.Ev.Ts) / 1e9; return true })
	m["evt.rawtime.ns"] = single(func(c *Ctx, v *Value) bool { v.Uint = uint64(c.Ev.Ts) % 1e9; return true })
	m["evt.reltime"] = single(func(c *Ctx, v *Value) bool { v.Int = c.Ev.Ts - c.FirstTs; return true })
	m["evt.reltime.s"] = single(func(c *Ctx, v *Value) bool { v.Int = (c.Ev.Ts - c.FirstTs) / 1e9; return true })
	m["evt.reltime.ns"] = single(func(c *Ctx, v *Value) bool { v.Int = (c.Ev.Ts - c.FirstTs) % 1e9; return true })
	m["evt.deltatime"] = single(func(c *Ctx, v *Value) bool { v.Int = c.Ev.Ts - c.PrevTs; return c.PrevTs != 0 })

	// result
	m["evt.rawres"] = single(func(c *Ctx, v *Value) bool {
		r, ok := res(c)
		v.Int = r
		return ok
	})
	m["evt.res"] = single(func(c *Ctx, v *Value) bool {
		r, ok := res(c)
		if !ok {
			return false
		}
		if r >= 0 {
			v.Str = "SUCCESS"
		} else if n := errnoName(-r); n != "" {
			v.Str = n
		} else {
			start := len(c.buf)
			c.buf = strconv.AppendInt(c.buf, r, 10)
			v.Str = c.str(start)
		}
		return true
	})
	m["evt.failed"] = single(func(c *Ctx, v *Value) bool {
		r, ok := res(c)
		v.Bool = ok && r < 0
		return true
	})
	ioFlag := func(flag event.Flag) builder {
		return single(func(c *Ctx, v *Value) bool {
			info := c.Ev.Info()
			v.Bool = info != nil && info.Flags&flag != 0
			return true
		})
	}
	m["evt.is_io"] = ioFlag(event.FlagReadsFromFD | event.FlagWritesToFD)
	m["evt.is_io_read"] = ioFlag(event.FlagReadsFromFD)
	m["evt.is_io_write"] = ioFlag(event.FlagWritesToFD)
	m["evt.is_wait"] = ioFlag(event.FlagWaits)
	m["evt.io_dir"] = single(func(c *Ctx, v *Value) bool {
		info := c.Ev.Info()
		switch {
		case info == nil:
			return false
		case info.Flags&event.FlagReadsFromFD != 0:
			v.Str = "r"
		case info.Flags&event.FlagWritesToFD != 0:
			v.Str = "w"
		default:
			return false
		}
		return true
	})
	m["evt.buffer"] = single(func(c *Ctx, v *Value) bool {
		i := c.Ev.ParamIndex("data")
		if i < 0 || c.Ev.Param(i) == nil {
			return false
		}
		v.Str = bstr(c.Ev.Param(i))
		return true
	})
	m["evt.buflen"] = single(func(c *Ctx, v *Value) bool {
		info := c.Ev.Info()
		if info == nil || info.Flags&(event.FlagReadsFromFD|event.FlagWritesToFD) == 0 || c.Ev.Dir() != event.Exit {
			return false
		}
		r, ok := c.Ev.Int(0)
		if !ok || r < 0 {
			return false
		}
		v.Uint = uint64(r)
		return true
	})
	openFlag := func(test func(flags uint32, mode uint32) bool) builder {
		return single(func(c *Ctx, v *Value) bool {
			v.Bool = false
			if c.Ev.Type >= event.MaxType {
				return true
			}
			o := &openParams[c.Ev.Type]
			if !o.exit {
				return true
			}
			flags, ok := c.Ev.Uint(o.flags)
			mode, _ := c.Ev.Uint(o.mode)
			if en := c.R.Enter; !ok && en != nil {
				// an old openat exit carries only the fd: flags and mode are on its enter event
				flags, _ = en.Uint(en.ParamIndex("flags"))
				mode, _ = en.Uint(en.ParamIndex("mode"))
			}
			if o.creat {
				flags = ppmOCreat | ppmOWrite
			}
			v.Bool = test(uint32(flags), uint32(mode))
			return true
		})
	}
	m["evt.is_open_read"] = openFlag(func(f, _ uint32) bool { return f&ppmORead != 0 })
	m["evt.is_open_write"] = openFlag(func(f, _ uint32) bool { return f&ppmOWrite != 0 })
	m["evt.is_open_exec"] = openFlag(func(f, mode uint32) bool {
		return f&(ppmOCreat|ppmOTmpfile) != 0 && mode&0o111 != 0
	})
	m["evt.is_open_create"] = openFlag(func(f, _ uint32) bool { return f&ppmOCreated != 0 })

	// arguments
	m["evt.args"] = single(func(c *Ctx, v *Value) bool {
		start := len(c.buf)
		c.appendArgs()
		v.Str = c.str(start)
		return true
	})
	m["evt.info"] = m["evt.args"]
	m["evt.arg"] = func(ref fields.Ref) (Func, bool, error) {
		if n, err := strconv.Atoi(ref.Arg); err == nil {
			return func(c *Ctx, i int, v *Value) bool {
				if i != 0 || c.Ev.Param(n) == nil {
					return false
				}
				start := len(c.buf)
				c.appendParam(n, true)
				v.Str = c.str(start)
				return true
			}, false, nil
		}
		idx := paramIndexes(ref.Arg)
		return func(c *Ctx, i int, v *Value) bool {
			if i != 0 || c.Ev.Type >= event.MaxType {
				return false
			}
			n := int(idx[c.Ev.Type])
			if n < 0 || c.Ev.Param(n) == nil {
				// an old-style exit without the parameter: its enter event's, which current libs'
				// capture converter folds into the exit
				en := c.R.Enter
				if en == nil || int(idx[en.Type]) < 0 || en.Param(int(idx[en.Type])) == nil {
					return false
				}
				ev, start := c.Ev, len(c.buf)
				c.Ev = en
				c.appendParam(int(idx[en.Type]), true)
				c.Ev = ev
				v.Str = c.str(start)
				return true
			}
			start := len(c.buf)
			c.appendParam(n, true)
			v.Str = c.str(start)
			return true
		}, false, nil
	}
	m["evt.rawarg"] = func(ref fields.Ref) (Func, bool, error) {
		// The reference's type is that of the first parameter of this name in the event table (resolved by
		// the registry); a parameter of another width or signedness on this event is converted to it.
		name, want := ref.Arg, KindOf(ref.Field.Type)
		return func(c *Ctx, i int, v *Value) bool {
			n := c.Ev.ParamIndex(name)
			if i != 0 || n < 0 || c.Ev.Param(n) == nil {
				return false
			}
			pi := c.Ev.Info().Params[n]
			var x int64
			switch {
			case pi.Type.Size() > 0 && pi.Type.Signed():
				var ok bool
				if x, ok = c.Ev.Int(n); !ok {
					return false
				}
			case pi.Type.Size() > 0:
				u, ok := c.Ev.Uint(n)
				if !ok {
					return false
				}
				x = int64(u)
			default:
				if want != String {
					return false
				}
				v.Kind, v.Str = String, bstr(c.Ev.Bytes(n))
				return true
			}
			switch want {
			case Int:
				v.Kind, v.Int = Int, x
			case Uint:
				v.Kind, v.Uint = Uint, uint64(x)
			case Bool:
				v.Kind, v.Bool = Bool, x != 0
			case String:
				start := len(c.buf)
				c.buf = strconv.AppendInt(c.buf, x, 10)
				v.Kind, v.Str = String, c.str(start)
			default:
				return false
			}
			return true
		}, false, nil
	}
	m["evt.abspath"] = single(func(c *Ctx, v *Value) bool {
		info := c.Ev.Info()
		if info == nil {
			return false
		}
		for k, p := range info.Params {
			if p.Type == event.ParamFSRelPath && c.Ev.Param(k) != nil {
				return c.abspath(k, p.DirFD, v)
			}
		}
		return false
	})
	m["fs.path.name"] = single(func(c *Ctx, v *Value) bool {
		info := c.Ev.Info()
		if info == nil {
			return false
		}
		for k, p := range info.Params {
			if (p.Type == event.ParamFSPath || p.Type == event.ParamFSRelPath) && c.Ev.Param(k) != nil {
				if p.Type == event.ParamFSRelPath {
					return c.abspath(k, p.DirFD, v)
				}
				v.Str = bstr(c.Ev.Bytes(k))
				return true
			}
		}
		return false
	})
}

// openInfo locates the parameters of an open exit event for evt.is_open_*.
type openInfo struct {
	exit        bool // an exit event of open, openat, openat2, open_by_handle_at or creat
	creat       bool
	flags, mode int // parameter indexes, -1 if absent
}

// openParams holds openInfo by event type; built once, never modified.
var openParams = func() *[event.MaxType]openInfo {
	var o [event.MaxType]openInfo
	for t := range event.MaxType {
		switch t.Name() {
		case "open", "openat", "openat2", "open_by_handle_at", "creat":
		default:
			continue
		}
		info, ok := event.Lookup(t)
		if !ok || t.Dir() != event.Exit {
			continue
		}
		o[t] = openInfo{exit: true, creat: t.Name() == "creat", flags: info.ParamIndex("flags"), mode: info.ParamIndex("mode")}
	}
	return &o
}()

// TypeConst returns the value of the field for every event of type t, when the type alone decides it
// (evt.is_open_* is false but on exit events of the open family), for evaluators that fold it.
func TypeConst(ref fields.Ref, t event.Type) (Value, bool) {
	if t >= event.MaxType {
		return Value{}, false
	}
	switch ref.Field.Name {
	case "evt.is_open_read", "evt.is_open_write", "evt.is_open_exec", "evt.is_open_create":
		if !openParams[t].exit {
			return Value{Kind: Bool}, true
		}
	}
	return Value{}, false
}

func tsTime(c *Ctx) time.Time { return timeOf(c.Ev.Ts).In(c.loc()) }

// res returns the event's return value: the first parameter of an exit event when it is a result.
func res(c *Ctx) (int64, bool) {
	info := c.Ev.Info()
	if info == nil || info.Dir != event.Exit || len(info.Params) == 0 {
		return 0, false
	}
	// The first parameter of an exit event is its return value whenever it is numeric (errno, fd, pid,
	// or an address for brk/mmap), as libsinsp reads it.
	if p := info.Params[0]; p.Type.Size() == 0 || (p.Name != "res" && p.Name != "fd") {
		return 0, false
	}
	return c.Ev.Int(0)
}

// abspath resolves the relative path parameter k against its dirfd parameter or the cwd.
func (c *Ctx) abspath(k, dirfdIdx int, v *Value) bool {
	p := c.Ev.Bytes(k)
	if len(p) > 0 && p[0] == '/' {
		v.Str = bstr(p)
		return true
	}
	base := ""
	if t := c.R.Thread; t != nil {
		base = t.Cwd()
		if d, ok := c.Ev.Int(dirfdIdx); ok && d != -100 {
			if fd := t.FD(d); fd != nil {
				base = fd.Name
			} else {
				return false
			}
		}
	}
	start := len(c.buf)
	c.buf = append(c.buf, base...)
	if len(base) == 0 || base[len(base)-1] != '/' {
		c.buf = append(c.buf, '/')
	}
	c.buf = append(c.buf, p...)
	v.Str = c.str(start)
	return true
}

// appendArgs renders the event's parameters as sysdig's evt.args: "name=value name=value".
func (c *Ctx) appendArgs() {
	info := c.Ev.Info()
	if info == nil {
		return
	}
	for k := range info.Params {
		if k >= c.Ev.NumParams() {
			break
		}
		if k > 0 {
			c.buf = append(c.buf, ' ')
		}
		c.buf = append(c.buf, info.Params[k].Name...)
		c.buf = append(c.buf, '=')
		c.appendParam(k, false)
	}
}

// appendParam renders parameter k. resolved selects evt.arg's form (the resolved part alone, e.g.
// "O_RDONLY|O_CLOEXEC", "<f>/etc/passwd", "root"), else evt.args' form ("4097(O_RDONLY|O_CLOEXEC)").
func (c *Ctx) appendParam(k int, resolved bool) {
	ev := c.Ev
	pi := ev.Info().Params[k]
	raw := ev.Param(k)
	switch pi.Type {
	case event.ParamCharBuf:
		c.buf = append(c.buf, ev.Bytes(k)...)
	case event.ParamFSPath, event.ParamFSRelPath:
		// a relative path is shown resolved against the dirfd's path or cwd, as libsinsp: "/tmp/a" for
		// evt.arg.name, "a(/tmp/a)" in evt.args
		p := ev.Bytes(k)
		dirfd := -1
		if pi.Type == event.ParamFSRelPath {
			dirfd = pi.DirFD
		}
		var abs Value
		pos := len(c.buf)
		if len(p) == 0 || p[0] == '/' || c.R.Thread == nil || !c.abspath(k, dirfd, &abs) {
			c.buf = append(c.buf[:pos], p...)
			break
		}
		// abspath left the absolute path at c.buf[pos:]
		if !resolved {
			full := append([]byte(nil), c.buf[pos:]...)
			c.buf = append(c.buf[:pos], p...)
			c.buf = append(c.buf, '(')
			c.buf = append(c.buf, full...)
			c.buf = append(c.buf, ')')
		}
	case event.ParamByteBuf:
		for _, b := range raw {
			if b < 32 || b > 126 {
				b = '.'
			}
			c.buf = append(c.buf, b)
		}
	case event.ParamErrno:
		n, _ := ev.Int(k)
		name := ""
		if n < 0 {
			name = errnoName(-n)
		}
		c.num(n, name, resolved)
	case event.ParamFD:
		n, _ := ev.Int(k)
		var fd *state.FD
		if t := c.R.Thread; t != nil && n >= 0 {
			fd = t.FD(n)
		}
		if fd == nil {
			if n == -100 {
				c.num(n, "AT_FDCWD", resolved)
				return
			}
			if name := errnoName(-n); n < 0 && name != "" {
				c.num(n, name, resolved) // a failed call's fd: "ENOENT" for evt.arg, "-2(ENOENT)" in evt.args
				return
			}
			c.buf = strconv.AppendInt(c.buf, n, 10)
			return
		}
		if !resolved {
			c.buf = strconv.AppendInt(c.buf, n, 10)
			c.buf = append(c.buf, '(')
		}
		c.buf = append(c.buf, '<', fd.Type.Char())
		if (fd.Type == state.FDIPv4Socket || fd.Type == state.FDIPv6Socket || fd.Type == state.FDIPv4Server ||
			fd.Type == state.FDIPv6Server) && fd.Flags&(state.FlagRoleClient|state.FlagRoleServer) != 0 {
			// sockets with a known protocol: <4t>, <6u>, as libsinsp prints them
			switch fd.L4 {
			case state.L4TCP:
				c.buf = append(c.buf, 't')
			case state.L4UDP:
				c.buf = append(c.buf, 'u')
			case state.L4ICMP:
				c.buf = append(c.buf, 'i')
			case state.L4Raw:
				c.buf = append(c.buf, 'r')
			}
		}
		c.buf = append(c.buf, '>')
		c.buf = fd.AppendName(c.buf)
		if !resolved {
			c.buf = append(c.buf, ')')
		}
	case event.ParamUID, event.ParamGID:
		n, _ := ev.Uint(k)
		name := ""
		if pi.Type == event.ParamUID {
			if u := c.Table.User(containerOf(c.R.Thread), uint32(n)); u != nil {
				name = u.Name
			}
		} else if g := c.Table.Group(containerOf(c.R.Thread), uint32(n)); g != nil {
			name = g.Name
		}
		switch {
		case resolved && name != "":
			c.buf = append(c.buf, name...)
		case name != "": // evt.args: 0(root), as sysdig prints it
			c.buf = strconv.AppendUint(c.buf, n, 10)
			c.buf = append(append(append(c.buf, '('), name...), ')')
		default:
			c.buf = strconv.AppendUint(c.buf, n, 10)
		}
	case event.ParamFlags8, event.ParamFlags16, event.ParamFlags32, event.ParamEnumFlags8,
		event.ParamEnumFlags16, event.ParamEnumFlags32, event.ParamMode:
		n, _ := ev.Uint(k)
		name := ""
		if pi.Type == event.ParamMode && !resolved {
			c.buf = append(c.buf, '0')
			c.buf = strconv.AppendUint(c.buf, n, 8)
			return
		}
		if rendersFlagNames(pi) {
			c.appendFlags(pi.Flags, uint32(n), resolved)
			return
		}
		if pi.Flags != nil {
			name, _ = pi.Flags.Lookup(uint32(n))
		}
		c.unum(n, name, resolved)
	case event.ParamSockAddr:
		if sa, ok := ev.SockAddr(k); ok {
			switch sa.Family {
			case event.AFInet, event.AFInet6:
				c.buf = state.AppendEndpoint(c.buf, sa.Addr, sa.Port)
			case event.AFUnix:
				c.buf = append(c.buf, sa.Path...)
			}
		}
	case event.ParamSockTuple:
		if st, ok := ev.SockTuple(k); ok {
			switch st.Family {
			case event.AFInet, event.AFInet6:
				c.buf = state.AppendEndpoint(c.buf, st.SrcAddr, st.SrcPort)
				c.buf = append(c.buf, "->"...)
				c.buf = state.AppendEndpoint(c.buf, st.DstAddr, st.DstPort)
			case event.AFUnix:
				c.buf = fmt.Appendf(c.buf, "%x->%x %s", st.Source, st.Dest, st.Path)
			}
		}
	case event.ParamSockFamily:
		n, _ := ev.Uint(k)
		c.buf = strconv.AppendUint(c.buf, n, 10)
	default:
		switch {
		case pi.Type.Size() > 0 && pi.Type.Signed():
			n, _ := ev.Int(k)
			c.buf = strconv.AppendInt(c.buf, n, 10)
		case pi.Type.Size() > 0:
			n, _ := ev.Uint(k)
			if pi.Format == event.FormatHex {
				c.buf = append(c.buf, "0x"...)
				c.buf = strconv.AppendUint(c.buf, n, 16)
			} else {
				c.buf = strconv.AppendUint(c.buf, n, 10)
			}
		default:
			if len(raw) == 8 {
				c.buf = strconv.AppendUint(c.buf, binary.LittleEndian.Uint64(raw), 10)
			} else {
				c.buf = append(c.buf, raw...)
			}
		}
	}
}

func containerOf(t *state.Thread) string {
	if t == nil {
		return ""
	}
	return t.ContainerID
}

// num renders a signed number with its resolved name: "name" (resolved) or "n(name)".
func (c *Ctx) num(n int64, name string, resolved bool) {
	if resolved && name != "" {
		c.buf = append(c.buf, name...)
		return
	}
	c.buf = strconv.AppendInt(c.buf, n, 10)
	if name != "" {
		c.buf = append(c.buf, '(')
		c.buf = append(c.buf, name...)
		c.buf = append(c.buf, ')')
	}
}

func (c *Ctx) unum(n uint64, name string, resolved bool) {
	if resolved && name != "" {
		c.buf = append(c.buf, name...)
		return
	}
	c.buf = strconv.AppendUint(c.buf, n, 10)
	if name != "" {
		c.buf = append(c.buf, '(')
		c.buf = append(c.buf, name...)
		c.buf = append(c.buf, ')')
	}
}

// ioCategory is the category of an I/O event: that of its descriptor.
func ioCategory(c *Ctx) string {
	fd := c.R.FD
	if fd == nil {
		return "unknown"
	}
	switch fd.Type {
	case state.FDFile, state.FDFileV2, state.FDDirectory:
		return "file"
	case state.FDIPv4Socket, state.FDIPv6Socket, state.FDIPv4Server, state.FDIPv6Server:
		return "net"
	case state.FDFIFO, state.FDUnixSocket:
		return "IPC"
	}
	return "other"
}

// paramIndexes maps every event type to the index of its parameter called name (-1 if none).
func paramIndexes(name string) *[event.MaxType]int8 {
	var idx [event.MaxType]int8
	for t := range event.MaxType {
		idx[t] = -1
		if info, ok := event.Lookup(t); ok {
			if k := info.ParamIndex(name); k >= 0 && k < 128 {
				idx[t] = int8(k)
			}
		}
	}
	return &idx
}

// flagsContains is the fast path of "evt.arg.NAME contains sub" (see Extractor.Contains): on events whose
// parameter is a set of flags, which evt.arg renders as flag names joined by '|' (or, with no name, as a
// decimal number), the value contains a sub without '|' and with a non-digit exactly when one of the
// rendered names does; which names contain sub is decided once per flag table. Other events, and other
// subs, use get (the field's extraction) and strings.Contains.
func flagsContains(idx *[event.MaxType]int8, get Func, sub string) func(c *Ctx) (bool, bool) {
	generic := func(c *Ctx) (bool, bool) {
		v := &c.Val
		v.Kind = String
		if !get(c, 0, v) {
			return false, false
		}
		return strings.Contains(v.Str, sub), true
	}
	if sub == "" || strings.Contains(sub, "|") || strings.Trim(sub, "0123456789") == "" {
		return generic
	}
	// hits[t][k]: entry k of the flag table of type t's parameter contains sub (nil: not a flags parameter)
	var hits [event.MaxType][]bool
	for t := range event.MaxType {
		n := idx[t]
		info, ok := event.Lookup(t)
		if n < 0 || !ok || int(n) >= len(info.Params) {
			continue
		}
		pi := info.Params[n]
		if !rendersFlagNames(pi) {
			continue
		}
		h := make([]bool, len(pi.Flags.Entries))
		for k, e := range pi.Flags.Entries {
			h[k] = strings.Contains(e.Name, sub)
		}
		hits[t] = h
	}
	return func(c *Ctx) (bool, bool) {
		t := c.Ev.Type
		if t >= event.MaxType || hits[t] == nil {
			return generic(c)
		}
		n := int(idx[t])
		if c.Ev.Param(n) == nil {
			return generic(c) // evt.arg may take it from the enter event
		}
		x, _ := c.Ev.Uint(n)
		v := uint32(x)
		h := hits[t]
		entries := c.Ev.Info().Params[n].Flags.Entries
		for k, e := range entries {
			if e.Value == v {
				return h[k], true
			}
		}
		rest := v
		for k, e := range entries {
			if e.Value == 0 || rest == 0 || rest&e.Value != e.Value {
				continue
			}
			if h[k] {
				return true, true
			}
			rest &^= e.Value
		}
		return false, true
	}
}

// rendersFlagNames reports whether appendParam renders parameters like pi with appendFlags.
func rendersFlagNames(pi event.ParamInfo) bool {
	switch pi.Type {
	case event.ParamFlags8, event.ParamFlags16, event.ParamFlags32, event.ParamMode:
		return pi.Flags != nil
	}
	return false
}

// appendFlags renders a flags value as libsinsp does (see event.FlagTable.Names) without allocating:
// "NAME|NAME" when resolved, else "value(NAME|NAME)"; the bare value when no name matches.
func (c *Ctx) appendFlags(t *event.FlagTable, v uint32, resolved bool) {
	start := len(c.buf)
	if !resolved {
		c.buf = strconv.AppendUint(c.buf, uint64(v), 10)
		c.buf = append(c.buf, '(')
	}
	names := len(c.buf)
	exact := false
	for _, e := range t.Entries {
		if e.Value == v {
			c.buf = append(c.buf, e.Name...)
			exact = true
			break
		}
	}
	if !exact {
		rest := v
		for _, e := range t.Entries {
			if e.Value == 0 || rest == 0 || rest&e.Value != e.Value {
				continue
			}
			if len(c.buf) > names {
				c.buf = append(c.buf, '|')
			}
			c.buf = append(c.buf, e.Name...)
			rest &^= e.Value
		}
	}
	switch {
	case len(c.buf) == names && resolved:
		c.buf = strconv.AppendUint(c.buf, uint64(v), 10)
	case len(c.buf) == names:
		c.buf = c.buf[:names-1] // no name: the bare value
		_ = start
	case !resolved:
		c.buf = append(c.buf, ')')
	}
}
