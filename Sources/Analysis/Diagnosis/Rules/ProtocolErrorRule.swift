import AccessLog

/// DPE / UPE / IH: protocol mismatches. UPE points at the Service port declaring HTTP/2 while the
/// app speaks HTTP/1.1 (or an h2 upgrade); DPE at clients speaking the wrong protocol or headers
/// too large.
struct ProtocolErrorRule: DiagnosisRule {
    public static let id = FindingID.protocolError
    public init() {}

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        let flags: [ResponseFlag] = [.downstreamProtocolError, .upstreamProtocolError, .invalidEnvoyRequestHeaders]
        return FlagOccurrence.find(flags, in: snapshot)
            .ranked(limit: context.maxFindingsPerRule) { SeverityPolicy.failures($0.count, of: $0.denominator, context.thresholds) }
            .map { o, severity -> Finding in
                let count = { (flag: ResponseFlag) in
                    o.cluster?.count(of: flag) ?? o.stats.first { $0.flag == flag }?.count ?? 0
                }
                let upstream = count(.upstreamProtocolError), downstream = count(.downstreamProtocolError)
                let invalid = count(.invalidEnvoyRequestHeaders)
                var keys: [String]
                if upstream >= downstream && upstream >= invalid {
                    keys = ["declared-h2-speaks-h1", "h2-upgrade", "invalid-headers"]
                } else if downstream >= invalid {
                    let large = o.mentions("too_large", in: snapshot) + o.mentions("headers_too_large", in: snapshot)
                    keys = large > 0 ? ["headers-too-large", "http1-on-h2-port"] : ["http1-on-h2-port", "headers-too-large", "invalid-headers"]
                } else {
                    keys = ["x-envoy-headers"]
                }
                let facts = [Fact("Upstream (UPE) / downstream (DPE) / headers (IH)", "\(Format.thousands(upstream)) / \(Format.thousands(downstream)) / \(Format.thousands(invalid))")]
                let causes = FindingKnowledgeBase.entry(Self.id).causes(first: keys)
                let p = FlagFinding.placeholders(o, snapshot)
                let fixes = [p.fill(IstioSnippets.servicePortHTTP), p.fill(IstioSnippets.noH2Upgrade)]
                return FlagFinding.make(Self.id, severity, o, snapshot, causes: causes, extraFacts: facts,
                                        placeholders: p, fixes: fixes)
            }
    }
}
