import AccessLog

/// One host of an outbound cluster with its p99 far above its siblings': at least `slowHostP99Ratio` × the median of their p99
/// and `slowHostMinExtraMs` above it, each compared host with enough requests.
public struct SlowUpstreamHostRule: DiagnosisRule {
    public static let id = FindingID.slowUpstreamHost
    public init() {}

    public func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        let t = context.thresholds
        var findings: [Finding] = []
        // Outbound only: the hosts of an inbound cluster are different services' pods. Not on mostly
        // TCP clusters: a TCP record's duration is the connection's lifetime, not a latency.
        for c in snapshot.clusters where c.name.direction == .outbound && c.tcp * 2 <= c.requests {
            let hosts = c.realHosts.filter { $0.requests >= t.slowHostMinRequests && $0.latency.count > 0 }
            guard hosts.count >= 2 else { continue }
            for (index, host) in hosts.enumerated() {
                var siblings = hosts.map(\.latency.p99)
                siblings.remove(at: index)
                let median = Self.median(siblings)
                guard Double(host.latency.p99) >= t.slowHostP99Ratio * Double(median),
                      host.latency.p99 - median >= t.slowHostMinExtraMs else { continue }
                findings.append(finding(c, host, siblingP99: median, siblings: hosts.count - 1, snapshot))
            }
        }
        return findings
    }

    private func finding(_ c: ClusterStats, _ host: HostStats, siblingP99: Int, siblings: Int, _ snapshot: Snapshot) -> Finding {
        let name = ServiceTarget.displayName(c.name)
        let share = SeverityPolicy.share(host.requests, of: c.hostRequests)
        let facts = [
            Fact("\(host.host) latency", "p50 \(Fmt.ms(host.latency.p50)), p99 \(Fmt.ms(host.latency.p99)), max \(Fmt.ms(host.latency.max)) over \(Fmt.count(host.requests)) requests"),
            Fact("Siblings (\(siblings) hosts)", "median p99 \(Fmt.ms(siblingP99))"),
            Fact("Share of \(name)'s requests on that host", Fmt.percent(share)),
        ]
        let p = Placeholders(target: ServiceTarget(c.name), pod: snapshot.clientPod(for: c.name.name))
            .with("host", host.host).with("hostIP", host.ip)
        let k = FindingKnowledgeBase.entry(Self.id)
        return Finding(
            id: Self.id, severity: share < 0.05 ? .info : .warning,
            title: "\(host.host) p99 \(Fmt.ms(host.latency.p99)) vs \(Fmt.ms(siblingP99)) on its siblings (\(name))",
            subject: host.host,
            evidence: Evidence(facts: facts, window: nil,
                               samples: ClusterSamples.lines(for: c.name.name, in: snapshot) { $0.host == host.host && $0.durationMs >= siblingP99 }),
            explanation: k.causes(first: ["cpu-throttling", "warmup", "data"]), fixes: k.fixes(p), verify: k.verify(p),
            impact: SeverityPolicy.share(host.requests, of: snapshot.requests))
    }

    static func median(_ values: [Int]) -> Int {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
