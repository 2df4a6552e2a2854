package probe

// The probe's C sources live in ../c. Regenerate with `go generate ./bpf/...`
// (needs Debian's clang-14, llvm-strip and libbpf-dev); scripts/check-generate.sh
// verifies that the committed output is reproduced byte for byte.
//go:generate go tool bpf2go -cc clang-14 -strip llvm-strip-14 -cflags "-O2 -g -Wall -Werror" -target amd64 -go-package probe -output-stem probe probe ../c/probe.bpf.c -- -I../c
