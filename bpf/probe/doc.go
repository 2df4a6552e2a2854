// Package probe loads Aerie's CO-RE syscall probe (C sources in ../c, compiled by bpf2go) and reads its events.
//
// The probe writes each event in the .scap event layout (26-byte header, u16 parameter lengths, values), so a
// record from [Reader.Next] is exactly the body of a .scap event block and decodes with the capture decoder.
// Events are exit-only, as in Falco's current drivers, except the enter events of open, creat, openat, openat2
// and connect. Successful execs come from sched_process_exec, procexit from sched_process_exit.
//
// Model and traps:
//   - [Load] needs root (CAP_BPF and CAP_PERFMON) and kernel BTF; it attaches tp_btf programs and falls back to
//     raw tracepoints when tp_btf is refused. Close detaches everything.
//   - Only the syscalls in the [Interest] set reach user space; [Probe.SwapInterest] changes the set without
//     missing events the next ruleset needs (union, swap, narrow).
//   - Ring-buffer writes never wake the reader; the [Reader] polls, as Falco's libpman does. Records the kernel
//     could not queue are counted per CPU ([Probe.Stats]), exported by [Probe.Collector] and logged, never silent.
//   - The probe is x86_64 only; elsewhere Load returns [ErrNotSupported].
package probe
