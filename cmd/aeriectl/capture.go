package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/aerie-sec/aerie/engine/scap"
	"github.com/aerie-sec/aerie/internal/printer"
)

func newCaptureCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "capture",
		Short: "Record live .scap captures (-w) and inspect capture files",
	}
	cmd.AddCommand(newCaptureInspectCmd(a))
	return cmd
}

func newCaptureInspectCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "inspect FILE",
		Short: "Describe a .scap capture: its blocks, event counts by type, and processes",
		Long: `Read a .scap capture (plain or gzip) to the end and describe it: format version, machine, block counts
by type, event counts by type and direction (as evt.type names them), and the processes it knows, from its
process list and from the events. The table form lists the processes that generated events; -o json and
-o yaml list every thread.

A truncated or corrupt capture is described up to the fault, then the error names the byte offset
(in the decompressed stream) and the exit status is 1.`,
		Args: cobra.ExactArgs(1),
	}
	out := outputFlag(cmd, printer.Table)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if err := checkCaptures(args); err != nil {
			return err
		}
		r, err := scap.Open(cmd.Context(), args[0])
		if err != nil {
			return err
		}
		defer func() { _ = r.Close() }()
		s, readErr := scap.Summarize(cmd.Context(), r)
		if err := a.print(*out, newCaptureReport(args[0], s)); err != nil {
			return err
		}
		return readErr
	}
	return cmd
}

// captureReport is the output of `aeriectl capture inspect`; its JSON field names are stable.
type captureReport struct {
	File          string             `json:"file" yaml:"file"`
	Compressed    bool               `json:"compressed" yaml:"compressed"`
	FormatVersion string             `json:"format_version" yaml:"format_version"`
	Sections      int                `json:"sections" yaml:"sections"`
	Machine       *captureMachine    `json:"machine,omitempty" yaml:"machine,omitempty"`
	Blocks        []captureBlock     `json:"blocks" yaml:"blocks"`
	Events        int64              `json:"events" yaml:"events"`
	Skipped       int64              `json:"skipped_events" yaml:"skipped_events"`
	FirstEvent    string             `json:"first_event_time,omitempty" yaml:"first_event_time,omitempty"`
	LastEvent     string             `json:"last_event_time,omitempty" yaml:"last_event_time,omitempty"`
	EventTypes    []captureEventType `json:"event_types" yaml:"event_types"`
	Processes     []captureProcess   `json:"processes" yaml:"processes"`
	Users         int                `json:"users" yaml:"users"`
	Groups        int                `json:"groups" yaml:"groups"`
	FDs           int                `json:"fds" yaml:"fds"`
	Interfaces    []captureInterface `json:"interfaces" yaml:"interfaces"`
}

type captureMachine struct {
	Hostname    string `json:"hostname" yaml:"hostname"`
	NumCPUs     uint32 `json:"num_cpus" yaml:"num_cpus"`
	MemoryBytes uint64 `json:"memory_bytes" yaml:"memory_bytes"`
	MaxPID      uint64 `json:"max_pid" yaml:"max_pid"`
	BootTime    string `json:"boot_time,omitempty" yaml:"boot_time,omitempty"`
}

type captureBlock struct {
	Type  string `json:"type" yaml:"type"`
	Name  string `json:"name" yaml:"name"`
	Count int64  `json:"count" yaml:"count"`
	Bytes int64  `json:"bytes" yaml:"bytes"`
}

type captureEventType struct {
	Type  string `json:"type" yaml:"type"`
	Dir   string `json:"dir" yaml:"dir"`
	Code  uint16 `json:"code" yaml:"code"`
	Count int64  `json:"count" yaml:"count"`
}

type captureProcess struct {
	TID           int64    `json:"tid" yaml:"tid"`
	PID           int64    `json:"pid" yaml:"pid"`
	PTID          int64    `json:"ptid" yaml:"ptid"`
	Comm          string   `json:"comm" yaml:"comm"`
	Exe           string   `json:"exe" yaml:"exe"`
	Args          []string `json:"args" yaml:"args"`
	UID           uint32   `json:"uid" yaml:"uid"`
	User          string   `json:"user" yaml:"user"`
	Events        int64    `json:"events" yaml:"events"`
	InProcessList bool     `json:"in_process_list" yaml:"in_process_list"`
}

type captureInterface struct {
	Name    string `json:"name" yaml:"name"`
	Addr    string `json:"addr" yaml:"addr"`
	Netmask string `json:"netmask" yaml:"netmask"`
}

func nsTime(ns int64) string {
	if ns <= 0 {
		return ""
	}
	return time.Unix(0, ns).UTC().Format(time.RFC3339Nano)
}

