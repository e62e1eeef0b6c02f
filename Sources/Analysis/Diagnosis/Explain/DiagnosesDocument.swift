import AccessLog

/// Renders `docs/diagnoses.md` from the knowledge base and the default thresholds, so the
/// document cannot drift from the code (a test compares the file with this output).
enum DiagnosesDocument {
    static func markdown() -> String {
        var out = [String]()
        out.append(intro)
        out.append(thresholdTable(DiagnosisThresholds()))
        out.append("## Findings\n")
        for k in FindingKnowledgeBase.all { out.append(section(k)) }
        out.append(flagTable())
        return out.joined(separator: "\n")
    }

    static let intro = """
        # Diagnoses

        <!-- Generated from Sources/Analysis/Diagnosis/Knowledge and DiagnosisThresholds.swift.
             Regenerate with: MESHLOG_WRITE_DOCS=1 swift test --filter DiagnosesDocumentTests -->

        meshlog turns the aggregated traffic (a `Snapshot`) into **findings**. Each finding has a stable
        id, a severity (`critical`, `warning`, `info`), a one-line title with numbers, the subject (cluster,
        host, method), evidence (counts, shares, percentiles, time window, up to 5 sample lines), likely
        causes ordered by what the evidence points at, fixes as YAML filled with the real service name,
        namespace, port and subset from the cluster name, and commands that confirm the diagnosis.
        `meshlog explain <id>` prints the same knowledge with `<placeholders>`.

        **Kinds:** every finding is `traffic` (something is failing), `balance` (requests spread badly
        over hosts or subsets) or `advice` (the logging or configuration hides something; nothing
        failed because of it). The kind is in the JSON report; the text report and the TUI list advice
        last, under its own heading; `--fail-on` ignores advice.

        **Ranking:** advice after every traffic and balance finding; then severity (critical first),
        then impact (share of all requests affected), then id order, then subject. Each rule reports
        at most 5 findings (the most severe and frequent).

        **One cause, one finding:** a cluster whose connect failures are TLS errors is reported as
        `tls-handshake-failure`, never also as `upstream-connect-failure`; `retries-exhausted` on a cluster
        whose underlying failure (UF, UT, UC, UR, UO, UH) has its own finding is never more severe than it
        and ranks right after it; `connection-pinning` on a cluster reported as `protocol-not-detected` is
        folded into that finding (the protocol is the cause, the pinning its symptom).

        **Healthy traffic gives no warning or critical finding:** a few client cancellations in a large
        volume are reported as nothing (or info), a handful of 5xx as info.

        **Only what the sample supports:** a latency percentile is compared only between hosts with 10
        requests above it (a p99 over 40 requests is one slow request), a host's error rate must differ
        from its siblings' by more than chance (two-proportion z test), and a count alone makes a warning
        only from a minimum share (a steady trace in a huge volume stays info). The scenario tests
        (`Tests/AnalysisTests/Scenarios`) run generated healthy traffic and every scenario through the
        real parser and these rules.

        ## Balance

        Every cluster carries a balance verdict over its upstream hosts (`balance` in the JSON report,
        a line in the text report and the TUI's cluster view), judged with a test that accounts for
        sample size instead of the busiest host's share alone:

        - **χ² goodness-of-fit** of the per-host request counts against an even spread, with its p-value
          (df = hosts − 1; the regularized incomplete gamma function, exact for any number of hosts);
        - **coefficient of variation** (CV) of the per-host counts (standard deviation / mean).

        | verdict | when |
        |---|---|
        | `pinned` | ≥ 2 client pods with ≥ \(BalanceJudge.minPodRequests) requests to the cluster, and at least half of them, send ≥ \(Format.percent(BalanceJudge.pinnedShare, decimals: 0)) to one host; or more than half of the cluster's records are TCP connections (balanced per connection, never per request) |
        | `too-few` | fewer than \(Int(BalanceJudge.minExpectedPerHost)) requests expected per host (χ² says nothing) |
        | `skewed` | χ² p < \(BalanceJudge.skewedP) **and** CV > \(BalanceJudge.skewedCV) |
        | `even` | otherwise: 100 hosts with about 2,000 requests each (CV ≈ 0.02) are even |
        | `single-host` | one host |

        Both conditions of `skewed` are needed: with a million requests χ² flags differences of a
        fraction of a percent that no one should act on, and with a few dozen requests a large CV is
        chance. `connection-pinning` without per-pod data fires only on long-lived traffic whose
        verdict is `skewed` (or `pinned`) and whose busiest host is far above its fair share.

        On an approximate host table (past the bounds, or a live window over trimmed buckets) a listed
        count may fall short of the truth by its key's error bound, and hosts missing counts alone
        look skewed. There `cv` and `p_value` still describe the listed counts, but `skewed` must
        survive the shortfalls: the verdict is judged again with each host raised by up to its error
        bound towards the busiest host's count, and is `even` when that evens the spread out.

        """

