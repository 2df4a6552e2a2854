package scap_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/scap"
	"github.com/aerie-sec/aerie/internal/testenv"
)

// sysdigVisible reports whether Debian's sysdig 0.29.3 shows events of type t: libsinsp hides internal
// events (procinfo, drop, ...) and consumes container events as metadata without returning them, and its
// libscap silently drops types from 336 up (it knows 336 codes).
func sysdigVisible(t event.Type) bool {
	info, ok := event.Lookup(t)
	if !ok || t >= 336 || info.Category == event.CategoryInternal {
		return false
	}
	return info.Name != "container"
}

// readCounts reads the whole capture and counts events by "type dir" as sysdig prints them.
func readCounts(t *testing.T, path string) (map[string]int, *scap.Reader) {
	t.Helper()
	ctx := context.Background()
	r, err := scap.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	counts := map[string]int{}
	for {
		e, err := r.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("read %s: %v", path, err)
		}
		if sysdigVisible(e.Type) {
			counts[e.DisplayName()+" "+e.Dir().String()]++
		}
	}
	return counts, r
}

func sysdigCounts(t *testing.T, sysdig, path string) map[string]int {
	t.Helper()
	cmd := exec.Command(sysdig, "-r", path, "-p", "%evt.type %evt.dir")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("sysdig -r %s: %v: %s", path, err, stderr.String())
	}
	counts := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			counts[line]++
		}
	}
	return counts
}

func corpusCaptures(t *testing.T) []string {
	dir := filepath.Join(testenv.Corpus(t), "scap")
	files, err := filepath.Glob(filepath.Join(dir, "*.scap"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no captures in %s: %v", dir, err)
	}
	return files
}

// TestCorpusMatchesSysdig reads every shared capture to the end and compares its count of events by type
// and direction with what sysdig 0.29.3 prints for it.
func TestCorpusMatchesSysdig(t *testing.T) {
	sysdig := testenv.Tool(t, "sysdig")
	for _, path := range corpusCaptures(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			got, r := readCounts(t, path)
			want := sysdigCounts(t, sysdig, path)
			if !maps.Equal(got, want) {
				for _, k := range slices.Sorted(maps.Keys(merge(got, want))) {
					if got[k] != want[k] {
						t.Errorf("%s: aerie %d, sysdig %d", k, got[k], want[k])
					}
				}
			}
			if r.Offset() == 0 || len(r.Metadata().Threads) == 0 || r.Metadata().Machine == nil {
				t.Errorf("metadata not read: offset %d, %d threads", r.Offset(), len(r.Metadata().Threads))
			}
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if !r.Compressed() && r.Offset() != fi.Size() {
				t.Errorf("stopped at offset %d of %d", r.Offset(), fi.Size())
			}
		})
	}
}

func merge(a, b map[string]int) map[string]int {
	m := maps.Clone(a)
	maps.Copy(m, b)
	return m
}
