package scap

import (
	"bytes"
	"fmt"
	"net/netip"

	"github.com/aerie-sec/aerie/engine/event"
)

// SectionHeader is a section header block.
type SectionHeader struct {
	Major, Minor uint16
	Offset       int64 // offset of the block in the (decompressed) stream
	Options      int   // bytes of pcapng options after the fixed body
}

// MachineInfo is the machine info block.
type MachineInfo struct {
	NumCPUs     uint32
	MemoryBytes uint64
	MaxPID      uint64
	Hostname    string
	BootTs      uint64 // boot time in ns since the epoch, 0 if not recorded
	Flags       uint64
}

// Interface is one network interface of an interface list block.
type Interface struct {
	Name      string
	Addr      netip.Addr
	Netmask   netip.Addr
	Bcast     netip.Addr
	LinkSpeed uint64
}

// Metadata collects what a capture's metadata blocks describe.
type Metadata struct {
	Sections   []SectionHeader
	Machine    *MachineInfo
	Threads    []event.ThreadInfo
	FDs        []event.FDInfo
	Users      []event.UserInfo
	Groups     []event.GroupInfo
	Interfaces []Interface
}

func parseMachineInfo(b []byte) (*MachineInfo, error) {
	c := &cursor{b: b}
	mi := &MachineInfo{NumCPUs: c.u32("num_cpus"), MemoryBytes: c.u64("memory"), MaxPID: c.u64("max_pid")}
	host := c.bytes(128, "hostname")
	if i := bytes.IndexByte(host, 0); i >= 0 {
		host = host[:i]
	}
	mi.Hostname = string(host)
	if c.err != nil {
		return nil, c.err
	}
	if c.left() >= 16 {
		mi.BootTs = c.u64("boot_ts")
		mi.Flags = c.u64("flags")
	}
	return mi, nil
}

// procVersion maps a process-list block type to its format version (1-9).
func procVersion(t uint32) int {
	switch t {
	case BlockProcListV1, BlockProcListV1Legacy:
		return 1
	case BlockProcListV2, BlockProcListV2Legacy:
		return 2
	case BlockProcListV3, BlockProcListV3Legacy:
		return 3
	case BlockProcListV4:
		return 4
	case BlockProcListV5:
		return 5
	case BlockProcListV6:
		return 6
	case BlockProcListV7:
		return 7
	case BlockProcListV8:
		return 8
	case BlockProcListV9:
		return 9
	}
	return 0
}

func parseProcList(b []byte, version int, out []event.ThreadInfo) ([]event.ThreadInfo, error) {
	c := &cursor{b: b}
	for c.err == nil && c.left() >= 4 {
		start := c.off
		end := len(b)
		if version >= 9 {
			n := int(c.u32("entry_len"))
			if n < 4 || n > len(b)-start {
				return out, fmt.Errorf("thread entry at body offset %d: length %d does not fit the %d bytes left", start, n, len(b)-start)
			}
			end = start + n
		}
		e := &cursor{b: b[:end], off: c.off}
		// Fields an older version lacks keep libsinsp's defaults: loginuid -1 (before V9), vtid/vpid -1
		// (before V4, reported absent), sid -1 (before V6), vpgid -1 (before V8).
		t := event.ThreadInfo{PGID: -1, LoginUID: 0xffffffff}
		t.TID = e.i64("tid")
		t.PID = e.i64("pid")
		t.PTID = e.i64("ptid")
		if version < 4 {
			t.VTID, t.VPID = -1, -1
		}
		if version < 6 {
			t.SID = -1
		}
		if version < 8 {
			t.VPGID = -1
		}
		if version >= 6 {
			t.SID = e.i64("sid")
		}
		if version >= 8 {
			t.VPGID = e.i64("vpgid")
		}
		t.Comm = e.str16("comm")
		t.Exe = e.str16("exe")
		if version >= 7 {
			t.ExePath = e.str16("exepath")
		}
		t.Args = e.list16("args")
		t.Cwd = e.str16("cwd")
		t.FDLimit = e.i64("fdlimit")
		t.Flags = e.u32("flags")
		t.UID = e.u32("uid")
		t.GID = e.u32("gid")
		if version >= 2 {
			t.VMSizeKB = e.u32("vmsize_kb")
			t.VMRSSKB = e.u32("vmrss_kb")
			t.VMSwapKB = e.u32("vmswap_kb")
			t.PFMajor = e.u64("pfmajor")
			t.PFMinor = e.u64("pfminor")
		}
		if version >= 3 {
			t.Env = e.list16("env")
		}
		if version >= 4 {
			t.VTID = e.i64("vtid")
			t.VPID = e.i64("vpid")
			t.Cgroups = e.list16("cgroups")
		}
		if version >= 5 {
			t.Root = e.str16("root")
		}
		if version >= 9 {
			parseThreadTail(e, &t)
		}
		if e.err != nil {
			return out, fmt.Errorf("thread entry at body offset %d: %w", start, e.err)
		}
		out = append(out, t)
		if version >= 9 {
			c.off = end
		} else {
			c.off = e.off
		}
	}
	return out, c.err
}

