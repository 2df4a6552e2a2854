// Package scap reads and writes .scap capture files, the pcapng-shaped format of falcosecurity/libs: a section
// header, metadata blocks (machine info, process, fd, user and interface lists) and one block per event.
//
// A Reader delivers events one at a time through Next, decoding into a reused buffer so that steady-state
// reading does not allocate; the metadata blocks are collected into Metadata. gzip-compressed files are
// recognised and decompressed. Unknown block types and event types beyond the event table are skipped by
// their length. A truncated or corrupt file yields a *FormatError naming the byte offset (in the
// decompressed stream) after the events before it were delivered.
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
