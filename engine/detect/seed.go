package detect

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/aerie-sec/aerie/engine/eval"
	"github.com/aerie-sec/aerie/engine/scap"
	"github.com/aerie-sec/aerie/engine/state"
)

// SeedState loads a capture's process, fd, user and group lists into a state table, as libsinsp does
// before the first event.
func SeedState(st *state.Table, md *scap.Metadata) {
	if md == nil {
		return
	}
	for _, in := range md.Interfaces {
		st.AddLocalAddr(in.Addr)
	}
	for i := range md.Users {
		st.AddSnapshotUser(&md.Users[i])
	}
	for i := range md.Groups {
		st.AddSnapshotGroup(&md.Groups[i])
	}
	for i := range md.Threads {
		st.AddSnapshotThread(&md.Threads[i])
	}
	for i := range md.FDs {
		st.AddSnapshotFD(&md.FDs[i])
	}
	st.Link()
}

// ReplayFile replays one .scap capture through a new runner of e: the capture's metadata seeds the state,
// then every event is processed. fn is called for each match.
func ReplayFile(ctx context.Context, e *Engine, path string, fn func(*Match)) (Stats, error) {
	r, err := scap.Open(ctx, path)
	if err != nil {
		return Stats{}, fmt.Errorf("replay %s: %w", path, err)
	}
	defer r.Close()
	run := e.NewRunner(nil)
	SeedState(run.State, r.Metadata())
	if err := run.Run(ctx, r, fn); err != nil {
		return run.Stats(), fmt.Errorf("replay %s: %w", path, err)
	}
	return run.Stats(), nil
}

// FilterFile replays one capture without rules and writes, one per line, the events matching ex rendered
// with ex.Format, as `sysdig -r CAPTURE -p FORMAT FILTER` prints them: unless printAll, lines with a field
// that cannot be extracted are left out.
func FilterFile(ctx context.Context, e *Engine, ex *eval.Expression, path string, printAll bool, w io.Writer) error {
	r, err := scap.Open(ctx, path)
	if err != nil {
		return fmt.Errorf("replay %s: %w", path, err)
	}
	defer r.Close()
	run := e.NewRunner(nil)
	SeedState(run.State, r.Metadata())
	var line []byte
	for {
		ev, err := r.Next(ctx)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("replay %s: %w", path, err)
		}
		c := run.Step(ev)
		if !Internal(ev) && ex.Filter(c) {
			ok := true
			line = line[:0]
			if printAll {
				line = ex.Format.Append(line, c)
			} else {
				line, ok = ex.Format.AppendIfComplete(line, c)
			}
			if ok {
				line = append(line, '\n')
				if _, err := w.Write(line); err != nil {
					return fmt.Errorf("write events: %w", err)
				}
			}
		}
		run.Done()
	}
}
