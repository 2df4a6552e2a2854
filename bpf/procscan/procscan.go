// Package procscan reads /proc and /etc at start-up into engine/event snapshot records (threads, fds,
// users, groups), the same records a capture's process, fd and user lists carry, so that processes started
// before the probe have names, ancestry, container ids and fd names; and the machine's interface addresses,
// which tell the local end of a socket (fd.lip, fd.lport, ...) as a capture's interface list does.
//
// Processes can exit while the scan runs; whatever vanished is skipped, not reported as an error.
package procscan

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/scap"
)

// Options configure Scan. The zero value scans the host.
type Options struct {
	// Proc is the procfs mount (default "/proc").
	Proc string
	// Etc holds passwd and group (default "/etc").
	Etc string
	// MaxFDs caps the descriptors read per process (default 4096).
	MaxFDs int
}

// Snapshot is the result of a scan.
type Snapshot struct {
	Threads []event.ThreadInfo
	FDs     []event.FDInfo
	Users   []event.UserInfo
	Groups  []event.GroupInfo
	// Interfaces are the addresses of the machine's network interfaces, loopback included.
	Interfaces []scap.Interface
}

// Scan reads every process and thread, their descriptors, and the users and groups.
func Scan(ctx context.Context, opts Options) (*Snapshot, error) {
	if opts.Proc == "" {
		opts.Proc = "/proc"
	}
	if opts.Etc == "" {
		opts.Etc = "/etc"
	}
	if opts.MaxFDs <= 0 {
		opts.MaxFDs = 4096
	}
	entries, err := os.ReadDir(opts.Proc)
	if err != nil {
		return nil, fmt.Errorf("scan processes: %w", err)
	}
	snap := &Snapshot{}
	socks := readSockets(opts.Proc)
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		pid, err := strconv.ParseInt(e.Name(), 10, 64)
		if err != nil || !e.IsDir() {
			continue
		}
		pdir := filepath.Join(opts.Proc, e.Name())
		proc, ok := readProcess(pdir, pid)
		if !ok {
			continue
		}
		tasks, err := os.ReadDir(filepath.Join(pdir, "task"))
		if err != nil {
			continue
		}
		for _, te := range tasks {
			tid, err := strconv.ParseInt(te.Name(), 10, 64)
			if err != nil {
				continue
			}
			th := proc
			if tid != pid && !readThread(filepath.Join(pdir, "task", te.Name()), &th) {
				continue
			}
			th.TID = tid
			snap.Threads = append(snap.Threads, th)
		}
		snap.FDs = append(snap.FDs, readFDs(pdir, pid, opts.MaxFDs, socks)...)
	}
	snap.Users, err = readPasswd(filepath.Join(opts.Etc, "passwd"))
	if err != nil {
		return nil, err
	}
	snap.Groups, err = readGroup(filepath.Join(opts.Etc, "group"))
	if err != nil {
		return nil, err
	}
	snap.Interfaces, err = readInterfaces()
	if err != nil {
		return nil, err
	}
	return snap, nil
}

// readInterfaces lists every IPv4 and IPv6 address of the network interfaces, as libscap's interface list
// does (getifaddrs), with netmask and, for IPv4 broadcast interfaces, broadcast address.
func readInterfaces() ([]scap.Interface, error) {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil, fmt.Errorf("list network interfaces: %w", err)
	}
	var out []scap.Interface
	for _, ifc := range ifs {
		addrs, err := ifc.Addrs()
		if err != nil {
			return nil, fmt.Errorf("list addresses of interface %s: %w", ifc.Name, err)
		}
		for _, a := range addrs {
			ipn, ok := a.(*net.IPNet)
			if !ok {
				continue
			}
			addr, ok1 := netip.AddrFromSlice(ipn.IP)
			mask, ok2 := netip.AddrFromSlice(ipn.Mask)
			if !ok1 || !ok2 {
				continue
			}
			in := scap.Interface{Name: ifc.Name, Addr: addr.Unmap(), Netmask: mask}
			if in.Addr.Is4() && ifc.Flags&net.FlagBroadcast != 0 {
				a4, m4 := in.Addr.As4(), mask.As4()
				for i := range a4 {
					a4[i] |= ^m4[i]
				}
				in.Bcast = netip.AddrFrom4(a4)
			}
			out = append(out, in)
		}
	}
	return out, nil
}

