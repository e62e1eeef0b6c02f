import AccessLog

/// One host of a cluster produces most of its errors, at a rate well above its siblings'.
public struct FailingUpstreamHostRule: DiagnosisRule {
    public static let id = FindingID.failingUpstreamHost
    public init() {}

    public func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        let t = context.thresholds
        return snapshot.clusters.compactMap { c -> Finding? in
            let hosts = c.realHosts
            let errors = hosts.reduce(0) { $0 + $1.errors }
            let requests = hosts.reduce(0) { $0 + $1.requests }
            guard hosts.count >= 2, errors >= t.failingHostMinErrors,
                  let top = hosts.max(by: { $0.errors < $1.errors }), top.requests > 0 else { return nil }
            let errorShare = Double(top.errors) / Double(errors)
            let rate = Double(top.errors) / Double(top.requests)
            let restRequests = requests - top.requests
            let restRate = restRequests > 0 ? Double(errors - top.errors) / Double(restRequests) : 0
            guard errorShare >= t.failingHostErrorShare, rate >= t.failingHostMinErrorRate,
                  rate >= t.failingHostRateRatio * restRate,
                  let severity = SeverityPolicy.failures(top.errors, of: c.requests, t) else { return nil }
            let name = ServiceTarget.displayName(c.name)
            var facts = [
                Fact("Errors from \(top.host)", "\(Fmt.count(top.errors)) of \(Fmt.count(errors)) errors on \(name) (\(Fmt.percent(errorShare)))"),
                Fact("Error rate", "\(top.host): \(Fmt.percent(rate)) of \(Fmt.count(top.requests)); other \(hosts.count - 1) hosts: \(Fmt.percent(restRate)) of \(Fmt.count(restRequests))"),
            ]
            let flags = top.flags.filter { $0.flag.isFailure }.sorted { $0.count > $1.count }
            if !flags.isEmpty { facts.append(Fact("Flags on that host", flags.prefix(4).map { "\($0.flag.shortName) ×\(Fmt.count($0.count))" }.joined(separator: ", "))) }
            let codes = top.codes.filter { $0.code >= 500 || $0.code == 0 }.sorted { $0.count > $1.count }
            if !codes.isEmpty { facts.append(Fact("Codes on that host", codes.prefix(4).map { "\($0.code) ×\(Fmt.count($0.count))" }.joined(separator: ", "))) }
            let grpc = top.grpcStatuses.filter { $0.status > 0 }.sorted { $0.count > $1.count }
            if !grpc.isEmpty { facts.append(Fact("gRPC statuses on that host", grpc.prefix(4).map { "\(GrpcStatus.name($0.status)) ×\(Fmt.count($0.count))" }.joined(separator: ", "))) }
            let p = Placeholders(target: ServiceTarget(c.name), pod: snapshot.clientPod(for: c.name.name))
                .with("host", top.host).with("hostIP", top.ip)
            let k = FindingKnowledgeBase.entry(Self.id)
            return Finding(
                id: Self.id, severity: severity,
                title: "\(top.host) produces \(Fmt.percent(errorShare)) of the errors of \(name) (\(Fmt.count(top.errors)) of \(Fmt.count(errors)); error rate \(Fmt.percent(rate)) vs \(Fmt.percent(restRate)))",
                subject: top.host,
                evidence: Evidence(facts: facts, window: nil,
                                   samples: ClusterSamples.lines(for: c.name.name, in: snapshot) { $0.host == top.host && ($0.code >= 500 || !$0.flags.isEmpty) }),
                explanation: k.causes(first: ["bad-pod", "node", "version-skew"]), fixes: k.fixes(p), verify: k.verify(p),
                impact: SeverityPolicy.share(top.errors, of: snapshot.requests))
        }
    }
}
