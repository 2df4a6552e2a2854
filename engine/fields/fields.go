// Package fields is the registry of filter fields of the syscall source: each field's name, type, argument
// kind, flags and description, as libsinsp and the container plugin define them. The compiler resolves every
// field reference here; the CLI prints it; the extraction layer implements it.
package fields

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/aerie-sec/aerie/engine/event"
)

// Type is a field's value type, named as libs names parameter types (PT_*).
type Type string

// Field types used by syscall-source fields.
const (
	Int8      Type = "INT8"
	Int16     Type = "INT16"
	Int32     Type = "INT32"
	Int64     Type = "INT64"
	Uint8     Type = "UINT8"
	Uint16    Type = "UINT16"
	Uint32    Type = "UINT32"
	Uint64    Type = "UINT64"
	Charbuf   Type = "CHARBUF"
	Bytebuf   Type = "BYTEBUF"
	Bool      Type = "BOOL"
	Reltime   Type = "RELTIME"
	Abstime   Type = "ABSTIME"
	Port      Type = "PORT"
	IPAddr    Type = "IPADDR"
	IPNet     Type = "IPNET"
	Double    Type = "DOUBLE"
	Dyn       Type = "DYN"
	FSPath    Type = "FSPATH"
	Mode      Type = "MODE"
	Sockfam   Type = "SOCKFAMILY"
	L4Proto   Type = "L4PROTO"
	Errno     Type = "ERRNO"
	FDType    Type = "FD"
	PIDType   Type = "PID"
	UIDType   Type = "UID"
	GIDType   Type = "GID"
	Flags32   Type = "FLAGS32"
	SigType   Type = "SIGTYPE"
	SyscallID Type = "SYSCALLID"
	Charbufs  Type = "CHARBUFARRAY"
)

// Class groups types by the operators they accept.
type Class int

// Type classes.
const (
	ClassString Class = iota
	ClassNumeric
	ClassBool
	ClassIP
	ClassBuffer
)

// Class returns the operator class of t.
func (t Type) Class() Class {
	switch t {
	case Charbuf, FSPath, Charbufs:
		return ClassString
	case Bytebuf:
		return ClassBuffer
	case Bool:
		return ClassBool
	case IPAddr, IPNet:
		return ClassIP
	case Dyn:
		return ClassString
	}
	return ClassNumeric
}

// ArgKind says whether and how a field takes an argument in brackets (or after a dot, for some fields).
type ArgKind int

// Argument kinds.
const (
	ArgNone        ArgKind = iota // no argument
	ArgIndex                      // required numeric index, e.g. proc.aname[2]
	ArgIndexOpt                   // optional numeric index, e.g. proc.aname
	ArgKey                        // required key, e.g. proc.env[HOME] is optional; evt.arg.name is required
	ArgKeyOpt                     // optional key
	ArgIndexOrKey                 // required index or name, e.g. evt.arg[0], evt.arg.fd
	ArgIndexOrKeyO                // optional index or key
)

// Flags are field properties.
type Flags uint32

// Field flags.
const (
	NoRHS         Flags = 1 << iota // cannot be used as val() operand (libs EPF_NO_RHS)
	NoTransformer                   // transformers may not be applied (EPF_NO_TRANSFORMER)
	Deprecated                      // deprecated: use warns LOAD_DEPRECATED_ITEM
	List                            // the field yields a list of values (EPF_IS_LIST)
	FilterOnly                      // the field cannot appear in outputs (EPF_FILTER_ONLY)
	DotArg                          // the argument may follow a dot: evt.arg.name
	Plugin                          // provided by the container plugin in Falco, natively by Aerie
)

// Field describes one filter field.
type Field struct {
	Name  string
	Type  Type
	Arg   ArgKind
	Flags Flags
	Desc  string
}

// Has reports whether f has all of flags.
func (f *Field) Has(flags Flags) bool { return f.Flags&flags == flags }

// Ref is a resolved field reference: the field and its argument as written.
type Ref struct {
	Field  *Field
	Arg    string
	HasArg bool
	// Dotted reports that the argument was written after a dot (evt.arg.fd) rather than in brackets.
	Dotted bool
}

// String renders the reference as written in conditions, e.g. proc.aname[2] or evt.arg.fd.
func (r Ref) String() string {
	if r.Dotted {
		return r.Field.Name + "." + r.Arg
	}
	if r.HasArg {
		return r.Field.Name + "[" + r.Arg + "]"
	}
	return r.Field.Name
}

// Registry is an immutable set of fields indexed by name.
type Registry struct {
	byName map[string]*Field
	list   []*Field
}

// Syscall returns the registry of the syscall source (built once, shared, read-only).
var Syscall = sync.OnceValue(func() *Registry { return build(syscallTable) })

