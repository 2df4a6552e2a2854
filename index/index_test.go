package index

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aerie-sec/aerie/config"
)

func TestParse(t *testing.T) {
	data, err := os.ReadFile("testdata/index.yaml")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := Parse("testdata/index.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 3 {
		t.Fatalf("%d entries", len(entries))
	}
	fr := entries[0]
	if fr.Signature == nil || fr.Signature.Cosign.CertificateOIDCIssuer != "https://token.actions.githubusercontent.com" ||
		fr.Signature.Cosign.CertificateIdentityRegexp != "https://github.com/falcosecurity/rules/" {
		t.Errorf("signature %+v", fr.Signature)
	}
	if fr.Maintainers[0].Name != "The Falco Authors" || fr.License != "apache-2.0" || fr.Ref().Repo() != "ghcr.io/falcosecurity/rules/falco-rules" {
		t.Errorf("entry %+v", fr)
	}
	// Round trip through Marshal keeps the hyphenated cosign keys.
	out, err := Marshal(entries)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "certificate-oidc-issuer: https://token.actions.githubusercontent.com") {
		t.Errorf("marshal lost cosign keys:\n%s", out)
	}
	back, err := Parse("out", out)
	if err != nil || len(back) != 3 {
		t.Fatalf("round trip: %v", err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, err string }{
		{"name: x\n", "f.yaml:1: want a list"},
		{"- name: a\n  type: rulesfile\n  registry: r\n", `f.yaml:1: entry "a": missing field "repository"`},
		{"- name: a\n  type: Rules File\n  registry: r\n  repository: p\n", `f.yaml:1: entry "a": invalid type "Rules File"`},
		{"- name: a\n  type: asset\n  registry: r\n  repository: p\n- name: a\n  type: asset\n  registry: r\n  repository: q\n", `f.yaml:5: duplicate entry "a" (first at line 1)`},
		{"- name: [\n", "f.yaml"},
		{"- name: a\n  keywords: 3\n", "f.yaml:1"},
	}
	for _, tt := range tests {
		_, err := Parse("f.yaml", []byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%q: err = %v, want %q", tt.in, err, tt.err)
		}
	}
	// A newer kind of artifact (falcoctl issue 904 asks for falcoconfig) does not break the index.
	if e, err := Parse("f.yaml", []byte("- name: a\n  type: falcoconfig\n  registry: r\n  repository: p\n- name: b\n  type: asset\n  registry: r\n  repository: q\n")); err != nil || len(e) != 2 || e[0].Type != "falcoconfig" {
		t.Errorf("unknown type: %v %v", e, err)
	}
	if e, err := Parse("empty", nil); err != nil || e != nil {
		t.Errorf("empty: %v %v", e, err)
	}
}

func TestSearch(t *testing.T) {
	data, _ := os.ReadFile("testdata/index.yaml")
	entries, _ := Parse("x", data)
	set := NewSet()
	set.Add("falcosecurity", entries)
	names := func(ms []Match) string {
		var s []string
		for _, m := range ms {
			s = append(s, m.Name)
		}
		return strings.Join(s, ",")
	}
	tests := []struct {
		kw   []string
		typ  string
		want string
	}{
		{[]string{"falco-rule"}, "", "falco-rules"},
		{[]string{"k8saudit"}, "", "k8saudit,k8saudit-rules"},
		{[]string{"kubernetes"}, "plugin", "k8saudit"},
		{[]string{"nothing-like-it"}, "", ""},
	}
	for _, tt := range tests {
		if got := names(set.Search(tt.kw, 0.65, tt.typ)); got != tt.want {
			t.Errorf("Search(%v, %q) = %q, want %q", tt.kw, tt.typ, got, tt.want)
		}
	}
	// A later index wins a name clash.
	set.Add("mirror", []Entry{{Name: "falco-rules", Type: "rulesfile", Registry: "mirror.local", Repository: "r"}})
	if r, _ := set.Lookup("falco-rules"); r.Registry != "mirror.local" {
		t.Errorf("lookup %v", r)
	}
	if Similarity("abc", "abc") != 1 || Similarity("", "") != 1 || Similarity("abc", "xyz") != 0 {
		t.Error("similarity")
	}
}

