// Package test holds Aerie's end-to-end tests of the engine: replaying the shared captures with the
// upstream rules, swapping rulesets during a replay, and differential tests against Debian's sysdig.
// Nothing imports it.
package test
