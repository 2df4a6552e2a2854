package rulesets

//go:generate go run ./internal/gencaptures -dir testdata
