import AccessLog
import Analysis

extension TextReportWriter {
    mutating func flagsSection() {
        section("Response flags")
        if snapshot.flags.isEmpty { emit("  none: no request carried an Envoy response flag"); return }
        var table = TextTable([.init("FLAG"), .init("COUNT", .right), .init("SHARE", .right), .init("NAME"),
                               .init("MEANING", flexible: true)])
        for f in snapshot.flags.prefix(options.maxRows * 2) {
            table.add([f.flag.shortName, Format.thousands(f.count), Format.percent(f.share), f.flag.longName, f.flag.meaning])
        }
        emit(table)
        more(min(snapshot.flags.count, options.maxRows * 2), of: snapshot.flags.count, what: "flags")
    }

    mutating func codesSection() {
        section("Response codes")
        let codes = snapshot.responseCodes.prefix(options.maxRows).map {
            "\($0.code == 0 ? "0 (none/TCP)" : String($0.code)) \(Format.thousands($0.count))"
        }
        emitWrapped(codes.isEmpty ? "none" : codes.joined(separator: " · "), lead: "  ", hanging: 2)
        guard !snapshot.codeDetails.isEmpty else { return }
        var table = TextTable([.init("CODE DETAILS", flexible: true), .init("COUNT", .right), .init("SHARE", .right)])
        for d in snapshot.codeDetails.prefix(options.maxRows) {
            table.add([safe(d.key), Format.thousands(d.count), Format.percent(d.count, of: snapshot.requests)])
        }
        emit(table)
        more(min(snapshot.codeDetails.count, options.maxRows), of: snapshot.codeDetails.count, what: "details")
    }

    mutating func clustersSection() {
        let accuracy = snapshot.accuracy.clusters
        let named = snapshot.clusters.filter { !$0.isOther }
        section("Clusters (\(Format.thousands(named.count)))" + (accuracy.approximate ? " ≈" : ""))
        let shown = named.prefix(options.maxRows)
        for cluster in shown { clusterBlock(cluster, approximate: accuracy.approximate) }
        let rest = named.dropFirst(options.maxRows)
        if !rest.isEmpty {
            let requests = rest.reduce(0) { $0 + $1.requests }
            emit(style.dim("  … \(Format.thousands(rest.count)) more cluster\(rest.count == 1 ? "" : "s") with \(Format.thousands(requests)) requests "
                           + "(\(Format.percent(requests, of: snapshot.requests)))"))
        }
        approximateNote(accuracy, of: "clusters", indent: "  ")
    }

    /// One cluster: its totals, its top hosts and one line for the rest, the "other" hosts when the
    /// host table is approximate, and the balance verdict.
    private mutating func clusterBlock(_ c: ClusterStats, approximate: Bool) {
        let lat = c.latency
        let protocols = [("HTTP/1", c.http1), ("HTTP/2", c.http2), ("gRPC", c.grpc), ("TCP", c.tcp)]
            .filter { $0.1 > 0 }.map { "\($0.0) \(Format.thousands($0.1))" }.joined(separator: ", ")
        emit("  " + style.bold(safe(c.name.name)))
        emitWrapped("\(SpreadText.approx(Format.thousands(c.requests), approximate)) requests (\(protocols))"
            + " · errors \(Format.percent(c.errors, of: c.requests))"
            + " · p50 \(ms(lat.p50)) p90 \(ms(lat.p90)) p99 \(ms(lat.p99)) max \(ms(lat.max))"
            + (c.flags.isEmpty ? "" : " · flags " + c.flags.prefix(4).map { "\($0.flag.shortName) \($0.count)" }.joined(separator: ", ")),
            lead: "    ", hanging: 6)
        if c.requestsWithoutHost > 0 {
            emit("    \(Format.thousands(c.requestsWithoutHost)) requests (\(Format.percent(c.requestsWithoutHost, of: c.requests))) "
                 + "reached no upstream host")
        }
        guard !c.hosts.isEmpty else { return }
        hostTable(c)
        emitWrapped("balance: " + SpreadText.balance(c.balance)
            + (c.hosts.count > 1 ? " · imbalance \(Format.fixed(c.imbalance, decimals: 2)) (0 = even, 1 = all on one host)" : ""),
            lead: "    ", hanging: 6)
    }

