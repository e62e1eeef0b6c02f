import AccessLog

/// NR: nothing matched. `filter_chain_not_found` (listener level, plaintext to STRICT mTLS)
/// is told apart from `route_not_found` (VirtualService host/match).
struct NoRouteRule: DiagnosisRule {
    public static let id = FindingID.noRoute
    public init() {}

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        FlagOccurrence.find([.noRouteFound], in: snapshot)
            .ranked(limit: context.maxFindingsPerRule) { SeverityPolicy.failures($0.count, of: $0.denominator, context.thresholds) }
            .map { o, severity -> Finding in
                let filterChain = o.mentions("filter_chain_not_found", in: snapshot)
                let route = o.mentions("route_not_found", in: snapshot)
                let keys = filterChain > route ? ["plaintext-strict", "sidecar-egress"] : ["host", "match", "sidecar-egress"]
                var facts: [Fact] = []
                if filterChain + route > 0 {
                    facts.append(Fact("Where nothing matched", "route (route_not_found) ×\(Format.thousands(route)), listener (filter_chain_not_found) ×\(Format.thousands(filterChain))"))
                }
                let authorities = snapshot.authorities.filter { !$0.isOther }.prefix(3)
                if o.cluster == nil, !authorities.isEmpty {
                    facts.append(Fact("Top authorities (all traffic)", FlagFinding.list(Array(authorities))))
                }
                let causes = FindingKnowledgeBase.entry(Self.id).causes(first: keys)
                let p = FlagFinding.placeholders(o, snapshot)
                let fixes = filterChain > route ? [p.fill(IstioSnippets.peerAuthentication)] : [p.fill(IstioSnippets.virtualServiceCatchAll)]
                return FlagFinding.make(Self.id, severity, o, snapshot, causes: causes, extraFacts: facts,
                                        placeholders: p, fixes: fixes)
            }
    }
}
