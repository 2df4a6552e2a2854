//go:build !linux || !amd64

package probe

import (
	"context"
	"log/slog"
	"time"

	"github.com/aerie-sec/aerie/engine/event"
)

// Flavor names the attach method the probe ended up using.
type Flavor string

// Attach flavors.
const (
	FlavorBTF Flavor = "tp_btf"
	FlavorRaw Flavor = "raw_tracepoint"
)

// Options configure Load. The zero value is valid.
type Options struct {
	RingSize      uint32
	WakeupBytes   uint64
	Interest      Interest
	IgnoreSelf    bool
	RawTracepoint bool
	Logger        *slog.Logger
}

// Probe is a loaded probe; on this platform none can be loaded.
type Probe struct{}

// CPUStats are one CPU's counters.
type CPUStats struct {
	CPU    int
	Events uint64
	Drops  uint64
}

// Load returns ErrNotSupported on this platform.
func Load(Options) (*Probe, error) { return nil, ErrNotSupported }

// Flavor reports which attach method is in use.
func (*Probe) Flavor() Flavor { return "" }

// Interest returns the current interest set.
func (*Probe) Interest() Interest { return Interest{} }

// SetInterest returns ErrNotSupported on this platform.
func (*Probe) SetInterest(Interest) error { return ErrNotSupported }

// SwapInterest returns ErrNotSupported on this platform.
func (*Probe) SwapInterest(Interest, func() error) error { return ErrNotSupported }

// Stats returns ErrNotSupported on this platform.
func (*Probe) Stats() ([]CPUStats, error) { return nil, ErrNotSupported }

// Close does nothing on this platform.
func (*Probe) Close() error { return nil }

// ReaderOptions configure a Reader.
type ReaderOptions struct {
	Poll         time.Duration
	QueueBatches int
	DropReport   time.Duration
}

// Reader reads probe events; on this platform none exist.
type Reader struct{}

// NewReader returns ErrNotSupported on this platform.
func (*Probe) NewReader(ReaderOptions) (*Reader, error) { return nil, ErrNotSupported }

// Next returns ErrNotSupported on this platform.
func (*Reader) Next(context.Context) (*event.Event, error) { return nil, ErrNotSupported }

// NextRaw returns ErrNotSupported on this platform.
func (*Reader) NextRaw(context.Context) ([]byte, error) { return nil, ErrNotSupported }

// Close does nothing on this platform.
func (*Reader) Close() error { return nil }
