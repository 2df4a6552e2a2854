package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aerie-sec/aerie/engine/scap"
	"github.com/aerie-sec/aerie/engine/scap/synth"
	"github.com/aerie-sec/aerie/internal/testenv"
)

var updateCapture = flag.Bool("update-capture", false, "rewrite testdata/capture_inspect.golden")

// writeSynthCapture writes a small deterministic capture and returns its path.
func writeSynthCapture(t *testing.T, events int) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "synth.scap")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	w, err := scap.NewWriter(f, synth.HostBase().WriterOptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := synth.WriteCapture(w, events, synth.Options{Seed: 42}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCaptureInspectGolden(t *testing.T) {
	p := writeSynthCapture(t, 60)
	code, out, stderr := runCLI(t, nil, "capture", "inspect", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	out = strings.ReplaceAll(out, p, "CAPTURE")
	golden := filepath.Join("testdata", "capture_inspect.golden")
	if *updateCapture {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update-capture to create it)", err)
	}
	if out != string(want) {
		t.Errorf("capture inspect output differs from %s:\n%s", golden, out)
	}
}

func TestCaptureInspectJSON(t *testing.T) {
	p := writeSynthCapture(t, 500)
	code, out, stderr := runCLI(t, nil, "capture", "inspect", "-o", "json", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep captureReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var sum int64
	for _, et := range rep.EventTypes {
		sum += et.Count
	}
	if rep.Events != 500 || sum != 500 || rep.FormatVersion != "1.2" || rep.Machine == nil || rep.Machine.Hostname != "aerie-host" {
		t.Errorf("report: %d events, %d by type, format %q, machine %+v", rep.Events, sum, rep.FormatVersion, rep.Machine)
	}
	var bash, nginx bool
	for _, pr := range rep.Processes {
		bash = bash || (pr.Comm == "bash" && pr.User == "alice" && pr.InProcessList)
		nginx = nginx || (pr.Comm == "nginx" && pr.Events > 0)
	}
	if !bash || !nginx {
		t.Errorf("processes lack bash (alice, from the process list) or nginx with events: %+v", rep.Processes)
	}
}

func TestCaptureInspectErrors(t *testing.T) {
	p := writeSynthCapture(t, 100)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	trunc := filepath.Join(t.TempDir(), "trunc.scap")
	if err := os.WriteFile(trunc, data[:len(data)-10], 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCLI(t, nil, "capture", "inspect", trunc)
	if code != exitFail || !strings.Contains(stderr, "offset ") || !strings.Contains(out, "Events:     99") {
		t.Errorf("truncated capture: exit %d, stderr %q, stdout %q", code, stderr, out)
	}
	if code, _, stderr := runCLI(t, nil, "capture", "inspect", filepath.Join(t.TempDir(), "missing.scap")); code != exitFail || !strings.Contains(stderr, "open capture") {
		t.Errorf("missing file: exit %d, %q", code, stderr)
	}
	if code, _, _ := runCLI(t, nil, "capture", "inspect"); code != exitUsage {
		t.Errorf("no argument: exit %d, want %d", code, exitUsage)
	}
}

func TestCaptureInspectCorpus(t *testing.T) {
	p := testenv.CorpusFile(t, "scap", "connect_localhost.scap")
	code, out, stderr := runCLI(t, nil, "capture", "inspect", "-o", "json", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep captureReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if !rep.Compressed || rep.FormatVersion != "1.0" || rep.Events != 374 || len(rep.Processes) < 184 {
		t.Errorf("connect_localhost: compressed %v, format %q, %d events, %d processes", rep.Compressed, rep.FormatVersion, rep.Events, len(rep.Processes))
	}
}
