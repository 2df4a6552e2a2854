package untar

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type entry struct {
	name string
	typ  byte
	mode int64
	body string
	link string
}

func makeTarGz(t testing.TB, entries ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Typeflag: e.typ, Mode: e.mode, Linkname: e.link, Size: int64(len(e.body))}
		if h.Mode == 0 {
			h.Mode = 0o644
		}
		if e.typ != tar.TypeReg {
			h.Size = 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if e.typ == tar.TypeReg {
			if _, err := tw.Write([]byte(e.body)); err != nil {
				t.Fatal(err)
			}
		}
	}
	_ = tw.Close()
	_ = zw.Close()
	return buf.Bytes()
}

func extract(t *testing.T, data []byte, lim Limits) (string, []string, error) {
	t.Helper()
	dir := t.TempDir()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	files, err := Extract(context.Background(), bytes.NewReader(data), root, lim)
	return dir, files, err
}

func TestExtract(t *testing.T) {
	data := makeTarGz(t,
		entry{name: "falco_rules.yaml", typ: tar.TypeReg, body: "- rule: x\n"},
		entry{name: "sub/", typ: tar.TypeDir, mode: 0o755},
		entry{name: "sub/libx.so", typ: tar.TypeReg, mode: 0o755, body: "ELF"},
		entry{name: "./other/a.yaml", typ: tar.TypeReg, mode: 0o600, body: "a"},
	)
	dir, files, err := extract(t, data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(files, ",") != "falco_rules.yaml,sub/libx.so,other/a.yaml" {
		t.Errorf("files %v", files)
	}
	fi, err := os.Stat(filepath.Join(dir, "sub", "libx.so"))
	if err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("mode %v %v", fi, err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "falco_rules.yaml"))
	if string(b) != "- rule: x\n" {
		t.Errorf("content %q", b)
	}
}

func TestExtractRefusesHostile(t *testing.T) {
	big := strings.Repeat("0", 4096)
	tests := []struct {
		name    string
		entries []entry
		lim     Limits
		want    string
	}{
		{"dotdot", []entry{{name: "../evil", typ: tar.TypeReg, body: "x"}}, Limits{}, `".." in name`},
		{"nested dotdot", []entry{{name: "a/../../evil", typ: tar.TypeReg, body: "x"}}, Limits{}, `".." in name`},
		{"absolute", []entry{{name: "/etc/passwd", typ: tar.TypeReg, body: "x"}}, Limits{}, "absolute name"},
		{"symlink", []entry{{name: "link", typ: tar.TypeSymlink, link: "/etc/passwd"}}, Limits{}, "links are not allowed"},
		{"hardlink", []entry{{name: "hl", typ: tar.TypeLink, link: "/etc/shadow"}}, Limits{}, "links are not allowed"},
		{"char device", []entry{{name: "null", typ: tar.TypeChar}}, Limits{}, "devices"},
		{"block device", []entry{{name: "sda", typ: tar.TypeBlock}}, Limits{}, "devices"},
		{"fifo", []entry{{name: "p", typ: tar.TypeFifo}}, Limits{}, "FIFOs"},
		{"setuid", []entry{{name: "su", typ: tar.TypeReg, mode: 0o4755, body: "x"}}, Limits{}, "set-user-ID"},
		{"setgid dir", []entry{{name: "d/", typ: tar.TypeDir, mode: 0o2755}}, Limits{}, "set-group-ID"},
		{"duplicate", []entry{{name: "a", typ: tar.TypeReg, body: "1"}, {name: "./a", typ: tar.TypeReg, body: "2"}}, Limits{}, "duplicate"},
		{"backslash", []entry{{name: `..\evil`, typ: tar.TypeReg, body: "x"}}, Limits{}, "invalid character"},
		{"too many entries", []entry{{name: "a", typ: tar.TypeReg}, {name: "b", typ: tar.TypeReg}, {name: "c", typ: tar.TypeReg}}, Limits{MaxEntries: 2}, "more than 2 entries"},
		{"file too big", []entry{{name: "a", typ: tar.TypeReg, body: big}}, Limits{MaxFileSize: 1024}, "per-file limit"},
		{"bomb", []entry{{name: "a", typ: tar.TypeReg, body: big}, {name: "b", typ: tar.TypeReg, body: big}}, Limits{MaxTotalSize: 6000}, "total limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, _, err := extract(t, makeTarGz(t, tt.entries...), tt.lim)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if !errors.Is(err, ErrRefused) {
				t.Errorf("error does not wrap ErrRefused: %v", err)
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "evil")); err == nil {
				t.Error("file written outside the root")
			}
		})
	}
}

func TestExtractRefusesPreexistingSymlinkEscape(t *testing.T) {
	// A symlink already in the target must not let a write escape: os.Root refuses to follow it out.
	dir := t.TempDir()
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "sub")); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	_, err = Extract(context.Background(), bytes.NewReader(makeTarGz(t, entry{name: "sub/x", typ: tar.TypeReg, body: "x"})), root, Limits{})
	if err == nil {
		t.Fatal("write through an escaping symlink accepted")
	}
	if _, err := os.Stat(filepath.Join(outside, "x")); err == nil {
		t.Fatal("file written outside the root")
	}
}

func TestExtractNotGzip(t *testing.T) {
	if _, _, err := extract(t, []byte("plain text"), Limits{}); err == nil || !errors.Is(err, ErrRefused) {
		t.Fatalf("err = %v", err)
	}
}

func TestExtractTruncated(t *testing.T) {
	data := makeTarGz(t, entry{name: "a", typ: tar.TypeReg, body: strings.Repeat("x", 10000)})
	if _, _, err := extract(t, data[:len(data)/2], Limits{}); err == nil {
		t.Fatal("truncated archive accepted")
	}
}

func TestExtractCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	root, _ := os.OpenRoot(t.TempDir())
	defer root.Close()
	if _, err := Extract(ctx, bytes.NewReader(makeTarGz(t, entry{name: "a", typ: tar.TypeReg})), root, Limits{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}

func FuzzExtract(f *testing.F) {
	f.Add(makeTarGz(f, entry{name: "a.yaml", typ: tar.TypeReg, body: "x"}))
	f.Add(makeTarGz(f, entry{name: "../a", typ: tar.TypeReg, body: "x"}))
	f.Add(makeTarGz(f, entry{name: "d/", typ: tar.TypeDir}, entry{name: "d/l", typ: tar.TypeSymlink, link: "/"}))
	f.Add([]byte{0x1f, 0x8b})
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		root, err := os.OpenRoot(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer root.Close()
		files, err := Extract(context.Background(), bytes.NewReader(data), root, Limits{MaxEntries: 64, MaxFileSize: 1 << 16, MaxTotalSize: 1 << 18})
		if err != nil {
			return
		}
		for _, f := range files {
			p := filepath.Join(dir, filepath.FromSlash(f))
			fi, err := os.Lstat(p)
			if err != nil || !fi.Mode().IsRegular() || fi.Mode()&(os.ModeSetuid|os.ModeSetgid|os.ModeSticky) != 0 {
				t.Fatalf("extracted %s: %v %v", f, fi, err)
			}
			if rel, err := filepath.Rel(dir, p); err != nil || strings.HasPrefix(rel, "..") {
				t.Fatalf("escaped: %s", f)
			}
		}
	})
}
