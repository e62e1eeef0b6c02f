import AccessLog

/// gRPC traffic logged by a format without `%GRPC_STATUS%`: gRPC errors travel in the trailers of
/// an HTTP 200, so they are invisible. Always info and of kind advice: it is about the logging, not
/// a failure, so it never trips `--fail-on` and ranks after every traffic finding.
struct GRPCStatusNotLoggedRule: DiagnosisRule {
    public static let id = FindingID.grpcStatusNotLogged
    public init() {}

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        guard !snapshot.hasGrpcStatusField, snapshot.grpcRequests >= context.thresholds.grpcNotLoggedMinRequests else {
            return []
        }
        var facts = [Fact("gRPC requests", "\(Format.thousands(snapshot.grpcRequests)) of \(Format.thousands(snapshot.requests)) "
                          + "(\(Format.percent(SeverityPolicy.share(snapshot.grpcRequests, of: snapshot.requests))))")]
        let grpc200 = snapshot.methods.filter(\.isGRPC).reduce(0) { $0 + $1.requests - $1.errors }
        if grpc200 > 0 { facts.append(Fact("gRPC calls that look successful", "\(Format.thousands(grpc200)) — their real status is unknown")) }
        let formats = snapshot.formats.map { "\($0.format.id) ×\(Format.thousands($0.count))" }.joined(separator: ", ")
        if !formats.isEmpty { facts.append(Fact("Formats seen", formats)) }
        let methods = snapshot.methods.filter(\.isGRPC).prefix(3).map(\.method)
        if !methods.isEmpty { facts.append(Fact("Top gRPC methods", methods.joined(separator: ", "))) }
        let cluster = snapshot.methods.first(where: \.isGRPC)?.clusters.first.map { ClusterName($0.key) }
        let p = Placeholders(target: cluster.map(ServiceTarget.init) ?? .generic, pod: snapshot.clientPod(for: cluster?.name))
        let k = FindingKnowledgeBase.entry(Self.id)
        let samples = snapshot.recentLines.reversed().filter { $0.text.contains("HTTP/2") && $0.text.contains("\"POST /") }
            .prefix(3).map(\.text)
        return [Finding(
            id: Self.id, severity: .info,
            title: "\(Format.thousands(snapshot.grpcRequests)) gRPC requests, but the access-log format has no %GRPC_STATUS%: errors may hide behind HTTP 200",
            subject: "access-log format",
            evidence: Evidence(facts: facts, window: nil, samples: Array(samples)),
            explanation: k.causes(first: []), fixes: k.fixes(p), verify: k.verify(p),
            impact: 0)]
    }
}
