import AccessLog
import Analysis

/// Clusters with their host distribution, gRPC methods / operations, routes, client pods.
extension TextReportBuilder {
    static let maxClusters = 20
    static let maxHosts = 10
    /// Bar cells: 20 on a 100-column report, fewer on narrow ones.
    var barWidth: Int { max(6, min(20, width - 70)) }

    mutating func clusters() {
        section("CLUSTERS")
        guard !s.clusters.isEmpty else { emit("  No upstream clusters in the records."); return }
        for c in s.clusters.prefix(Self.maxClusters) { cluster(c) }
        if s.clusters.count > Self.maxClusters { emitCut("… \(s.clusters.count - Self.maxClusters) more clusters", code: .dim) }
    }

    private mutating func cluster(_ c: ClusterStats) {
        emit()
        emitCut(c.isOther ? "other clusters (past the tracking limit)" : Self.safe(c.name.name), code: .bold)
        let errorShare = c.requests > 0 ? Double(c.errors) / Double(c.requests) : 0
        var facts = [c.requests == 1 ? "1 request" : "\(F.count(c.requests)) requests", F.percent(errorShare) + " errors"]
        if c.latency.count > 0 {
            let l = c.latency
            facts.append("p50 \(F.duration(ms: l.p50)) · p90 \(F.duration(ms: l.p90)) · p99 \(F.duration(ms: l.p99)) · "
                         + "max \(F.duration(ms: l.max))")
        }
        let named = c.hosts.filter { !$0.isOther }
        if named.count > 1 { facts.append("imbalance " + F.fixed(c.imbalance, 2)) }
        emitCut(facts.joined(separator: " · "), indent: 4, code: errorShare > 0.05 ? .red : errorShare > 0.01 ? .yellow : nil)
        var kinds: [String] = []
        if c.grpc > 0 { kinds.append("gRPC \(F.count(c.grpc))") }
        if c.http2 - c.grpc > 0 { kinds.append("HTTP/2 \(F.count(c.http2 - c.grpc))") }
        if c.http1 > 0 { kinds.append("HTTP/1 \(F.count(c.http1))") }
        if c.tcp > 0 { kinds.append("TCP \(F.count(c.tcp))") }
        if !c.flags.isEmpty { kinds.append("flags " + c.flags.prefix(4).map { "\($0.flag.shortName) \(F.count($0.count))" }.joined(separator: " ")) }
        if !kinds.isEmpty { emitCut(kinds.joined(separator: " · "), indent: 4, code: .dim) }
        guard !c.hosts.isEmpty else { return }
        var t = TextTable([.init(title: "UPSTREAM HOST", flexible: true, minWidth: 14), .init(title: "REQUESTS", rightAligned: true),
                           .init(title: "SHARE", rightAligned: true), .init(title: "DISTRIBUTION"),
                           .init(title: "ERRORS", rightAligned: true), .init(title: "P99", rightAligned: true)])
        for h in c.hosts.prefix(Self.maxHosts) {
            t.add([h.isOther ? "other hosts" : Self.safe(h.host), F.count(h.requests), F.percent(h.share),
                   Self.bar(h.share, width: barWidth), F.count(h.errors),
                   h.latency.count > 0 ? F.duration(ms: h.latency.p99) : "-"],
                  styles: [nil, nil, nil, .cyan, h.errors > 0 ? .red : nil, nil])
        }
        output += t.render(width: width, indent: 4, style: style)
        if c.hosts.count > Self.maxHosts { emitCut("… \(c.hosts.count - Self.maxHosts) more hosts", indent: 4, code: .dim) }
    }

    /// A horizontal bar of `width` cells for a share 0…1, in eighths of a cell (`█`, `▉` … `▏`).
    static func bar(_ share: Double, width: Int) -> String {
        let eighths = Int((max(0, min(1, share)) * Double(width * 8)).rounded())
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var s = String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
        if s.isEmpty && share > 0 { s = "▏" }
        return s
    }

    mutating func methodsAndRoutes() {
        if !s.methods.isEmpty {
            section(s.methods.contains(where: \.isGRPC) ? "gRPC METHODS AND OPERATIONS" : "OPERATIONS")
            var t = TextTable([.init(title: "METHOD", flexible: true, minWidth: 16), .init(title: "REQUESTS", rightAligned: true),
                               .init(title: "ERRORS", rightAligned: true), .init(title: "P99", rightAligned: true),
                               .init(title: "STATUSES", flexible: true, minWidth: 8)])
            for m in s.methods.prefix(15) {
                let statuses = m.grpcStatuses.filter { $0.status != 0 }.prefix(3)
                    .map { "\(GrpcStatus.name($0.status)) \(F.count($0.count))" }.joined(separator: " ")
                t.add([Self.safe(m.method), F.count(m.requests),
                       F.count(m.errors), m.latency.count > 0 ? F.duration(ms: m.latency.p99) : "-", statuses],
                      styles: [nil, nil, m.errors > 0 ? .red : nil, nil, .dim])
            }
            output += t.render(width: width, style: style)
        }
        guard !s.routes.isEmpty else { return }
        section("ROUTES")
        var r = TextTable([.init(title: "ROUTE", flexible: true, minWidth: 12), .init(title: "REQUESTS", rightAligned: true),
                           .init(title: "SHARE", rightAligned: true)])
        for k in s.routes.prefix(10) {
            r.add([Self.safe(k.key), F.count(k.count), F.percent(Double(k.count) / Double(max(1, s.requests)))])
        }
        output += r.render(width: width, style: style)
    }

    mutating func sources() {
        guard !s.sources.isEmpty else { return }
        section("CLIENT PODS")
        var t = TextTable([.init(title: "POD", flexible: true, minWidth: 12), .init(title: "REQUESTS", rightAligned: true),
                           .init(title: "ERRORS", rightAligned: true), .init(title: "TOP CLUSTER → HOSTS", flexible: true, minWidth: 16)])
        for p in s.sources.prefix(20) {
            var spread = ""
            if let top = p.clusters.first {
                let hosts = top.hosts.filter { !$0.isOther }
                let hostText = hosts.prefix(3).map {
                    "\(Self.safe($0.key)) \(F.percent(Double($0.count) / Double(max(1, top.requests))))"
                }.joined(separator: ", ")
                spread = Self.safe(ClusterName(top.cluster).serviceName ?? top.cluster) + " → " + (hostText.isEmpty ? "-" : hostText)
            }
            t.add([Self.safe(p.pod), F.count(p.requests), F.count(p.errors), spread], styles: [nil, nil, p.errors > 0 ? .red : nil])
        }
        output += t.render(width: width, style: style)
    }
}
