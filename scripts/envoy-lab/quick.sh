#!/usr/bin/env bash
# The lab's quick set (CI): every scenario marked quick, traffic halved, logs in a temp dir,
# each checked with the built meshlog. Exits non-zero when a scenario fails or meshlog does not
# name the expected finding first. Usage: BIN=.build/debug/meshlog scripts/envoy-lab/quick.sh
set -euo pipefail
BIN=${BIN:?set BIN to the meshlog binary}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
cd "$(dirname "$0")"
./setup.sh
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
.venv/bin/python lab.py --quick --out "$out" --check "$BIN"
