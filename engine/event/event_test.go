package event

import (
	"errors"
	"net/netip"
	"slices"
	"testing"
)

func mustRecord(t *testing.T, ts, tid int64, typ Type, params ...[]byte) []byte {
	t.Helper()
	raw, err := AppendRecord(nil, ts, tid, typ, params...)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestDecodeOpenat(t *testing.T) {
	raw := mustRecord(t, 1700000000123456789, 4242, SyscallOpenatV2X,
		I64(3), I64(-100), CStr("/etc/passwd"), U32(4097), U32(0), U32(0x803), U64(1234))
	e, err := Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	if e.Ts != 1700000000123456789 || e.TID != 4242 || e.Type != SyscallOpenatV2X || e.NumParams() != 7 {
		t.Fatalf("header = %d %d %v %d", e.Ts, e.TID, e.Type, e.NumParams())
	}
	if e.Name() != "openat" || e.Dir() != Exit {
		t.Errorf("name/dir = %s %v", e.Name(), e.Dir())
	}
	if fd, _ := e.Int(0); fd != 3 {
		t.Errorf("fd = %d", fd)
	}
	if dirfd, _ := e.Int(e.ParamIndex("dirfd")); dirfd != -100 {
		t.Errorf("dirfd = %d", dirfd)
	}
	if got := e.Str(2); got != "/etc/passwd" {
		t.Errorf("name = %q", got)
	}
	if fl, _ := e.Uint(3); FileFlags.Format(uint32(fl)) != "4097(O_RDONLY|O_CLOEXEC)" {
		t.Errorf("flags = %d", fl)
	}
	if ino, _ := e.Uint(e.ParamIndex("ino")); ino != 1234 {
		t.Errorf("ino = %d", ino)
	}
	if e.Param(7) != nil || e.Param(-1) != nil {
		t.Errorf("out-of-range params are not nil")
	}
	back, err := e.AppendRaw(nil)
	if err != nil || !slices.Equal(back, raw) {
		t.Errorf("AppendRaw did not reproduce the record: %v", err)
	}
}

func TestDecodeSockets(t *testing.T) {
	src := netip.MustParseAddrPort("10.0.0.1:40000")
	dst := netip.MustParseAddrPort("1.2.3.4:443")
	raw := mustRecord(t, 1, 2, SocketConnectX, I64(0), SockTupleInet(src, dst), I64(5), SockAddrInet(dst))
	e, err := Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	st, ok := e.SockTuple(1)
	if !ok || st.Family != AFInet || st.SrcAddr != src.Addr() || st.SrcPort != 40000 || st.DstAddr != dst.Addr() || st.DstPort != 443 {
		t.Errorf("tuple = %+v", st)
	}
	sa, ok := e.SockAddr(3)
	if !ok || sa.Addr != dst.Addr() || sa.Port != 443 {
		t.Errorf("addr = %+v", sa)
	}
	src6 := netip.MustParseAddrPort("[2001:db8::1]:1000")
	dst6 := netip.MustParseAddrPort("[2001:db8::2]:80")
	e6, err := Decode(mustRecord(t, 1, 2, SocketConnectX, I64(0), SockTupleInet(src6, dst6)))
	if err != nil {
		t.Fatal(err)
	}
	if st, ok := e6.SockTuple(1); !ok || st.Family != AFInet6 || st.DstAddr != dst6.Addr() || st.DstPort != 80 {
		t.Errorf("tuple6 = %+v", st)
	}
	eu, err := Decode(mustRecord(t, 1, 2, SocketConnectX, I64(0), SockTupleUnix(7, 8, "/run/docker.sock"), I64(3), SockAddrUnix("/run/docker.sock")))
	if err != nil {
		t.Fatal(err)
	}
	if st, ok := eu.SockTuple(1); !ok || st.Source != 7 || st.Dest != 8 || string(st.Path) != "/run/docker.sock" {
		t.Errorf("unix tuple = %+v", st)
	}
	if sa, ok := eu.SockAddr(3); !ok || string(sa.Path) != "/run/docker.sock" {
		t.Errorf("unix addr = %+v", sa)
	}
}

func TestDecodeLargePayload(t *testing.T) {
	big := make([]byte, 70000)
	raw := mustRecord(t, 1, 2, AsynceventE, U32(1), CStr("container"), big)
	e, err := Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Param(2)) != 70000 || e.Str(1) != "container" {
		t.Errorf("large payload decoded wrong: %d %q", len(e.Param(2)), e.Str(1))
	}
	if _, err := AppendRecord(nil, 1, 2, SyscallWriteX, I64(0), big); err == nil {
		t.Errorf("a 70000-byte parameter of a non-large event was accepted")
	}
}

