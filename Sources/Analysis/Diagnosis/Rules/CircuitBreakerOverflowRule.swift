import AccessLog

/// UO: a DestinationRule connectionPool limit rejects requests. Orders the limits by the cluster's
/// protocol mix and estimates the concurrency the limits must allow (Little's law).
struct CircuitBreakerOverflowRule: DiagnosisRule {
    public static let id = FindingID.circuitBreakerOverflow
    public init() {}

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        FlagOccurrence.find([.upstreamOverflow], in: snapshot)
            .ranked(limit: context.maxFindingsPerRule) { SeverityPolicy.failures($0.count, of: $0.denominator, context.thresholds) }
            .map { o, severity -> Finding in
                var keys = ["http2-max-requests", "pending", "max-concurrent-streams"]
                var facts: [Fact] = []
                var limit = Limit.http2MaxRequests
                var retries = false
                var concurrency: Double?
                if let c = o.cluster {
                    if c.tcp * 2 > c.requests {
                        limit = .maxConnections
                        keys = ["max-connections", "slow-upstream"]
                    } else if c.http1 > c.http2 {
                        limit = .http1MaxPendingRequests
                        keys = ["pending", "max-connections", "http2-max-requests"]
                    }
                    if c.count(of: .upstreamRetryLimitExceeded) > 0 || c.retried > 0 {
                        keys.insert("max-retries", at: 1)
                        retries = true
                    }
                    if let estimate = Self.estimatedConcurrency(c, snapshot), estimate >= 1 {
                        // Below one request in flight the log is one proxy's sample, not the load.
                        concurrency = estimate
                        facts.append(Fact("Estimated concurrency (requests/s × mean latency)",
                                          "≈ \(Format.fixed(estimate, decimals: 1)) requests in flight; limits must allow several times that"))
                    }
                    facts.append(Fact("Protocols", "HTTP/1.x \(Format.thousands(c.http1)), HTTP/2 \(Format.thousands(c.http2)) (gRPC \(Format.thousands(c.grpc))), TCP \(Format.thousands(c.tcp))"))
                }
                var causes = FindingKnowledgeBase.entry(Self.id).causes(first: keys)
                if o.stats.contains(where: { $0.grpcCount > 0 }) {
                    causes.append("gRPC calls rejected this way are logged as HTTP 200 with UO: the client sees grpc-status UNAVAILABLE.")
                }
                let p = FlagFinding.placeholders(o, snapshot)
                var fixes = [limit.placeholders(p, concurrency: concurrency).fill(IstioSnippets.connectionPoolLimit)]
                if retries && limit != .maxConnections {
                    fixes.append(Limit.maxRetries.placeholders(p, concurrency: concurrency).fill(IstioSnippets.connectionPoolLimit))
                }
                return FlagFinding.make(Self.id, severity, o, snapshot, causes: causes, extraFacts: facts,
                                        placeholders: p, fixes: fixes)
            }
    }

    /// The connection-pool limit a fix raises: only the one that most likely overflowed.
    enum Limit: Equatable {
        case http2MaxRequests, http1MaxPendingRequests, maxConnections, maxRetries

        var path: String { self == .maxConnections ? "tcp" : "http" }
        var field: String {
            switch self {
            case .http2MaxRequests: "http2MaxRequests"
            case .http1MaxPendingRequests: "http1MaxPendingRequests"
            case .maxConnections: "maxConnections"
            case .maxRetries: "maxRetries"
            }
        }
        /// The Envoy counter that grows when this limit overflows.
        var counter: String {
            switch self {
            case .http2MaxRequests, .http1MaxPendingRequests: "upstream_rq_pending_overflow"
            case .maxConnections: "upstream_cx_overflow"
            case .maxRetries: "upstream_rq_retry_overflow"
            }
        }

        /// The value: 4 × the observed concurrency, rounded up to a round number (at least 10); a
        /// placeholder when the log does not tell the concurrency.
        static func suggested(_ concurrency: Double?) -> Int? {
            guard let concurrency, concurrency.isFinite, concurrency > 0 else { return nil }
            let target = max(10, Int((concurrency * 4).rounded(.up)))
            let step = target >= 1_000 ? 100 : 10
            return (target + step - 1) / step * step
        }

        func placeholders(_ base: Placeholders, concurrency: Double?) -> Placeholders {
            var p = base
            p.set("limitPath", path)
            p.set("limitField", field)
            p.set("limitCounter", counter)
            if let value = Self.suggested(concurrency), let concurrency {
                p.set("limitValue", String(value))
                p.set("limitBasis", "≈ 4 × the \(Format.fixed(concurrency, decimals: 1)) \(self == .maxConnections ? "connections" : "requests") in flight seen in this log; per client proxy")
            } else {
                p.set("limitValue", "<4 × peak \(self == .maxConnections ? "connections" : "requests") in flight>")
                p.set("limitBasis", "from the observed demand; per client proxy")
            }
            return p
        }
    }

    /// Requests per second times mean latency, when the snapshot covers at least a second.
    static func estimatedConcurrency(_ c: ClusterStats, _ snapshot: Snapshot) -> Double? {
        guard let range = snapshot.timeRange, range.seconds >= 1, c.latency.count > 0 else { return nil }
        return Double(c.requests) / range.seconds * c.latency.mean / 1000
    }
}
