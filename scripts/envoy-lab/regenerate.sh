#!/usr/bin/env bash
# The full set: every scenario at full traffic, written to SampleLogs/real-envoy/ (the committed
# fixtures the Swift tests read), then checked with meshlog when BIN is set.
# Usage: [BIN=.build/debug/meshlog] scripts/envoy-lab/regenerate.sh [SCENARIO...]
set -euo pipefail
check=()
if [[ -n ${BIN:-} ]]; then check=(--check "$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"); fi
cd "$(dirname "$0")"
./setup.sh
out=../../SampleLogs/real-envoy
.venv/bin/python lab.py --out "$out" "${check[@]}" "$@"
