import AccessLog

/// One host of an outbound cluster produces most of its errors, at a rate well above its siblings'
/// and significantly so (two-proportion z test): errors spread over hosts by chance are not one bad host.
struct FailingUpstreamHostRule: DiagnosisRule {
    public static let id = FindingID.failingUpstreamHost
    public init() {}

    /// The worst host of a cluster compared with the rest.
    struct Outlier {
        let host: HostStats
        let clusterErrors: Int
        let errorShare: Double
        let rate: Double
        let restRate: Double
        let restRequests: Int
        let siblings: Int
        /// Two-proportion z statistic of the host's rate against the others'.
        let z: Double
    }

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        let t = context.thresholds
        return snapshot.clusters.compactMap { c -> Finding? in
            // Outbound only: an inbound cluster's "host" is each server pod's own app, so hosts of
            // `inbound|8080||` belong to different services and are not siblings.
            guard c.name.direction == .outbound, let o = Self.outlier(c, t),
                  let severity = SeverityPolicy.failures(o.host.errors, of: c.requests, t) else { return nil }
            return finding(c, o, severity, snapshot)
        }
    }

    /// The host with most errors, when it passes every threshold.
    static func outlier(_ c: ClusterStats, _ t: DiagnosisThresholds) -> Outlier? {
        let hosts = c.realHosts
        let errors = hosts.reduce(0) { $0 + $1.errors }
        let requests = hosts.reduce(0) { $0 + $1.requests }
        guard hosts.count >= 2, errors >= t.failingHostMinErrors,
              let top = hosts.max(by: { $0.errors < $1.errors }), top.requests > 0 else { return nil }
        let restRequests = requests - top.requests
        let o = Outlier(host: top, clusterErrors: errors, errorShare: Double(top.errors) / Double(errors),
                        rate: Double(top.errors) / Double(top.requests),
                        restRate: restRequests > 0 ? Double(errors - top.errors) / Double(restRequests) : 0,
                        restRequests: restRequests, siblings: hosts.count - 1,
                        z: zScore(top.errors, of: top.requests, vs: errors - top.errors, of: restRequests))
        guard o.errorShare >= t.failingHostErrorShare, o.rate >= t.failingHostMinErrorRate,
              o.rate >= t.failingHostRateRatio * o.restRate, o.z >= t.failingHostMinZ else { return nil }
        return o
    }

    /// (p₁ − p₂) / √(p(1 − p)(1/n₁ + 1/n₂)) with the pooled rate p; 0 when either side has no
    /// requests or the rates cannot differ.
    static func zScore(_ e1: Int, of n1: Int, vs e2: Int, of n2: Int) -> Double {
        guard n1 > 0, n2 > 0 else { return 0 }
        let p1 = Double(e1) / Double(n1), p2 = Double(e2) / Double(n2)
        let pooled = Double(e1 + e2) / Double(n1 + n2)
        let variance = pooled * (1 - pooled) * (1 / Double(n1) + 1 / Double(n2))
        guard variance > 0 else { return 0 }   // every request failed, or none did
        return (p1 - p2) / variance.squareRoot()
    }

    private func finding(_ c: ClusterStats, _ o: Outlier, _ severity: Severity, _ snapshot: Snapshot) -> Finding {
        let name = ServiceTarget.displayName(c.name)
        let host = o.host
        let p = Placeholders(target: ServiceTarget(c.name), pod: snapshot.clientPod(for: c.name.name))
            .with("host", host.host).with("hostIP", host.ip)
        let k = FindingKnowledgeBase.entry(Self.id)
        let title = "\(host.host) produces \(Format.percent(o.errorShare)) of the errors of \(name) "
            + "(\(Format.thousands(host.errors)) of \(Format.thousands(o.clusterErrors)); "
            + "error rate \(Format.percent(o.rate)) vs \(Format.percent(o.restRate)))"
        let samples = ClusterSamples.lines(for: c.name.name, in: snapshot) {
            $0.host == host.host && ($0.code >= 500 || !$0.flags.isEmpty)
        }
        return Finding(
            id: Self.id, severity: severity, title: title, subject: host.host,
            evidence: Evidence(facts: facts(o, name), window: nil, samples: samples),
            explanation: k.causes(first: ["bad-pod", "node", "version-skew"]), fixes: k.fixes(p), verify: k.verify(p),
            impact: SeverityPolicy.share(host.errors, of: snapshot.requests))
    }

    private func facts(_ o: Outlier, _ name: String) -> [Fact] {
        let host = o.host
        var facts = [
            Fact("Errors from \(host.host)",
                 "\(Format.thousands(host.errors)) of \(Format.thousands(o.clusterErrors)) errors on \(name) (\(Format.percent(o.errorShare)))"),
            Fact("Error rate", "\(host.host): \(Format.percent(o.rate)) of \(Format.thousands(host.requests)); "
                 + "other \(o.siblings) hosts: \(Format.percent(o.restRate)) of \(Format.thousands(o.restRequests))"),
            Fact("Significance", "z = \(Format.fixed(o.z, decimals: 1)) (two-proportion test of its rate against the other hosts')"),
        ]
        let flags = host.flags.filter { $0.flag.isFailure }.sorted { $0.count > $1.count }.prefix(4)
        if !flags.isEmpty {
            facts.append(Fact("Flags on that host", flags.map { "\($0.flag.shortName) ×\(Format.thousands($0.count))" }.joined(separator: ", ")))
        }
        let codes = host.codes.filter { $0.code >= 500 || $0.code == 0 }.sorted { $0.count > $1.count }.prefix(4)
        if !codes.isEmpty {
            facts.append(Fact("Codes on that host", codes.map { "\($0.code) ×\(Format.thousands($0.count))" }.joined(separator: ", ")))
        }
        let grpc = host.grpcStatuses.filter { $0.status > 0 }.sorted { $0.count > $1.count }.prefix(4)
        if !grpc.isEmpty {
            facts.append(Fact("gRPC statuses on that host",
                              grpc.map { "\(GrpcStatus.name($0.status)) ×\(Format.thousands($0.count))" }.joined(separator: ", ")))
        }
        return facts
    }
}
