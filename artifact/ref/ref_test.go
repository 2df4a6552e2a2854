package ref

import "testing"

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Ref
		repo string
		refr string
	}{
		{"ghcr.io/falcosecurity/rules/falco-rules:5", Ref{Kind: Remote, Registry: "ghcr.io", Repository: "falcosecurity/rules/falco-rules", Tag: "5"}, "ghcr.io/falcosecurity/rules/falco-rules", "5"},
		{"localhost:5000/x", Ref{Kind: Remote, Registry: "localhost:5000", Repository: "x"}, "localhost:5000/x", "latest"},
		{"127.0.0.1:5000/a/b@sha256:" + hex64, Ref{Kind: Remote, Registry: "127.0.0.1:5000", Repository: "a/b", Digest: "sha256:" + hex64}, "127.0.0.1:5000/a/b", "sha256:" + hex64},
		{"falco-rules", Ref{Kind: Name, Repository: "falco-rules"}, "falco-rules", "latest"},
		{"falco-rules:5", Ref{Kind: Name, Repository: "falco-rules", Tag: "5"}, "falco-rules", "5"},
		{"falco-rules@sha256:" + hex64, Ref{Kind: Name, Repository: "falco-rules", Digest: "sha256:" + hex64}, "falco-rules", "sha256:" + hex64},
		{"oci-layout:/tmp/x", Ref{Kind: Layout, Repository: "/tmp/x"}, "oci-layout:/tmp/x", "latest"},
		{"oci-layout:/tmp/x:1.0.0", Ref{Kind: Layout, Repository: "/tmp/x", Tag: "1.0.0"}, "oci-layout:/tmp/x", "1.0.0"},
		{"oci-layout:./a:b/c", Ref{Kind: Layout, Repository: "./a:b/c"}, "oci-layout:./a:b/c", "latest"},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
		if got.Repo() != tt.repo || got.Reference() != tt.refr {
			t.Errorf("Parse(%q): Repo %q Reference %q", tt.in, got.Repo(), got.Reference())
		}
		if got.String() != tt.in {
			t.Errorf("String() = %q, want %q", got.String(), tt.in)
		}
	}
	for _, bad := range []string{"", "oci-layout:", "Host/UPPER", "a b", "ghcr.io/x:bad tag"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

const hex64 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
