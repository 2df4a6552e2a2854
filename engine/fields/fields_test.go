package fields

import "testing"

func TestRegistry(t *testing.T) {
	reg := Syscall()
	if n := len(reg.Fields()); n < 200 {
		t.Errorf("only %d fields", n)
	}
	seen := map[string]bool{}
	for _, f := range reg.Fields() {
		if seen[f.Name] {
			t.Errorf("duplicate field %s", f.Name)
		}
		seen[f.Name] = true
		if f.Type == "" || f.Desc == "" {
			t.Errorf("field %s lacks type or description", f.Name)
		}
	}
}

func TestResolve(t *testing.T) {
	tests := []struct {
		name, arg string
		hasArg    bool
		want      string
		err       string
	}{
		{"proc.name", "", false, "proc.name", ""},
		{"proc.aname", "", false, "proc.aname", ""},
		{"proc.aname", "3", true, "proc.aname[3]", ""},
		{"proc.aname", "x", true, "", "filter proc.aname: argument 'x' is not a valid number"},
		{"proc.name", "1", true, "", "filter_check called with nonexistent field proc.name[1]"},
		{"evt.arg", "", false, "", "filter evt.arg requires an argument"},
		{"evt.arg", "0", true, "evt.arg[0]", ""},
		{"evt.arg.fd", "", false, "evt.arg.fd", ""},
		{"evt.type.is.open", "", false, "evt.type.is.open", ""},
		{"container.label", "app", true, "container.label[app]", ""},
		{"proc.env", "", false, "proc.env", ""},
		{"fd.sip.name", "", false, "fd.sip.name", ""},
		{"proc.nobody", "", false, "", "filter_check called with nonexistent field proc.nobody"},
	}
	for _, tc := range tests {
		ref, err := Syscall().Resolve(tc.name, tc.arg, tc.hasArg)
		switch {
		case tc.err != "":
			if err == nil || err.Error() != tc.err {
				t.Errorf("Resolve(%s, %s): error %v, want %q", tc.name, tc.arg, err, tc.err)
			}
		case err != nil:
			t.Errorf("Resolve(%s, %s): %v", tc.name, tc.arg, err)
		case ref.String() != tc.want:
			t.Errorf("Resolve(%s, %s) = %s, want %s", tc.name, tc.arg, ref, tc.want)
		}
	}
}

func TestClass(t *testing.T) {
	for ty, want := range map[Type]Class{Charbuf: ClassString, Uint64: ClassNumeric, Port: ClassNumeric, Bool: ClassBool,
		IPNet: ClassIP, Bytebuf: ClassBuffer, Reltime: ClassNumeric} {
		if ty.Class() != want {
			t.Errorf("%s: class %d, want %d", ty, ty.Class(), want)
		}
	}
}