// parseThreadTail reads the V9 fields that writers appended over time, as far as the entry length allows.
func parseThreadTail(e *cursor, t *event.ThreadInfo) {
	// libs 0.10 inserted pidns_init_start_ts and tty after root; entries of older writers have at most
	// 29 bytes after root (loginuid, exe_writable and the three capability sets).
	if e.left() > 29 {
		t.PIDNSInitStartTs = e.u64("pidns_init_start_ts")
		t.TTY = e.u32("tty")
	}
	if e.left() >= 4 {
		t.LoginUID = e.u32("loginuid")
	}
	if e.left() >= 1 {
		t.ExeWritable = e.u8("exe_writable") != 0
	}
	if e.left() >= 24 {
		t.CapInheritable = e.u64("cap_inheritable")
		t.CapPermitted = e.u64("cap_permitted")
		t.CapEffective = e.u64("cap_effective")
	}
	if e.left() >= 1 {
		t.ExeUpperLayer = e.u8("exe_upper_layer") != 0
	}
	if e.left() >= 24 {
		t.ExeIno = e.u64("exe_ino")
		t.ExeInoCtime = e.u64("exe_ino_ctime")
		t.ExeInoMtime = e.u64("exe_ino_mtime")
	}
	if e.left() >= 1 {
		t.ExeFromMemfd = e.u8("exe_from_memfd") != 0
	}
	if e.left() >= 1 {
		t.ExeLowerLayer = e.u8("exe_lower_layer") != 0
	}
	if e.left() >= 8 {
		t.PGID = e.i64("pgid")
	}
}

func addr4(v uint32) netip.Addr {
	// IPv4 addresses are stored in network byte order; read as little-endian u32, the first byte is lowest.
	return netip.AddrFrom4([4]byte{byte(v), byte(v >> 8), byte(v >> 16), byte(v >> 24)})
}

func addr16(c *cursor, what string) netip.Addr {
	b := c.bytes(16, what)
	if b == nil {
		return netip.Addr{}
	}
	return netip.AddrFrom16([16]byte(b)).Unmap()
}

func parseFDList(b []byte, v2 bool, out []event.FDInfo) ([]event.FDInfo, error) {
	c := &cursor{b: b}
	tid := c.i64("tid")
	// Fewer than 4 bytes left are block padding.
	for c.err == nil && c.left() >= 4 {
		start := c.off
		end := len(b)
		if v2 {
			n := int(c.u32("entry_len"))
			if n < 4 || n > len(b)-start {
				return out, fmt.Errorf("fd entry at body offset %d: length %d does not fit the %d bytes left", start, n, len(b)-start)
			}
			end = start + n
		}
		e := &cursor{b: b[:end], off: c.off}
		fd := event.FDInfo{TID: tid}
		fd.FD = e.i64("fd")
		fd.Ino = e.u64("ino")
		fd.Type = event.FDType(e.u8("type"))
		switch fd.Type {
		case event.FDIPv4Sock:
			fd.SrcAddr = addr4(e.u32("sip"))
			fd.DstAddr = addr4(e.u32("dip"))
			fd.SrcPort = e.u16("sport")
			fd.DstPort = e.u16("dport")
			fd.L4Proto = e.u8("l4proto")
		case event.FDIPv4Server:
			fd.DstAddr = addr4(e.u32("ip"))
			fd.DstPort = e.u16("port")
			fd.L4Proto = e.u8("l4proto")
		case event.FDIPv6Sock:
			fd.SrcAddr = addr16(e, "sip")
			fd.DstAddr = addr16(e, "dip")
			fd.SrcPort = e.u16("sport")
			fd.DstPort = e.u16("dport")
			fd.L4Proto = e.u8("l4proto")
		case event.FDIPv6Server:
			fd.DstAddr = addr16(e, "ip")
			fd.DstPort = e.u16("port")
			fd.L4Proto = e.u8("l4proto")
		case event.FDUnixSock:
			fd.Source = e.u64("source")
			fd.Dest = e.u64("dest")
			fd.Name = e.str16("path")
		case event.FDFileV2:
			fd.Flags = e.u32("open_flags")
			fd.Name = e.str16("name")
			if v2 && e.left() >= 4 {
				fd.Dev = e.u32("dev")
			}
		case event.FDUnknown, event.FDUnsupported:
			if e.left() >= 2 {
				fd.Name = e.str16("name")
			}
		default:
			fd.Name = e.str16("name")
		}
		if e.err != nil {
			return out, fmt.Errorf("fd entry at body offset %d: %w", start, e.err)
		}
		out = append(out, fd)
		if v2 {
			c.off = end
		} else {
			c.off = e.off
		}
	}
	return out, c.err
}

