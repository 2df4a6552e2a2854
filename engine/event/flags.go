package event

import (
	"strconv"
	"strings"
)

// FlagName is one named value of a flags table.
type FlagName struct {
	Name  string
	Value uint32
}

// FlagTable names the values of a flags or enum parameter (a libs ppm_name_value table), in libs order.
type FlagTable struct {
	Name    string
	Entries []FlagName
}

// Lookup returns the name of the entry whose value is exactly v.
func (t *FlagTable) Lookup(v uint32) (string, bool) {
	for _, e := range t.Entries {
		if e.Value == v {
			return e.Name, true
		}
	}
	return "", false
}

// Value returns the value of the entry called name.
func (t *FlagTable) Value(name string) (uint32, bool) {
	for _, e := range t.Entries {
		if e.Name == name {
			return e.Value, true
		}
	}
	return 0, false
}

// Names renders v as libsinsp does for a flags parameter: the name of an exact match, else the names of the
// entries whose bits are all still set, in table order, joined by "|" (an entry's bits are consumed once
// matched, so O_RDWR is not also printed as O_RDONLY|O_WRONLY). It returns "" when nothing matches.
func (t *FlagTable) Names(v uint32) string {
	if name, ok := t.Lookup(v); ok {
		return name
	}
	var b strings.Builder
	rest := v
	for _, e := range t.Entries {
		if e.Value == 0 || rest == 0 || rest&e.Value != e.Value {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('|')
		}
		b.WriteString(e.Name)
		rest &^= e.Value
	}
	return b.String()
}

// Format renders v as sysdig prints a flags parameter: "4097(O_RDONLY|O_CLOEXEC)", or the bare number
// when no name matches.
func (t *FlagTable) Format(v uint32) string {
	s := strconv.FormatUint(uint64(v), 10)
	if n := t.Names(v); n != "" {
		return s + "(" + n + ")"
	}
	return s
}

// FormatEnum renders v as sysdig prints an enum parameter: "1(PR_SET_PDEATHSIG)", or the bare number.
func (t *FlagTable) FormatEnum(v uint32) string {
	s := strconv.FormatUint(uint64(v), 10)
	if n, ok := t.Lookup(v); ok {
		return s + "(" + n + ")"
	}
	return s
}

// CreatFlags names creat's creat_flags (overlay layer of the created file).
var CreatFlags = FlagTable{Name: "creat_flags", Entries: []FlagName{
	{"FD_UPPER_LAYER_CREAT", 1 << 0},
	{"FD_LOWER_LAYER_CREAT", 1 << 1},
}}

// MemfdCreateFlags names memfd_create's flags.
var MemfdCreateFlags = FlagTable{Name: "memfd_create_flags", Entries: []FlagName{
	{"MFD_CLOEXEC", 1},
	{"MFD_ALLOW_SEALING", 2},
	{"MFD_HUGETLB", 4},
}}

// PrctlOptions names prctl's option values.
var PrctlOptions = FlagTable{Name: "prctl_options", Entries: []FlagName{
	{"PR_SET_PDEATHSIG", 1}, {"PR_GET_PDEATHSIG", 2}, {"PR_GET_DUMPABLE", 3}, {"PR_SET_DUMPABLE", 4},
	{"PR_GET_KEEPCAPS", 7}, {"PR_SET_KEEPCAPS", 8}, {"PR_SET_NAME", 15}, {"PR_GET_NAME", 16},
	{"PR_GET_SECCOMP", 21}, {"PR_SET_SECCOMP", 22}, {"PR_CAPBSET_READ", 23}, {"PR_CAPBSET_DROP", 24},
	{"PR_GET_SECUREBITS", 27}, {"PR_SET_SECUREBITS", 28}, {"PR_SET_MM", 35}, {"PR_SET_CHILD_SUBREAPER", 36},
	{"PR_GET_CHILD_SUBREAPER", 37}, {"PR_SET_NO_NEW_PRIVS", 38}, {"PR_GET_NO_NEW_PRIVS", 39},
	{"PR_GET_TID_ADDRESS", 40}, {"PR_SET_THP_DISABLE", 41}, {"PR_GET_THP_DISABLE", 42}, {"PR_CAP_AMBIENT", 47},
}}

// BpfCommands names bpf's cmd values.
var BpfCommands = FlagTable{Name: "bpf_commands", Entries: []FlagName{
	{"BPF_MAP_CREATE", 0}, {"BPF_MAP_LOOKUP_ELEM", 1}, {"BPF_MAP_UPDATE_ELEM", 2}, {"BPF_MAP_DELETE_ELEM", 3},
	{"BPF_MAP_GET_NEXT_KEY", 4}, {"BPF_PROG_LOAD", 5}, {"BPF_OBJ_PIN", 6}, {"BPF_OBJ_GET", 7},
	{"BPF_PROG_ATTACH", 8}, {"BPF_PROG_DETACH", 9}, {"BPF_PROG_TEST_RUN", 10}, {"BPF_PROG_GET_NEXT_ID", 11},
	{"BPF_MAP_GET_NEXT_ID", 12}, {"BPF_PROG_GET_FD_BY_ID", 13}, {"BPF_MAP_GET_FD_BY_ID", 14},
	{"BPF_OBJ_GET_INFO_BY_FD", 15}, {"BPF_PROG_QUERY", 16}, {"BPF_RAW_TRACEPOINT_OPEN", 17}, {"BPF_BTF_LOAD", 18},
	{"BPF_BTF_GET_FD_BY_ID", 19}, {"BPF_TASK_FD_QUERY", 20}, {"BPF_MAP_LOOKUP_AND_DELETE_ELEM", 21},
	{"BPF_MAP_FREEZE", 22}, {"BPF_BTF_GET_NEXT_ID", 23}, {"BPF_MAP_LOOKUP_BATCH", 24},
	{"BPF_MAP_LOOKUP_AND_DELETE_BATCH", 25}, {"BPF_MAP_UPDATE_BATCH", 26}, {"BPF_MAP_DELETE_BATCH", 27},
	{"BPF_LINK_CREATE", 28}, {"BPF_LINK_UPDATE", 29}, {"BPF_LINK_GET_FD_BY_ID", 30}, {"BPF_LINK_GET_NEXT_ID", 31},
	{"BPF_ENABLE_STATS", 32}, {"BPF_ITER_CREATE", 33}, {"BPF_LINK_DETACH", 34}, {"BPF_PROG_BIND_MAP", 35},
}}
