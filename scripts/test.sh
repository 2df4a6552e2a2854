#!/usr/bin/env bash
# Aerie's full test command (README: `make test`). With an argument, runs only that step:
# fmt, vet, lint, generate, unit, fuzz, release.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$(go env GOPATH)/bin:$PATH"
FUZZTIME="${FUZZTIME:-3s}"

summary=()
failed=0
# step runs one check and records its result; every step runs, and the script fails at the end if any failed.
step() {
	local name=$1
	shift
	local start=$SECONDS
	echo "::: $name"
	if "$@"; then
		summary+=("ok    $name ($((SECONDS - start))s)")
		echo "step $name: ok ($((SECONDS - start))s)"
	else
		echo "step $name: FAILED ($((SECONDS - start))s)"
		summary+=("FAIL  $name ($((SECONDS - start))s)")
		failed=$((failed + 1))
	fi
}
print_summary() {
	echo "=== summary"
	printf '%s\n' "${summary[@]}"
	[ "$failed" -eq 0 ] || { echo "$failed step(s) failed"; exit 1; }
}

fmt_check() {
	local bad
	bad=$(gofmt -l $(git ls-files '*.go' | grep -v '^vendor/') 2>&1 || true)
	if [ -n "$bad" ]; then
		echo "gofmt would change:"
		echo "$bad"
		return 1
	fi
}

vet() { go vet ./...; }

lint() { golangci-lint run --timeout 15m ./...; }

generate_check() {
	if [ -x scripts/check-generate.sh ]; then
		bash scripts/check-generate.sh
	else
		echo "no generated code to check"
	fi
}

unit() {
	# -p 2: two packages at a time on CI's two cores; root-only and corpus tests fail (not skip) when CI is set.
	go test -race -p 2 -timeout 20m ./...
}

fuzz() {
	# Every FuzzXxx in every package, briefly, from its seed corpus.
	local n=0 fail=0 log
	log=$(mktemp "${TMPDIR:-/tmp}/aerie-fuzz.XXXXXX") # per run: two checkouts may fuzz at once
	while IFS= read -r line; do
		local file=${line%%:*} name
		name=$(sed -E 's/^.*func (Fuzz[A-Za-z0-9_]*)\(.*/\1/' <<<"${line#*:}")
		local pkg="./$(dirname "$file")"
		echo "fuzz $pkg $name ($FUZZTIME)"
		n=$((n + 1))
		if ! go test -run '^$' -fuzz "^${name}\$" -fuzztime "$FUZZTIME" "$pkg" >"$log" 2>&1; then
			# The Go fuzzer can end a run with "context deadline exceeded" when an input is still running
			# as -fuzztime expires; that is not a finding (a finding writes "Failing input"). Run once more.
			if grep -q 'context deadline exceeded' "$log" && ! grep -q 'Failing input' "$log" &&
				go test -run '^$' -fuzz "^${name}\$" -fuzztime "$FUZZTIME" "$pkg" >"$log" 2>&1; then
				echo "fuzz $pkg $name: deadline hit mid-input on the first run; the second run passed"
				continue
			fi
			cat "$log"
			fail=$((fail + 1))
		fi
	done < <(git grep -nE '^func Fuzz[A-Za-z0-9_]*\(f \*testing\.F\)' -- '*_test.go' | sort)
	rm -f "$log"
	echo "fuzz: $n targets, $fail failed"
	[ "$fail" -eq 0 ]
}

release() {
	if [ -f .goreleaser.yaml ]; then goreleaser check; fi
}

case "${1:-all}" in
fmt) step gofmt fmt_check; print_summary ;;
vet) step vet vet; print_summary ;;
lint) step golangci-lint lint; print_summary ;;
generate) step generate-check generate_check; print_summary ;;
unit) step "go test -race" unit; print_summary ;;
fuzz) step fuzz fuzz; print_summary ;;
release) step "goreleaser check" release; print_summary ;;
all)
	step gofmt fmt_check
	step vet vet
	step golangci-lint lint
	step generate-check generate_check
	step "goreleaser check" release
	step "go test -race" unit
	step fuzz fuzz
	print_summary
	;;
*)
	echo "usage: $0 [fmt|vet|lint|generate|unit|fuzz|release]" >&2
	exit 2
	;;
esac
