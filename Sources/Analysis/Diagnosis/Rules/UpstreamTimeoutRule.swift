import AccessLog

/// UT: split into per-try timeouts (`upstream_per_try_timeout`) and route timeouts
/// (`response_timeout`), with the effective timeout read from the UT durations.
struct UpstreamTimeoutRule: DiagnosisRule {
    public static let id = FindingID.upstreamTimeout
    public init() {}

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        FlagOccurrence.find([.upstreamRequestTimeout], in: snapshot)
            .ranked(limit: context.maxFindingsPerRule) { SeverityPolicy.failures($0.count, of: $0.denominator, context.thresholds) }
            .map { o, severity -> Finding in
                let perTry = o.mentions("per_try", in: snapshot)
                let route = o.mentions("response_timeout", in: snapshot)
                var keys = perTry > route ? ["per-try", "route", "slow-service"] : ["route", "slow-service", "per-try"]
                var facts: [Fact] = []
                if perTry + route > 0 {
                    facts.append(Fact("Which timer fired", "per-try timeout ×\(Format.thousands(perTry)), route timeout ×\(Format.thousands(route))"))
                }
                if let latency = o.stats.first?.latency, latency.count > 0 {
                    facts.append(Fact("Effective timeout", "UT requests ended after ≈ \(Format.duration(milliseconds: latency.p50)) (p50)"))
                }
                if let c = o.cluster {
                    if c.latency.count > 0 {
                        facts.append(Fact("Latency of all requests to \(o.displayName)", "p50 \(Format.duration(milliseconds: c.latency.p50)), p99 \(Format.duration(milliseconds: c.latency.p99))"))
                    }
                    if let (host, share) = Self.dominantHost(c, flag: .upstreamRequestTimeout), c.realHosts.count >= 2, share >= 0.8 {
                        keys.insert("slow-host", at: 0)
                        facts.append(Fact("Concentrated on one host", "\(host) has \(Format.percent(share)) of the timeouts"))
                    }
                }
                let causes = FindingKnowledgeBase.entry(Self.id).causes(first: keys)
                return FlagFinding.make(Self.id, severity, o, snapshot, causes: causes, extraFacts: facts)
            }
    }

    /// The host with most records of the flag and its share of them.
    static func dominantHost(_ c: ClusterStats, flag: ResponseFlag) -> (String, Double)? {
        let counts = c.realHosts.map { ($0.host, $0.count(of: flag)) }
        let total = counts.reduce(0) { $0 + $1.1 }
        guard total > 0, let top = counts.max(by: { $0.1 < $1.1 }) else { return nil }
        return (top.0, Double(top.1) / Double(total))
    }
}
