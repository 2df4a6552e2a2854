package probe

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aerie-sec/aerie/engine/event"
)

// Syscall describes one x86_64 syscall the probe reports, with the event codes it emits.
type Syscall struct {
	Name  string
	Nr    uint32
	Exit  event.Type // exit event code (PPME_*_X)
	Enter event.Type // enter event code emitted for TOCTOU safety, 0 when exit-only
	prog  string     // tail-called exit program, without the flavor prefix
}

// procexitSlot is the interest-map slot for the procexit event (not a syscall).
const procexitSlot = 511

// nrSlots is the size of the interest map and the exit program array.
const nrSlots = 512

// Event codes the probe emits outside the syscall table.
const (
	eventProcexit = 186
	eventExecveX  = 293
)

// syscalls is the probe's dispatch table: x86_64 number, event codes, exit program.
var syscalls = []Syscall{
	{"read", 0, 7, 0, "rw"},
	{"write", 1, 9, 0, "rw"},
	{"open", 2, 3, 2, "open"},
	{"close", 3, 5, 0, "rfd"},
	{"pipe", 22, 61, 0, "pipe"},
	{"dup", 32, 367, 0, "dup"},
	{"dup2", 33, 363, 0, "dup"},
	{"sendfile", 40, 189, 0, "xfer"},
	{"socket", 41, 19, 0, "socket"},
	{"connect", 42, 23, 22, "connect"},
	{"accept", 43, 247, 0, "accept"},
	{"sendto", 44, 31, 0, "sendto"},
	{"recvfrom", 45, 35, 0, "sendto"},
	{"sendmsg", 46, 49, 0, "msg"},
	{"recvmsg", 47, 53, 0, "msg"},
	{"bind", 49, 21, 0, "bind"},
	{"listen", 50, 25, 0, "bind"},
	{"socketpair", 53, 43, 0, "socketpair"},
	{"clone", 56, 223, 0, "clone"},
	{"fork", 57, 225, 0, "clone"},
	{"vfork", 58, 227, 0, "clone"},
	{"execve", 59, 293, 0, "execve"},
	{"kill", 62, 129, 0, "kill"},
	{"chdir", 80, 95, 0, "path1"},
	{"fchdir", 81, 97, 0, "rfd"},
	{"rename", 82, 175, 0, "path2"},
	{"mkdir", 83, 277, 0, "mode"},
	{"rmdir", 84, 279, 0, "path1"},
	{"creat", 85, 59, 58, "open"},
	{"link", 86, 309, 0, "path2"},
	{"unlink", 87, 301, 0, "path1"},
	{"symlink", 88, 179, 0, "path2"},
	{"chmod", 90, 315, 0, "mode"},
	{"fchmod", 91, 317, 0, "mode"},
	{"chown", 92, 379, 0, "chown"},
	{"fchown", 93, 383, 0, "chown"},
	{"lchown", 94, 381, 0, "chown"},
	{"ptrace", 101, 169, 0, "ptrace"},
	{"setuid", 105, 199, 0, "setid"},
	{"setgid", 106, 201, 0, "setid"},
	{"setreuid", 113, 427, 0, "setid"},
	{"setregid", 114, 429, 0, "setid"},
	{"setresuid", 117, 193, 0, "setid"},
	{"setresgid", 119, 195, 0, "setid"},
	{"capset", 126, 353, 0, "capset"},
	{"mknod", 133, 415, 0, "mknod"},
	{"prctl", 157, 401, 0, "prctl"},
	{"chroot", 161, 267, 0, "path1"},
	{"mount", 165, 257, 0, "mount"},
	{"umount2", 166, 391, 0, "mount"},
	{"init_module", 175, 411, 0, "module"},
	{"delete_module", 176, 425, 0, "module"},
	{"epoll_create", 213, 375, 0, "typedfd"},
	{"tgkill", 234, 133, 0, "kill"},
	{"inotify_init", 253, 139, 0, "typedfd"},
	{"openat", 257, 307, 306, "open"},
	{"mkdirat", 258, 305, 0, "at1"},
	{"mknodat", 259, 417, 0, "mknod"},
	{"fchownat", 260, 385, 0, "chown"},
	{"unlinkat", 263, 303, 0, "at1"},
	{"renameat", 264, 177, 0, "at2"},
	{"linkat", 265, 311, 0, "at2"},
	{"symlinkat", 266, 181, 0, "at2"},
	{"fchmodat", 268, 313, 0, "at1"},
	{"unshare", 272, 285, 0, "ns"},
	{"splice", 275, 167, 0, "xfer"},
	{"signalfd", 282, 127, 0, "typedfd"},
	{"timerfd_create", 283, 137, 0, "typedfd"},
	{"eventfd", 284, 63, 0, "typedfd"},
	{"accept4", 288, 389, 0, "accept"},
	{"signalfd4", 289, 399, 0, "typedfd"},
	{"eventfd2", 290, 397, 0, "typedfd"},
	{"epoll_create1", 291, 377, 0, "typedfd"},
	{"dup3", 292, 365, 0, "dup"},
	{"pipe2", 293, 393, 0, "pipe"},
	{"inotify_init1", 294, 395, 0, "typedfd"},
	{"open_by_handle_at", 304, 337, 0, "obh"},
	{"setns", 308, 241, 0, "ns"},
	{"process_vm_readv", 310, 421, 0, "pvm"},
	{"process_vm_writev", 311, 423, 0, "pvm"},
	{"finit_module", 313, 413, 0, "module"},
	{"renameat2", 316, 319, 0, "at2"},
	{"memfd_create", 319, 405, 0, "memfd"},
	{"bpf", 321, 369, 0, "bpf"},
	{"execveat", 322, 331, 0, "execve"},
	{"userfaultfd", 323, 321, 0, "uffd"},
	{"copy_file_range", 326, 333, 0, "xfer"},
	{"fsconfig", 431, 373, 0, "fsconfig"},
	{"pidfd_open", 434, 409, 0, "typedfd"},
	{"clone3", 435, 335, 0, "clone"},
	{"openat2", 437, 327, 326, "open"},
}

