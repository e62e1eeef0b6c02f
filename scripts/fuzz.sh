#!/usr/bin/env bash
# Coverage-guided fuzzing of meshlog's input library with libFuzzer and AddressSanitizer.
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer options…]
#   scripts/fuzz.sh all SECONDS          # every target for SECONDS each (what CI runs)
#
# TARGET: text-line, prefix, json-scanner, format, gzip (see Fuzz/MeshlogFuzz.swift for what each
# checks). The binary is built with `swiftc -sanitize=fuzzer,address` from the AccessLog sources and
# Fuzz/MeshlogFuzz.swift into .build/fuzz/. The corpus lives in .build/fuzz/corpus/TARGET and is
# seeded from SampleLogs/ and the shapes the tests use; crashes are written to
# .build/fuzz/artifacts/. Runs at the lowest CPU priority (nice 19). Exits non-zero on a crash.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target=${1:?usage: fuzz.sh TARGET|all SECONDS [libFuzzer options…]}
seconds=${2:?usage: fuzz.sh TARGET|all SECONDS [libFuzzer options…]}
shift 2
out=$root/.build/fuzz
bin=$out/meshlog-fuzz
mkdir -p "$out/artifacts"

if [ "$target" = all ]; then
    for t in text-line prefix json-scanner format gzip; do "$0" "$t" "$seconds" "$@"; done
    exit 0
fi
case $target in text-line|prefix|json-scanner|format|gzip) ;; *) echo "fuzz.sh: unknown target $target" >&2; exit 2;; esac

# Build when a source is newer than the binary.
sources=$(find "$root/Sources/AccessLog" -name '*.swift' | sort)
if [ ! -x "$bin" ] || [ -n "$(find "$root/Sources/AccessLog" "$root/Fuzz" -name '*.swift' -newer "$bin" | head -1)" ]; then
    echo "fuzz: building $bin"
    # shellcheck disable=SC2086
    nice -n 19 swiftc -sanitize=fuzzer,address -O -g -parse-as-library -module-name MeshlogFuzz \
        -I "$root/Sources/CZlib" $sources "$root/Fuzz/MeshlogFuzz.swift" -lz -o "$bin"
fi

# Seeds: small files of real lines from SampleLogs and the test fixtures' shapes.
seeds=$out/seeds/$target
if [ ! -d "$seeds" ]; then
    mkdir -p "$seeds"
    put() { cat > "$(mktemp "$seeds/seed-XXXXXX")"; }   # also inside pipelines (subshells)
    case $target in
    text-line|json-scanner)
        for f in "$root"/SampleLogs/*.log; do head -c 200000 "$f" | awk 'NR % 97 == 1' | head -20 | \
            while IFS= read -r line; do printf '%s\n' "$line" | put; done; done ;;
    prefix)
        head -40 "$root/SampleLogs/kubectl-prefix-timestamps.log" | put
        printf '2024-05-06T07:08:09.100000000Z stdout P first half \n2024-05-06T07:08:09.100000000Z stdout F second half\n' | put
        printf '2024-05-06T07:08:09.1Z stderr P a\n2024-05-06T07:08:09.1Z stdout P b\n2024-05-06T07:08:09.1Z stderr F c\n' | put
        printf '{"log":"part one ","stream":"stdout","time":"2024-05-06T07:08:09.1Z"}\n{"log":"part two\\n","stream":"stdout","time":"2024-05-06T07:08:09.1Z"}\n' | put
        printf '[pod/frontend-7d9c/istio-proxy] 2024-05-06T07:08:09.123456789Z [2024-05-06T07:08:09.123Z] "GET / HTTP/1.1" 200\n' | put
        printf 'frontend-7d9c istio-proxy [2024-05-06T07:08:09.123Z] "GET / HTTP/1.1" 200\n[shop/frontend-7d9c/istio-proxy] x\n' | put ;;
    format)
        { cat "$root/SampleLogs/custom-grpc.format"; echo; head -5 "$root/SampleLogs/custom-grpc.log"; } | put
        printf '%s\n%s\n' '[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION% "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER%' \
            '[2024-05-06T07:08:09.123Z] "GET /a HTTP/1.1" 503 UO 0 81 1 "-" outbound|80||a.b.svc.cluster.local' | put
        printf '%s\n%s\n' '{"code":"%RESPONSE_CODE%","flags":"%RESPONSE_FLAGS%","t":"%START_TIME(%s.%3f)%","d":"%DURATION%"}' \
            '{"code":200,"flags":"-","t":"1704164645.123","d":12}' | put
        printf '%s\n%s\n' '%START_TIME(%Y-%m-%dT%H:%M:%S%z)% %RESPONSE_CODE%:5 %%x %REQ(USER-AGENT):10%' '2024-01-02T03:04:05+0000 200 %x curl' | put ;;
    gzip)
        for f in istio-1.9.log istio-json-typed.log custom-grpc.log; do
            { printf 'A'; head -c 3000 "$root/SampleLogs/$f" | gzip -c; } | put
            { printf '\x07'; head -c 500 "$root/SampleLogs/$f" | gzip -c; head -c 500 "$root/SampleLogs/$f" | gzip -c; printf 'junk'; } | put
        done ;;
    esac
fi

corpus=$out/corpus/$target
mkdir -p "$corpus"
echo "fuzz: $target for ${seconds}s (corpus $(find "$corpus" -type f | wc -l) files, seeds $(find "$seeds" -type f | wc -l))"
# No Swift backtracer: under ASan it reads the stack in ways ASan reports; libFuzzer reports instead.
MESHLOG_FUZZ_TARGET=$target SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 nice -n 19 "$bin" \
    -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=1536 -print_final_stats=1 \
    -artifact_prefix="$out/artifacts/$target-" "$@" "$corpus" "$seeds"
