#!/usr/bin/env bash
# Regenerates the bpf2go output of bpf/probe in a temporary copy of the
# repository and fails if it differs from the committed files, byte for byte.
# Needs clang-14, llvm-strip-14 and libbpf-dev (scripts/setup.sh installs them).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Copy only what generation reads: module files and bpf/.
cp "$root/go.mod" "$root/go.sum" "$tmp/"
mkdir -p "$tmp/bpf"
cp -r "$root/bpf/c" "$root/bpf/probe" "$tmp/bpf/"
rm -f "$tmp"/bpf/probe/*_bpfel.go "$tmp"/bpf/probe/*_bpfel.o
(cd "$tmp" && go generate ./bpf/...)
status=0
for f in "$root"/bpf/probe/*_bpfel.go "$root"/bpf/probe/*_bpfel.o; do
	name=$(basename "$f")
	if ! cmp -s "$f" "$tmp/bpf/probe/$name"; then
		echo "check-generate: bpf/probe/$name differs from a fresh 'go generate ./bpf/...'" >&2
		status=1
	fi
done
for f in "$tmp"/bpf/probe/*_bpfel.*; do
	[ -e "$root/bpf/probe/$(basename "$f")" ] || { echo "check-generate: bpf/probe/$(basename "$f") is generated but not committed" >&2; status=1; }
done
[ $status -eq 0 ] && echo "check-generate: bpf/probe generated files are up to date"
exit $status
