// Package output renders alerts as Falco does: the text line "<time>: <Priority> <message>" and Falco's JSON
// object (hostname, output, output_fields, priority, rule, source, tags, time), which Falcosidekick and
// Falco Talon accept unchanged.
package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/aerie-sec/aerie/engine/rules"
)

// Priority is a rule's severity, as the rules loader parses it.
type Priority = rules.Priority

// Field is one output field of an alert: its name as written in the rule's output ("proc.aname[2]") and
// its typed value (string, int64, uint64, bool, or nil when the field could not be extracted).
type Field struct {
	Name  string
	Value any
}

// Event is one alert: a rule matched an event.
type Event struct {
	Time     time.Time
	Rule     string
	Priority Priority
	Source   string
	Hostname string
	Tags     []string
	Message  string  // the rule's output with fields substituted
	Fields   []Field // the output's fields, in order of appearance (duplicates allowed, the last wins in JSON)
}

// Options controls rendering. The zero value renders as Falco's defaults do in UTC.
type Options struct {
	// ISO8601 prints the text line's time as "2006-01-02T15:04:05.000000000+0000" (time_format_iso_8601).
	ISO8601 bool
	// Location is the time zone of the text line's time (default UTC).
	Location *time.Location
}

// AppendText appends the Falco text line (without newline) to b.
func AppendText(b []byte, e *Event, o Options) []byte {
	loc := o.Location
	if loc == nil {
		loc = time.UTC
	}
	t := e.Time.In(loc)
	if o.ISO8601 {
		b = t.AppendFormat(b, "2006-01-02T15:04:05.000000000-0700")
	} else {
		b = t.AppendFormat(b, "15:04:05.000000000")
	}
	b = append(b, ": "...)
	b = append(b, e.Priority.String()...)
	b = append(b, ' ')
	return append(b, e.Message...)
}

// jsonAlert is Falco's JSON alert; fields are declared in the (alphabetical) order Falco emits them.
type jsonAlert struct {
	Hostname     string         `json:"hostname"`
	Output       string         `json:"output"`
	OutputFields map[string]any `json:"output_fields"`
	Priority     string         `json:"priority"`
	Rule         string         `json:"rule"`
	Source       string         `json:"source"`
	Tags         []string       `json:"tags"`
	Time         string         `json:"time"`
}

// AppendJSON appends Falco's JSON form of e (one line, without newline) to b. output_fields carries
// evt.time (ns since the epoch) and every output field with its typed value or null.
func AppendJSON(b []byte, e *Event, o Options) ([]byte, error) {
	fields := make(map[string]any, len(e.Fields)+1)
	fields["evt.time"] = e.Time.UnixNano()
	for _, f := range e.Fields {
		fields[f.Name] = f.Value
	}
	tags := e.Tags
	if tags == nil {
		tags = []string{}
	}
	a := jsonAlert{
		Hostname:     e.Hostname,
		Output:       string(AppendText(nil, e, o)),
		OutputFields: fields,
		Priority:     e.Priority.String(),
		Rule:         e.Rule,
		Source:       e.Source,
		Tags:         tags,
		Time:         e.Time.UTC().Format("2006-01-02T15:04:05.000000000Z"),
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&a); err != nil {
		return b, fmt.Errorf("encode alert %q: %w", e.Rule, err)
	}
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte{'\n'})...), nil
}