func TestCacheHTTPAgeAndETag(t *testing.T) {
	data, _ := os.ReadFile("testdata/index.yaml")
	var gets, notModified atomic.Int32
	up := true
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !up {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		gets.Add(1)
		if r.Header.Get("If-None-Match") == `"v1"` {
			notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		_, _ = w.Write(data)
	}))
	defer srv.Close()
	ctx := context.Background()
	c := &Cache{Dir: t.TempDir(), MaxAge: time.Hour}
	ix := config.Index{Name: "fs", URL: srv.URL + "/index.yaml"}
	if _, err := c.Load(ctx, []config.Index{ix}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Load(ctx, []config.Index{ix}); err != nil {
		t.Fatal(err)
	}
	if gets.Load() != 1 {
		t.Errorf("fresh cache refetched: %d GETs", gets.Load())
	}
	// Forced refresh revalidates with the ETag.
	entries, st, err := c.Get(ctx, ix, true)
	if err != nil || len(entries) != 3 || st.Entries != 3 {
		t.Fatalf("forced: %v %v", st, err)
	}
	if notModified.Load() != 1 {
		t.Errorf("no 304 revalidation")
	}
	// Stale cache and source down: stale copy used.
	c.MaxAge = time.Nanosecond
	up = false
	if set, err := c.Load(ctx, []config.Index{ix}); err != nil {
		t.Fatalf("stale fallback: %v", err)
	} else if _, ok := set.Get("k8saudit"); !ok {
		t.Error("stale set empty")
	}
	// No cache and source down: error naming the index and status.
	_, _, err = (&Cache{Dir: t.TempDir()}).Get(ctx, ix, false)
	if err == nil || !strings.Contains(err.Error(), "fetch index fs") || !strings.Contains(err.Error(), "503") {
		t.Errorf("err = %v", err)
	}
}

func TestFileBackendAndList(t *testing.T) {
	ctx := context.Background()
	abs, _ := filepath.Abs("testdata/index.yaml")
	for _, u := range []string{"file://" + abs, abs} {
		ix := config.Index{Name: "local", URL: u}
		if Backend(ix) != "file" {
			t.Errorf("backend of %s = %s", u, Backend(ix))
		}
		entries, _, err := (&Cache{Dir: t.TempDir()}).Get(ctx, ix, false)
		if err != nil || len(entries) != 3 {
			t.Errorf("%s: %v", u, err)
		}
	}
	for u, want := range map[string]string{"https://x/i.yaml": "https", "http://x": "http", "oci://ghcr.io/x/y:1": "oci", "oci-layout:/srv/i": "oci", "gs://b/o": "gcs", "s3://b/k": "s3", "ftp://x": "http"} {
		if got := Backend(config.Index{URL: u}); got != want {
			t.Errorf("Backend(%s) = %s, want %s", u, got, want)
		}
	}
	if _, err := (Sources{}).Fetch(ctx, config.Index{Name: "g", URL: "gs://bucket/index.yaml"}, ""); err == nil || !strings.Contains(err.Error(), "gcs backend is not supported") {
		t.Errorf("gcs fetch: %v", err)
	}
	l := List{Path: filepath.Join(t.TempDir(), "state", "indexes.yaml")}
	conf := []config.Index{{Name: "falcosecurity", URL: "https://x"}}
	if added, err := l.Add(Added{Name: "local", URL: abs}, conf); err != nil || !added {
		t.Fatal(added, err)
	}
	if _, err := l.Add(Added{Name: "falcosecurity", URL: abs}, conf); err == nil || !strings.Contains(err.Error(), "exists with URL https://x") {
		t.Errorf("same name as a configured index, other URL: %v", err)
	}
	// Adding again the same index is a no-op, as in falcoctl; another backend is not the same index.
	for _, again := range []Added{{Name: "falcosecurity", URL: "https://x"}, {Name: "local", URL: abs}, {Name: "local", URL: abs, Backend: "file"}} {
		if added, err := l.Add(again, conf); err != nil || added {
			t.Errorf("add %+v again: added %v, %v", again, added, err)
		}
	}
	if _, err := l.Add(Added{Name: "local", URL: abs, Backend: "oci"}, conf); err == nil {
		t.Error("same name and URL with another backend accepted")
	}
	all, _ := l.All(conf)
	if len(all) != 2 || all[1].Name != "local" {
		t.Errorf("all %v", all)
	}
	if err := l.Remove("falcosecurity"); err == nil || !strings.Contains(err.Error(), "configuration file") {
		t.Errorf("remove configured: %v", err)
	}
	if err := l.Remove("local"); err != nil {
		t.Fatal(err)
	}
	if all, _ := l.All(nil); len(all) != 0 {
		t.Errorf("after remove %v", all)
	}
}

