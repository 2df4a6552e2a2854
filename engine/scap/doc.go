// Package scap reads and writes .scap capture files, the pcapng-shaped format of falcosecurity/libs: a section
// header, metadata blocks (machine info, process, fd, user and interface lists) and one block per event.
//
// A Reader delivers events one at a time through Next, decoding into a reused buffer so that steady-state
// reading does not allocate; the metadata blocks are collected into Metadata. gzip-compressed files are
// recognised and decompressed. Unknown block types and event types beyond the event table are skipped by
// their length. A truncated or corrupt file yields a *FormatError naming the byte offset (in the
// decompressed stream) after the events before it were delivered.
//
// Old captures (2013-2019 writers) are read natively: section header 1.0, process lists V1-V8 (no entry
// lengths, fields appended version by version, including the 0x8000/0x8013/0x8014ABCD IDs), fd list V1,
// interface and user lists V1 (interface types 3/4 without linkspeed), and event blocks V1 whose 22-byte
// header has no nparams (the count is the one that makes the parameter lengths add up to the record). Fields
// an old process list lacks keep libsinsp's defaults (loginuid -1, vtid/vpid -1 before V4). Old events are
// delivered as recorded, enter and exit alike; engine/state completes an old exit from its enter event (as
// current libs' capture converter does). legacygen writes such captures for tests.
//
// A Writer writes captures that current libs and Debian's sysdig 0.29.3 both read: section header version
// 1.2, machine info, interface, user, process (V9) and fd (V2) lists, then events (EV V2, or the large-payload
// variant for events flagged so).
//
// Compatibility with Debian's sysdig 0.29.3 (libs of March 2022), checked by this package's tests: it reads
// every capture this package writes, and for the shared corpus it shows the same events by type, except
// that (a) its libscap drops event types from 336 up (accept4 389, dup 366, chown, prctl, ...), which
// current libs and this reader deliver; (b) libsinsp hides internal events (procinfo 234, drop) and consumes
// container events (228, 272, 324) without returning them; (c) it rejects section headers with pcapng
// options. For fd tracking it needs the old enter events (WriterOptions.OldEnterEvents).
package scap
