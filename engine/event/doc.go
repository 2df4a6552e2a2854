// Package event holds the libs event table (codes, names, directions, flags and parameter layouts, with the
// libs numbering), the in-memory Event with its decoder, and the state-snapshot records (threads, fds, users)
// that .scap captures and the eBPF probe's start-up scan both produce.
//
// Event type codes, parameter types (PT_*), print formats (PF_*) and flag encodings (PPM_*) use the same
// numbers as falcosecurity/libs, so raw records from a capture or from the probe decode unchanged. Parameter
// lists follow current libs (exit-only events with the enter parameters folded in); older captures carry
// fewer parameters per event, which the decoder accepts because every record states its own parameter count.
//
// The table is read-only: the *Info values returned by Lookup are shared and must not be modified.
package event