// readProcess reads a process's main thread; ok is false when it vanished or is a kernel thread.
func readProcess(dir string, pid int64) (event.ThreadInfo, bool) {
	ti := event.ThreadInfo{TID: pid, PID: pid, PGID: -1}
	if !readThread(dir, &ti) {
		return ti, false
	}
	cmdline, err := os.ReadFile(filepath.Join(dir, "cmdline"))
	if err != nil || len(cmdline) == 0 {
		return ti, false // kernel threads have no command line
	}
	args := event.SplitNUL(cmdline)
	if len(args) > 0 {
		ti.Exe, ti.Args = args[0], args[1:]
	}
	if exe, err := os.Readlink(filepath.Join(dir, "exe")); err == nil {
		ti.ExePath = strings.TrimSuffix(exe, " (deleted)")
		ti.ExeFromMemfd = strings.HasPrefix(exe, "/memfd:")
		var st syscall.Stat_t
		if syscall.Stat(filepath.Join(dir, "exe"), &st) == nil {
			ti.ExeIno = st.Ino
			ti.ExeInoCtime = uint64(st.Ctim.Nano())
			ti.ExeInoMtime = uint64(st.Mtim.Nano())
		}
	}
	ti.Cwd, _ = os.Readlink(filepath.Join(dir, "cwd"))
	ti.Root, _ = os.Readlink(filepath.Join(dir, "root"))
	if env, err := os.ReadFile(filepath.Join(dir, "environ")); err == nil {
		ti.Env = event.SplitNUL(env)
	}
	ti.Cgroups = readCgroups(filepath.Join(dir, "cgroup"))
	if b, err := os.ReadFile(filepath.Join(dir, "loginuid")); err == nil {
		if v, err := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 32); err == nil {
			ti.LoginUID = uint32(v)
		}
	}
	ti.FDLimit = readFDLimit(filepath.Join(dir, "limits"))
	return ti, true
}

// readThread fills the per-thread fields from stat, status and comm; false when the thread vanished.
func readThread(dir string, ti *event.ThreadInfo) bool {
	stat, err := os.ReadFile(filepath.Join(dir, "stat"))
	if err != nil {
		return false
	}
	// pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt ...
	end := bytes.LastIndexByte(stat, ')')
	if end < 0 {
		return false
	}
	f := strings.Fields(string(stat[end+1:]))
	if len(f) < 20 {
		return false
	}
	num := func(i int) int64 { v, _ := strconv.ParseInt(f[i], 10, 64); return v }
	ti.PTID = num(1)
	ti.PGID = num(2)
	ti.SID = num(3)
	tty := uint32(num(4))
	ti.TTY = tty
	ti.PFMinor = uint64(num(7))
	ti.PFMajor = uint64(num(9))
	if comm, err := os.ReadFile(filepath.Join(dir, "comm")); err == nil {
		ti.Comm = strings.TrimSuffix(string(comm), "\n")
	}
	status, err := os.ReadFile(filepath.Join(dir, "status"))
	if err != nil {
		return false
	}
	sc := bufio.NewScanner(bytes.NewReader(status))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		fields := strings.Fields(v)
		if len(fields) == 0 {
			continue
		}
		last := fields[len(fields)-1]
		switch k {
		case "Uid":
			if len(fields) > 1 {
				u, _ := strconv.ParseUint(fields[1], 10, 32) // effective
				ti.UID = uint32(u)
			}
		case "Gid":
			if len(fields) > 1 {
				g, _ := strconv.ParseUint(fields[1], 10, 32)
				ti.GID = uint32(g)
			}
		case "NSpid":
			ti.VTID, _ = strconv.ParseInt(last, 10, 64)
		case "NStgid":
			ti.VPID, _ = strconv.ParseInt(last, 10, 64)
		case "NSpgid":
			ti.VPGID, _ = strconv.ParseInt(last, 10, 64)
		case "CapInh":
			ti.CapInheritable, _ = strconv.ParseUint(last, 16, 64)
		case "CapPrm":
			ti.CapPermitted, _ = strconv.ParseUint(last, 16, 64)
		case "CapEff":
			ti.CapEffective, _ = strconv.ParseUint(last, 16, 64)
		case "VmSize":
			v, _ := strconv.ParseUint(fields[0], 10, 32)
			ti.VMSizeKB = uint32(v)
		case "VmRSS":
			v, _ := strconv.ParseUint(fields[0], 10, 32)
			ti.VMRSSKB = uint32(v)
		case "VmSwap":
			v, _ := strconv.ParseUint(fields[0], 10, 32)
			ti.VMSwapKB = uint32(v)
		}
	}
	return true
}

