//go:build linux && amd64

package probe

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/cilium/ebpf/ringbuf"

	"github.com/aerie-sec/aerie/engine/event"
)

// ReaderOptions configure a Reader. The zero value is valid.
type ReaderOptions struct {
	// Poll is how long the reader sleeps between drains of the ring buffer (default 5ms).
	Poll time.Duration
	// QueueBatches bounds the queue between the ring buffer and Next, in batches of up to 256 KiB
	// (default 64). When it is full the reader stops draining and the kernel counts drops.
	QueueBatches int
	// DropReport is how often new drops are logged (default 1s).
	DropReport time.Duration
}

const batchBytes = 256 << 10

type batch struct {
	buf  []byte
	ends []int
}

// Reader drains the probe's ring buffer in a goroutine and hands records out in order.
type Reader struct {
	p    *Probe
	rb   *ringbuf.Reader
	opts ReaderOptions

	full chan *batch
	free chan *batch
	done chan struct{}
	wg   sync.WaitGroup

	errMu sync.Mutex
	err   error

	cur *batch
	idx int
	off int

	ev  event.Event
	num int64
}

// NewReader starts draining the probe's ring buffer. Close stops it.
func (p *Probe) NewReader(opts ReaderOptions) (*Reader, error) {
	if opts.Poll <= 0 {
		opts.Poll = 5 * time.Millisecond
	}
	if opts.QueueBatches <= 0 {
		opts.QueueBatches = 64
	}
	if opts.DropReport <= 0 {
		opts.DropReport = time.Second
	}
	rb, err := ringbuf.NewReader(p.coll.Maps["events"])
	if err != nil {
		return nil, fmt.Errorf("open ring buffer: %w", err)
	}
	r := &Reader{
		p:    p,
		rb:   rb,
		opts: opts,
		full: make(chan *batch, opts.QueueBatches),
		free: make(chan *batch, opts.QueueBatches+2),
		done: make(chan struct{}),
	}
	r.wg.Add(1)
	go r.drain()
	return r, nil
}

func (r *Reader) getBatch() *batch {
	select {
	case b := <-r.free:
		b.buf = b.buf[:0]
		b.ends = b.ends[:0]
		return b
	default:
		return &batch{buf: make([]byte, 0, batchBytes+64<<10)}
	}
}

func (r *Reader) fail(err error) {
	r.errMu.Lock()
	if r.err == nil {
		r.err = err
	}
	r.errMu.Unlock()
}

// drain is the reader goroutine: poll the ring, batch records, queue batches, report drops.
func (r *Reader) drain() {
	defer r.wg.Done()
	defer close(r.full)
	var rec ringbuf.Record
	b := r.getBatch()
	var lastDrops uint64
	nextReport := time.Now().Add(r.opts.DropReport)
	send := func() bool {
		if len(b.ends) == 0 {
			return true
		}
		select {
		case r.full <- b:
			b = r.getBatch()
			return true
		case <-r.done:
			return false
		}
	}
	for {
		r.rb.SetDeadline(time.Now().Add(r.opts.Poll))
		for {
			err := r.rb.ReadInto(&rec)
			if errors.Is(err, os.ErrDeadlineExceeded) {
				break
			}
			if err != nil {
				if !errors.Is(err, ringbuf.ErrClosed) && !errors.Is(err, os.ErrClosed) {
					r.fail(fmt.Errorf("read ring buffer: %w", err))
				}
				send()
				return
			}
			b.buf = append(b.buf, rec.RawSample...)
			b.ends = append(b.ends, len(b.buf))
			if len(b.buf) >= batchBytes && !send() {
				return
			}
		}
		if !send() {
			return
		}
		if now := time.Now(); now.After(nextReport) {
			nextReport = now.Add(r.opts.DropReport)
			if d := r.p.totalDrops(); d > lastDrops {
				r.p.log.Warn("probe dropped events: ring buffer full", "new", d-lastDrops, "total", d)
				lastDrops = d
			}
		}
	}
}

// Next returns the next event, decoded with engine/event; it is valid until the following call (the Source
// contract of package engine). Events are numbered from 1 in arrival order.
func (r *Reader) Next(ctx context.Context) (*event.Event, error) {
	raw, err := r.NextRaw(ctx)
	if err != nil {
		return nil, err
	}
	if err := r.ev.Decode(raw); err != nil {
		return nil, fmt.Errorf("decode probe event %d: %w", r.num+1, err)
	}
	r.num++
	r.ev.Num = r.num
	return &r.ev, nil
}

// NextRaw returns the next raw event record: exactly a .scap event (header, lengths, values). The slice is
// valid until the following call. It returns the context's error when ctx ends and an error wrapping
// os.ErrClosed after Close.
func (r *Reader) NextRaw(ctx context.Context) ([]byte, error) {
	for r.cur == nil || r.idx >= len(r.cur.ends) {
		if r.cur != nil {
			select {
			case r.free <- r.cur:
			default:
			}
			r.cur = nil
		}
		select {
		case b, ok := <-r.full:
			if !ok {
				r.errMu.Lock()
				err := r.err
				r.errMu.Unlock()
				if err != nil {
					return nil, err
				}
				return nil, fmt.Errorf("probe reader: %w", os.ErrClosed)
			}
			r.cur, r.idx, r.off = b, 0, 0
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	end := r.cur.ends[r.idx]
	rec := r.cur.buf[r.off:end]
	r.idx++
	r.off = end
	return rec, nil
}

// Close stops the reader; the probe stays loaded.
func (r *Reader) Close() error {
	select {
	case <-r.done:
		return nil
	default:
	}
	close(r.done)
	err := r.rb.Close()
	r.wg.Wait()
	return err
}

func (p *Probe) totalDrops() uint64 {
	st, err := p.Stats()
	if err != nil {
		return 0
	}
	var d uint64
	for _, s := range st {
		d += s.Drops
	}
	return d
}
