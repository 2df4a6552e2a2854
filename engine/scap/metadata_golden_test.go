package scap_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/scap"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// TestCorpusMetadataGolden pins what the metadata blocks of every shared capture decode to (process list
// versions V5-V9, fd lists V1/V2, user and interface lists V1/V2): counts and sample entries.
func TestCorpusMetadataGolden(t *testing.T) {
	var b strings.Builder
	for _, path := range corpusCaptures(t) {
		r, err := scap.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		m := r.Metadata()
		fmt.Fprintf(&b, "== %s\n", filepath.Base(path))
		for _, bl := range r.Blocks() {
			fmt.Fprintf(&b, "block 0x%x %s\n", bl.Type, bl.Name)
		}
		fmt.Fprintf(&b, "machine %+v\n", *m.Machine)
		fmt.Fprintf(&b, "threads %d fds %d users %d groups %d interfaces %d\n", len(m.Threads), len(m.FDs), len(m.Users), len(m.Groups), len(m.Interfaces))
		for _, th := range []event.ThreadInfo{m.Threads[0], m.Threads[len(m.Threads)-1]} {
			th.Env = th.Env[:min(2, len(th.Env))]
			j, _ := json.Marshal(th)
			fmt.Fprintf(&b, "thread %s\n", j)
		}
		seen := map[event.FDType]bool{}
		for _, fd := range m.FDs {
			if !seen[fd.Type] {
				seen[fd.Type] = true
				j, _ := json.Marshal(fd)
				fmt.Fprintf(&b, "first %s fd %s\n", fd.Type, j)
			}
		}
		fmt.Fprintf(&b, "user %+v group %+v interface %+v\n", m.Users[0], m.Groups[0], m.Interfaces[0])
		_ = r.Close()
	}
	golden := filepath.Join("testdata", "corpus_metadata.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if b.String() != string(want) {
		t.Errorf("corpus metadata differs from %s (run with -update and review the diff)", golden)
	}
}
