#!/usr/bin/env bash
# Soak test of the live view: meshlog's TUI under tmux reads a generated stream at a steady rate for
# several minutes while random keys, filters and resizes hit it. Records resident memory every few
# seconds, then checks that it stayed flat, that the terminal is restored on exit, and that the
# totals printed by --summary-on-exit match the stream.
#
#   scripts/soak.sh [MINUTES] [LINES_PER_SECOND]      (defaults: 5 minutes, 2000 lines/s)
#   BIN=.build/release/meshlog scripts/soak.sh 10 5000
#
# The log's own time runs faster than the wall clock (generate --rate 50 spaces requests 20 ms
# apart while they arrive faster), so a few minutes cover a long stretch of log time and the live
# windows keep sealing buckets. Writes its record to $SOAK_DIR (default .build/soak/): rss.csv,
# summary.json, stderr, result.txt. Exits 1 when a check fails.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
minutes=${1:-5}
rate=${2:-2000}
BIN=${BIN:-$root/.build/debug/meshlog}
out=${SOAK_DIR:-$root/.build/soak}
command -v tmux >/dev/null || { echo "soak: tmux is not installed"; exit 2; }
[ -x "$BIN" ] || { echo "soak: $BIN is not built"; exit 2; }
rm -rf "$out"; mkdir -p "$out"
work=$(mktemp -d)
sock=$work/tmux.sock
tm() { tmux -u -f /dev/null -S "$sock" "$@"; }   # a private tmux server, never the user's
trap 'tm kill-server 2>/dev/null; rm -rf "$work"' EXIT

lines=$((minutes * 60 * rate))
echo "soak: generating $lines lines ($minutes min at $rate lines/s)"
"$BIN" generate --lines "$lines" --seed 17 --scenario connection-pinning --prefix kubectlPrefix --rate 50 \
    --output "$work/stream.log"

# The pacer writes `rate` lines per second in 20 ms batches, then keeps stdin open until told to stop.
cat >"$work/pace.py" <<'PACER'
import os, sys, time
path, rate, done = sys.argv[1], int(sys.argv[2]), sys.argv[3]
batch = max(1, rate // 50)
start = time.monotonic(); sent = 0
out = sys.stdout.buffer
with open(path, 'rb') as f:
    while True:
        chunk = [c for c in (f.readline() for _ in range(batch)) if c]
        if not chunk: break
        out.write(b''.join(chunk)); out.flush(); sent += len(chunk)
        ahead = sent / rate - (time.monotonic() - start)
        if ahead > 0: time.sleep(ahead)
open(done, 'w').write(str(sent))
while not os.path.exists(done + '.quit'): time.sleep(0.2)
PACER

cat >"$work/run.sh" <<RUNNER
export LC_ALL=C.UTF-8
python3 "$work/pace.py" "$work/stream.log" "$rate" "$work/sent" | {
    sh -c 'echo \$\$ > "$work/pid"; exec "\$0" tui --summary-on-exit --output json' "$BIN" >"$out/summary.json" 2>"$out/stderr"
    echo \$? > "$work/status"
    stty -a < /dev/tty > "$work/stty" 2>&1
}
while :; do sleep 3600; done
RUNNER
tm new-session -d -s soak -x 120 -y 40 "sh $work/run.sh"
for _ in $(seq 100); do [ -s "$work/pid" ] && break; sleep 0.1; done
pid=$(cat "$work/pid")
echo "seconds,rss_kb" >"$out/rss.csv"
keys=(j j k Enter Escape Tab Tab BTab s w w l Escape Space Space Down Up PageDown Home)
filters=(cluster:outbound 503 orders UO host:10.244 '')
sizes=(120x40 80x24 200x60 60x20 100x30 160x45)
RANDOM=17
t0=$SECONDS
next_sample=0
presses=0
while [ ! -s "$work/sent" ] && kill -0 "$pid" 2>/dev/null; do
    elapsed=$((SECONDS - t0))
    if [ "$elapsed" -ge "$next_sample" ]; then
        echo "$elapsed,$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")" >>"$out/rss.csv"
        next_sample=$((next_sample + 5))
    fi
    case $((RANDOM % 10)) in
    0) tm send-keys -t soak / ; tm send-keys -t soak -l -- "${filters[RANDOM % ${#filters[@]}]}"; tm send-keys -t soak Enter ;;
    1) s=${sizes[RANDOM % ${#sizes[@]}]}; tm resize-window -t soak -x "${s%x*}" -y "${s#*x}" ;;
    *) tm send-keys -t soak "${keys[RANDOM % ${#keys[@]}]}" ;;
    esac
    presses=$((presses + 1))
    sleep 0.3
done
# Let the last lines arrive and be published, then leave the live view.
sleep 2
echo "$((SECONDS - t0)),$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null)" >>"$out/rss.csv"
tm send-keys -t soak Escape Escape q
for _ in $(seq 100); do [ -s "$work/status" ] && break; sleep 0.1; done
touch "$work/sent.quit"

status=$(cat "$work/status" 2>/dev/null || echo none)
sent=$(cat "$work/sent" 2>/dev/null || echo 0)
total=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["lines"]["total"])' "$out/summary.json" 2>/dev/null || echo none)
restored=no
grep -q -- ' echo ' "$work/stty" && grep -q -- ' icanon ' "$work/stty" && restored=yes
# RSS flat: the largest sample of the second half is at most 10 % above the largest of the first
# half after a warm-up (the first tenth of the run, while the dashboard's bounded tables fill).
flat=$(python3 - "$out/rss.csv" <<'CHECK'
import csv, sys
rows = [(int(r['seconds']), int(r['rss_kb'])) for r in csv.DictReader(open(sys.argv[1])) if r['rss_kb']]
end = rows[-1][0] if rows else 0
warm = [kb for s, kb in rows if end / 10 <= s <= end / 2]
late = [kb for s, kb in rows if s > end / 2]
if not warm or not late: print("unknown"); sys.exit()
print("yes" if max(late) <= max(warm) * 1.10 else "no", min(kb for _, kb in rows), max(warm), max(late))
CHECK
)
{
    echo "duration_s=$((SECONDS - t0)) rate=$rate lines_sent=$sent summary_total=$total exit=$status actions=$presses"
    echo "terminal_restored=$restored rss_flat(min,max_first_half,max_second_half kB)=$flat"
} | tee "$out/result.txt"
[ "$status" = 0 ] && [ "$total" = "$sent" ] && [ "$sent" = "$lines" ] && [ "$restored" = yes ] && [ "${flat%% *}" = yes ]
