#!/usr/bin/env bash
# Bounded memory at mesh scale (issue 9): runs `meshlog report --output json --jobs 1` under
# `/usr/bin/time -v` on two generated 1 M-line files and fails when its peak RSS is over the bound
# or its report does not count every line as a request:
#
#   adversarial   every line a new client pod, upstream host, cluster, path, authority and user
#                 agent (`meshlog generate --unique-keys`)                         ≤ 256 MiB
#   usual shape   500 clusters × 20 hosts, 300 client pods                          ≤  64 MiB
#
# Both files are Istio 1.9+ text with `kubectl logs --prefix` pod names and only access lines, so
# the JSON report's `requests` must equal the file's line count. Usage, from anywhere:
#
#   scripts/rss-check.sh [MESHLOG_BINARY]
#
# Without an argument (or $MESHLOG) it builds the release binary first. RSS_CHECK_LINES changes
# the line count (default 1000000). Needs GNU time (Debian/Ubuntu package `time`) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${1:-${MESHLOG:-}}
if [[ -z "$bin" ]]; then
    swift build -c release --product meshlog >&2
    bin="$(swift build -c release --show-bin-path)/meshlog"
fi
if [[ ! -x /usr/bin/time ]]; then
    echo "rss-check: /usr/bin/time is missing (apt-get install time)" >&2
    exit 2
fi
lines=${RSS_CHECK_LINES:-1000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

failed=0
# check NAME LIMIT_MIB GENERATOR_OPTIONS...
check() {
    local name=$1 limit=$2
    shift 2
    local file="$tmp/$name.log"
    "$bin" generate --lines "$lines" --seed 7 --prefix kubectlPrefix "$@" --output "$file"
    local count
    count=$(wc -l < "$file")
    /usr/bin/time -v -o "$tmp/time.txt" "$bin" report --output json --jobs 1 "$file" > "$tmp/report.json"
    local rss_kib requests seconds
    rss_kib=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/time.txt")
    seconds=$(awk -F': ' '/Elapsed \(wall clock\) time/ { print $2 }' "$tmp/time.txt")
    requests=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["requests"])' "$tmp/report.json")
    local rss_mib=$((rss_kib / 1024))
    local verdict=ok
    if (( rss_mib > limit )); then verdict="FAIL: peak RSS over ${limit} MiB"; failed=1; fi
    if (( requests != count )); then
        verdict="FAIL: report counts $requests requests, the file has $count lines"
        failed=1
    fi
    printf '%-12s %8d lines  peak RSS %5d MiB (limit %3d MiB)  requests %8d  wall %s  %s\n' \
        "$name" "$count" "$rss_mib" "$limit" "$requests" "$seconds" "$verdict"
}

check adversarial 256 --unique-keys
check usual-shape 64 --clusters 500 --hosts-per-cluster 20 --client-pods 300
exit $failed
