#!/usr/bin/env bash
# The unit suites under AddressSanitizer and the concurrent suites (live reader and store, split and
# merge on several cores) under ThreadSanitizer, each in its own build directory (.build-asan,
# .build-tsan). `.ci/run` runs it after scripts/test.sh; docs/reliability.md has its cost.
#
#   scripts/sanitizers.sh [address|thread]     # default: both
set -euo pipefail
cd "$(dirname "$0")/.."
export SNAPSHOT_TESTING_RECORD=never
which=${1:-both}

# Suites whose code runs on several threads: the live reader and LiveStore, the live app over a
# real reader, the multi-core split/merge paths (byte ranges and by cluster) and the splitter.
concurrent='LiveWindowTests|LiveStoreWaitTests|LiveAppTests|SplitInvarianceTests|ClusterSplitTests|SplitJSONObjectTests|AggregatorMergeTests|FileSplitter|ByteSourceTests'

if [ "$which" = both ] || [ "$which" = address ]; then
    echo "sanitizers: unit suites under AddressSanitizer"
    swift build --build-tests --sanitize=address --build-path .build-asan
    ASAN_OPTIONS=detect_leaks=0 swift test --skip-build --sanitize=address --build-path .build-asan \
        --filter 'AccessLogTests|AnalysisTests|TrafficGeneratorTests|PresentationTests|TerminalUITests'
fi
if [ "$which" = both ] || [ "$which" = thread ]; then
    echo "sanitizers: concurrent suites under ThreadSanitizer"
    swift build --build-tests --sanitize=thread --build-path .build-tsan
    TSAN_OPTIONS=halt_on_error=1 swift test --skip-build --sanitize=thread --build-path .build-tsan --filter "$concurrent"
fi