// readCgroups turns /proc/PID/cgroup lines ("N:subsys,subsys:path") into "subsys=path" entries.
func readCgroups(path string) []string {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		parts := strings.SplitN(line, ":", 3)
		if len(parts) != 3 {
			continue
		}
		if parts[1] == "" {
			out = append(out, "unified="+parts[2])
			continue
		}
		for _, ss := range strings.Split(parts[1], ",") {
			if strings.HasPrefix(ss, "name=") {
				continue
			}
			out = append(out, ss+"="+parts[2])
		}
	}
	return out
}

func readFDLimit(path string) int64 {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "Max open files") {
			f := strings.Fields(strings.TrimPrefix(line, "Max open files"))
			if len(f) > 0 {
				v, _ := strconv.ParseInt(f[0], 10, 64)
				return v
			}
		}
	}
	return 0
}

// sockInfo is one socket found in /proc/net.
type sockInfo struct {
	typ              event.FDType
	l4               uint8
	src, dst         netip.Addr
	sport, dport     uint16
	path             string
	listening, unixS bool
}

// readSockets indexes the host network namespace's sockets by inode.
func readSockets(proc string) map[uint64]sockInfo {
	out := map[uint64]sockInfo{}
	for _, t := range []struct {
		file string
		l4   uint8
		v6   bool
	}{{"tcp", event.L4TCP, false}, {"tcp6", event.L4TCP, true}, {"udp", event.L4UDP, false}, {"udp6", event.L4UDP, true}, {"raw", event.L4Raw, false}, {"raw6", event.L4Raw, true}} {
		b, err := os.ReadFile(filepath.Join(proc, "net", t.file))
		if err != nil {
			continue
		}
		lines := strings.Split(string(b), "\n")
		for _, line := range lines[1:] {
			f := strings.Fields(line)
			if len(f) < 10 {
				continue
			}
			ino, err := strconv.ParseUint(f[9], 10, 64)
			if err != nil || ino == 0 {
				continue
			}
			src, sport, ok1 := parseHexAddr(f[1], t.v6)
			dst, dport, ok2 := parseHexAddr(f[2], t.v6)
			if !ok1 || !ok2 {
				continue
			}
			si := sockInfo{l4: t.l4, src: src, dst: dst, sport: sport, dport: dport}
			listening := (t.l4 == event.L4TCP && f[3] == "0A") || (t.l4 != event.L4TCP && !dst.IsValid()) || (t.l4 != event.L4TCP && dst.IsUnspecified())
			switch {
			case listening && t.v6:
				si.typ = event.FDIPv6Server
			case listening:
				si.typ = event.FDIPv4Server
			case t.v6:
				si.typ = event.FDIPv6Sock
			default:
				si.typ = event.FDIPv4Sock
			}
			si.listening = listening
			out[ino] = si
		}
	}
	if b, err := os.ReadFile(filepath.Join(proc, "net", "unix")); err == nil {
		lines := strings.Split(string(b), "\n")
		for _, line := range lines[1:] {
			f := strings.Fields(line)
			if len(f) < 7 {
				continue
			}
			ino, err := strconv.ParseUint(f[6], 10, 64)
			if err != nil {
				continue
			}
			si := sockInfo{typ: event.FDUnixSock, unixS: true}
			if len(f) > 7 {
				si.path = f[7]
			}
			out[ino] = si
		}
	}
	return out
}

