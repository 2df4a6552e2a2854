// Package engine ties Aerie's detection engine together: it loads Falco rules files, compiles them,
// evaluates events against them and swaps rulesets atomically while events flow.
//
// The root package holds the engine's versions and the Source interface that event producers meet (the
// .scap reader in engine/scap, the eBPF ring-buffer reader in bpf). The stages live in subpackages:
// engine/event (the event table and decoder), engine/rules and engine/compile (rules files to a typed
// ruleset), engine/state (threads, fds, users, containers, as libsinsp keeps them), engine/extract
// (field values from an event and its state), engine/eval (conditions to closures, rules indexed and
// specialised by event type), engine/output (Falco's text and JSON alerts) and engine/detect (the
// detection loop with the atomic ruleset swap, capture replay and the sysdig-style filter mode).
package engine
