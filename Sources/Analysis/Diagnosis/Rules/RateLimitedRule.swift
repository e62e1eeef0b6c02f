import AccessLog

/// RL / RLSE: a rate limiter rejected requests, or the rate-limit service failed closed.
struct RateLimitedRule: DiagnosisRule {
    public static let id = FindingID.rateLimited
    public init() {}

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        FlagOccurrence.find([.rateLimited, .rateLimitServiceError], in: snapshot)
            .ranked(limit: context.maxFindingsPerRule) { SeverityPolicy.failures($0.count, of: $0.denominator, context.thresholds) }
            .map { o, severity -> Finding in
                let serviceErrors = o.cluster?.count(of: .rateLimitServiceError)
                    ?? o.stats.first { $0.flag == .rateLimitServiceError }?.count ?? 0
                let keys = serviceErrors * 2 > o.count ? ["rls-down", "limit"] : ["limit", "per-proxy", "rls-down"]
                var facts: [Fact] = []
                let local = o.mentions("local_rate_limited", in: snapshot)
                let global = o.mentions("request_rate_limited", in: snapshot)
                if local + global > 0 {
                    facts.append(Fact("Limiter", "local token bucket ×\(Format.thousands(local)), global rate-limit service ×\(Format.thousands(global))"))
                }
                let causes = FindingKnowledgeBase.entry(Self.id).causes(first: keys)
                return FlagFinding.make(Self.id, severity, o, snapshot, causes: causes, extraFacts: facts)
            }
    }
}