// parseHexAddr parses /proc/net "0100007F:1F90" (IPv4, host-order words) or the 32-digit IPv6 form.
func parseHexAddr(s string, v6 bool) (netip.Addr, uint16, bool) {
	h, p, ok := strings.Cut(s, ":")
	if !ok {
		return netip.Addr{}, 0, false
	}
	port, err := strconv.ParseUint(p, 16, 16)
	if err != nil {
		return netip.Addr{}, 0, false
	}
	raw, err := hex.DecodeString(h)
	if err != nil || (len(raw) != 4 && len(raw) != 16) {
		return netip.Addr{}, 0, false
	}
	// Each 32-bit word is printed in host (little-endian) order.
	var b [16]byte
	for i := 0; i+4 <= len(raw); i += 4 {
		binary.BigEndian.PutUint32(b[i:], binary.LittleEndian.Uint32(raw[i:]))
	}
	if len(raw) == 4 {
		return netip.AddrFrom4([4]byte(b[:4])), uint16(port), true
	}
	a := netip.AddrFrom16(b)
	if !v6 {
		a = a.Unmap()
	}
	return a, uint16(port), true
}

// openFlagsToScap translates Linux open flags (as /proc/PID/fdinfo shows them, octal) to PPM_O_*.
func openFlagsToScap(f uint64) uint32 {
	var r uint32
	switch f & 3 {
	case 0:
		r = 1
	case 1:
		r = 2
	case 2:
		r = 3
	}
	pairs := []struct {
		linux uint64
		ppm   uint32
	}{
		{0o100, 1 << 2}, {0o200, 1 << 5}, {0o1000, 1 << 8}, {0o2000, 1 << 3}, {0o4000, 1 << 6},
		{0o10000, 1 << 4}, {0o40000, 1 << 9}, {0o100000, 1 << 11}, {0o2000000, 1 << 12}, {0o4000000, 1 << 7},
	}
	for _, p := range pairs {
		if f&p.linux != 0 {
			r |= p.ppm
		}
	}
	if f&0o20200000 == 0o200000 {
		r |= 1 << 10 // O_DIRECTORY
	}
	if f&0o20000000 != 0 {
		r |= 1 << 13 // O_TMPFILE
	}
	return r
}

// encodeDev turns a stat dev number into the user-space encoding the probe and captures use.
func encodeDev(dev uint64) uint32 {
	major := uint32((dev >> 8) & 0xfff)
	minor := uint32((dev & 0xff) | ((dev >> 12) & 0xfff00))
	return (minor & 0xff) | (major << 8) | ((minor &^ 0xff) << 12)
}

// readFDs reads a process's descriptors.
func readFDs(pdir string, pid int64, max int, socks map[uint64]sockInfo) []event.FDInfo {
	fdDir := filepath.Join(pdir, "fd")
	entries, err := os.ReadDir(fdDir)
	if err != nil {
		return nil
	}
	var out []event.FDInfo
	for i, e := range entries {
		if i >= max {
			break
		}
		fd, err := strconv.ParseInt(e.Name(), 10, 64)
		if err != nil {
			continue
		}
		link, err := os.Readlink(filepath.Join(fdDir, e.Name()))
		if err != nil {
			continue
		}
		fi := event.FDInfo{TID: pid, FD: fd}
		if b, err := os.ReadFile(filepath.Join(pdir, "fdinfo", e.Name())); err == nil {
			for _, line := range strings.Split(string(b), "\n") {
				if v, ok := strings.CutPrefix(line, "flags:"); ok {
					f, _ := strconv.ParseUint(strings.TrimSpace(v), 8, 64)
					fi.Flags = openFlagsToScap(f)
				}
			}
		}
		var st syscall.Stat_t
		if syscall.Stat(filepath.Join(fdDir, e.Name()), &st) == nil {
			fi.Ino = st.Ino
			fi.Dev = encodeDev(st.Dev)
		}
		classify(&fi, link, &st, socks)
		out = append(out, fi)
	}
	return out
}

