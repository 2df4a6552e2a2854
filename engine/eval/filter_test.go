package eval

import (
	"testing"

	"github.com/aerie-sec/aerie/engine/extract"
)

func TestGlob(t *testing.T) {
	tests := []struct {
		pat, s string
		fold   bool
		want   bool
	}{
		{"/etc/*", "/etc/passwd", false, true},
		{"/etc/*", "/etc/ssh/sshd_config", false, true}, // '*' crosses '/': no FNM_PATHNAME
		{"/etc/?asswd", "/etc/passwd", false, true},
		{"/etc/[a-p]asswd", "/etc/passwd", false, true},
		{"/etc/[!p]asswd", "/etc/passwd", false, false},
		{"*.so", "/lib/libc.so", false, true},
		{"*.SO", "/lib/libc.so", true, true},
		{"*.SO", "/lib/libc.so", false, false},
		{"/tmp/*/x", "/tmp/a/b/x", false, true},
		{"", "", false, true},
		{"a*b*c", "aXbYc", false, true},
		{"a*b*c", "aXbY", false, false},
	}
	for _, tt := range tests {
		if got := glob(tt.pat, tt.s, tt.fold); got != tt.want {
			t.Errorf("glob(%q, %q, %v) = %v", tt.pat, tt.s, tt.fold, got)
		}
	}
}

func TestStringOps(t *testing.T) {
	tests := []struct {
		op     string
		values []string
		s      string
		want   bool
	}{
		{"=", []string{"bash"}, "bash", true},
		{"!=", []string{"bash"}, "bash", false},
		{"contains", []string{"ash"}, "bash", true},
		{"icontains", []string{"ASH"}, "bAsh", true},
		{"startswith", []string{"/etc/"}, "/etc/passwd", true},
		{"endswith", []string{".sh"}, "/x/run.sh", true},
		{"in", []string{"sh", "bash", "zsh"}, "zsh", true},
		{"in", []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}, "j", true},
		{"in", []string{}, "x", false},
		{"pmatch", []string{"/usr/bin", "/etc/"}, "/usr/bin/ls", true},
		{"pmatch", []string{"/usr/bin"}, "/usr/binx", false},
		{"pmatch", []string{"/etc/"}, "/etc", true},
		{"regex", []string{"[a-z]+sh"}, "bash", true},
		{"regex", []string{"ash"}, "bash", false}, // anchored both ends
		{"bcontains", []string{"6173"}, "bash", true},
		{"bstartswith", []string{"62"}, "bash", true},
		{"<", []string{"b"}, "a", true},
	}
	for _, tt := range tests {
		f, err := stringTest(tt.op, tt.values)
		if err != nil {
			t.Fatalf("%s: %v", tt.op, err)
		}
		v := extract.Value{Kind: extract.String, Str: tt.s}
		if got := f(&v); got != tt.want {
			t.Errorf("%q %s %q = %v", tt.s, tt.op, tt.values, got)
		}
	}
}

func TestNumAndNetOps(t *testing.T) {
	f, err := literalTest(">=", "", extract.Uint, []string{"0x10"})
	if err != nil || !f(&extract.Value{Uint: 16}) || f(&extract.Value{Uint: 15}) {
		t.Fatalf("uint >= 0x10: %v", err)
	}
	f, err = literalTest("in", "", extract.Int, []string{"-1", "3"})
	if err != nil || !f(&extract.Value{Int: -1}) || f(&extract.Value{Int: 2}) {
		t.Fatalf("int in: %v", err)
	}
	f, err = literalTest("in", "", extract.Net, []string{"10.0.0.0/8", "::1"})
	if err != nil {
		t.Fatal(err)
	}
	for ip, want := range map[string]bool{"10.2.3.4": true, "11.0.0.1": false, "::1": true} {
		v := extract.Value{IP: mustIP(ip)}
		if f(&v) != want {
			t.Errorf("%s in nets = %v", ip, !want)
		}
	}
	if _, err := literalTest("=", "", extract.Int, []string{"abc"}); err == nil {
		t.Error("non-numeric literal accepted for a numeric field")
	}
	f, err = literalTest("startswith", "allof", extract.String, []string{"/e", "/et"})
	if err != nil || !f(&extract.Value{Str: "/etc"}) || f(&extract.Value{Str: "/ex"}) {
		t.Fatalf("allof: %v", err)
	}
	f, _ = literalTest("startswith", "oneof", extract.String, []string{"/e", "/et"})
	if f(&extract.Value{Str: "/etc"}) || !f(&extract.Value{Str: "/ex"}) {
		t.Fatal("oneof")
	}
}
