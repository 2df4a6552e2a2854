package eval

import (
	"context"
	"strings"
	"testing"

	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/extract"
	"github.com/aerie-sec/aerie/engine/state"
)

// FuzzGlob checks the glob matcher never panics and that a pattern without metacharacters matches
// exactly itself.
func FuzzGlob(f *testing.F) {
	for _, s := range [][2]string{{"/etc/*", "/etc/passwd"}, {"[a-z]?*.so", "libc.so"}, {"[", "["}, {"\\*", "*"}, {"*a*b*c*", "xaybzc"}} {
		f.Add(s[0], s[1], false)
	}
	f.Fuzz(func(t *testing.T, pattern, s string, fold bool) {
		if glob(pattern, s, fold) && pattern == "" && s != "" {
			t.Fatalf("empty pattern matched %q", s)
		}
		if !strings.ContainsAny(pattern, "*?[\\\\") && !fold {
			if glob(pattern, s, false) != (pattern == s) {
				t.Fatalf("glob(%q, %q) disagrees with equality", pattern, s)
			}
		}
	})
}

// FuzzCompileExpression feeds arbitrary filter text to the compiler and, when it compiles, evaluates it
// on an event: neither may panic.
func FuzzCompileExpression(f *testing.F) {
	for _, s := range []string{
		"evt.type = open and fd.name startswith /etc",
		"proc.aname in (sshd, bash) or not proc.pname exists",
		"fd.net != 127.0.0.0/8 and fd.sport in (80, 443)",
		"evt.arg.flags contains O_CREAT and fd.name glob '/tmp/*'",
		"proc.cmdline regex '.*curl.*' and evt.rawres < 0",
		"tolower(proc.name) = bash and val(proc.pname) != x",
	} {
		f.Add(s)
	}
	st := state.New(state.Options{})
	st.AddThread(state.Thread{TID: 5, PID: 5, PTID: 1, Comm: "bash", Args: []string{"-c", "x"}})
	st.Link()
	raw, _ := event.AppendRecord(nil, 1, 5, event.SyscallOpenatV2X,
		event.I64(3), event.I64(-100), event.CStr("/etc/hosts"), event.U32(1), event.U32(0), event.U32(0), event.U64(0))
	ev, _ := event.Decode(raw)
	f.Fuzz(func(t *testing.T, expr string) {
		ex, err := CompileExpression(context.Background(), expr, "%evt.num %proc.name")
		if err != nil {
			return
		}
		c := &extract.Ctx{Ev: &ev, Table: st}
		st.Apply(&ev, &c.R)
		ex.Filter(c)
		ex.Format.Append(nil, c)
	})
}