    static func thresholdTable(_ t: DiagnosisThresholds) -> String {
        func pct(_ v: Double) -> String { Format.percent(v, decimals: v < 0.01 ? 1 : 0) }
        func slow(_ p: SlowUpstreamHostRule.Percentile) -> Int { p.minRequests(tailSamples: t.slowHostTailSamples) }
        let rows: [(String, String)] = [
            ("Failures reaching clients (most flag rules), per cluster",
             "critical ≥ \(pct(t.criticalShare)) of the cluster's requests and ≥ \(t.criticalMinCount); warning ≥ \(pct(t.warningShare)) and ≥ \(t.warningMinCount), or ≥ \(t.warningCount) and ≥ \(pct(t.warningCountMinShare)); info below"),
            ("Client cancellations (DC, DR)",
             "nothing below \(t.cancelReportMinCount) or \(pct(t.cancelReportMinShare)); warning ≥ \(pct(t.cancelWarningShare)) and ≥ max(\(t.cancelWarningMinCount), √requests) (grows with traffic); never critical"),
            ("Access denied (RBAC 403, UAEX)", "failure thresholds, capped at warning"),
            ("Fault injection, delays only (DI)", "warning from \(t.warningCount) delayed requests, info below"),
            ("Connection pinning, per pod",
             "≥ \(t.pinnedPodsMin) pods each sending ≥ \(pct(t.pinnedPodHostShare)) of ≥ \(t.pinnedPodMinRequests) requests to one host, cluster with ≥ 2 hosts: warning"),
            ("Connection pinning, per host",
             "normalised imbalance ≥ \(Format.fixed(t.pinningImbalance, decimals: 2)) on ≥ \(t.pinningMinRequests) requests, ≥ \(pct(t.pinningLongLivedShare)) HTTP/2 or TCP: warning"),
            ("Protocol not detected",
             "TCP ≥ \(pct(t.protocolTCPShare)) of the cluster's records, bytes both ways; warning when they carry real traffic — TCP p50 ≥ \(Format.duration(milliseconds: t.protocolLongP50Ms)) or max ≥ \(Format.duration(milliseconds: t.protocolLongMaxMs)), ≥ \(Format.thousands(Int(t.protocolRealTrafficBytes))) bytes, or gRPC seen on the same service — whatever the number of connections (ranked by share of all bytes), else info"),
            ("Failing upstream host",
             "≥ \(t.failingHostMinErrors) errors on ≥ 2 hosts; the host has ≥ \(pct(t.failingHostErrorShare)) of them, an error rate ≥ \(pct(t.failingHostMinErrorRate)) and ≥ \(Format.fixed(t.failingHostRateRatio, decimals: 0))× the others', significantly (two-proportion z ≥ \(Format.fixed(t.failingHostMinZ, decimals: 1))); severity from the failure thresholds"),
            ("Slow upstream host",
             "p50, p90 or p99 ≥ \(Format.fixed(t.slowHostRatio, decimals: 0))× the siblings' median of the same percentile and ≥ \(Format.duration(milliseconds: t.slowHostMinExtraMs)) above it; a percentile is compared only between hosts with ≥ \(t.slowHostTailSamples) requests above it (p50: ≥ \(slow(.p50)), p90: ≥ \(slow(.p90)), p99: ≥ \(Format.thousands(slow(.p99))) requests) whose failed, cancelled or fault-delayed requests are < \(pct(t.slowHostMaxTailFailureShare)) of those above it; warning (info under 5% of the cluster's requests)"),
            ("gRPC errors, per method",
             "server statuses: failure thresholds; client statuses: info from \(pct(t.grpcClientErrorInfoShare))"),
            ("gRPC status not logged",
             "info (advice) from \(t.grpcNotLoggedMinRequests) gRPC requests, whatever the gRPC share; never trips `--fail-on`"),
            ("Non-idempotent retries", "warning from \(t.nonIdempotentRetriesWarningCount) retried create-like requests that are ≥ \(pct(t.nonIdempotentRetriesWarningShare)) of the method's requests, info below"),
            ("Traffic split",
             "info; warning when a subset deviates from `--expect-split` by more than max(\(Format.fixed(t.splitMinDeviationPoints, decimals: 0)) points, \(Format.fixed(t.splitSigmas, decimals: 0))σ binomial)"),
            ("Passthrough traffic",
             "info; warning when ≥ \(pct(t.passthroughWarningShare)) of all requests (and ≥ \(t.warningCount)) pass through, or ≥ \(pct(t.criticalShare)) and ≥ \(t.criticalMinCount) of them failed"),
        ]
        var lines = ["## Thresholds", "", "All comparisons are inclusive (a value at the threshold reaches it). The numbers live in",
                     "`DiagnosisThresholds` (Sources/Analysis/Diagnosis/Engine/DiagnosisThresholds.swift).", "",
                     "| rule | threshold |", "|---|---|"]
        lines += rows.map { "| \($0.0) | \($0.1) |" }
        return lines.joined(separator: "\n") + "\n"
    }

