#!/usr/bin/env bash
# Checks that two meshlog binaries print byte-identical reports (JSON and text, one and two cores)
# for every sample log and a generated corpus of every format, prefix and scenario. Use it around
# a performance change: the optimisation must not change a single number.
#
#   scripts/same-output.sh BASELINE_BINARY [NEW_BINARY]
#
# NEW_BINARY defaults to the release build. The generated corpus is cached in
# bench-data/same-output/ (built with the baseline's generator).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
old=${1:?usage: same-output.sh BASELINE_BINARY [NEW_BINARY]}
new=${2:-$root/.build/release/meshlog}
corpus=$root/bench-data/same-output
mkdir -p "$corpus"

gen() { # name, generate options…
    local name=$1; shift
    [ -s "$corpus/$name" ] || "$old" generate --seed 11 "$@" --output "$corpus/$name"
}
for format in istio11Pre istio11 istio12 istio13 istio18 istio19 istio123 envoyDefault jsonStrings jsonTyped; do
    gen "format-$format.log" --lines 30000 --format "$format"
done
for prefix in kubectlPrefix kubectlTimestamps kubectlBoth stern cri; do
    gen "prefix-$prefix.log" --lines 30000 --prefix "$prefix"
done
for s in connection-pinning protocol-not-detected circuit-breaker-overflow upstream-timeout upstream-reset \
    upstream-connection-termination upstream-connect-failure tls-handshake-failure no-healthy-upstream no-route \
    cluster-not-found retries-exhausted client-cancelled local-reset rate-limited access-denied fault-injection \
    protocol-error stream-idle-timeout max-stream-duration overload-manager dns-failure passthrough-traffic \
    blackhole-traffic failing-upstream-host slow-upstream-host grpc-status-not-logged traffic-split; do
    gen "scenario-$s.log" --lines 20000 --scenario "$s"
done
gen "big-istio19.log" --lines 300000 --format istio19
gen "big-json.log" --lines 200000 --format jsonTyped
# Hostile bytes: random binary, NULs, a very long line, mixed with access lines.
if [ ! -s "$corpus/hostile.log" ]; then
    { head -c 200000 /dev/urandom; printf '\n\0\0\n'; head -2000 "$corpus/format-istio19.log"
      head -c 3000000 /dev/zero | tr '\0' 'x'; echo; head -2000 "$corpus/format-jsonTyped.log"; } > "$corpus/hostile.log"
fi

custom=$(cat "$root/SampleLogs/custom-grpc.format")
failed=0 checked=0
compare() { # label, arguments…
    local label=$1; shift
    if ! cmp -s <("$old" "$@" 2>&1; echo "exit $?") <("$new" "$@" 2>&1; echo "exit $?"); then
        echo "DIFFERENT: $label: meshlog $*"
        failed=$((failed + 1))
    fi
    checked=$((checked + 1))
}
for f in "$root"/SampleLogs/*.log "$corpus"/*.log; do
    name=$(basename "$f")
    extra=()
    case $name in custom-grpc.log|*grpc-errors*|*non-idempotent*) extra=(--format "$custom") ;; esac
    for jobs in 1 2; do
        compare "$name json jobs=$jobs" report --output json --jobs "$jobs" "${extra[@]}" "$f"
    done
    compare "$name text" report --output text "${extra[@]}" "$f"
done
# stdin and gzip paths.
compare "stdin" report --output json - < "$corpus/format-istio19.log"
echo "$checked comparisons, $failed different"
[ "$failed" -eq 0 ]
