#!/usr/bin/env bash
# The one command that runs every test: unit and snapshot tests, end-to-end tests of the real
# binary (EndToEndTests), and the tmux-driven TUI test. Snapshots are never re-recorded here:
# a missing or different snapshot fails.
set -euo pipefail
cd "$(dirname "$0")/.."
export SNAPSHOT_TESTING_RECORD=never

swift build --build-tests
swift test --skip-build

# The live TUI driven under tmux (scripts/tui-e2e.sh is the harness, tui-test.sh the scenario).
if [ -x scripts/tui-test.sh ]; then
  BIN="$(swift build --show-bin-path)/meshlog" scripts/tui-test.sh
fi