// classify sets the type and name of a descriptor from its /proc link.
func classify(fi *event.FDInfo, link string, st *syscall.Stat_t, socks map[uint64]sockInfo) {
	inoOf := func(prefix string) (uint64, bool) {
		s, ok := strings.CutPrefix(link, prefix)
		if !ok {
			return 0, false
		}
		v, err := strconv.ParseUint(strings.Trim(s, "[]"), 10, 64)
		return v, err == nil
	}
	if ino, ok := inoOf("socket:"); ok {
		si, found := socks[ino]
		if !found {
			fi.Type = event.FDUnsupported
			return
		}
		fi.Type, fi.L4Proto = si.typ, si.l4
		switch {
		case si.unixS:
			fi.Name = si.path
		case si.listening:
			fi.DstAddr, fi.DstPort = si.src, si.sport
		default:
			fi.SrcAddr, fi.SrcPort, fi.DstAddr, fi.DstPort = si.src, si.sport, si.dst, si.dport
		}
		return
	}
	if _, ok := inoOf("pipe:"); ok {
		fi.Type = event.FDFifo
		return
	}
	if kind, ok := strings.CutPrefix(link, "anon_inode:"); ok {
		kind = strings.Trim(kind, "[]")
		fi.Name = link
		switch kind {
		case "eventfd":
			fi.Type = event.FDEvent
		case "eventpoll":
			fi.Type = event.FDEventPoll
		case "inotify":
			fi.Type = event.FDInotify
		case "signalfd":
			fi.Type = event.FDSignalfd
		case "timerfd":
			fi.Type = event.FDTimerfd
		default: // bpf, userfaultfd, io_uring, pidfd: fd-list types that readers before 2023 reject
			fi.Type = event.FDUnsupported
		}
		return
	}
	fi.Name = link
	switch {
	case strings.HasPrefix(link, "/memfd:"):
		fi.Type = event.FDFileV2 // as libscap's /proc scan reports memfds: a file named /memfd:NAME
	case st.Mode&syscall.S_IFMT == syscall.S_IFDIR:
		fi.Type = event.FDDirectory
	case strings.HasPrefix(link, "/"):
		fi.Type = event.FDFileV2
	default:
		fi.Type = event.FDUnsupported
	}
}

func readPasswd(path string) ([]event.UserInfo, error) {
	lines, err := readColonFile(path)
	if err != nil {
		return nil, err
	}
	var out []event.UserInfo
	for _, f := range lines {
		if len(f) < 7 {
			continue
		}
		uid, err1 := strconv.ParseUint(f[2], 10, 32)
		gid, err2 := strconv.ParseUint(f[3], 10, 32)
		if err1 != nil || err2 != nil {
			continue
		}
		out = append(out, event.UserInfo{UID: uint32(uid), GID: uint32(gid), Name: f[0], Home: f[5], Shell: f[6]})
	}
	return out, nil
}

func readGroup(path string) ([]event.GroupInfo, error) {
	lines, err := readColonFile(path)
	if err != nil {
		return nil, err
	}
	var out []event.GroupInfo
	for _, f := range lines {
		if len(f) < 3 {
			continue
		}
		gid, err := strconv.ParseUint(f[2], 10, 32)
		if err != nil {
			continue
		}
		out = append(out, event.GroupInfo{GID: uint32(gid), Name: f[0]})
	}
	return out, nil
}

// readColonFile splits a passwd-style file into fields; a missing file is empty.
func readColonFile(path string) ([][]string, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	var out [][]string
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, strings.Split(line, ":"))
	}
	return out, nil
}
