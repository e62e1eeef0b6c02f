import AccessLog

/// UO: a DestinationRule connectionPool limit rejects requests. Orders the limits by the cluster's
/// protocol mix and estimates the concurrency the limits must allow (Little's law).
public struct CircuitBreakerOverflowRule: DiagnosisRule {
    public static let id = FindingID.circuitBreakerOverflow
    public init() {}

    public func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        FlagOccurrence.find([.upstreamOverflow], in: snapshot)
            .ranked(limit: context.maxFindingsPerRule) { SeverityPolicy.failures($0.count, of: $0.denominator, context.thresholds) }
            .map { o, severity -> Finding in
                var keys = ["http2-max-requests", "pending", "max-concurrent-streams"]
                var facts: [Fact] = []
                var tcp = false
                if let c = o.cluster {
                    if c.tcp * 2 > c.requests {
                        tcp = true
                        keys = ["max-connections", "slow-upstream"]
                    } else if c.http1 > c.http2 {
                        keys = ["max-connections", "pending", "http2-max-requests"]
                    }
                    if c.count(of: .upstreamRetryLimitExceeded) > 0 || c.retried > 0 { keys.insert("max-retries", at: 1) }
                    if let concurrency = Self.estimatedConcurrency(c, snapshot), concurrency >= 1 {
                        // Below one request in flight the log is one proxy's sample, not the load.
                        facts.append(Fact("Estimated concurrency (requests/s × mean latency)",
                                          "≈ \(Fmt.fixed(concurrency, decimals: 1)) requests in flight; limits must allow several times that"))
                    }
                    facts.append(Fact("Protocols", "HTTP/1.x \(Fmt.count(c.http1)), HTTP/2 \(Fmt.count(c.http2)) (gRPC \(Fmt.count(c.grpc))), TCP \(Fmt.count(c.tcp))"))
                }
                var causes = FindingKnowledgeBase.entry(Self.id).causes(first: keys)
                if o.stats.contains(where: { $0.grpcCount > 0 }) {
                    causes.append("gRPC calls rejected this way are logged as HTTP 200 with UO: the client sees grpc-status UNAVAILABLE.")
                }
                let p = FlagFinding.placeholders(o, snapshot)
                let fixes = [p.fill(tcp ? IstioSnippets.connectionPoolTCP : IstioSnippets.connectionPoolHTTP2)]
                return FlagFinding.make(Self.id, severity, o, snapshot, causes: causes, extraFacts: facts,
                                        placeholders: p, fixes: fixes)
            }
    }

    /// Requests per second times mean latency, when the snapshot covers at least a second.
    static func estimatedConcurrency(_ c: ClusterStats, _ snapshot: Snapshot) -> Double? {
        guard let range = snapshot.timeRange, range.seconds >= 1, c.latency.count > 0 else { return nil }
        return Double(c.requests) / range.seconds * c.latency.mean / 1000
    }
}
