package event

import "fmt"

// Type is an event type code (PPME_* in libs); even codes are enter events, odd codes exit events.
type Type uint16

// Direction tells whether an event marks the entry into or the exit from a system call.
type Direction uint8

// Directions.
const (
	Enter Direction = iota
	Exit
)

// String returns ">" for Enter and "<" for Exit, as Falco prints evt.dir.
func (d Direction) String() string {
	if d == Enter {
		return ">"
	}
	return "<"
}

// Category is the libs event category (EC_*).
type Category uint32

// Categories, with the libs numbering.
const (
	CategoryUnknown    Category = 0
	CategoryOther      Category = 1
	CategoryFile       Category = 2
	CategoryNet        Category = 3
	CategoryIPC        Category = 4
	CategoryMemory     Category = 5
	CategoryProcess    Category = 6
	CategorySleep      Category = 7
	CategorySystem     Category = 8
	CategorySignal     Category = 9
	CategoryUser       Category = 10
	CategoryTime       Category = 11
	CategoryProcessing Category = 12
	CategoryIORead     Category = 32
	CategoryIOWrite    Category = 33
	CategoryIOOther    Category = 34
	CategoryWait       Category = 64
	CategoryScheduler  Category = 128
	CategoryInternal   Category = 256
)

// String returns the category name as sysdig prints evt.category.
func (c Category) String() string {
	switch c {
	case CategoryOther:
		return "other"
	case CategoryFile:
		return "file"
	case CategoryNet:
		return "net"
	case CategoryIPC:
		return "IPC"
	case CategoryMemory:
		return "memory"
	case CategoryProcess:
		return "process"
	case CategorySleep:
		return "sleep"
	case CategorySystem:
		return "system"
	case CategorySignal:
		return "signal"
	case CategoryUser:
		return "user"
	case CategoryTime:
		return "time"
	case CategoryProcessing:
		return "processing"
	case CategoryIORead, CategoryIOWrite, CategoryIOOther:
		return "io"
	case CategoryWait:
		return "wait"
	case CategoryScheduler:
		return "scheduler"
	case CategoryInternal:
		return "internal"
	}
	return "unknown"
}

// Flag is a set of libs event flags (EF_*).
type Flag uint32

// Event flags, with the libs numbering.
const (
	FlagCreatesFD      Flag = 1 << 0  // the event creates an fd (open)
	FlagDestroysFD     Flag = 1 << 1  // the event destroys an fd (close)
	FlagUsesFD         Flag = 1 << 2  // the event operates on an fd
	FlagReadsFromFD    Flag = 1 << 3  // the event reads data from an fd
	FlagWritesToFD     Flag = 1 << 4  // the event writes data to an fd
	FlagModifiesState  Flag = 1 << 5  // the event changes state and must not be dropped by filtering
	FlagUnused         Flag = 1 << 6  // the code is not used
	FlagWaits          Flag = 1 << 7  // the event waits
	FlagSkipParseReset Flag = 1 << 8  // the event does not reset the parser's last-event tracker
	FlagOldVersion     Flag = 1 << 9  // the code is kept only to read old captures
	FlagDropSimpleCons Flag = 1 << 10 // low-overhead consumers may skip the event
	FlagLargePayload   Flag = 1 << 11 // parameter lengths are u32 instead of u16
)

// ParamType is a parameter type (PT_*), with the libs numbering.
type ParamType uint8

// Parameter types.
const (
	ParamNone             ParamType = 0
	ParamInt8             ParamType = 1
	ParamInt16            ParamType = 2
	ParamInt32            ParamType = 3
	ParamInt64            ParamType = 4
	ParamUint8            ParamType = 5
	ParamUint16           ParamType = 6
	ParamUint32           ParamType = 7
	ParamUint64           ParamType = 8
	ParamCharBuf          ParamType = 9  // NUL-terminated string
	ParamByteBuf          ParamType = 10 // raw bytes
	ParamErrno            ParamType = 11 // int64, negative values are errno codes
	ParamSockAddr         ParamType = 12
	ParamSockTuple        ParamType = 13
	ParamFD               ParamType = 14 // int64
	ParamPID              ParamType = 15 // int64
	ParamFDList           ParamType = 16
	ParamFSPath           ParamType = 17 // NUL-terminated path
	ParamSyscallID        ParamType = 18 // u16
	ParamSigType          ParamType = 19 // u8
	ParamRelTime          ParamType = 20 // u64 ns
	ParamAbsTime          ParamType = 21 // u64 ns since the epoch
	ParamPort             ParamType = 22
	ParamL4Proto          ParamType = 23
	ParamSockFamily       ParamType = 24
	ParamBool             ParamType = 25 // u32
	ParamIPv4Addr         ParamType = 26
	ParamDyn              ParamType = 27 // u8 index selecting the sub-type, then the value
	ParamFlags8           ParamType = 28
	ParamFlags16          ParamType = 29
	ParamFlags32          ParamType = 30
	ParamUID              ParamType = 31
	ParamGID              ParamType = 32
	ParamDouble           ParamType = 33
	ParamSigSet           ParamType = 34
	ParamCharBufArray     ParamType = 35
	ParamCharBufPairArray ParamType = 36
	ParamIPv4Net          ParamType = 37
	ParamIPv6Addr         ParamType = 38
	ParamIPv6Net          ParamType = 39
	ParamIPAddr           ParamType = 40
	ParamIPNet            ParamType = 41
	ParamMode             ParamType = 42
	ParamFSRelPath        ParamType = 43 // NUL-terminated path relative to the dirfd parameter DirFD
	ParamEnumFlags8       ParamType = 44
	ParamEnumFlags16      ParamType = 45
	ParamEnumFlags32      ParamType = 46
)

