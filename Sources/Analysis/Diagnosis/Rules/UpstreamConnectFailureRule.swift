import AccessLog

/// UF that is not a TLS failure: refused (nothing listens), unreachable (pod gone), or timeout
/// (network policy). TLS failures belong to `TLSHandshakeFailureRule`.
struct UpstreamConnectFailureRule: DiagnosisRule {
    public static let id = FindingID.upstreamConnectFailure
    public init() {}

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        FlagOccurrence.find([.upstreamConnectionFailure], in: snapshot)
            .ranked(limit: context.maxFindingsPerRule) { o in
                TransportFailure.isTLS(o, in: snapshot) ? nil
                    : SeverityPolicy.failures(o.count, of: o.denominator, context.thresholds)
            }
            .map { o, severity -> Finding in
                let refused = TransportFailure.count(o, in: snapshot, any: TransportFailure.refusedMarkers)
                let unreachable = TransportFailure.count(o, in: snapshot, any: TransportFailure.unreachableMarkers)
                let timeout = TransportFailure.count(o, in: snapshot, any: TransportFailure.timeoutMarkers)
                var keys: [String] = []
                if refused > 0 && refused >= max(unreachable, timeout) {
                    keys = ["refused", "localhost", "gone"]
                } else if unreachable > 0 && unreachable >= timeout {
                    keys = ["gone", "network-policy"]
                } else if timeout > 0 {
                    keys = ["network-policy", "connect-timeout", "gone"]
                }
                var facts = [Fact("Reasons", "refused ×\(Format.thousands(refused)), unreachable ×\(Format.thousands(unreachable)), timeout ×\(Format.thousands(timeout))")]
                if let c = o.cluster, c.realHosts.count >= 2 {
                    let failing = c.realHosts.filter { $0.count(of: .upstreamConnectionFailure) > 0 }
                    facts.append(Fact("Hosts with connect failures", "\(failing.count) of \(c.realHosts.count)"))
                    if failing.count == 1 {
                        keys.removeAll { $0 == "gone" }
                        keys.insert("gone", at: 0)
                    }
                    let withRetries = c.count(of: .upstreamRetryLimitExceeded)
                    if withRetries > 0 {
                        facts.append(Fact("Retries exhausted (URX) on this cluster", Format.thousands(withRetries)))
                    }
                }
                let causes = FindingKnowledgeBase.entry(Self.id).causes(first: keys)
                return FlagFinding.make(Self.id, severity, o, snapshot, causes: causes, extraFacts: facts)
            }
    }
}