func build(table string) *Registry {
	r := &Registry{byName: map[string]*Field{}}
	for _, line := range strings.Split(table, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, "|", 4)
		f := &Field{Name: strings.TrimSpace(parts[0]), Type: Type(strings.TrimSpace(parts[1])), Desc: strings.TrimSpace(parts[3])}
		for _, c := range strings.TrimSpace(parts[2]) {
			switch c {
			case 'i':
				f.Arg = ArgIndex
			case 'I':
				f.Arg = ArgIndexOpt
			case 'k':
				f.Arg = ArgKey
			case 'K':
				f.Arg = ArgKeyOpt
			case 'a':
				f.Arg = ArgIndexOrKey
			case 'A':
				f.Arg = ArgIndexOrKeyO
			case 'N':
				f.Flags |= NoRHS
			case 'T':
				f.Flags |= NoTransformer
			case 'D':
				f.Flags |= Deprecated
			case 'L':
				f.Flags |= List
			case 'F':
				f.Flags |= FilterOnly
			case '.':
				f.Flags |= DotArg
			case 'P':
				f.Flags |= Plugin
			}
		}
		r.byName[f.Name] = f
		r.list = append(r.list, f)
	}
	return r
}

// Fields returns every field in registry order (grouped by class, as libs lists them).
func (r *Registry) Fields() []*Field { return r.list }

// Lookup returns the field called exactly name.
func (r *Registry) Lookup(name string) (*Field, bool) {
	f, ok := r.byName[name]
	return f, ok
}

// Resolve resolves a field reference as written: name (possibly with a dotted argument, evt.arg.fd) and
// an optional bracketed argument. The error messages follow libs.
func (r *Registry) Resolve(name, arg string, hasArg bool) (Ref, error) {
	f, ok := r.byName[name]
	if !ok {
		// Dotted argument: the longest registered prefix that accepts one.
		for i := strings.LastIndexByte(name, '.'); i > 0; i = strings.LastIndexByte(name[:i], '.') {
			if p, ok := r.byName[name[:i]]; ok && p.Has(DotArg) {
				if hasArg {
					return Ref{}, fmt.Errorf("filter_check called with nonexistent field %s", name)
				}
				f, arg, hasArg = p, name[i+1:], true
				break
			}
		}
		if f == nil {
			return Ref{}, fmt.Errorf("filter_check called with nonexistent field %s", name)
		}
	}
	ref := Ref{Field: f, Arg: arg, HasArg: hasArg, Dotted: f.Name != name}
	if f.Type == Dyn && f.Name == "evt.rawarg" && hasArg {
		// As libs: the type is that of the first parameter with this name in the event table, so that
		// evt.rawarg.uid compares as a number; an unknown name is an error.
		t, ok := rawArgType(arg)
		if !ok {
			return Ref{}, fmt.Errorf("unknown event argument %s", arg)
		}
		typed := *f
		typed.Type = t
		ref.Field = &typed
	}
	switch f.Arg {
	case ArgNone:
		if hasArg {
			return Ref{}, fmt.Errorf("filter_check called with nonexistent field %s[%s]", name, arg)
		}
	case ArgIndex, ArgIndexOpt:
		if !hasArg && f.Arg == ArgIndex {
			return Ref{}, fmt.Errorf("filter %s requires an argument", f.Name)
		}
		if hasArg {
			if _, err := strconv.ParseUint(arg, 10, 32); err != nil {
				return Ref{}, fmt.Errorf("filter %s: argument '%s' is not a valid number", f.Name, arg)
			}
		}
	case ArgKey, ArgIndexOrKey:
		if !hasArg || arg == "" {
			return Ref{}, fmt.Errorf("filter %s requires an argument", f.Name)
		}
	}
	return ref, nil
}

// Names returns every field name, sorted.
func (r *Registry) Names() []string {
	out := make([]string, 0, len(r.list))
	for _, f := range r.list {
		out = append(out, f.Name)
	}
	sort.Strings(out)
	return out
}

// rawArgType returns the field type of the first event parameter called name, in event table order.
func rawArgType(name string) (Type, bool) {
	for _, t := range event.Types() {
		info, _ := event.Lookup(t)
		if i := info.ParamIndex(name); i >= 0 {
			return paramFieldType(info.Params[i].Type), true
		}
	}
	return "", false
}

// paramFieldType maps an event parameter type to the field type its raw value has.
func paramFieldType(t event.ParamType) Type {
	switch t {
	case event.ParamInt8:
		return Int8
	case event.ParamInt16:
		return Int16
	case event.ParamInt32:
		return Int32
	case event.ParamInt64:
		return Int64
	case event.ParamUint8, event.ParamFlags8, event.ParamEnumFlags8:
		return Uint8
	case event.ParamUint16, event.ParamFlags16, event.ParamEnumFlags16:
		return Uint16
	case event.ParamUint32:
		return Uint32
	case event.ParamUint64:
		return Uint64
	case event.ParamFlags32, event.ParamEnumFlags32:
		return Flags32
	case event.ParamErrno:
		return Errno
	case event.ParamFD:
		return FDType
	case event.ParamPID:
		return PIDType
	case event.ParamUID:
		return UIDType
	case event.ParamGID:
		return GIDType
	case event.ParamMode:
		return Mode
	case event.ParamSyscallID:
		return SyscallID
	case event.ParamSigType:
		return SigType
	case event.ParamRelTime:
		return Reltime
	case event.ParamAbsTime:
		return Abstime
	case event.ParamPort:
		return Port
	case event.ParamL4Proto:
		return L4Proto
	case event.ParamSockFamily:
		return Sockfam
	case event.ParamFSPath, event.ParamFSRelPath:
		return FSPath
	case event.ParamByteBuf:
		return Bytebuf
	}
	return Charbuf
}
