#!/usr/bin/env python3
"""meshlog throughput benchmark: meshlog vs an equivalent mawk counting pipeline, side by side.

Generates the data with `meshlog generate`, then for each case runs every command several times,
interleaved (so machine noise hits all of them alike), and prints medians of lines/s, MB/s and
peak RSS, plus the ratio to mawk (or, in the scale cases, which have no mawk command, to the
baseline). Usage:

    scripts/bench.py [--lines 2000000] [--runs 5] [--big-lines 10000000] [--skip-big] [--baseline BINARY]
                     [--binary BINARY] [--scale-lines 1000000] [--scale-only | --skip-scale]

--baseline BINARY also runs an older meshlog build (e.g. one built from an earlier commit) in the
same interleaved rounds, so that a change is judged against its baseline under the same noise.

--binary BINARY uses that meshlog build instead of building one (`swift build -c release`). The
data is always written by this binary's `meshlog generate` (the baseline only reads it).

The low-cardinality cases (8 clusters of the synthetic `shop` mesh, a few hosts and pods) are
2 M lines of Istio 1.9+ text and of typed JSON, and 10 M text lines for memory at scale.

The scale cases (issue 9: exact at mesh scale) are `--scale-lines` (1 M) lines each, Istio 1.9+
text with `kubectl logs --prefix` pod names, run with `report --output json` on one core
(`--jobs 1`, the throughput targets) and on two (`--jobs 2`, the default on two CPUs: peak RSS),
meshlog (and the baseline) only; each row's speed is compared with the baseline on as many cores:

    usual shape      --clusters 500 --hosts-per-cluster 20 --client-pods 300
    100 hosts        --clusters 1 --hosts-per-cluster 100 --client-pods 50   (one gRPC deployment)
    100 clusters     --clusters 100 --hosts-per-cluster 10 --client-pods 50  (about equal traffic)
    adversarial      --unique-keys   (every line a new client pod, host, cluster, path, authority, UA)

--scale-only runs only the scale cases; --skip-scale only the low-cardinality ones.
"""
import argparse, os, pathlib, statistics, subprocess, sys, time

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "bench-data"

# Counts by flag, code, cluster and host: what meshlog's aggregator does at minimum, in mawk.
# Istio 1.9+ text split on spaces: the request line "POST /x HTTP/2" takes $2-$4, so the code is $5,
# the flags $6, the upstream host $18 and the cluster $19 (user agents without spaces, as generated).
MAWK_TEXT = r'''{ code[$5]++; flags[$6]++; cl[$19]++; host[$19 " " $18]++; n++ }
END { for (k in code) c++; for (k in flags) f++; for (k in cl) u++; for (k in host) h++; print n, c, f, u, h }'''
# JSON: split on the key names and count the same four things.
MAWK_JSON = r'''{ n++
  if (match($0, /"response_code":[^,}]*/)) code[substr($0, RSTART, RLENGTH)]++
  if (match($0, /"response_flags":"[^"]*"/)) flags[substr($0, RSTART, RLENGTH)]++
  if (match($0, /"upstream_cluster":"[^"]*"/)) { k = substr($0, RSTART, RLENGTH); cl[k]++
    if (match($0, /"upstream_host":"[^"]*"/)) host[k substr($0, RSTART, RLENGTH)]++ } }
END { for (k in code) c++; for (k in flags) f++; for (k in cl) u++; for (k in host) h++; print n, c, f, u, h }'''


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def build():
    sh(["swift", "build", "-c", "release", "--product", "meshlog"], cwd=ROOT, stdout=subprocess.DEVNULL)
    out = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout.strip()
    return pathlib.Path(out) / "meshlog"


def generate(binary, name, lines, extra):
    path = DATA / name
    if not path.exists() or path.stat().st_size == 0:
        DATA.mkdir(exist_ok=True)
        with open(path, "wb") as f:
            sh([str(binary), "generate", "--lines", str(lines), "--seed", "7"] + extra, stdout=f)
    return path


def run_once(cmd, path):
    """Runs cmd with stdout to /dev/null; returns (seconds, peak RSS bytes)."""
    with open(os.devnull, "wb") as devnull:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=devnull, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        err = proc.stderr.read().decode()
        if status != 0:
            sys.exit(f"failed ({status}): {' '.join(cmd)}\n{err}")
    return elapsed, usage.ru_maxrss * 1024


def bench(case, path, lines, commands, runs):
    size = path.stat().st_size
    results = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            results[name].append(run_once(cmd, path))
    rows = []
    for name, samples in results.items():
        secs = statistics.median(s for s, _ in samples)
        rss = max(r for _, r in samples)
        rows.append((name, secs, lines / secs, size / secs / 1e6, rss / 2**20))
    # The speed column compares with mawk, or in cases without mawk with the baseline build run on
    # as many cores (the part of the name in parentheses).
    mawk = next((r for r in rows if r[0].startswith("mawk")), None)
    baselines = {r[0].split("(", 1)[-1]: r for r in rows if r[0].startswith("baseline")}

    def base_for(name):
        return mawk or baselines.get(name.split("(", 1)[-1])

    print(f"\n### {case}: {lines:,} lines, {size / 1e6:.0f} MB, median of {runs} runs\n")
    versus = " speed vs mawk |" if mawk else (" speed vs baseline |" if baselines else "")
    print(f"| command | median s | lines/s | MB/s | peak RSS MiB |{versus}")
    print("|---|---:|---:|---:|---:|" + ("---:|" if versus else ""))
    for name, secs, lps, mbs, rss in rows:
        base = base_for(name)
        ratio = (f" {base[1] / secs:.2f}x |" if base else " |") if versus else ""
        print(f"| {name} | {secs:.2f} | {lps / 1e6:.2f} M | {mbs:.0f} | {rss:.1f} |{ratio}")
    sys.stdout.flush()


