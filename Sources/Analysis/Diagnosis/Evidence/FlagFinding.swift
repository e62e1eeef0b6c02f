import AccessLog

/// Builds the common shape of a finding about response flags on one cluster: title with numbers,
/// evidence facts, samples, time window, and the knowledge base's fixes filled with real names.
enum FlagFinding {
    /// "UO on 12.0% of requests to orders.shop:50051 (1,204 of 10,033)".
    static func title(_ o: FlagOccurrence, label: String? = nil) -> String {
        let name = label ?? o.flagLabel
        let numbers = "(\(Format.thousands(o.count)) of \(Format.thousands(o.denominator)))"
        if o.cluster != nil {
            return "\(name) on \(Format.percent(o.share)) of requests to \(o.displayName) \(numbers)"
        }
        return "\(name) on \(Format.percent(o.share)) of all requests \(numbers)"
    }

    /// Names for the templates: the cluster's service and a client pod that called it.
    static func placeholders(_ o: FlagOccurrence, _ snapshot: Snapshot) -> Placeholders {
        Placeholders(target: o.target, pod: snapshot.clientPod(for: o.cluster?.name.name))
    }

    /// Counts, shares, codes, details, reasons, hosts, durations.
    static func facts(_ o: FlagOccurrence, _ snapshot: Snapshot) -> [Fact] {
        let scope = o.spansClusters ? " (all clusters)" : ""
        let where_ = o.cluster != nil ? "requests to \(o.displayName)" : "requests"
        var facts = [
            Fact("\(o.flagLabel) records", "\(Format.thousands(o.count)) of \(Format.thousands(o.denominator)) \(where_) (\(Format.percent(o.share)))"),
            Fact("Share of all traffic", "\(Format.percent(SeverityPolicy.share(o.count, of: snapshot.requests))) of \(Format.thousands(snapshot.requests)) requests"),
        ]
        let codes = mergedCodes(o.stats)
        if !codes.isEmpty {
            facts.append(Fact("Response codes" + scope, codes.prefix(4).map { "\($0.code) ×\(Format.thousands($0.count))" }.joined(separator: ", ")))
        }
        if !o.details.isEmpty { facts.append(Fact("Code details" + scope, list(o.details))) }
        if !o.transportFailureReasons.isEmpty {
            facts.append(Fact("Transport failure reasons" + scope, list(o.transportFailureReasons)))
        }
        if let cluster = o.cluster {
            let hosts = cluster.realHosts
                .map { host in (host.host, o.flags.reduce(0) { $0 + host.count(of: $1) }) }
                .filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }
            if !hosts.isEmpty {
                let text = hosts.prefix(3).map { "\($0.0) ×\(Format.thousands($0.1))" }.joined(separator: ", ")
                facts.append(Fact("Upstream hosts", text + (hosts.count > 3 ? " (+\(hosts.count - 3) more)" : "")
                                  + " of \(cluster.realHosts.count)"))
            }
        }
        if let latency = o.stats.map(\.latency).max(by: { $0.count < $1.count }), latency.count > 0 {
            facts.append(Fact("Duration of these records" + scope, "p50 \(Format.duration(milliseconds: latency.p50)), p99 \(Format.duration(milliseconds: latency.p99)), max \(Format.duration(milliseconds: latency.max))"))
        }
        let grpc = o.stats.reduce(0) { $0 + $1.grpcCount }
        if grpc > 0 { facts.append(Fact("gRPC requests among them" + scope, Format.thousands(grpc))) }
        return facts
    }

    /// A complete finding for an occurrence.
    static func make(_ id: FindingID, _ severity: Severity, _ o: FlagOccurrence, _ snapshot: Snapshot,
                     causes: [String], title: String? = nil, extraFacts: [Fact] = [],
                     placeholders: Placeholders? = nil, fixes: [Fix]? = nil, causedBy: FindingID? = nil) -> Finding {
        let knowledge = FindingKnowledgeBase.entry(id)
        let p = placeholders ?? self.placeholders(o, snapshot)
        return Finding(
            id: id, severity: severity, title: title ?? self.title(o),
            subject: o.cluster?.name.name ?? "-",
            evidence: Evidence(facts: facts(o, snapshot) + extraFacts, window: o.window, samples: o.samples(from: snapshot)),
            explanation: causes, fixes: fixes ?? knowledge.fixes(p), verify: knowledge.verify(p),
            impact: SeverityPolicy.share(o.count, of: snapshot.requests), causedBy: causedBy)
    }

    /// "key ×count" for the top three.
    static func list(_ items: [KeyCount]) -> String {
        items.prefix(3).map { "\($0.key) ×\(Format.thousands($0.count))" }.joined(separator: ", ")
            + (items.count > 3 ? " (+\(items.count - 3) more)" : "")
    }

    private static func mergedCodes(_ stats: [FlagStats]) -> [CodeCount] {
        var totals: [Int: Int] = [:]
        for stat in stats { for code in stat.codes { totals[code.code, default: 0] += code.count } }
        return totals.map { CodeCount(code: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.code < $1.code }
    }
}
