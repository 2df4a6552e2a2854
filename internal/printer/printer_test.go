package printer

import (
	"bytes"
	"testing"
)

type kv [][2]string

func (k kv) Header() []string { return []string{"name", "value"} }
func (k kv) Rows() [][]string {
	out := make([][]string, len(k))
	for i, r := range k {
		out[i] = []string{r[0], r[1]}
	}
	return out
}

func TestPrint(t *testing.T) {
	tests := []struct {
		format Format
		in     any
		want   string
	}{
		{Table, kv{{"a", "1"}, {"long-name", "2"}}, "NAME        VALUE\na           1\nlong-name   2\n"},
		{JSON, map[string]int{"a": 1}, "{\n  \"a\": 1\n}\n"},
		{YAML, map[string]int{"a": 1}, "a: 1\n"},
		// "=" is quoted: YAML 1.1 readers (PyYAML) take a plain = for the value key type.
		{YAML, map[string][]string{"ops": {"=", ">=", "in"}}, "ops:\n  - '='\n  - '>='\n  - in\n"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := Print(&buf, tt.format, tt.in); err != nil {
			t.Fatalf("%s: %v", tt.format, err)
		}
		if buf.String() != tt.want {
			t.Errorf("%s: got %q, want %q", tt.format, buf.String(), tt.want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for _, s := range []string{"table", "json", "yaml", "JSON"} {
		if _, err := ParseFormat(s); err != nil {
			t.Errorf("ParseFormat(%q): %v", s, err)
		}
	}
	if _, err := ParseFormat("xml"); err == nil {
		t.Error("ParseFormat(xml): want error")
	}
}
