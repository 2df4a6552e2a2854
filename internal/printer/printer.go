// Package printer writes command results as aligned tables, JSON or YAML.
package printer

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"gopkg.in/yaml.v3"
)

// Format is an output format chosen with -o/--output.
type Format string

// The output formats every data-printing command accepts.
const (
	Table Format = "table"
	JSON  Format = "json"
	YAML  Format = "yaml"
)

// Formats lists the accepted values of -o/--output, for help texts and completion.
var Formats = []string{string(Table), string(JSON), string(YAML)}

// ParseFormat checks an -o/--output value.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(s)); f {
	case Table, JSON, YAML:
		return f, nil
	case "text", "":
		return Table, nil
	}
	return "", fmt.Errorf("invalid output format %q: want one of %s", s, strings.Join(Formats, ", "))
}

// Tabler is a result that knows its table form: a header row and data rows.
type Tabler interface {
	Header() []string
	Rows() [][]string
}

// Print writes v in format f. For Table, v must be a Tabler or a fmt.Stringer.
// JSON is indented with two spaces and ends with a newline; field order follows the struct definitions.
func Print(w io.Writer, f Format, v any) error {
	switch f {
	case JSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(v)
	case YAML:
		var doc yaml.Node
		if err := doc.Encode(v); err != nil {
			return err
		}
		quoteYAML11(&doc)
		enc := yaml.NewEncoder(w)
		enc.SetIndent(2)
		if err := enc.Encode(&doc); err != nil {
			return err
		}
		return enc.Close()
	default:
		switch t := v.(type) {
		case Tabler:
			return WriteTable(w, t.Header(), t.Rows())
		case fmt.Stringer:
			_, err := io.WriteString(w, strings.TrimRight(t.String(), "\n")+"\n")
			return err
		}
		return fmt.Errorf("print %T: no table form", v)
	}
}

// yaml11Special are plain strings that YAML 1.2 (yaml.v3) leaves unquoted but YAML 1.1 parsers such as
// PyYAML read as something else: "=" is the 1.1 value key type.
var yaml11Special = map[string]bool{"=": true}

// quoteYAML11 quotes the string scalars under n that a YAML 1.1 reader would misread.
func quoteYAML11(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && n.Style == 0 && yaml11Special[n.Value] {
		n.Style = yaml.SingleQuotedStyle
	}
	for _, c := range n.Content {
		quoteYAML11(c)
	}
}

// WriteTable writes rows aligned in columns under an upper-case header; a nil header prints rows only.
func WriteTable(w io.Writer, header []string, rows [][]string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	if header != nil {
		up := make([]string, len(header))
		for i, h := range header {
			up[i] = strings.ToUpper(h)
		}
		if _, err := fmt.Fprintln(tw, strings.Join(up, "\t")); err != nil {
			return err
		}
	}
	for _, r := range rows {
		if _, err := fmt.Fprintln(tw, strings.Join(r, "\t")); err != nil {
			return err
		}
	}
	return tw.Flush()
}
