#!/usr/bin/env bash
# Bounded memory at mesh scale (issue 9): runs `meshlog report --output json` with one and with two
# threads (`--jobs 1` and `--jobs 2`; JOBS_LIST changes that) under `/usr/bin/time -v` on generated
# 1 M-line files and fails when its peak RSS is over the bound or its report does not count every
# line as a request:
#
#   adversarial   every line a new client pod, upstream host, cluster, path, authority and user
#                 agent (`meshlog generate --unique-keys`)                         ≤ 256 MiB
#   usual shape   500 clusters × 20 hosts, 300 client pods                          ≤  64 MiB
#                 (also cut into four files read together, and five times as long)
#
# Both files are Istio 1.9+ text with `kubectl logs --prefix` pod names and only access lines, so
# the JSON report's `requests` must equal the file's line count. The usual shape is within the
# aggregator's exact bounds, so its report must also list every cluster, (cluster, host) pair and
# client pod that awk finds in the file (500, 10,000 and 300 at the default size), none folded into
# an `other` bucket, with requests adding up to the line count.
#
# Then the live view: `meshlog tui` under a private tmux server reads the same two shapes written
# at 3,000 requests a second of log time (LIVE_RATE; 30,000 lines per 10-second bucket over 333 s,
# so the time windows seal every bucket of the 5-minute window as a busy live stream does). Its peak RSS (VmHWM, after the window below) must stay
# within 256 MiB, and for the usual shape the last-minute window (`w`) must be exact: all 500
# clusters, no `≈ other` row, no `≈ approximate` in the header (the sealed buckets' shared budget
# keeps the newest ones exact). Usage, from anywhere:
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
# truth FILE: "CLUSTERS PAIRS PODS" of a generated Istio 1.9+ text file with kubectl prefixes
# ($1 is `[pod/NAME/istio-proxy]`, the quoted upstream host is $19 and the cluster $20).
truth() {
    awk '{ c[$20]; h[$20 " " $19]; split($1, p, "/"); pod[p[2]] }
         END { for (k in c) nc++; for (k in h) nh++; for (k in pod) np++; print nc, nh, np }' "$1"
}

# exact REPORT CLUSTERS PAIRS PODS LINES: prints what is wrong with the report's tables, or nothing.
exact() {
    python3 - "$@" <<'PY'
import json, sys
report, clusters, hosts, pods, lines = sys.argv[1], *map(int, sys.argv[2:])
r = json.load(open(report))
real = [c for c in r["clusters"] if not c.get("other")]
pairs = [h for c in real for h in c["hosts"] if not h.get("other")]
sources = [s for s in r["sources"] if not s.get("other") and s["pod"] != "other"]
problems = []
for what, got, want, total in (("clusters", len(real), clusters, sum(c["requests"] for c in real)),
                               ("(cluster, host) pairs", len(pairs), hosts, sum(h["requests"] for h in pairs)),
                               ("client pods", len(sources), pods, sum(s["requests"] for s in sources))):
    if got != want or total != lines:
        problems.append(f"{got} {what} with {total} requests (want {want} with {lines})")
print("; ".join(problems))
PY
}

# check NAME LIMIT_MIB GENERATOR_OPTIONS...
check() {
    local name=$1 limit=$2
    shift 2
    local file="$tmp/$name.log"
    "$bin" generate --lines "$lines" --seed 7 --prefix kubectlPrefix "$@" --output "$file"
    measure "$name" "$limit" "$file" "$file"
}

