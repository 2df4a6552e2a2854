package event

import (
	"slices"
	"testing"
)

func TestLookupKnownCodes(t *testing.T) {
	tests := []struct {
		typ     Type
		name    string
		dir     Direction
		nparams int
		old     bool
	}{
		{SyscallOpenE, "open", Enter, 3, false},
		{SyscallOpenX, "open", Exit, 6, false},
		{SyscallCloseE, "close", Enter, 1, true},
		{SyscallCloseX, "close", Exit, 2, false},
		{SocketSocketE, "socket", Enter, 3, true},
		{SocketConnectE, "connect", Enter, 2, false},
		{SocketConnectX, "connect", Exit, 4, false},
		{SyscallOpenatV2E, "openat", Enter, 4, false},
		{SyscallOpenatV2X, "openat", Exit, 7, false},
		{SyscallExecveV19X, "execve", Exit, 31, false},
		{SyscallExecveatX, "execveat", Exit, 30, false},
		{SyscallCloneV20X, "clone", Exit, 21, false},
		{SyscallClone3X, "clone3", Exit, 21, false},
		{ProcexitV1E, "procexit", Enter, 5, false},
		{SyscallDupV1X, "dup", Exit, 2, false},
		{SocketAccept4V6X, "accept4", Exit, 6, false},
		{SyscallSetregidX, "setregid", Exit, 3, false},
		{SyscallExecveV8X, "execve", Exit, 8, true},
	}
	for _, tt := range tests {
		t.Run(tt.typ.String(), func(t *testing.T) {
			info, ok := Lookup(tt.typ)
			if !ok {
				t.Fatalf("Lookup(%d): not found", tt.typ)
			}
			if info.Name != tt.name || info.Dir != tt.dir || len(info.Params) != tt.nparams {
				t.Errorf("Lookup(%d) = %s dir %v %d params, want %s dir %v %d params",
					tt.typ, info.Name, info.Dir, len(info.Params), tt.name, tt.dir, tt.nparams)
			}
			if got := info.Flags&FlagOldVersion != 0; got != tt.old {
				t.Errorf("Lookup(%d) old version = %v, want %v", tt.typ, got, tt.old)
			}
		})
	}
}

func TestCodesMatchLibsNumbers(t *testing.T) {
	for _, tc := range []struct {
		typ  Type
		want uint16
	}{
		{GenericE, 0}, {SyscallOpenE, 2}, {SyscallOpenX, 3}, {SocketConnectE, 22}, {SyscallCreatE, 58},
		{ProcexitV1E, 186}, {SyscallExecveV19X, 293}, {SyscallOpenatV2E, 306}, {PlugineventE, 322},
		{ContainerJsonV2E, 324}, {SyscallOpenat2E, 326}, {SyscallExecveatE, 330}, {SyscallClone3X, 335},
		{SyscallDupV1E, 366}, {SocketAccept4V6X, 389}, {AsynceventE, 402}, {SyscallSetreuidE, 426},
	} {
		if uint16(tc.typ) != tc.want {
			t.Errorf("%v = %d, want %d", tc.typ, tc.typ, tc.want)
		}
	}
}

func TestByName(t *testing.T) {
	tests := []struct {
		name string
		want []Type
	}{
		{"open", []Type{2, 3}},
		{"openat", []Type{102, 103, 306, 307}},
		{"execve", []Type{12, 13, 154, 155, 172, 173, 214, 215, 230, 231, 282, 283, 288, 289, 292, 293}},
		{"procexit", []Type{16, 186}},
		{"nosuchevent", nil},
	}
	for _, tt := range tests {
		if got := ByName(tt.name); !slices.Equal(got, tt.want) {
			t.Errorf("ByName(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestTableConsistency(t *testing.T) {
	types := Types()
	if len(types) != int(MaxType) {
		t.Fatalf("Types() has %d codes, want %d", len(types), MaxType)
	}
	for _, typ := range types {
		info, _ := Lookup(typ)
		if info.Name == "" {
			t.Errorf("code %d has no name", typ)
		}
		if info.Dir != typ.Dir() {
			t.Errorf("code %d (%s): direction %v disagrees with its parity", typ, info.Name, info.Dir)
		}
		large := info.Flags&FlagLargePayload != 0
		if want := typ == PlugineventE || typ == ContainerJsonV2E || typ == AsynceventE; large != want {
			t.Errorf("code %d (%s): large payload = %v, want %v", typ, info.Name, large, want)
		}
		for i, p := range info.Params {
			if p.Name == "" || p.Type == ParamNone || p.Type > ParamEnumFlags32 {
				t.Errorf("code %d (%s) param %d: bad name %q or type %d", typ, info.Name, i, p.Name, p.Type)
			}
			if p.Type == ParamFSRelPath && p.DirFD != 0 {
				if p.DirFD >= len(info.Params) || info.Params[p.DirFD].Type != ParamFD {
					t.Errorf("code %d (%s) param %s: dirfd index %d is not an fd", typ, info.Name, p.Name, p.DirFD)
				}
			}
			if p.Type == ParamDyn && len(p.Dyn) == 0 && info.Flags&FlagOldVersion == 0 {
				t.Errorf("code %d (%s) param %s: dynamic parameter without sub-types", typ, info.Name, p.Name)
			}
		}
	}
	if _, ok := Lookup(MaxType); ok {
		t.Errorf("Lookup(MaxType) found an entry")
	}
	if MaxType.Name() != "unknown" {
		t.Errorf("MaxType.Name() = %q", MaxType.Name())
	}
}

func TestFlagFormat(t *testing.T) {
	tests := []struct {
		table *FlagTable
		v     uint32
		want  string
	}{
		{&FileFlags, 4097, "4097(O_RDONLY|O_CLOEXEC)"},
		{&FileFlags, 3, "3(O_RDWR)"},
		{&FileFlags, 0, "0(O_NONE)"},
		{&FileFlags, 1 | 2 | 4 | 256, "263(O_TRUNC|O_CREAT|O_RDWR)"},
		{&CloneFlags, 1 << 13, "8192(CLONE_THREAD)"},
		{&SocketFamilies, 2, "2(AF_INET)"},
	}
	for _, tt := range tests {
		if got := tt.table.Format(tt.v); got != tt.want {
			t.Errorf("%s.Format(%d) = %q, want %q", tt.table.Name, tt.v, got, tt.want)
		}
	}
	if got := PrctlOptions.FormatEnum(99); got != "99" {
		t.Errorf("FormatEnum(99) = %q", got)
	}
	if got := PrctlOptions.FormatEnum(38); got != "38(PR_SET_NO_NEW_PRIVS)" {
		t.Errorf("FormatEnum(38) = %q", got)
	}
	if v, ok := FileFlags.Value("O_CREAT"); !ok || v != 4 {
		t.Errorf("FileFlags.Value(O_CREAT) = %d, %v", v, ok)
	}
}