func TestDecodeV1(t *testing.T) {
	raw := mustRecord(t, 5, 6, SyscallOpenX, I64(3), CStr("/tmp/x"), U32(1), U32(0))
	v1 := slices.Concat(raw[:16], raw[16:22], raw[26:])
	v1[16] = byte(len(v1)) // length field
	var e Event
	if err := e.DecodeV1(v1); err != nil {
		t.Fatal(err)
	}
	if e.NumParams() != 4 || e.Str(1) != "/tmp/x" {
		t.Errorf("v1 decode: %d params, name %q", e.NumParams(), e.Str(1))
	}
	v1[len(v1)-1] = 9
	v1 = v1[:len(v1)-1]
	v1[16]--
	if err := e.DecodeV1(v1); err == nil {
		t.Errorf("inconsistent v1 lengths accepted")
	}
}

func TestDecodeErrors(t *testing.T) {
	good := mustRecord(t, 1, 2, SyscallOpenX, I64(3), CStr("/tmp/x"))
	tests := []struct {
		name string
		raw  []byte
	}{
		{"short header", good[:10]},
		{"length beyond record", good[:len(good)-1]},
		{"param beyond record", func() []byte {
			b := slices.Clone(good)
			b[HeaderSize+2] = 0xff // second length
			return b
		}()},
		{"too many params", func() []byte {
			b := slices.Clone(good)
			b[22] = 200
			return b
		}()},
	}
	for _, tt := range tests {
		if _, err := Decode(tt.raw); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
	if _, err := Decode(good[:10]); !errors.Is(err, ErrTruncated) {
		t.Errorf("short header error %v is not ErrTruncated", err)
	}
}

func TestDecodeReusesParams(t *testing.T) {
	raw := mustRecord(t, 1, 2, SyscallReadX, I64(10), []byte("hello"), I64(3), U32(10))
	var e Event
	if err := e.Decode(raw); err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(100, func() {
		if err := e.Decode(raw); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("steady-state Decode allocates %.1f times", allocs)
	}
	c := e.Clone()
	raw[len(raw)-1] = 0xee
	if v, _ := c.Uint(3); v != 10 {
		t.Errorf("clone aliases the source buffer: size = %d", v)
	}
}

func TestSplitNUL(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"a\x00", []string{"a"}},
		{"a\x00b\x00", []string{"a", "b"}},
		{"a\x00\x00c", []string{"a", "", "c"}},
	}
	for _, tt := range tests {
		if got := SplitNUL([]byte(tt.in)); !slices.Equal(got, tt.want) {
			t.Errorf("SplitNUL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	r1, _ := AppendRecord(nil, 1, 2, SyscallOpenX, I64(3), CStr("/etc/shadow"), U32(1), U32(0), U32(0), U64(9))
	r2, _ := AppendRecord(nil, 1, 2, SocketConnectX, I64(0), SockTupleInet(netip.MustParseAddrPort("1.1.1.1:1"), netip.MustParseAddrPort("2.2.2.2:2")))
	r3, _ := AppendRecord(nil, 1, 2, AsynceventE, U32(1), CStr("x"), []byte{1, 2})
	f.Add(r1)
	f.Add(r2)
	f.Add(r3)
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, raw []byte) {
		var e Event
		if err := e.Decode(raw); err == nil {
			for i := range e.NumParams() {
				e.Uint(i)
				e.Int(i)
				e.SockAddr(i)
				e.SockTuple(i)
				e.FDList(i)
				e.Dyn(i)
				e.Bytes(i)
			}
			if _, err := e.AppendRaw(nil); err != nil && e.Type < MaxType {
				t.Fatalf("re-encode of a decoded event failed: %v", err)
			}
		}
		_ = e.DecodeV1(raw)
	})
}

func TestDisplayName(t *testing.T) {
	id, ok := SyscallID("mprotect")
	if !ok || SyscallName(id) != "mprotect" {
		t.Fatalf("SyscallID(mprotect) = %d, %v", id, ok)
	}
	if _, ok := SyscallID("nosuchsyscall"); ok {
		t.Errorf("SyscallID found an unknown name")
	}
	tests := []struct {
		typ    Type
		params [][]byte
		want   string
	}{
		{GenericE, [][]byte{U16(id), U16(10)}, "mprotect"},
		{GenericX, [][]byte{U16(0)}, "<unknown>"},
		{GenericX, [][]byte{U16(60000)}, "<unknown>"},
		{SyscallOpenX, [][]byte{I64(3)}, "open"},
	}
	for _, tt := range tests {
		e, err := Decode(mustRecord(t, 1, 1, tt.typ, tt.params...))
		if err != nil {
			t.Fatal(err)
		}
		if got := e.DisplayName(); got != tt.want {
			t.Errorf("DisplayName(%v %v) = %q, want %q", tt.typ, tt.params, got, tt.want)
		}
	}
}
