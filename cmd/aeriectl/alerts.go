package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/aerie-sec/aerie/engine/detect"
	"github.com/aerie-sec/aerie/engine/output"
	"github.com/aerie-sec/aerie/engine/rules"
)

// alertSink writes alerts as Falco does (text line or JSON, one per line) and counts them for
// Falco's end-of-run summary. It is shared by replay and run.
type alertSink struct {
	w         *bufio.Writer
	json      bool
	host      string
	flushEach bool // flush after every alert: a live run is watched as it happens
	opts      output.Options
	line      []byte
	err       error

	total  int
	counts map[string]int
	order  []string
	byPrio map[rules.Priority]int
}

func newAlertSink(w io.Writer, format, host string, flushEach bool) *alertSink {
	return &alertSink{
		w: bufio.NewWriter(w), json: format == "json", host: host, flushEach: flushEach,
		opts:   output.Options{Location: time.Local},
		counts: map[string]int{}, byPrio: map[rules.Priority]int{},
	}
}

// match writes the alert for m and counts it; the first write error is kept for close.
func (s *alertSink) match(m *detect.Match) {
	al := m.Rule.Alert(m.Ctx, s.host)
	s.line = s.line[:0]
	var err error
	if s.json {
		s.line, err = output.AppendJSON(s.line, al, s.opts)
	} else {
		s.line = output.AppendText(s.line, al, s.opts)
	}
	s.line = append(s.line, '\n')
	if err == nil {
		_, err = s.w.Write(s.line)
	}
	if err == nil && s.flushEach {
		err = s.w.Flush()
	}
	if err != nil && s.err == nil {
		s.err = err
	}
	if s.counts[al.Rule] == 0 {
		s.order = append(s.order, al.Rule)
	}
	s.counts[al.Rule]++
	s.byPrio[m.Rule.Priority]++
	s.total++
}

// close flushes the alerts and returns the first error writing them.
func (s *alertSink) close() error {
	if err := s.w.Flush(); err != nil && s.err == nil {
		s.err = err
	}
	if s.err != nil {
		return fmt.Errorf("write alerts: %w", s.err)
	}
	return nil
}

// summary prints Falco's end-of-run summary: totals by severity, then by rule in first-seen order.
func (s *alertSink) summary(w io.Writer) {
	fmt.Fprintf(w, "Events detected: %d\n", s.total)
	fmt.Fprintln(w, "Rule counts by severity:")
	for p := rules.Emergency; p <= rules.Debug; p++ {
		if n := s.byPrio[p]; n > 0 {
			fmt.Fprintf(w, "   %s: %d\n", strings.ToUpper(p.String()), n)
		}
	}
	fmt.Fprintln(w, "Triggered rules by rule name:")
	for _, r := range s.order {
		fmt.Fprintf(w, "   %s: %d\n", r, s.counts[r])
	}
}
