package probe

import (
	"slices"
	"testing"

	"github.com/aerie-sec/aerie/engine/event"
)

// TestTableMatchesEvents checks the dispatch table against the event table: every code exists, has the
// right direction, and is named after the syscall (execveat and umount2 keep their own names).
func TestTableMatchesEvents(t *testing.T) {
	for _, s := range syscalls {
		info, ok := event.Lookup(s.Exit)
		if !ok || info.Dir != event.Exit || info.Name != s.Name {
			t.Errorf("%s: exit code %d is %+v", s.Name, s.Exit, info)
		}
		if s.Enter != 0 {
			info, ok := event.Lookup(s.Enter)
			if !ok || info.Dir != event.Enter || info.Name != s.Name {
				t.Errorf("%s: enter code %d is %+v", s.Name, s.Enter, info)
			}
		}
	}
	if !slices.IsSortedFunc(syscalls, func(a, b Syscall) int { return int(a.Nr) - int(b.Nr) }) {
		t.Error("syscall table not sorted by number")
	}
}

func TestInterest(t *testing.T) {
	in := InterestFor([]event.Type{277, 2}) // mkdir exit, open enter
	for _, name := range []string{"mkdir", "open", "execve", "clone", "close", "procexit"} {
		if !in.Has(name) {
			t.Errorf("InterestFor lacks %s", name)
		}
	}
	if in.Has("rmdir") || in.Has("read") {
		t.Errorf("InterestFor has more than asked: %v", in)
	}
	slots := in.slots()
	if slots[83] != wantExit || slots[2] != wantExit|wantEnter || slots[procexitSlot] != wantExit || slots[84] != 0 {
		t.Errorf("slots mkdir=%d open=%d procexit=%d rmdir=%d", slots[83], slots[2], slots[procexitSlot], slots[84])
	}
	u := in.Union(must(InterestNames("rmdir")))
	if !u.Has("rmdir") || !u.Has("mkdir") || in.Has("rmdir") {
		t.Errorf("Union: %v (from %v)", u, in)
	}
	if _, err := InterestNames("nosuchcall"); err == nil {
		t.Error("unknown name accepted")
	}
	if n := len(AllInterest().Names()); n != len(syscalls)+1 {
		t.Errorf("AllInterest has %d names", n)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
