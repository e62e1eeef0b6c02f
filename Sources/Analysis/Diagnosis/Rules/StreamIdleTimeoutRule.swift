import AccessLog

/// SI: streams idle longer than the stream idle timeout (Envoy's 5-minute default, unless changed).
struct StreamIdleTimeoutRule: DiagnosisRule {
    public static let id = FindingID.streamIdleTimeout
    public init() {}

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        FlagOccurrence.find([.streamIdleTimeout], in: snapshot)
            .ranked(limit: context.maxFindingsPerRule) { SeverityPolicy.failures($0.count, of: $0.denominator, context.thresholds) }
            .map { o, severity -> Finding in
                var facts: [Fact] = []
                if let latency = o.stats.first?.latency, latency.count > 0 {
                    let note = abs(latency.p50 - 300_000) <= 5_000 ? " ≈ the 5-minute default" : ""
                    facts.append(Fact("Streams ended after", "p50 \(Format.duration(milliseconds: latency.p50))\(note)"))
                }
                let grpc = (o.cluster?.grpc ?? 0) > 0
                let causes = FindingKnowledgeBase.entry(Self.id).causes(first: grpc ? ["quiet-stream"] : ["quiet-stream", "stuck-upstream"])
                return FlagFinding.make(Self.id, severity, o, snapshot, causes: causes, extraFacts: facts)
            }
    }
}
