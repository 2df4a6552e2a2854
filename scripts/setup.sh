#!/usr/bin/env bash
# Installs everything Aerie's build and tests need on a fresh Debian machine with Go. Idempotent:
# each step checks what is there first. Used by developers and by .ci/run.
set -euo pipefail

GOBIN="$(go env GOPATH)/bin"
export PATH="$GOBIN:$PATH"

# Pinned tool versions (Go module proxy).
GOLANGCI_LINT_VERSION=v2.15.0
GORELEASER_VERSION=v2.15.1
ORAS_VERSION=v1.3.6
COSIGN_VERSION=v2.6.5
DISTRIBUTION_VERSION=v3.1.2

log() { printf 'setup: %s\n' "$*"; }

# Debian packages: sysdig (scap cross-checks), docker-registry (loopback OCI registry), clang/llvm,
# libbpf-dev and bpftool (eBPF probe generation), openssl and apache2-utils (TLS and htpasswd for registry tests).
apt_pkgs=(sysdig docker-registry clang llvm libbpf-dev bpftool openssl apache2-utils)
missing=()
for p in "${apt_pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	log "apt-get install ${missing[*]}"
	for attempt in 1 2 3; do # mirrors fail now and then; retry before giving up
		if $SUDO apt-get update -qq &&
			DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
			break
		fi
		[ "$attempt" -lt 3 ] || { log "apt-get install failed"; exit 1; }
		log "apt-get failed (attempt $attempt), retrying"
		sleep $((attempt * 5))
	done
else
	log "Debian packages present"
fi

# Go tools: name, module path, version, binary name.
go_tool() {
	local bin=$1 mod=$2 ver=$3
	local stamp="$GOBIN/.aerie-$bin-$ver"
	if [ -x "$GOBIN/$bin" ] && [ -f "$stamp" ]; then
		return
	fi
	log "go install $mod@$ver"
	go install "$mod@$ver"
	touch "$stamp"
}
# Installs run two or three at a time; any failure fails setup (a bare `wait` would hide it).
run_all() {
	local pids=() failed=0
	while [ $# -gt 0 ]; do
		go_tool $1 $2 $3 &
		pids+=($!)
		shift 3
	done
	for pid in "${pids[@]}"; do
		wait "$pid" || failed=1
	done
	[ "$failed" -eq 0 ] || { log "a go install failed"; exit 1; }
}
run_all golangci-lint github.com/golangci/golangci-lint/v2/cmd/golangci-lint "$GOLANGCI_LINT_VERSION" \
	goreleaser github.com/goreleaser/goreleaser/v2 "$GORELEASER_VERSION"
run_all oras oras.land/oras/cmd/oras "$ORAS_VERSION" \
	cosign github.com/sigstore/cosign/v2/cmd/cosign "$COSIGN_VERSION" \
	registry github.com/distribution/distribution/v3/cmd/registry "$DISTRIBUTION_VERSION"
log "tools in $GOBIN: $(cd "$GOBIN" && ls | grep -v '^\.' | tr '\n' ' ')"
