package scap

import (
	"cmp"
	"context"
	"errors"
	"io"
	"slices"

	"github.com/aerie-sec/aerie/engine/event"
)

// TypeCount counts the events of one type.
type TypeCount struct {
	Type  event.Type
	Name  string // as evt.type shows it (syscall name for generic events)
	Dir   event.Direction
	Count int64
}

// Process is one thread known to a capture: from the process list, or first seen in events.
type Process struct {
	TID, PID, PTID int64
	Comm, Exe      string
	Args           []string
	UID            uint32
	User           string // from the user list, "" if unknown
	FromProcList   bool
	Events         int64 // events the thread generated
}

// Summary describes a whole capture: its blocks, events by type, and processes.
type Summary struct {
	Compressed      bool
	Sections        []SectionHeader
	Machine         *MachineInfo
	Blocks          []BlockStat
	Events          int64
	Skipped         int64 // events of types beyond the event table
	FirstTs, LastTs int64
	Types           []TypeCount // by descending count, then code
	Processes       []Process   // by tid
	Users, Groups   int
	FDs             int
	Interfaces      []Interface
}

type typeKey struct {
	t    event.Type
	name string
}

// Summarize reads r to the end and summarizes it. On a read error it returns the summary of what was read
// before the error together with the error.
func Summarize(ctx context.Context, r *Reader) (*Summary, error) {
	s := &Summary{Compressed: r.Compressed()}
	counts := map[typeKey]int64{}
	procs := map[int64]*Process{}
	var readErr error
	for {
		e, err := r.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			readErr = err
			break
		}
		if s.Events == 0 {
			s.FirstTs = e.Ts
		}
		s.Events++
		s.LastTs = e.Ts
		counts[typeKey{e.Type, e.DisplayName()}]++
		p := procs[e.TID]
		if p == nil {
			p = &Process{TID: e.TID, PID: -1, PTID: -1}
			procs[e.TID] = p
		}
		p.Events++
		observe(p, e)
	}
	m := r.Metadata()
	users := map[uint32]string{}
	for _, u := range m.Users {
		users[u.UID] = u.Name
	}
	for _, t := range m.Threads {
		p := procs[t.TID]
		if p == nil {
			p = &Process{TID: t.TID, PID: -1, PTID: -1}
			procs[t.TID] = p
		}
		p.FromProcList = true
		// What events said is more recent than the snapshot.
		if p.Comm == "" {
			p.Comm, p.Exe, p.Args, p.UID = t.Comm, t.Exe, t.Args, t.UID
		}
		if p.PID < 0 {
			p.PID = t.PID
		}
		if p.PTID < 0 {
			p.PTID = t.PTID
		}
	}
	for _, p := range procs {
		p.User = users[p.UID]
		s.Processes = append(s.Processes, *p)
	}
	slices.SortFunc(s.Processes, func(a, b Process) int { return cmp.Compare(a.TID, b.TID) })
	for k, n := range counts {
		s.Types = append(s.Types, TypeCount{Type: k.t, Name: k.name, Dir: k.t.Dir(), Count: n})
	}
	slices.SortFunc(s.Types, func(a, b TypeCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Type, b.Type), cmp.Compare(a.Name, b.Name))
	})
	s.Sections, s.Machine, s.Blocks, s.Skipped = m.Sections, m.Machine, r.Blocks(), r.Skipped()
	s.Users, s.Groups, s.FDs, s.Interfaces = len(m.Users), len(m.Groups), len(m.FDs), m.Interfaces
	return s, readErr
}

// observe fills a process seen in events from clone and execve exits, which carry its identity.
func observe(p *Process, e *event.Event) {
	info := e.Info()
	if info == nil || info.Dir != event.Exit || info.Category != event.CategoryProcess {
		return
	}
	switch info.Name {
	case "execve", "execveat", "clone", "fork", "vfork", "clone3":
	default:
		return
	}
	if res, ok := e.Int(0); !ok || res != 0 {
		return // failed call, or the parent's side of a clone
	}
	if i := e.ParamIndex("pid"); i >= 0 {
		if v, ok := e.Int(i); ok {
			p.PID = v
		}
	}
	if i := e.ParamIndex("ptid"); i >= 0 {
		if v, ok := e.Int(i); ok {
			p.PTID = v
		}
	}
	if i := e.ParamIndex("comm"); i >= 0 && len(e.Param(i)) > 0 {
		p.Comm = e.Str(i)
	}
	if i := e.ParamIndex("exe"); i >= 0 {
		p.Exe = e.Str(i)
	}
	if i := e.ParamIndex("args"); i >= 0 {
		p.Args = e.List(i)
	}
	if i := e.ParamIndex("uid"); i >= 0 {
		if v, ok := e.Uint(i); ok {
			p.UID = uint32(v)
		}
	}
}