func parseInterfaceList(b []byte, v2 bool, out []Interface) ([]Interface, error) {
	c := &cursor{b: b}
	for c.err == nil && c.left() >= 4 {
		start := c.off
		end := len(b)
		if v2 {
			n := int(c.u32("entry_len"))
			if n > len(b)-c.off {
				return out, fmt.Errorf("interface entry at body offset %d: length %d does not fit the %d bytes left", start, n, len(b)-c.off)
			}
			end = c.off + n
		}
		e := &cursor{b: b[:end], off: c.off}
		typ := e.u16("type")
		nameLen := int(e.u16("ifnamelen"))
		var it Interface
		switch typ {
		case 1, 3: // IPv4, with linkspeed for type 1
			it.Addr = addr4(e.u32("addr"))
			it.Netmask = addr4(e.u32("netmask"))
			it.Bcast = addr4(e.u32("bcast"))
			if typ == 1 {
				it.LinkSpeed = e.u64("linkspeed")
			}
		case 2, 4:
			it.Addr = addr16(e, "addr")
			it.Netmask = addr16(e, "netmask")
			it.Bcast = addr16(e, "bcast")
			if typ == 2 {
				it.LinkSpeed = e.u64("linkspeed")
			}
		default:
			if !v2 {
				return out, fmt.Errorf("interface entry at body offset %d: unknown type %d", start, typ)
			}
			c.off = end
			continue
		}
		name := e.bytes(nameLen, "ifname")
		if i := bytes.IndexByte(name, 0); i >= 0 {
			name = name[:i]
		}
		it.Name = string(name)
		if e.err != nil {
			return out, fmt.Errorf("interface entry at body offset %d: %w", start, e.err)
		}
		out = append(out, it)
		if v2 {
			c.off = end
		} else {
			c.off = e.off
		}
	}
	return out, c.err
}

func parseUserList(b []byte, v2 bool, users []event.UserInfo, groups []event.GroupInfo) ([]event.UserInfo, []event.GroupInfo, error) {
	c := &cursor{b: b}
	for c.err == nil && c.left() >= 4 {
		start := c.off
		end := len(b)
		if v2 {
			n := int(c.u32("entry_len"))
			if n < 4 || n > len(b)-start {
				return users, groups, fmt.Errorf("user entry at body offset %d: length %d does not fit the %d bytes left", start, n, len(b)-start)
			}
			end = start + n
		}
		e := &cursor{b: b[:end], off: c.off}
		switch kind := e.u8("kind"); kind {
		case 0:
			u := event.UserInfo{UID: e.u32("uid"), GID: e.u32("gid")}
			u.Name = e.str16("name")
			u.Home = e.str16("home")
			u.Shell = e.str16("shell")
			if e.err == nil {
				users = append(users, u)
			}
		case 1:
			g := event.GroupInfo{GID: e.u32("gid")}
			g.Name = e.str16("name")
			if e.err == nil {
				groups = append(groups, g)
			}
		default:
			if !v2 {
				return users, groups, fmt.Errorf("user entry at body offset %d: unknown kind %d", start, kind)
			}
		}
		if e.err != nil {
			return users, groups, fmt.Errorf("user entry at body offset %d: %w", start, e.err)
		}
		if v2 {
			c.off = end
		} else {
			c.off = e.off
		}
	}
	return users, groups, c.err
}