// Syscalls returns the syscalls the probe reports, ordered by number.
func Syscalls() []Syscall { return slices.Clone(syscalls) }

// EventTypes returns every event code the probe can emit, sorted.
func EventTypes() []event.Type {
	set := map[event.Type]bool{eventProcexit: true, eventExecveX: true}
	for _, s := range syscalls {
		set[s.Exit] = true
		if s.Enter != 0 {
			set[s.Enter] = true
		}
	}
	out := make([]event.Type, 0, len(set))
	for t := range set {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// stateSyscalls are always reported: the process, fd and user tables depend on them.
var stateSyscalls = []string{
	"open", "openat", "openat2", "open_by_handle_at", "creat", "close", "socket", "connect", "accept",
	"accept4", "bind", "socketpair", "pipe", "pipe2", "dup", "dup2", "dup3", "clone", "fork", "vfork", "clone3",
	"execve", "execveat", "chdir", "fchdir", "chroot", "setuid", "setgid", "setreuid", "setregid",
	"setresuid", "setresgid", "capset", "memfd_create", "userfaultfd", "bpf", "prctl",
	"epoll_create", "epoll_create1", "eventfd", "eventfd2", "inotify_init", "inotify_init1", "signalfd",
	"signalfd4", "timerfd_create", "pidfd_open",
}

// Interest is a set of syscalls (plus procexit) whose events reach user space. The zero value is empty.
type Interest struct {
	nrs      map[uint32]bool
	procexit bool
}

// StateInterest returns the syscalls state tracking needs, plus procexit.
func StateInterest() Interest {
	in := Interest{nrs: map[uint32]bool{}, procexit: true}
	for _, name := range stateSyscalls {
		for _, s := range syscalls {
			if s.Name == name {
				in.nrs[s.Nr] = true
			}
		}
	}
	return in
}

// AllInterest returns every syscall the probe reports, plus procexit.
func AllInterest() Interest {
	in := Interest{nrs: map[uint32]bool{}, procexit: true}
	for _, s := range syscalls {
		in.nrs[s.Nr] = true
	}
	return in
}

// InterestFor returns the state set plus every syscall whose enter or exit event code is in types,
// as Falco's adaptive syscall selection does for a ruleset's event types.
func InterestFor(types []event.Type) Interest {
	in := StateInterest()
	want := map[event.Type]bool{}
	for _, t := range types {
		want[t] = true
	}
	for _, s := range syscalls {
		if want[s.Exit] || (s.Enter != 0 && want[s.Enter]) {
			in.nrs[s.Nr] = true
		}
	}
	return in
}

// InterestNames returns the interest set for syscall names (e.g. "openat"); unknown names are an error.
func InterestNames(names ...string) (Interest, error) {
	in := Interest{nrs: map[uint32]bool{}}
	for _, name := range names {
		if name == "procexit" {
			in.procexit = true
			continue
		}
		i := slices.IndexFunc(syscalls, func(s Syscall) bool { return s.Name == name })
		if i < 0 {
			return Interest{}, fmt.Errorf("interest: unknown syscall %q", name)
		}
		in.nrs[syscalls[i].Nr] = true
	}
	return in, nil
}

// Union returns the syscalls in either set.
func (in Interest) Union(o Interest) Interest {
	out := Interest{nrs: map[uint32]bool{}, procexit: in.procexit || o.procexit}
	for nr := range in.nrs {
		out.nrs[nr] = true
	}
	for nr := range o.nrs {
		out.nrs[nr] = true
	}
	return out
}

// Has reports whether the syscall named name is in the set.
func (in Interest) Has(name string) bool {
	if name == "procexit" {
		return in.procexit
	}
	for _, s := range syscalls {
		if s.Name == name {
			return in.nrs[s.Nr]
		}
	}
	return false
}

// Names returns the syscall names in the set, sorted.
func (in Interest) Names() []string {
	var out []string
	for _, s := range syscalls {
		if in.nrs[s.Nr] {
			out = append(out, s.Name)
		}
	}
	if in.procexit {
		out = append(out, "procexit")
	}
	slices.Sort(out)
	return out
}

// String lists the set's names.
func (in Interest) String() string { return strings.Join(in.Names(), ",") }

// slots returns the interest-map value for every slot.
func (in Interest) slots() []uint8 {
	v := make([]uint8, nrSlots)
	for _, s := range syscalls {
		if !in.nrs[s.Nr] {
			continue
		}
		v[s.Nr] = wantExit
		if s.Enter != 0 {
			v[s.Nr] |= wantEnter
		}
	}
	if in.procexit {
		v[procexitSlot] = wantExit
	}
	return v
}

// Interest map bits (scap.h).
const (
	wantExit  = 1
	wantEnter = 2
)