func FuzzParse(f *testing.F) {
	data, _ := os.ReadFile("testdata/index.yaml")
	f.Add(data)
	f.Add([]byte("- name: a\n  type: asset\n  registry: r\n  repository: p\n"))
	f.Add([]byte("[{name: &a x, type: *a}]"))
	f.Add([]byte("- name: a\n  signature: {cosign: {ignore-tlog: true}}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		entries, err := Parse("fuzz", b)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, e := range entries {
			if e.Name == "" || e.Registry == "" || e.Repository == "" || seen[e.Name] {
				t.Fatalf("invalid entry accepted: %+v", e)
			}
			seen[e.Name] = true
		}
		out, err := Marshal(entries)
		if err != nil {
			t.Fatal(err)
		}
		back, err := Parse("again", out)
		if err != nil || len(back) != len(entries) {
			t.Fatalf("round trip: %v", err)
		}
	})
}

// TestFalcoctlIndexes reads falcoctl's configuration and index list (falcoctl.md section 3).
func TestFalcoctlIndexes(t *testing.T) {
	for file, want := range map[string][]config.Index{
		"testdata/falcoctl.yaml": {
			{Name: "falcosecurity", URL: "https://falcosecurity.github.io/falcoctl/index.yaml"},
			{Name: "company", URL: "file:///srv/falco/index.yaml", Backend: "file"},
			{Name: "bucket", URL: "gs://company-falco/index.yaml"},
		},
		"testdata/falcoctl-indexes.yaml": {
			{Name: "falcosecurity", URL: "https://falcosecurity.github.io/falcoctl/index.yaml"},
			{Name: "mirror", URL: "https://mirror.example/falco/index.yaml", Backend: "https"},
		},
	} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		got, err := FalcoctlIndexes(file, data)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		var idx []config.Index
		for _, g := range got {
			if g.File != file || g.Line == 0 {
				t.Errorf("%s: position %s:%d", file, g.File, g.Line)
			}
			idx = append(idx, g.Index)
		}
		if !reflect.DeepEqual(idx, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", file, idx, want)
		}
	}
	for in, want := range map[string]string{
		"indexes:\n  - name: x\n":               "f.yaml:2: indexes entry needs name and url",
		"indexes: {name: x}\n":                  "f.yaml:1: indexes must be a list",
		"artifact: {}\n":                        "no indexes (falcoctl.yaml) or configs",
		"- a\n":                                 "want a mapping",
		"configs:\n  - name: [x]\n    url: u\n": "f.yaml:2: field \"name\" must be a string",
	} {
		if _, err := FalcoctlIndexes("f.yaml", []byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err = %v, want %q", in, err, want)
		}
	}
	if got, err := FalcoctlIndexes("f.yaml", []byte("indexes:\n")); err != nil || len(got) != 0 {
		t.Errorf("empty indexes: %v %v", got, err)
	}
}
