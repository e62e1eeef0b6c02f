#!/usr/bin/env bash
# The meshlog live-TUI scenario for the tmux harness (scripts/tui-e2e.sh), run by scripts/test.sh.
# Drives the real binary on a generated live stream: the dashboard shows findings, flags and
# clusters; drill down to a host's recent lines and one line's fields; filter; pause; help; time
# window; resize; quit with the terminal restored. Then Ctrl-C and SIGTERM restore it too, escape
# sequences in a log line are shown escaped, and without a terminal the default command prints the
# report while `meshlog tui` fails clearly.
#
# Usage: BIN=.build/debug/meshlog scripts/tui-test.sh     Prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/debug/meshlog}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
HARNESS=scripts/tui-e2e.sh
export TIMEOUT=${TIMEOUT:-15}
command -v tmux >/dev/null || { echo "tui-test: tmux is not installed"; echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0
# Runs the harness and adds its "N passed, N failed" to the totals.
run() {
    local name=$1; shift
    echo "== $name"
    local out
    out=$("$@" 2>&1)
    echo "$out"
    local summary
    summary=$(tail -n 1 <<<"$out")
    if [[ $summary =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
        passed=$((passed + BASH_REMATCH[1])); failed=$((failed + BASH_REMATCH[2]))
    else
        failed=$((failed + 1))
    fi
}
check() {   # check NAME COMMAND...: one pass or fail
    if "${@:2}"; then passed=$((passed + 1)); echo "ok   $1"; else failed=$((failed + 1)); echo "FAIL $1"; fi
}

# A live stream: the pinning scenario with kubectl prefixes, ~5,000 lines a second, for ~40 s.
STREAM="$BIN generate --lines 200000 --scenario connection-pinning --prefix kubectlPrefix --rate 500 \
 | awk '{ print; fflush() } NR % 500 == 0 { system(\"sleep 0.1\") }'"

run "dashboard, drill-down, filter, pause, help, window, resize, quit" \
    env BIN="$BIN" INPUT="$STREAM" SIZE=100x30 "$HARNESS" \
    'wait:LIVE' 'wait:Findings' 'wait:Connection pinning' 'wait:Response flags' 'wait:orders.shop:50051' \
    'type:/' 'type:cluster:outbound|50051||orders' 'keys:Enter' 'wait:Clusters (1 of' 'wait:filter cluster:outbound|50051||orders' \
    'keys:Tab' 'keys:Enter' 'wait:clusters › outbound|50051||orders' 'wait:Upstream hosts' 'wait:pinned' \
    'keys:Enter' 'wait:Recent lines' 'wait: on  → orders.shop:50051' \
    'keys:l' 'wait:lines cluster:' 'keys:Enter' 'wait:upstream_host' 'keys:G' 'wait:Raw line' \
    'keys:Escape Escape Escape Escape' 'wait:Clusters (1 of' 'keys:Escape' 'gone:filter cluster:' \
    'keys:Space' 'wait:PAUSED' 'keys:Space' 'wait:LIVE' \
    'keys:?' 'wait:any other key closes it' 'keys:Escape' 'gone:any other key closes it' \
    'keys:w' 'wait:window 1m' 'keys:s' 'wait:sort errors' \
    'resize:80x24' 'wait:k access' 'wait:╮╭─ Response codes' 'resize:160x45' 'wait:╮╭─ Response flags' 'gone:k access' \
    'keys:q' 'exit:0' 'restored'

run "Ctrl-C while input flows" \
    env BIN="$BIN" INPUT="$STREAM" SIZE=80x24 "$HARNESS" 'wait:LIVE' 'keys:C-c' 'exit:130' 'restored'

run "SIGTERM" \
    env BIN="$BIN" INPUT="$STREAM" SIZE=80x24 "$HARNESS" 'wait:LIVE' 'signal:TERM' 'exit:143' 'restored'

run "stalled input: the UI still answers" \
    env BIN="$BIN" INPUT="sleep 30" SIZE=80x24 "$HARNESS" \
    'wait:LIVE' 'wait:no findings yet' 'keys:?' 'wait:any other key closes it' 'keys:Escape' 'keys:Tab' 'keys:Enter' \
    'wait:no upstream clusters yet' 'keys:q' 'exit:0' 'restored'

run "--summary-on-exit prints the report after quitting" \
    env BIN="$BIN" INPUT="cat SampleLogs/scenario-connection-pinning.log" ARGS="--summary-on-exit" SIZE=100x30 "$HARNESS" \
    'wait:ENDED' 'wait:Connection pinning' 'keys:q' 'exit:0' 'wait:Source pods ('

# --follow like tail -F: a file appended to, renamed and recreated, truncated in place
# (copytruncate), and one created after the start; every line read exactly once (14 in all).
FOLLOW_DIR=$(mktemp -d)
cat >"$FOLLOW_DIR/writer.sh" <<'WRITER'
d=$(dirname "$0")
line() { printf '[2026-11-20T10:00:00.000Z] "GET /n/%s HTTP/1.1" 200 - via_upstream - "-" 0 5 3 2 "-" "curl" "id" "web:80" "10.0.0.9:80" outbound|80||web.default.svc.cluster.local 10.0.0.1:40000 10.96.0.9:80 10.0.0.1:39999 - default\n' "$@"; }
line 1 2 3 >>"$d/b.log"; sleep 1
line 4 5 >>"$d/b.log"; sleep 1
line 6 7 >>"$d/a.log"; sleep 1
mv "$d/b.log" "$d/b.log.1"; line 8 >>"$d/b.log.1"; line 9 10 >>"$d/b.log"; sleep 1
cp "$d/a.log" "$d/a.log.1"; : >"$d/a.log"; line 11 >>"$d/a.log"; sleep 1
line 12 13 14 >>"$d/a.log"; sleep 60
WRITER
run "--follow: append, rename-and-recreate, copytruncate, a late file" \
    env BIN="$BIN" INPUT="bash $FOLLOW_DIR/writer.sh" ARGS="tui --follow --summary-on-exit $FOLLOW_DIR/a.log $FOLLOW_DIR/b.log" \
    SIZE=160x30 "$HARNESS" \
    'wait:follow 2 files' 'wait:a.log (waiting)' 'wait:· 5 lines' 'gone:(waiting)' 'wait:· 14 lines' \
    'keys:q' 'exit:0' 'wait:14 lines: 14 access'
rm -rf "$FOLLOW_DIR"

# meshlog report's progress line: on stderr while it is a terminal (a tmux pane) and the run takes
# over a second, erased when done; absent when stderr is a file, and with --quiet.
PROGRESS_DIR=$(mktemp -d)
"$BIN" generate --lines 20000 --seed 5 --output "$PROGRESS_DIR/a.log"
# A fresh tmux server (socket) per run: a new session on a server that is still shutting down
# fails with "server exited unexpectedly".
PROGRESS_RUN=0
ptm() { tmux -u -f /dev/null -S "$PROGRESS_DIR/tmux-$PROGRESS_RUN.sock" "$@"; }
progress_run() {   # progress_run EXTRA-ARGS STDERR-REDIRECT: the report of a slow pipe, in a pane
    ptm kill-server 2>/dev/null
    PROGRESS_RUN=$((PROGRESS_RUN + 1))
    rm -f "$PROGRESS_DIR/out.json" "$PROGRESS_DIR/err.txt"
    ptm new-session -d -s p -x 120 -y 10 \
        "sh -c '(cat $PROGRESS_DIR/a.log; sleep 3) | $BIN report $1 --output json >$PROGRESS_DIR/out.json $2; echo DONE-MARK; sleep 60'"
}
pane_has() { ptm capture-pane -p -t p 2>/dev/null | grep -qF -- "$1"; }
wait_pane() { local end=$((SECONDS + 20)); while ((SECONDS <= end)); do pane_has "$1" && return 0; sleep 0.1; done; return 1; }
# True when the pane can be read and does not show a progress line (false when it cannot be read,
# so that a run that never started cannot pass).
pane_lacks_progress() { ptm capture-pane -p -t p >"$PROGRESS_DIR/pane.txt" 2>/dev/null && ! grep -q 'lines ·' "$PROGRESS_DIR/pane.txt"; }
if command -v tmux >/dev/null; then
    progress_run "" ""
    check "progress: shown on a terminal" wait_pane "20,000 lines"
    check "progress: the report is complete" wait_pane "DONE-MARK"
    check "progress: erased when done" pane_lacks_progress
    check "progress: the JSON report is intact" grep -q '"schema"' "$PROGRESS_DIR/out.json"
    progress_run "" "2>$PROGRESS_DIR/err.txt"
    check "progress: the run with stderr in a file is complete" wait_pane "DONE-MARK"
    check "progress: absent when stderr is a file" bash -c "grep -q '\"schema\"' $PROGRESS_DIR/out.json && test -f $PROGRESS_DIR/err.txt && ! grep -q 'lines ·' $PROGRESS_DIR/err.txt"
    progress_run "--quiet" ""
    sleep 2
    check "progress: --quiet turns it off" pane_lacks_progress
    check "progress: the quiet run is complete" wait_pane "DONE-MARK"
    ptm kill-server 2>/dev/null
fi
rm -rf "$PROGRESS_DIR"

# A line whose fields carry escape sequences (a title change, colours, a bell): shown escaped.
EVIL='[2026-11-20T10:00:00.000Z] "GET /\033]0;pwned\007\033[31mred HTTP/1.1" 200 - via_upstream - "-" 0 5 3 2 "-" "curl/8\033[2J" "id-1" "web:80" "10.0.0.9:80" outbound|80||web.default.svc.cluster.local 10.0.0.1:40000 10.96.0.9:80 10.0.0.1:39999 - default'
run "escape sequences from the log stay escaped" \
    env BIN="$BIN" INPUT="printf '$EVIL\\n'; sleep 30" SIZE=120x30 "$HARNESS" \
    'wait:LIVE' 'keys:l' 'wait:\x1b]0;pwned\x07\x1b[31mred' 'keys:Enter' 'wait:curl/8\x1b[2J' \
    'keys:q' 'exit:0' 'restored'

# No controlling terminal (as in CI): the default command prints the report, `tui` fails clearly.
if command -v setsid >/dev/null; then
    out=$(setsid -w "$BIN" SampleLogs/scenario-connection-pinning.log </dev/null 2>&1)
    check "no tty: the default command prints the report" grep -q "meshlog report" <<<"$out"
    out=$(setsid -w "$BIN" tui SampleLogs/scenario-connection-pinning.log </dev/null 2>&1); status=$?
    check "no tty: meshlog tui exits 2" test "$status" -eq 2
    check "no tty: meshlog tui says why" grep -q "cannot open /dev/tty" <<<"$out"
fi
out=$(TERM=dumb "$BIN" tui SampleLogs/scenario-connection-pinning.log 2>&1 </dev/null); status=$?
check "TERM=dumb: meshlog tui exits 2 with a hint" test "$status" -eq 2 -a -n "$(grep -o 'TERM' <<<"$out")"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
