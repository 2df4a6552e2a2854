package output

import (
	"encoding/json"
	"github.com/aerie-sec/aerie/engine/rules"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func sample() *Event {
	return &Event{
		Time:     time.Unix(0, 1700000000123456789),
		Rule:     "Read sensitive file untrusted",
		Priority: rules.Warning,
		Source:   "syscall",
		Hostname: "node-1",
		Tags:     []string{"maturity_stable", "filesystem"},
		Message:  "Sensitive file opened for reading by non-trusted program (file=/etc/shadow user=root process=cat)",
		Fields: []Field{
			{"fd.name", "/etc/shadow"}, {"user.name", "root"}, {"proc.name", "cat"},
			{"user.uid", uint64(0)}, {"proc.tty", uint64(34816)}, {"proc.aname[2]", nil}, {"fd.connected", false},
		},
	}
}

func TestText(t *testing.T) {
	e := sample()
	got := string(AppendText(nil, e, Options{}))
	want := "22:13:20.123456789: Warning Sensitive file opened for reading by non-trusted program (file=/etc/shadow user=root process=cat)"
	if got != want {
		t.Errorf("text =\n%s\nwant\n%s", got, want)
	}
	got = string(AppendText(nil, e, Options{ISO8601: true}))
	if want := "2023-11-14T22:13:20.123456789+0000: Warning "; got[:len(want)] != want {
		t.Errorf("iso text = %s", got)
	}
}

func TestJSONGolden(t *testing.T) {
	got, err := AppendJSON(nil, sample(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "alert.json")
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(got)+"\n" != string(want) {
		t.Errorf("json =\n%s\nwant\n%s", got, want)
	}
	// The keys Falcosidekick and Falco Talon read, with their types.
	var m map[string]any
	if err := json.Unmarshal(got, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"hostname", "output", "priority", "rule", "source", "time"} {
		if _, ok := m[k].(string); !ok {
			t.Errorf("key %q missing or not a string", k)
		}
	}
	if _, ok := m["tags"].([]any); !ok {
		t.Error("tags not an array")
	}
	of, ok := m["output_fields"].(map[string]any)
	if !ok || of["evt.time"] != float64(1700000000123456789) || of["proc.aname[2]"] != nil {
		t.Errorf("output_fields = %v", m["output_fields"])
	}
	if _, err := time.Parse(time.RFC3339Nano, m["time"].(string)); err != nil {
		t.Errorf("time: %v", err)
	}
}
