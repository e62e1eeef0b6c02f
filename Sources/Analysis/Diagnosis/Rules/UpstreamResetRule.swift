import AccessLog

/// UR: the service resets streams (stream level only; a closed connection is UC). gRPC traffic
/// points at connection ageing early, `remote_refused_stream_reset` at the server's stream limit.
struct UpstreamResetRule: DiagnosisRule {
    public static let id = FindingID.upstreamReset
    public init() {}

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        FlagOccurrence.find([.upstreamRemoteReset], in: snapshot)
            .ranked(limit: context.maxFindingsPerRule) { SeverityPolicy.failures($0.count, of: $0.denominator, context.thresholds) }
            .map { o, severity -> Finding in
                let grpc = (o.cluster?.grpc ?? 0) > 0 || o.stats.contains { $0.grpcCount > 0 }
                var keys = grpc ? ["app-reset", "max-connection-age", "refused-stream"] : ["app-reset", "refused-stream", "connect"]
                if o.mentions("refused_stream", in: snapshot) > 0 { keys.insert("refused-stream", at: 0) }
                var facts: [Fact] = []
                let after = o.mentions("after_response_started", in: snapshot)
                if after > 0 {
                    facts.append(Fact("Reset after the response started", "\(Format.thousands(after)) (the client got a code, often 200, and a truncated body)"))
                }
                let causes = FindingKnowledgeBase.entry(Self.id).causes(first: keys)
                let p = FlagFinding.placeholders(o, snapshot)
                let fixes = (grpc ? [IstioSnippets.grpcServerKeepalive] : []) + [IstioSnippets.virtualServiceRetryReset]
                return FlagFinding.make(Self.id, severity, o, snapshot, causes: causes, extraFacts: facts,
                                        placeholders: p, fixes: fixes.map { p.fill($0) })
            }
    }
}