    static func section(_ k: FindingKnowledge) -> String {
        let p = Placeholders()
        var lines = ["### `\(k.id.rawValue)`", "", k.summary, "",
                     "- **Kind:** " + k.id.kind.name,
                     "- **Signature:** " + k.signature,
                     "- **Thresholds:** " + k.thresholds,
                     "- **Title:** `" + k.titleTemplate + "`"]
        if !k.flags.isEmpty { lines.append("- **Flags:** " + k.flags.map { "`\($0.shortName)` (\($0.longName))" }.joined(separator: ", ")) }
        lines += ["", "Likely causes (the rule puts first what the evidence points at):", ""]
        lines += k.causes.enumerated().map { "\($0.offset + 1). \($0.element.text)" }
        if !k.fixes.isEmpty {
            lines += ["", "Fix:"]
            for fix in k.fixes.map({ p.fill($0) }) {
                lines += ["", "*\(fix.title)*", "", "```\(fix.language)", fix.body, "```"]
            }
        }
        lines += ["", "Verify:", "", "```shell"] + k.verify.map { p.fill($0) } + ["```", ""]
        return lines.joined(separator: "\n")
    }

    static func flagTable() -> String {
        var lines = ["## Response flags and the finding that diagnoses them", "",
                     "| flag | long name | meaning | finding |", "|---|---|---|---|"]
        for k in FlagKnowledgeBase.all {
            lines.append("| `\(k.flag.shortName)` | \(k.flag.longName) | \(k.flag.meaning) | \(k.finding.map { "`\($0.rawValue)`" } ?? "—") |")
        }
        lines += ["", "## What each flag means, and where Envoy documents it", "",
                  "Paths are in the envoyproxy/envoy repository (rendered under https://www.envoyproxy.io/docs/envoy/latest/).", ""]
        for k in FlagKnowledgeBase.all {
            lines += ["### `\(k.flag.shortName)` (\(k.flag.longName))", "", k.meaning, "",
                      "Envoy reference: " + FlagSources.citation(k.flag), ""]
        }
        return lines.joined(separator: "\n")
    }
}
