import AccessLog

/// DC / DR: clients gave up. A few in a large volume is normal and reported as nothing or info;
/// only a large share is a warning. Durations tell a deadline apart from deliberate cancels.
///
/// A gRPC cancel is logged as DR by the client's sidecar (`outbound|…`) and by the server's sidecar
/// (`inbound|…`): the aggregator pairs the two records (`Snapshot.cancelPairs`), and the rule reports
/// each event once — on the client's cluster, with the server's side as evidence. Server-side records
/// without a client-side partner stay a finding of their own (the client's sidecar was not captured).
struct ClientCancelledRule: DiagnosisRule {
    public static let id = FindingID.clientCancelled
    public init() {}

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        let flags: [ResponseFlag] = [.downstreamConnectionTermination, .downstreamRemoteReset]
        let pairs = snapshot.cancelPairs
        return Self.deduplicated(FlagOccurrence.find(flags, in: snapshot), pairs)
            .ranked(limit: context.maxFindingsPerRule) { SeverityPolicy.cancellations($0.count, of: $0.denominator, context.thresholds) }
            .map { o, severity -> Finding in
                var keys = ["deliberate", "deadline", "client-shutdown"]
                var facts: [Fact] = []
                let cancelled = o.stats.map(\.latency).max { $0.count < $1.count }
                if let cancelled, cancelled.count > 0, let c = o.cluster, c.latency.count > 0 {
                    facts.append(Fact("Clients waited", "p50 \(Format.duration(milliseconds: cancelled.p50)) before cancelling; all requests: p50 \(Format.duration(milliseconds: c.latency.p50)), p90 \(Format.duration(milliseconds: c.latency.p90))"))
                    if cancelled.p50 >= c.latency.p90 { keys = ["deadline", "deliberate", "client-shutdown"] }
                }
                let servers = o.cluster.map { pairs.links(client: $0.name.name) } ?? []
                facts += Self.pairingFacts(o, servers: servers, pairs)
                let causes = FindingKnowledgeBase.entry(Self.id).causes(first: keys)
                let scope = o.cluster != nil ? "requests to \(o.displayName)" : "all requests"
                let title = "\(o.flagLabel): clients cancelled \(Format.percent(o.share)) of \(scope) "
                    + "(\(Format.thousands(o.count)) of \(Format.thousands(o.denominator)))"
                var finding = FlagFinding.make(Self.id, severity, o, snapshot, causes: causes, title: title, extraFacts: facts)
                Self.addPairSamples(&finding, servers: servers, o, snapshot)
                return finding
            }
    }

    /// The occurrences with each paired event counted once: a server-side cluster keeps only the
    /// records no client-side record was paired with (and disappears when none is left).
    static func deduplicated(_ occurrences: [FlagOccurrence], _ pairs: CancelPairs) -> [FlagOccurrence] {
        guard pairs.matched > 0 else { return occurrences }
        return occurrences.compactMap { o in
            guard let cluster = o.cluster else { return o }
            let paired = pairs.matched(server: cluster.name.name)
            guard paired > 0 else { return o }
            let rest = o.count - paired
            guard rest > 0 else { return nil }
            return FlagOccurrence(flags: o.flags, stats: o.stats, cluster: cluster, count: rest,
                                  denominator: o.denominator, spansClusters: o.spansClusters)
        }
    }

    /// What the pairing found for this occurrence: on a client-side cluster, how many of its cancels
    /// the server's sidecar logged too; on a server-side cluster, that these are the unpaired ones.
    static func pairingFacts(_ o: FlagOccurrence, servers: [CancelLink], _ pairs: CancelPairs) -> [Fact] {
        var facts: [Fact] = []
        let how = pairs.matchedByTime == 0 ? "by request id"
            : pairs.matchedByID == 0 ? "by authority, path and start time (no request id logged)"
            : "by request id, or by authority, path and start time where none was logged"
        let matched = servers.reduce(0) { $0 + $1.matched }
        if matched > 0 {
            let names = servers.prefix(3).map { "\($0.serverCluster) ×\(Format.thousands($0.matched))" }.joined(separator: ", ")
            facts.append(Fact("Seen by both sidecars",
                              "\(Format.thousands(matched)) of these \(Format.thousands(o.count)) cancels were also logged by the server's sidecar "
                              + "(\(names)), paired \(how); each is counted once, here on the client's side"))
        } else if let cluster = o.cluster, pairs.matched(server: cluster.name.name) > 0 {
            facts.append(Fact("Seen by the server's sidecar only",
                              "\(Format.thousands(o.count)) cancels had no client-side record; "
                              + "\(Format.thousands(pairs.matched(server: cluster.name.name))) more are reported on the client's cluster"))
        }
        if pairs.isApproximate && (matched > 0 || pairs.matched > 0) {
            facts.append(Fact("Pairing approximate", "\(Format.thousands(pairs.untracked)) DR/DC records were past the pairing bound and counted unpaired: the counts are upper bounds"))
        }
        return facts
    }

    /// Puts both records of one paired cancel first in the samples (the client side's, then the
    /// server side's), or at least a server-side line, so both sides are in the evidence.
    static func addPairSamples(_ finding: inout Finding, servers: [CancelLink], _ o: FlagOccurrence, _ snapshot: Snapshot) {
        guard let client = o.cluster?.name.name, let server = servers.first?.serverCluster else { return }
        var lines = snapshot.cancelPairs.sample
        if lines.count != 2 || !lines[0].contains(client) || !servers.contains(where: { lines[1].contains($0.serverCluster) }) {
            lines = o.stats.lazy.flatMap(\.samples).first { $0.contains(server) }.map { [$0] } ?? []
        }
        guard !lines.isEmpty else { return }
        var samples = lines + finding.evidence.samples.filter { !lines.contains($0) }
        if samples.count > 5 { samples.removeLast(samples.count - 5) }
        finding.evidence.samples = samples
    }
}

extension CancelPairs {
    /// The server-side clusters paired with client-side `cluster`, most matched first.
    func links(client cluster: String) -> [CancelLink] { links.filter { $0.clientCluster == cluster } }
}
