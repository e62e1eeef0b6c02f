#!/usr/bin/env bash
# The live view on a real stream: a real Envoy writes its access log while `tail -F log | meshlog
# tui` follows it inside a private tmux server (scripts/tui-e2e.sh). Passes when the dashboard
# shows the critical UO finding (circuit-breaker-overflow) and the UO flag that the running Envoy is producing.
# Usage: BIN=.build/debug/meshlog scripts/envoy-lab/live-tui.sh     Prints "N passed, N failed".
set -uo pipefail
BIN=${BIN:?set BIN to the meshlog binary}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
cd "$(dirname "$0")"
./setup.sh || exit 1
work=$(mktemp -d)
lab_pid=
cleanup() {
  if [[ -n $lab_pid ]] && kill -0 "$lab_pid" 2>/dev/null; then kill -TERM "$lab_pid"; wait "$lab_pid"; fi
  rm -rf "$work"
}
trap cleanup EXIT
log=$work/circuit-breaker-overflow/client.access.istio-text.log
# The lab starts after the dashboard is up: tail -F waits for the file Envoy creates.
( sleep 2; exec .venv/bin/python lab.py --work "$work" --out "$work/out" circuit-breaker-overflow ) \
  > "$work/lab.out" 2>&1 &
lab_pid=$!
BIN=$BIN TIMEOUT=${TIMEOUT:-30} INPUT="tail -n +1 -F $log 2>/dev/null" ARGS=tui ../tui-e2e.sh \
  'wait:LIVE' 'wait:CRIT  UO on' 'wait:UpstreamOverflow' 'screen' 'keys:q' 'exit:0'
status=$?
wait "$lab_pid"; lab_status=$?; lab_pid=
if [[ $lab_status -ne 0 ]]; then echo "live-tui: the lab failed:"; cat "$work/lab.out"; exit 1; fi
exit $status
