import AccessLog

/// One host of an outbound cluster much slower than its siblings: at p50, p90 or p99 at least
/// `slowHostRatio` × the median of the siblings' same percentile and `slowHostMinExtraMs` above it.
///
/// A percentile is compared only when every host compared at it has `slowHostTailSamples` requests
/// above it (p50 from 20 requests, p90 from 100, p99 from 1,000). Over a few dozen requests a p99 is
/// the maximum, and one GC pause makes any pod look "10× slower"; the median of 20 is already
/// steady. Nor on a host whose failed, cancelled or fault-delayed requests reach
/// `slowHostMaxTailFailureShare` of the requests above the percentile: that percentile then shows
/// where Envoy's own durations land (timeouts at a fixed deadline, injected delays), which the flag
/// rules report. The highest percentile that shows the slowness is reported.
struct SlowUpstreamHostRule: DiagnosisRule {
    public static let id = FindingID.slowUpstreamHost
    public init() {}

    /// A latency percentile the rule compares.
    enum Percentile: CaseIterable {
        case p99, p90, p50

        var label: String {
            switch self {
            case .p99: "p99"
            case .p90: "p90"
            case .p50: "p50"
            }
        }

        /// Requests per thousand above the percentile.
        var tailPerMille: Int {
            switch self {
            case .p99: 10
            case .p90: 100
            case .p50: 500
            }
        }

        func value(_ latency: LatencySummary) -> Int {
            switch self {
            case .p99: latency.p99
            case .p90: latency.p90
            case .p50: latency.p50
            }
        }

        /// Requests a host needs for this percentile to rest on `tailSamples` values above it.
        func minRequests(tailSamples: Int) -> Int { (tailSamples * 1000 + tailPerMille - 1) / tailPerMille }
    }

    /// A host found slow at one percentile.
    struct SlowHost {
        let host: HostStats
        let percentile: Percentile
        /// The median over the siblings of their value at `percentile`.
        let siblingValue: Int
        /// The siblings compared (with enough requests for that percentile).
        let siblings: [HostStats]
    }

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        // Outbound only: the hosts of an inbound cluster are different services' pods. Not on mostly
        // TCP clusters: a TCP record's duration is the connection's lifetime, not a latency.
        snapshot.clusters.filter { $0.name.direction == .outbound && $0.tcp * 2 <= $0.requests }.flatMap { c in
            Self.slowHosts(c, context.thresholds).map { finding(c, $0, context.thresholds, snapshot) }
        }
    }

    /// The slow hosts of a cluster, each at the highest percentile that shows it.
    static func slowHosts(_ c: ClusterStats, _ t: DiagnosisThresholds) -> [SlowHost] {
        var found: [SlowHost] = []
        for percentile in Percentile.allCases {
            let needed = percentile.minRequests(tailSamples: t.slowHostTailSamples)
            let hosts = c.realHosts.filter {
                $0.requests >= needed && $0.latency.count > 0
                    && Double(notItsLatency($0)) < t.slowHostMaxTailFailureShare * Double($0.requests * percentile.tailPerMille) / 1000
            }
            guard hosts.count >= 2 else { continue }
            // Sorted once: each host's siblings' median is read from it (a copy and a sort per host
            // made a cluster of thousands of hosts cost seconds per snapshot).
            let sortedValues = hosts.map { percentile.value($0.latency) }.sorted()
            for (index, host) in hosts.enumerated() where !found.contains(where: { $0.host.host == host.host }) {
                let value = percentile.value(host.latency)
                let siblingValue = medianWithout(value, in: sortedValues)
                guard Double(value) >= t.slowHostRatio * Double(siblingValue),
                      value - siblingValue >= t.slowHostMinExtraMs else { continue }
                var siblings = hosts
                siblings.remove(at: index)
                found.append(SlowHost(host: host, percentile: percentile, siblingValue: siblingValue, siblings: siblings))
            }
        }
        return found
    }

    /// Requests whose duration is a failure's, a client's deadline or an injected delay rather than
    /// the host's latency.
    static func notItsLatency(_ host: HostStats) -> Int {
        host.errors + host.count(of: .downstreamConnectionTermination) + host.count(of: .downstreamRemoteReset)
            + host.count(of: .delayInjected)
    }

    private func finding(_ c: ClusterStats, _ slow: SlowHost, _ t: DiagnosisThresholds, _ snapshot: Snapshot) -> Finding {
        let name = ServiceTarget.displayName(c.name)
        let host = slow.host
        let label = slow.percentile.label
        let share = SeverityPolicy.share(host.requests, of: c.hostRequests)
        let siblingLatency = { (p: Percentile) in Format.duration(milliseconds: Self.median(slow.siblings.map { p.value($0.latency) })) }
        let facts = [
            Fact("\(host.host) latency", "p50 \(Format.duration(milliseconds: host.latency.p50)), p90 \(Format.duration(milliseconds: host.latency.p90)), p99 \(Format.duration(milliseconds: host.latency.p99)), max \(Format.duration(milliseconds: host.latency.max)) over \(Format.thousands(host.requests)) requests"),
            Fact("Siblings (\(slow.siblings.count) hosts, median)", "p50 \(siblingLatency(.p50)), p90 \(siblingLatency(.p90)), p99 \(siblingLatency(.p99)) over \(Format.thousands(slow.siblings.reduce(0) { $0 + $1.requests })) requests"),
            Fact("Compared at", "\(label): every compared host has ≥ \(Format.thousands(slow.percentile.minRequests(tailSamples: t.slowHostTailSamples))) requests (\(t.slowHostTailSamples) above the \(label))"),
            Fact("Share of \(name)'s requests on that host", Format.percent(share)),
        ]
        let p = Placeholders(target: ServiceTarget(c.name), pod: snapshot.clientPod(for: c.name.name))
            .with("host", host.host).with("hostIP", host.ip)
        let k = FindingKnowledgeBase.entry(Self.id)
        return Finding(
            id: Self.id, severity: share < 0.05 ? .info : .warning,
            title: "\(host.host) \(label) \(Format.duration(milliseconds: slow.percentile.value(host.latency))) vs \(Format.duration(milliseconds: slow.siblingValue)) on its siblings (\(name))",
            subject: host.host,
            evidence: Evidence(facts: facts, window: nil,
                               samples: ClusterSamples.lines(for: c.name.name, in: snapshot) { $0.host == host.host && $0.durationMs >= slow.siblingValue }),
            explanation: k.causes(first: ["cpu-throttling", "warmup", "data"]), fixes: k.fixes(p), verify: k.verify(p),
            impact: SeverityPolicy.share(host.requests, of: snapshot.requests))
    }

    /// `median` of `sorted` (ascending) with one occurrence of `value` (which it holds) left out.
    static func medianWithout(_ value: Int, in sorted: [Int]) -> Int {
        let n = sorted.count - 1
        guard n > 0 else { return 0 }
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        // The remaining values, in order: `sorted` without index `lo`.
        func remaining(_ k: Int) -> Int { k < lo ? sorted[k] : sorted[k + 1] }
        let mid = n / 2
        return n % 2 == 1 ? remaining(mid) : (remaining(mid - 1) + remaining(mid)) / 2
    }

    static func median(_ values: [Int]) -> Int {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