// Size returns the fixed encoded size of a value of type t, or 0 for variable-size types.
func (t ParamType) Size() int {
	switch t {
	case ParamInt8, ParamUint8, ParamSigType, ParamFlags8, ParamEnumFlags8, ParamL4Proto, ParamSockFamily:
		return 1
	case ParamInt16, ParamUint16, ParamFlags16, ParamEnumFlags16, ParamPort, ParamSyscallID:
		return 2
	case ParamInt32, ParamUint32, ParamFlags32, ParamEnumFlags32, ParamUID, ParamGID, ParamMode, ParamBool,
		ParamIPv4Addr, ParamSigSet:
		return 4
	case ParamInt64, ParamUint64, ParamErrno, ParamFD, ParamPID, ParamRelTime, ParamAbsTime, ParamDouble:
		return 8
	case ParamIPv6Addr:
		return 16
	}
	return 0
}

// Signed reports whether integer values of type t are signed.
func (t ParamType) Signed() bool {
	switch t {
	case ParamInt8, ParamInt16, ParamInt32, ParamInt64, ParamErrno, ParamFD, ParamPID:
		return true
	}
	return false
}

// PrintFormat is how a numeric parameter is rendered (PF_*), with the libs numbering.
type PrintFormat uint8

// Print formats.
const (
	FormatNA        PrintFormat = 0
	FormatDec       PrintFormat = 1
	FormatHex       PrintFormat = 2
	FormatPaddedDec PrintFormat = 3
	FormatID        PrintFormat = 4
	FormatDir       PrintFormat = 5
	FormatOct       PrintFormat = 6
)

// ParamInfo describes one event parameter.
type ParamInfo struct {
	Name   string
	Type   ParamType
	Format PrintFormat
	// Flags names the values of a flags or enum-flags parameter, or is nil.
	Flags *FlagTable
	// DirFD is, for an FSRELPATH parameter, the index of the dirfd parameter it is relative to
	// (0 when it is the first parameter; check Type first).
	DirFD int
	// Dyn lists the sub-types of a DYN parameter by the index byte that precedes the value.
	Dyn []ParamInfo
}

// Info describes one event type.
type Info struct {
	Name     string
	Dir      Direction
	Category Category
	Flags    Flag
	Params   []ParamInfo
}

// ParamIndex returns the index of the parameter called name, or -1.
func (i *Info) ParamIndex(name string) int {
	for k := range i.Params {
		if i.Params[k].Name == name {
			return k
		}
	}
	return -1
}

// Lookup returns the table entry for t; ok is false for codes beyond the table.
func Lookup(t Type) (*Info, bool) {
	if t >= MaxType {
		return nil, false
	}
	return &table[t], true
}

// Types returns every code in the table, in ascending order.
func Types() []Type {
	out := make([]Type, 0, MaxType)
	for t := Type(0); t < MaxType; t++ {
		out = append(out, t)
	}
	return out
}

// ByName returns every code, enter and exit and old versions, whose name is name (e.g. "open"), ascending.
// Codes flagged FlagUnused are left out.
func ByName(name string) []Type {
	var out []Type
	for t := Type(0); t < MaxType; t++ {
		if table[t].Name == name && table[t].Flags&FlagUnused == 0 {
			out = append(out, t)
		}
	}
	return out
}

// Name returns the event name of t, or "unknown" for codes beyond the table.
func (t Type) Name() string {
	if t >= MaxType {
		return "unknown"
	}
	return table[t].Name
}

// Dir returns the direction encoded in t's parity.
func (t Type) Dir() Direction {
	return Direction(t & 1)
}

// String returns the name and direction, e.g. "open>" for code 2.
func (t Type) String() string {
	if t >= MaxType {
		return fmt.Sprintf("unknown(%d)", uint16(t))
	}
	return table[t].Name + t.Dir().String()
}

// SyscallName returns the name of the syscall with libs code id (PPM_SC_*), as generic events carry it in
// their ID parameter; "" for codes it does not know.
func SyscallName(id uint16) string {
	if int(id) >= len(syscallNames) {
		return ""
	}
	return syscallNames[id]
}

// DisplayName returns the event type name as Falco and sysdig show it in evt.type: the syscall name for
// generic events (codes 0 and 1), "<unknown>" when their syscall code is 0 or not known, else the table name.
func (e *Event) DisplayName() string {
	if e.Type == GenericE || e.Type == GenericX {
		if id, ok := e.Uint(0); ok {
			if n := SyscallName(uint16(id)); n != "" && n != "unknown" {
				return n
			}
		}
		return "<unknown>"
	}
	return e.Type.Name()
}

// SyscallID returns the libs code (PPM_SC_*) of the syscall called name, for names that generic events
// carry; ok is false for unknown names.
func SyscallID(name string) (uint16, bool) {
	for id, n := range syscallNames {
		if n == name && id != 0 {
			return uint16(id), true
		}
	}
	return 0, false
}
