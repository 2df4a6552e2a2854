package loadresult

import (
	"strings"
	"testing"
)

func TestSnippet(t *testing.T) {
	long := strings.Repeat("a", 100) + "X" + strings.Repeat("b", 100)
	tests := []struct {
		content string
		off     int
		want    string
	}{
		{"line one\nline two\n", 14, "line two\n     ^\n"},
		{"abc", 0, "abc\n^\n"},
		{"abc", 10, "<position past end of file>\n"},
		{long, 100, "..." + strings.Repeat("a", 77) + "X" + strings.Repeat("b", 77) + "...\n" + strings.Repeat(" ", 80) + "^\n"},
	}
	for _, tc := range tests {
		ctx := Context{}.With(ItemRule, "r", Position{Name: "f", Offset: tc.off})
		if got := ctx.Snippet(Contents{"f": tc.content}); got != tc.want {
			t.Errorf("snippet at %d:\n got %q\nwant %q", tc.off, got, tc.want)
		}
	}
}

func TestCodes(t *testing.T) {
	for c := ErrFileRead; c <= ErrExtension; c++ {
		if !c.IsError() || !strings.HasPrefix(c.String(), "LOAD_ERR_") || c.Desc() == "" {
			t.Errorf("error code %d: %s %q", c, c, c.Desc())
		}
	}
	for c := WarnUnknownSource; c <= WarnUnknownKey; c++ {
		if c.IsError() || !strings.HasPrefix(c.String(), "LOAD_") || c.Desc() == "" {
			t.Errorf("warning code %d: %s %q", c, c, c.Desc())
		}
	}
}

func TestResultText(t *testing.T) {
	r := &Result{Name: "f.yaml"}
	if got := r.Text(nil, true); got != "f.yaml: Ok\n" {
		t.Errorf("ok: %q", got)
	}
	r.Add(WarnUnusedList, "List not referred to by any other rule/macro", Context{}.With(ItemList, "l", Position{Name: "f.yaml"}))
	if got := r.Text(Contents{"f.yaml": "- list: l\n"}, false); got != "f.yaml: Ok, with warnings\n" {
		t.Errorf("warnings: %q", got)
	}
	j := r.JSON(nil)
	if !j.Successful || len(j.Warnings) != 1 || j.Warnings[0].Code != "LOAD_UNUSED_LIST" || j.Errors == nil {
		t.Errorf("json: %+v", j)
	}
}
