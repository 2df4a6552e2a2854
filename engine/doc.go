// Package engine ties Aerie's detection engine together: it loads Falco rules files, compiles them,
// evaluates events against them and swaps rulesets atomically while events flow.
package engine