# measure NAME LIMIT_MIB WHOLE_FILE INPUT...: the report of the inputs (together, the lines of WHOLE_FILE).
measure() {
    local name=$1 limit=$2 file=$3
    shift 3
    local count truth_counts=""
    count=$(wc -l < "$file")
    if [[ $name == usual-shape* ]]; then truth_counts=$(truth "$file"); fi
    local jobs
    for jobs in ${JOBS_LIST:-1 2}; do
        /usr/bin/time -v -o "$tmp/time.txt" "$bin" report --output json --jobs "$jobs" "$@" > "$tmp/report.json"
        local rss_kib requests seconds
        rss_kib=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/time.txt")
        seconds=$(awk -F': ' '/Elapsed \(wall clock\) time/ { print $2 }' "$tmp/time.txt")
        requests=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["requests"])' "$tmp/report.json")
        local rss_mib=$((rss_kib / 1024))
        local problems=()
        if (( rss_mib > limit )); then problems+=("peak RSS over ${limit} MiB"); fi
        if (( requests != count )); then problems+=("report counts $requests requests, the file has $count lines"); fi
        if [[ $name == usual-shape* ]]; then
            local wrong
            # shellcheck disable=SC2046
            wrong=$(exact "$tmp/report.json" $truth_counts "$count")
            if [[ -n "$wrong" ]]; then problems+=("not exact: $wrong"); fi
        fi
        local verdict=ok
        if (( ${#problems[@]} > 0 )); then
            verdict="FAIL: $(IFS=';'; echo "${problems[*]}")"
            failed=1
        fi
        printf '%-18s --jobs %d %8d lines  peak RSS %5d MiB (limit %3d MiB)  requests %8d  wall %s  %s\n' \
            "$name" "$jobs" "$count" "$rss_mib" "$limit" "$requests" "$seconds" "$verdict"
    done
}

# live NAME LIMIT_MIB GENERATOR_OPTIONS...: the live view on a fast stream (see the header).
live() {
    local name=$1 limit=$2
    shift 2
    local file="$tmp/live-$name.log" sock="$tmp/tmux.sock"
    "$bin" generate --lines "$lines" --seed 7 --prefix kubectlPrefix --rate ${LIVE_RATE:-3000} "$@" --output "$file"
    tmux -u -f /dev/null -S "$sock" new-session -d -x 160 -y 50 "$bin tui $file; sleep 600"
    local pid="" peak=0 rss screen ended=no
    for _ in $(seq 1 50); do
        pid=$(pgrep -f "^$bin tui $file" | head -n 1) && break
        sleep 0.1
    done
    for _ in $(seq 1 600); do
        rss=$(awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$pid/status" 2>/dev/null || echo 0)
        (( rss > peak )) && peak=$rss
        if tmux -S "$sock" capture-pane -p | head -n 1 | grep -q ENDED; then ended=yes; break; fi
        sleep 0.5
    done
    local problems=()
    [[ $ended == yes ]] || problems+=("the view did not reach ENDED in 300 s")
    if [[ $name == usual-shape ]]; then
        # The header names the new window at once; its counts (line 2) change when the window's
        # data is published.
        local before
        before=$(tmux -S "$sock" capture-pane -p | sed -n 2p)
        tmux -S "$sock" send-keys w
        screen=""
        for _ in $(seq 1 80); do
            screen=$(tmux -S "$sock" capture-pane -p)
            grep -q "window 1m" <<<"$screen" && [[ $(sed -n 2p <<<"$screen") != "$before" ]] && break
            sleep 0.25
        done
        sleep 0.5
        screen=$(tmux -S "$sock" capture-pane -p)
        grep -q "window 1m" <<<"$screen" && [[ $(sed -n 2p <<<"$screen") != "$before" ]] \
            || problems+=("no last-minute window after w")
        grep -q "Clusters (500) ─" <<<"$screen" || problems+=("the last minute does not list exactly 500 clusters")
        grep -q "≈ other" <<<"$screen" && problems+=("the last minute has an ≈ other row")
        head -n 1 <<<"$screen" | grep -q "≈ approximate" && problems+=("the last minute's header says approximate")
    fi
    # The true peak, including the window's merge after `w` (VmHWM), not only what was sampled.
    local hwm
    hwm=$(awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$pid/status" 2>/dev/null || echo 0)
    (( hwm > peak )) && peak=$hwm
    (( peak > limit )) && problems+=("peak RSS over ${limit} MiB")
    tmux -S "$sock" send-keys q
    sleep 0.5
    tmux -S "$sock" kill-server 2>/dev/null || true
    local verdict=ok
    if (( ${#problems[@]} > 0 )); then
        verdict="FAIL: $(IFS=';'; echo "${problems[*]}")"
        failed=1
    fi
    printf 'live %-12s %8s lines  peak RSS %5d MiB (limit %3d MiB)  %s\n' "$name" "$lines" "$peak" "$limit" "$verdict"
}

check adversarial 256 --unique-keys
check usual-shape 64 --clusters 500 --hosts-per-cluster 20 --client-pods 300
# The same lines as four files (as from four pods' sidecars), read in one report.
split -n l/4 -d "$tmp/usual-shape.log" "$tmp/usual-shape-piece-"
measure usual-shape-4files 64 "$tmp/usual-shape.log" "$tmp"/usual-shape-piece-0*
rm -f "$tmp"/usual-shape-piece-0*
# The usual shape grows with the lines (denser latency histograms, more pod links): five times longer.
lines=$((lines * 5)) check usual-shape-long 64 --clusters 500 --hosts-per-cluster 20 --client-pods 300
if command -v tmux >/dev/null; then
    live adversarial 256 --unique-keys
    live usual-shape 256 --clusters 500 --hosts-per-cluster 20 --client-pods 300
else
    echo "rss-check: tmux is missing; the live checks did not run" >&2
    failed=1
fi
exit $failed