# The scale cases: (title, file stem, generator options). All Istio 1.9+ text with kubectl pod prefixes.
SCALE_CASES = [
    ("usual shape: 500 clusters x 20 hosts, 300 client pods", "scale-500x20x300",
     ["--clusters", "500", "--hosts-per-cluster", "20", "--client-pods", "300"]),
    ("100 hosts in one gRPC cluster, balanced, 50 client pods", "scale-1x100x50",
     ["--clusters", "1", "--hosts-per-cluster", "100", "--client-pods", "50"]),
    ("100 clusters about equal, 10 hosts each, 50 client pods", "scale-100x10x50",
     ["--clusters", "100", "--hosts-per-cluster", "10", "--client-pods", "50"]),
    ("adversarial: every line new keys", "scale-unique", ["--unique-keys"]),
]


def scale_cases(binary, args, one, baseline):
    for title, stem, options in SCALE_CASES:
        path = generate(binary, f"{stem}-{args.scale_lines}.log", args.scale_lines,
                        options + ["--prefix", "kubectlPrefix"])
        commands = {name: cmd + [str(path)] for name, cmd in baseline.items()}
        if args.baseline:
            commands["baseline meshlog report (2 cores)"] = [args.baseline, "report", "--output", "json", "--jobs", "2", str(path)]
        report = [str(binary), "report", "--output", "json"]
        commands["meshlog report (1 core)"] = one + report + ["--jobs", "1", str(path)]
        commands["meshlog report (2 cores)"] = report + ["--jobs", "2", str(path)]
        bench(f"Scale, {title}", path, args.scale_lines, commands, args.runs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=2_000_000)
    ap.add_argument("--big-lines", type=int, default=10_000_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--skip-big", action="store_true")
    ap.add_argument("--baseline", help="an older meshlog binary to run side by side (one core)")
    ap.add_argument("--binary", help="the meshlog binary to measure (default: build it in release)")
    ap.add_argument("--scale-lines", type=int, default=1_000_000, help="lines of each scale case")
    only = ap.add_mutually_exclusive_group()
    only.add_argument("--scale-only", action="store_true", help="run only the scale cases")
    only.add_argument("--skip-scale", action="store_true", help="skip the scale cases")
    args = ap.parse_args()

    binary = pathlib.Path(args.binary).resolve() if args.binary else build()
    one = ["taskset", "-c", "0"]
    baseline = {}
    if args.baseline:
        baseline = {"baseline meshlog report (1 core)": one + [args.baseline, "report", "--output", "json", "--jobs", "1"]}
    print(f"meshlog benchmark, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores")
    if not args.skip_scale:
        scale_cases(binary, args, one, baseline)
    if args.scale_only:
        return
    text = generate(binary, f"istio19-{args.lines}.log", args.lines, ["--format", "istio19"])
    json_ = generate(binary, f"json-{args.lines}.log", args.lines, ["--json"])
    report = [str(binary), "report", "--output", "json"]
    bench("Istio 1.9+ text", text, args.lines, {
        "mawk (1 core)": one + ["mawk", MAWK_TEXT, str(text)],
        **{name: cmd + [str(text)] for name, cmd in baseline.items()},
        "meshlog report (1 core)": one + report + ["--jobs", "1", str(text)],
        "meshlog report (2 cores)": report + ["--jobs", "2", str(text)],
        "meshlog report (1 core, stdin pipe)": ["sh", "-c", f"cat {text} | taskset -c 0 {' '.join(report)} --jobs 1"],
    }, args.runs)
    bench("Istio JSON (typed)", json_, args.lines, {
        "mawk (1 core)": one + ["mawk", MAWK_JSON, str(json_)],
        **{name: cmd + [str(json_)] for name, cmd in baseline.items()},
        "meshlog report (1 core)": one + report + ["--jobs", "1", str(json_)],
        "meshlog report (2 cores)": report + ["--jobs", "2", str(json_)],
    }, args.runs)
    if not args.skip_big:
        big = generate(binary, f"istio19-{args.big_lines}.log", args.big_lines, ["--format", "istio19"])
        bench("Istio 1.9+ text, memory at scale", big, args.big_lines, {
            "mawk (1 core)": one + ["mawk", MAWK_TEXT, str(big)],
            "meshlog report (1 core)": one + report + ["--jobs", "1", str(big)],
            "meshlog report (2 cores)": report + ["--jobs", "2", str(big)],
        }, max(1, args.runs // 2))


if __name__ == "__main__":
    main()
