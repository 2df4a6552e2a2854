package state

import "github.com/aerie-sec/aerie/engine/event"

// AddSnapshotThread adds a thread from a snapshot record (.scap process list or start-up scan).
func (tb *Table) AddSnapshotThread(ti *event.ThreadInfo) *Thread {
	th := Thread{
		TID: ti.TID, PID: ti.PID, PTID: ti.PTID, SID: ti.SID, VPGID: ti.VPGID, PGID: ti.PGID,
		VTID: ti.VTID, VPID: ti.VPID,
		Comm: ti.Comm, Exe: ti.Exe, ExePath: ti.ExePath, Args: ti.Args, Env: ti.Env, Cgroups: ti.Cgroups,
		Root: ti.Root, UID: ti.UID, GID: ti.GID, LoginUID: ti.LoginUID, TTY: ti.TTY, FDLimit: ti.FDLimit,
		CapInheritable: ti.CapInheritable, CapPermitted: ti.CapPermitted, CapEffective: ti.CapEffective,
		ExeIno: ti.ExeIno, ExeInoCtime: int64(ti.ExeInoCtime), ExeInoMtime: int64(ti.ExeInoMtime),
		PidnsInitStartTs: int64(ti.PIDNSInitStartTs),
	}
	if ti.ExeWritable {
		th.ExeFlags |= ExeWritable
	}
	if ti.ExeUpperLayer {
		th.ExeFlags |= ExeUpperLayer
	}
	if ti.ExeLowerLayer {
		th.ExeFlags |= ExeLowerLayer
	}
	if ti.ExeFromMemfd {
		th.ExeFlags |= ExeFromMemfd
	}
	t := tb.AddThread(th)
	if t != nil {
		t.files.Cwd = ti.Cwd
	}
	return t
}

// AddSnapshotFD adds a descriptor from a snapshot record to its thread's process.
func (tb *Table) AddSnapshotFD(fi *event.FDInfo) {
	fd := FD{Num: fi.FD, Type: FDType(fi.Type), OpenFlags: fi.Flags, Ino: fi.Ino, Dev: fi.Dev, Name: fi.Name,
		L4: L4Proto(fi.L4Proto), UnixSource: fi.Source, UnixDest: fi.Dest}
	switch fd.Type {
	case FDFileV2:
		fd.Type = FDFile
		if fi.Flags&oDirectory != 0 {
			fd.Type = FDDirectory
		}
		if fi.Flags&oCloexec != 0 {
			fd.Flags |= FlagCloseOnExec
		}
	case FDIPv4Socket, FDIPv6Socket:
		fd.SetTuple(fd.L4, fi.SrcAddr, fi.SrcPort, fi.DstAddr, fi.DstPort)
		fd.Flags |= FlagConnected | FlagRoleClient
	case FDIPv4Server, FDIPv6Server:
		fd.ServerIP, fd.ServerPort = fi.DstAddr, fi.DstPort
		fd.Name = string(AppendEndpoint(nil, fi.DstAddr, fi.DstPort))
		fd.Flags |= FlagRoleServer
	}
	tb.AddFD(fi.TID, fd)
}

// AddSnapshotUser adds a user from a snapshot record.
func (tb *Table) AddSnapshotUser(u *event.UserInfo) {
	tb.AddUser(User{UID: u.UID, GID: u.GID, Name: u.Name, Home: u.Home, Shell: u.Shell})
}

// AddSnapshotGroup adds a group from a snapshot record.
func (tb *Table) AddSnapshotGroup(g *event.GroupInfo) { tb.AddGroup(Group{GID: g.GID, Name: g.Name}) }
