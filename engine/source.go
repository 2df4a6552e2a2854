package engine

import (
	"context"

	"github.com/aerie-sec/aerie/engine/event"
)

// Source delivers events one at a time. The returned event is valid until the next call; io.EOF ends
// the stream. The .scap reader (engine/scap) and the probe's ring-buffer reader both satisfy it; the
// detection loop in engine/detect consumes it.
type Source interface {
	Next(ctx context.Context) (*event.Event, error)
}