func newCaptureReport(file string, s *scap.Summary) captureReport {
	rep := captureReport{
		File: file, Compressed: s.Compressed, Sections: len(s.Sections), Events: s.Events, Skipped: s.Skipped,
		Users: s.Users, Groups: s.Groups, FDs: s.FDs,
		Blocks: []captureBlock{}, EventTypes: []captureEventType{}, Processes: []captureProcess{}, Interfaces: []captureInterface{},
	}
	if len(s.Sections) > 0 {
		rep.FormatVersion = fmt.Sprintf("%d.%d", s.Sections[0].Major, s.Sections[0].Minor)
	}
	if s.Events > 0 {
		rep.FirstEvent, rep.LastEvent = nsTime(s.FirstTs), nsTime(s.LastTs)
	}
	if m := s.Machine; m != nil {
		rep.Machine = &captureMachine{Hostname: m.Hostname, NumCPUs: m.NumCPUs, MemoryBytes: m.MemoryBytes, MaxPID: m.MaxPID,
			BootTime: nsTime(int64(m.BootTs))}
	}
	for _, b := range s.Blocks {
		rep.Blocks = append(rep.Blocks, captureBlock{Type: fmt.Sprintf("0x%x", b.Type), Name: b.Name, Count: b.Count, Bytes: b.Bytes})
	}
	for _, t := range s.Types {
		rep.EventTypes = append(rep.EventTypes, captureEventType{Type: t.Name, Dir: t.Dir.String(), Code: uint16(t.Type), Count: t.Count})
	}
	for _, p := range s.Processes {
		args := p.Args
		if args == nil {
			args = []string{}
		}
		rep.Processes = append(rep.Processes, captureProcess{TID: p.TID, PID: p.PID, PTID: p.PTID, Comm: p.Comm, Exe: p.Exe,
			Args: args, UID: p.UID, User: p.User, Events: p.Events, InProcessList: p.FromProcList})
	}
	for _, it := range s.Interfaces {
		rep.Interfaces = append(rep.Interfaces, captureInterface{Name: it.Name, Addr: it.Addr.String(), Netmask: it.Netmask.String()})
	}
	return rep
}

// String is the table form: a header, then blocks, event types and the processes that generated events.
func (r captureReport) String() string {
	var b strings.Builder
	comp := ""
	if r.Compressed {
		comp = " (gzip)"
	}
	fmt.Fprintf(&b, "File:       %s%s\n", r.File, comp)
	fmt.Fprintf(&b, "Format:     scap %s, %d section(s)\n", r.FormatVersion, r.Sections)
	if m := r.Machine; m != nil {
		fmt.Fprintf(&b, "Machine:    %s, %d CPUs, %.1f GiB memory\n", m.Hostname, m.NumCPUs, float64(m.MemoryBytes)/(1<<30))
	}
	fmt.Fprintf(&b, "Events:     %d", r.Events)
	if r.Skipped > 0 {
		fmt.Fprintf(&b, " (%d of unknown types skipped)", r.Skipped)
	}
	if r.FirstEvent != "" {
		fmt.Fprintf(&b, ", %s to %s", r.FirstEvent, r.LastEvent)
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "Metadata:   %d threads, %d fds, %d users, %d groups, %d interfaces\n\n",
		len(r.Processes)-r.threadsOnlyInEvents(), r.FDs, r.Users, r.Groups, len(r.Interfaces))

	rows := make([][]string, 0, len(r.Blocks))
	for _, bl := range r.Blocks {
		rows = append(rows, []string{bl.Type, bl.Name, strconv.FormatInt(bl.Count, 10), strconv.FormatInt(bl.Bytes, 10)})
	}
	_ = printer.WriteTable(&b, []string{"block", "name", "count", "bytes"}, rows)
	b.WriteString("\n")

	rows = rows[:0]
	for _, t := range r.EventTypes {
		rows = append(rows, []string{t.Type, t.Dir, strconv.Itoa(int(t.Code)), strconv.FormatInt(t.Count, 10)})
	}
	_ = printer.WriteTable(&b, []string{"event type", "dir", "code", "count"}, rows)
	b.WriteString("\n")

	rows = rows[:0]
	quiet := 0
	for _, p := range r.Processes {
		if p.Events == 0 {
			quiet++
			continue
		}
		user := p.User
		if user == "" {
			user = strconv.FormatUint(uint64(p.UID), 10)
		}
		cmdline := strings.TrimSpace(p.Exe + " " + strings.Join(p.Args, " "))
		rows = append(rows, []string{strconv.FormatInt(p.TID, 10), strconv.FormatInt(p.PID, 10), strconv.FormatInt(p.PTID, 10),
			user, p.Comm, strconv.FormatInt(p.Events, 10), cmdline})
	}
	_ = printer.WriteTable(&b, []string{"tid", "pid", "ptid", "user", "comm", "events", "command line"}, rows)
	if quiet > 0 {
		fmt.Fprintf(&b, "(%d more threads from the process list generated no events; -o json lists them)\n", quiet)
	}
	return b.String()
}

func (r captureReport) threadsOnlyInEvents() int {
	n := 0
	for _, p := range r.Processes {
		if !p.InProcessList {
			n++
		}
	}
	return n
}
