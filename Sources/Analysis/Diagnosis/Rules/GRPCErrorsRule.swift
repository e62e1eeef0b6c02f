import AccessLog

/// Non-OK gRPC statuses per method, when the format logs `%GRPC_STATUS%`. Server-class statuses
/// follow the failure thresholds; client-class ones (NOT_FOUND, INVALID_ARGUMENT…) are info.
struct GRPCErrorsRule: DiagnosisRule {
    public static let id = FindingID.grpcErrors
    public init() {}

    /// Statuses that mean the server or the path to it failed.
    static let serverStatuses: Set<Int> = [2, 4, 8, 12, 13, 14, 15]
    /// Statuses that usually mean the application rejected the request (often normal).
    static let clientStatuses: Set<Int> = [1, 3, 5, 6, 7, 9, 10, 11, 16]

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        guard snapshot.hasGrpcStatusField else { return [] }
        let t = context.thresholds
        return snapshot.methods.filter(\.isGRPC).compactMap { m -> Finding? in
            let server = m.grpcStatuses.filter { Self.serverStatuses.contains($0.status) }.reduce(0) { $0 + $1.count }
            let client = m.grpcStatuses.filter { Self.clientStatuses.contains($0.status) }.reduce(0) { $0 + $1.count }
            let total = max(m.requests, m.grpcStatuses.reduce(0) { $0 + $1.count })
            var severity = SeverityPolicy.failures(server, of: total, t)
            if severity == nil, client > 0, SeverityPolicy.share(client, of: total) >= t.grpcClientErrorInfoShare {
                severity = .info
            }
            guard let severity else { return nil }
            let nonOK = m.grpcStatuses.filter { $0.status != 0 }.sorted { $0.count > $1.count }
            let counted = severity == .info && server == 0 ? client : server + client
            guard let dominant = nonOK.first else { return nil }
            let share = SeverityPolicy.share(counted, of: total)
            let statusList = nonOK.prefix(5).map { "\(GrpcStatus.name($0.status)) ×\(Format.thousands($0.count))" }.joined(separator: ", ")
            var facts = [
                Fact("Statuses", statusList),
                Fact("Server-class / client-class", "\(Format.thousands(server)) / \(Format.thousands(client)) of \(Format.thousands(total)) calls"),
            ]
            if m.latency.count > 0 { facts.append(Fact("Latency", "p50 \(Format.duration(milliseconds: m.latency.p50)), p99 \(Format.duration(milliseconds: m.latency.p99))")) }
            let cluster = m.clusters.first.map { ClusterName($0.key) }
            if let cluster { facts.append(Fact("Cluster", cluster.name)) }
            let target = cluster.map(ServiceTarget.init) ?? .generic
            let p = Placeholders(target: target, pod: snapshot.clientPod(for: cluster?.name)).with("method", m.method)
            let k = FindingKnowledgeBase.entry(Self.id)
            let key = Self.causeKey(dominant.status)
            let fixes: [Fix] = switch key {
            case "unavailable": [p.fill(IstioSnippets.outlierDetection)]
            case "deadline": [p.fill(IstioSnippets.virtualServiceTimeout)]
            default: []
            }
            return Finding(
                id: Self.id, severity: severity,
                title: "\(m.method): \(Format.percent(share)) non-OK gRPC statuses (\(Format.thousands(counted)) of \(Format.thousands(total))), mostly \(GrpcStatus.name(dominant.status))",
                subject: m.method,
                evidence: Evidence(facts: facts, window: nil, samples: Self.samples(m.method, snapshot)),
                explanation: k.causes(first: [key]), fixes: fixes, verify: k.verify(p),
                impact: SeverityPolicy.share(server, of: snapshot.requests),
                causedBy: Self.envoyCause(dominant, snapshot))
        }
    }

    /// The finding behind the statuses when Envoy wrote them itself, as the real-Envoy lab shows: a
    /// local rate limit answers gRPC with UNAVAILABLE (`RL`, at least half of the statuses), and a
    /// client's own deadline races the server's DEADLINE_EXCEEDED while both sidecars log the cancel
    /// (`DR`/`DC`). Who wins that race depends on timing: in the lab the cancels were 27–55 % of the
    /// calls that ran out of time, so DEADLINE_EXCEEDED follows the cancels once they are at least a
    /// quarter as many. Then the statuses are that finding's symptom and rank right after it.
    static func envoyCause(_ dominant: GrpcStatusCount, _ snapshot: Snapshot) -> FindingID? {
        func count(_ flags: [ResponseFlag]) -> Int {
            snapshot.flags.filter { flags.contains($0.flag) }.reduce(0) { $0 + $1.count }
        }
        switch dominant.status {
        case 14 where count([.rateLimited]) * 2 >= dominant.count: return .rateLimited
        case 4 where count([.downstreamRemoteReset, .downstreamConnectionTermination]) * 4 >= dominant.count:
            return .clientCancelled
        default: return nil
        }
    }

    static func causeKey(_ status: Int) -> String {
        switch status {
        case 14: "unavailable"
        case 4: "deadline"
        case 2, 13, 15: "internal"
        case 12: "unimplemented"
        case 8: "resource-exhausted"
        case 7, 16: "auth"
        default: "client-input"
        }
    }

    static func samples(_ method: String, _ snapshot: Snapshot) -> [String] {
        var lines: [String] = []
        for line in snapshot.recentLines.reversed() where lines.count < 5 {
            if line.grpcStatus > 0, line.method == method || line.text.contains(method) { lines.append(line.text) }
        }
        return lines
    }
}
