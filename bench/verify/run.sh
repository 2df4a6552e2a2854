#!/usr/bin/env bash
# Side-by-side: `aeriectl artifact verify` vs `cosign verify` (2.6.5, from scripts/setup.sh), key-based,
# offline, for a rules artifact signed by cosign in each layout, on Debian's docker-registry (no
# referrers API: the fallback-tag path). Prints the median wall time of N runs of each command and the
# registry requests each makes (counted from the registry's access log).
#
#   bash bench/verify/run.sh          # N=15 by default
#   N=30 bash bench/verify/run.sh
set -euo pipefail
N=${N:-15}
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
reg_pid=""
cleanup() { [ -n "$reg_pid" ] && kill "$reg_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

COSIGN=$(command -v cosign || echo "$(go env GOPATH)/bin/cosign")
ORAS=$(command -v oras || echo "$(go env GOPATH)/bin/oras")
REGISTRY_BIN=/usr/bin/docker-registry
go build -o "$work/aeriectl" ./cmd/aeriectl
export HOME=$work COSIGN_PASSWORD=pw TUF_ROOT=$work/tuf

cat >"$work/registry.yml" <<EOF
version: 0.1
log: {level: info}
storage: {inmemory: {}}
http: {addr: 127.0.0.1:0, secret: bench}
EOF
"$REGISTRY_BIN" serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
reg_pid=$!
for _ in $(seq 100); do
  host=$(grep -o 'listening on 127.0.0.1:[0-9]*' "$work/registry.log" | head -1 | cut -d' ' -f3 || true)
  [ -n "$host" ] && break
  sleep 0.05
done
[ -n "$host" ] || { echo "registry did not start" >&2; exit 1; }

cat >"$work/config.yaml" <<EOF
registry:
  plain_http: [$host]
paths:
  cache_dir: $work/cache
  state_dir: $work/state
EOF
A="$work/aeriectl --config $work/config.yaml"
echo '{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1"}' >"$work/tr.json"
(cd "$work" && "$COSIGN" generate-key-pair >/dev/null 2>&1)
printf -- '- list: bench_list\n  items: [a]\n' >"$work/bench_rules.yaml"

declare -A REF EXTRA
for layout in legacy bundle; do
  $A registry push "$host/bench/$layout-rules:1.0.0" "$work/bench_rules.yaml" --type rulesfile --version 1.0.0 >/dev/null 2>&1
  digest=$("$ORAS" resolve --plain-http "$host/bench/$layout-rules:1.0.0")
  REF[$layout]="$host/bench/$layout-rules@$digest"
  flags=(--tlog-upload=false -y)
  if [ "$layout" = bundle ]; then flags+=(--new-bundle-format); fi
  (cd "$work" && "$COSIGN" sign --key cosign.key "${flags[@]}" "${REF[$layout]}" >/dev/null 2>&1)
  EXTRA[$layout]=""
  if [ "$layout" = bundle ]; then EXTRA[$layout]="--trusted-root $work/tr.json"; fi
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
timeit() { # prints milliseconds of one run of "$@"; fails if the command fails
  local t0 t1
  t0=$(date +%s%N); "$@" >/dev/null 2>&1 || { echo "FAILED: $*" >&2; exit 1; }; t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}
requests() { # registry requests made by one run of "$@"
  local before after
  before=$(grep -c '"GET \|"HEAD \|"POST \|"PUT ' "$work/registry.log" || true)
  "$@" >/dev/null 2>&1
  sleep 0.2
  after=$(grep -c '"GET \|"HEAD \|"POST \|"PUT ' "$work/registry.log" || true)
  echo $((after - before))
}

printf '%-8s %-28s %10s %9s\n' layout command median_ms requests
for layout in legacy bundle; do
  ref=${REF[$layout]}
  cos=("$COSIGN" verify --key "$work/cosign.pub" --insecure-ignore-tlog ${EXTRA[$layout]} "$ref")
  aer=($A artifact verify "$ref" --key "$work/cosign.pub")
  ca=(); aa=()
  for _ in $(seq "$N"); do # interleaved
    ca+=("$(timeit "${cos[@]}")")
    aa+=("$(timeit "${aer[@]}")")
  done
  printf '%-8s %-28s %10s %9s\n' "$layout" "cosign verify (2.6.5)" "$(printf '%s\n' "${ca[@]}" | median)" "$(requests "${cos[@]}")"
  printf '%-8s %-28s %10s %9s\n' "$layout" "aeriectl artifact verify" "$(printf '%s\n' "${aa[@]}" | median)" "$(requests "${aer[@]}")"
done
