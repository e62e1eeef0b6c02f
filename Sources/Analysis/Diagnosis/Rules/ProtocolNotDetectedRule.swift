import AccessLog

/// gRPC/HTTP2 carried as opaque TCP: TCP records on an `outbound|PORT||svc` cluster with bytes both
/// ways, on a port that looks like gRPC or a service that shows gRPC elsewhere. Few connections are
/// the signature, not a reason to play it down (a gRPC client keeps one connection for hours), so
/// what they carry decides: long connections, real bytes, or gRPC seen on the same service make it
/// a warning, ranked by its share of all bytes.
struct ProtocolNotDetectedRule: DiagnosisRule {
    public static let id = FindingID.protocolNotDetected
    public init() {}

    /// Ports conventionally used for gRPC / HTTP/2 services.
    static let grpcPorts: Set<Int> = [50051, 50052, 50053, 50054, 50055, 50056, 50057, 50058, 50059,
                                      9090, 9091, 8081, 6565, 8980]
    /// TLS ports that, on an in-mesh service, usually carry HTTP/2 inside.
    static let tlsPorts: Set<Int> = [443, 8443]

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        let t = context.thresholds
        return snapshot.clusters.compactMap { c -> Finding? in
            guard c.name.direction == .outbound, let fqdn = c.name.fqdn, let port = c.name.port, c.tcp > 0,
                  SeverityPolicy.share(c.tcp, of: c.requests) >= t.protocolTCPShare,
                  c.bytesReceived > 0, c.bytesSent > 0 else { return nil }
            let grpcPort = Self.grpcPorts.contains(port) || (Self.tlsPorts.contains(port) && c.name.isKubernetesService)
            let elsewhere = Self.grpcElsewhere(fqdn: fqdn, except: c.name, snapshot)
            guard grpcPort || !elsewhere.isEmpty else { return nil }
            let long = c.latency.p50 >= t.protocolLongP50Ms || c.latency.max >= t.protocolLongMaxMs
            let bytes = c.bytesReceived + c.bytesSent
            let carries = long || bytes >= t.protocolRealTrafficBytes || !elsewhere.isEmpty
            return finding(c, grpcPort: grpcPort, elsewhere: elsewhere, long: long, carries: carries, snapshot)
        }
    }

    /// Where the same service shows gRPC: other clusters with gRPC, or gRPC methods sent to it.
    static func grpcElsewhere(fqdn: String, except: ClusterName, _ snapshot: Snapshot) -> [String] {
        var found = snapshot.clusters.filter { $0.name.fqdn == fqdn && $0.name != except && $0.grpc > 0 }
            .map { "\($0.name.name) (\(Format.thousands($0.grpc)) gRPC requests)" }
        for m in snapshot.methods where m.isGRPC && found.count < 3 {
            if m.clusters.contains(where: { ClusterName($0.key).fqdn == fqdn && ClusterName($0.key) != except }) {
                found.append("method \(m.method)")
            }
        }
        return found
    }

    /// The cluster's share of all bytes in the snapshot (both directions).
    static func byteShare(_ c: ClusterStats, _ snapshot: Snapshot) -> Double {
        let all = snapshot.clusters.reduce(Int64(0)) { $0 + $1.bytesReceived + $1.bytesSent }
        return all > 0 ? Double(c.bytesReceived + c.bytesSent) / Double(all) : 0
    }

    private func finding(_ c: ClusterStats, grpcPort: Bool, elsewhere: [String], long: Bool, carries: Bool,
                         _ snapshot: Snapshot) -> Finding {
        let name = ServiceTarget.displayName(c.name)
        var facts = [
            Fact("TCP connections", "\(Format.thousands(c.tcp)) of \(Format.thousands(c.requests)) records to \(name) (`\"- - -\"`, code 0)"),
            Fact("Connection duration", "p50 \(Format.duration(milliseconds: c.latency.p50)), max \(Format.duration(milliseconds: c.latency.max))"),
            Fact("Bytes", "received \(Format.thousands(c.bytesReceived)), sent \(Format.thousands(c.bytesSent)) "
                 + "(\(Format.percent(Self.byteShare(c, snapshot))) of all bytes logged; ≈ \(Format.thousands(Int((c.bytesReceived + c.bytesSent) / Int64(max(1, c.tcp))))) per connection)"),
            Fact("Share of the cluster's records", "\(Format.percent(SeverityPolicy.share(c.tcp, of: c.requests))) are opaque TCP"),
            Fact("Why gRPC is expected", grpcPort ? "port \(c.name.port ?? 0) is a usual gRPC/HTTP2 port" : "the service carries gRPC elsewhere"),
        ]
        if !elsewhere.isEmpty { facts.append(Fact("gRPC seen on the same service", elsewhere.prefix(3).joined(separator: "; "))) }
        if c.realHosts.count >= 1 { facts.append(Fact("Hosts", ConnectionPinningRule.distribution(c))) }
        let tlsPort = Self.tlsPorts.contains(c.name.port ?? 0)
        let k = FindingKnowledgeBase.entry(Self.id)
        var causes = k.causes(first: tlsPort ? ["tls-in-app", "port-name", "sniffing"] : ["port-name", "sniffing", "tls-in-app"])
        causes.append("Consequences: one connection = one pod (connection pinning), no per-request retries, timeouts or gRPC metrics; a TCP record is only logged when the connection closes.")
        let p = Placeholders(target: ServiceTarget(c.name), pod: snapshot.clientPod(for: c.name.name))
        let title = "\(name) carries \(long ? "long-lived " : "")opaque TCP where gRPC/HTTP2 is expected (\(Format.thousands(c.tcp)) connections): no per-request load balancing"
        if carries { causes.append("Few connections are the signature, not a reason for calm: a gRPC client keeps one connection for hours and every call rides on it.") }
        // Ranked by what the connections carry (their share of all bytes), not by how many there are.
        let impact = max(SeverityPolicy.share(c.requests, of: snapshot.requests), carries ? Self.byteShare(c, snapshot) : 0)
        return Finding(
            id: Self.id, severity: carries ? .warning : .info, title: title, subject: c.name.name,
            evidence: Evidence(facts: facts, window: nil, samples: ClusterSamples.lines(for: c.name.name, in: snapshot) { $0.code == 0 }),
            explanation: causes, fixes: k.fixes(p), verify: k.verify(p),
            impact: impact)
    }
}