    /// The top hosts (up to `maxRows`), the "other" row of an approximate table, then
    /// `… 85 more hosts with 85.0% of the requests, 0.9–1.2% each`: never a silent cut.
    private mutating func hostTable(_ c: ClusterStats) {
        let approximate = c.hostTable.approximate
        let named = c.hosts.filter { !$0.isOther }
        let barWidth = max(8, min(30, width - 70))
        var table = TextTable([.init("UPSTREAM HOST", flexible: true), .init("REQUESTS", .right), .init("SHARE", .right),
                               .init("DISTRIBUTION"), .init("ERR", .right), .init("P99", .right)])
        table.indent = 4
        for h in named.prefix(options.maxRows) + c.hosts.filter(\.isOther) {
            table.add([h.isOther ? "≈ other (hosts past the bound)" : safe(h.host),
                       SpreadText.approx(Format.thousands(h.requests), approximate), Format.percent(h.share),
                       Format.bar(h.share, width: barWidth), Format.percent(h.errors, of: h.requests), ms(h.latency.p99)])
        }
        emit(table)
        let rest = named.dropFirst(options.maxRows)
        if !rest.isEmpty {
            let requests = rest.reduce(0) { $0 + $1.requests }
            emit(style.dim("    … \(Format.thousands(rest.count)) more host\(rest.count == 1 ? "" : "s") with \(Format.percent(requests, of: c.requests)) "
                           + "of the requests, \(SpreadText.shareRange(rest.map(\.share)))% each"))
        }
        approximateNote(c.hostTable, of: "hosts", indent: "    ")
    }

    /// `approximate: 1,234 requests (3.2%) of clusters past the bound are in "other"; listed counts within ±12`.
    mutating func approximateNote(_ a: TableAccuracy, of what: String, indent: String) {
        guard a.approximate else { return }
        emitWrapped("approximate: \(Format.thousands(a.otherCount)) requests (\(Format.percent(a.otherShare))) "
            + "of \(what) past the bound are counted as \"other\"; listed counts within ±\(Format.thousands(a.errorBound))",
            lead: indent + "≈ ", hanging: indent.count + 4)
    }

    mutating func methodsSection() {
        guard !snapshot.methods.isEmpty || !snapshot.routes.isEmpty else { return }
        if !snapshot.methods.isEmpty {
            section("gRPC methods and operations")
            var table = TextTable([.init("METHOD", flexible: true), .init("REQUESTS", .right), .init("ERRORS", .right),
                                   .init("P50", .right), .init("P99", .right)])
            for m in snapshot.methods.prefix(options.maxRows) {
                table.add([safe(m.method), Format.thousands(m.requests), Format.percent(m.errors, of: m.requests),
                           ms(m.latency.p50), ms(m.latency.p99)])
            }
            emit(table)
            more(min(snapshot.methods.count, options.maxRows), of: snapshot.methods.count, what: "methods")
            approximateNote(snapshot.accuracy.methods, of: "methods", indent: "  ")
        }
        if !snapshot.routes.isEmpty {
            emitWrapped(snapshot.routes.prefix(options.maxRows).map { "\(safe($0.key)) \(Format.thousands($0.count))" }
                .joined(separator: " · "), lead: "  routes: ", hanging: 4)
        }
    }

    mutating func sourcesSection() {
        guard !snapshot.sources.isEmpty else { return }
        section("Source pods (\(snapshot.sources.count))")
        var table = TextTable([.init("POD"), .init("REQUESTS", .right), .init("ERRORS", .right),
                               .init("TOP CLUSTER → HOSTS", flexible: true)])
        for s in snapshot.sources.prefix(options.maxRows) {
            let top = s.clusters.first.map { c in
                "\(ClusterName(c.cluster).serviceName ?? c.cluster): " + c.hosts.prefix(3).map {
                    "\($0.key) \(Format.percent($0.count, of: c.requests))"
                }.joined(separator: ", ")
            } ?? ""
            table.add([safe(s.pod), Format.thousands(s.requests), Format.percent(s.errors, of: s.requests), safe(top)])
        }
        emit(table)
        more(min(snapshot.sources.count, options.maxRows), of: snapshot.sources.count, what: "pods")
        approximateNote(snapshot.accuracy.sources, of: "client pods", indent: "  ")
        approximateNote(snapshot.accuracy.podLinks, of: "pod → cluster / host links", indent: "  ")
    }

    private func ms(_ value: Int) -> String { Format.duration(milliseconds: value) }
}
