import AccessLog

extension Aggregator {
    /// An immutable picture of everything counted so far. Costs O(tracked keys + histograms), not
    /// O(lines): cheap enough to call a few times a second in live mode.
    public func snapshot() -> Snapshot {
        if keyCache.hasPending {
            var settled = self
            settled.flushPendingKeyCounts()
            return settled.snapshot()
        }
        let resolver = RefResolver(self)
        var s = Snapshot()
        s.lines = lineCounts()
        s.formats = zip(LogFormat.allCases, formatCounts).filter { $0.1 > 0 }
            .map { FormatCount(format: $0.0, count: $0.1) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.format.rawValue < $1.format.rawValue }
        if firstMs >= 0 { s.timeRange = TimeRange(firstMs: firstMs, lastMs: lastMs) }
        s.requests = requests
        s.errors = errors
        s.flags = flagStatsList(resolver)
        s.flagCombinations = flagSets.entries.map {
            FlagSetCount(flags: ResponseFlags(rawValue: UInt32(truncatingIfNeeded: $0.key)), count: $0.count)
        }
        s.responseCodes = responseCodeList()
        s.codeDetails = RefResolver.keyCounts(details)
        s.transportFailureReasons = RefResolver.keyCounts(transportFailures)
        s.terminationDetails = RefResolver.keyCounts(terminations)
        s.clusters = clusterStatsList(resolver)
        s.routes = RefResolver.keyCounts(routes)
        s.authorities = RefResolver.keyCounts(authorities)
        s.methods = methodStatsList(resolver)
        s.paths = RefResolver.keyCounts(paths)
        s.sources = sourceStatsList(resolver)
        s.timeline = timeline.timeline
        s.recentLines = recentLineList(resolver)
        s.hasGrpcStatusField = hasGrpcStatusField
        s.hasAttemptCountField = hasAttemptCountField
        s.grpcRequests = grpcRequests
        return s
    }

    private func lineCounts() -> LineCounts {
        var c = LineCounts()
        c.total = lineTotal
        c.access = requests
        c.nonAccess = nonAccessByKind.reduce(0, +)
        c.malformed = malformedByReason.reduce(0, +)
        c.nonAccessByKind = zip(NonAccessKind.allCases, nonAccessByKind).filter { $0.1 > 0 }
            .map { KindCount(kind: $0.0, count: $0.1) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.kind.rawValue < $1.kind.rawValue }
        c.malformedByReason = zip(MalformedReason.allCases, malformedByReason).filter { $0.1 > 0 }
            .map { KindCount(kind: $0.0, count: $0.1) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.kind.rawValue < $1.kind.rawValue }
        c.malformedSamples = malformedSamples
        return c
    }

    private func responseCodeList() -> [CodeCount] {
        var list: [CodeCount] = []
        for (code, n) in codeCounts.enumerated() where n > 0 { list.append(CodeCount(code: code, count: n)) }
        list += RefResolver.codeCounts(otherCodes)
        list.sort { $0.count != $1.count ? $0.count > $1.count : $0.code < $1.code }
        return list
    }

    private func flagStatsList(_ r: RefResolver) -> [FlagStats] {
        var list: [FlagStats] = []
        for flag in ResponseFlag.allCases {
            let a = flagStats[flag.rawValue]
            guard a.count > 0 else { continue }
            list.append(FlagStats(
                flag: flag, count: a.count, share: requests > 0 ? Double(a.count) / Double(requests) : 0,
                clusters: r.keyCounts(a.clusters), hosts: r.keyCounts(a.hosts),
                codes: RefResolver.codeCounts(a.codes), details: r.keyCounts(a.details),
                transportFailureReasons: r.keyCounts(a.transportFailures), grpcCount: a.grpcCount,
                tcpCount: a.tcpCount, latency: a.latency.summary,
                firstSeenMs: a.firstSeenMs >= 0 ? a.firstSeenMs : nil,
                lastSeenMs: a.lastSeenMs >= 0 ? a.lastSeenMs : nil, samples: a.samples))
        }
        list.sort { $0.count != $1.count ? $0.count > $1.count : $0.flag.rawValue < $1.flag.rawValue }
        return list
    }

    private func methodStatsList(_ r: RefResolver) -> [MethodStats] {
        var list = methodKeys.liveSlots.map { slot in
            methodStats(methods[Int(slot)], name: methodKeys.keyString(slot), r)
        }
        list.sort { $0.requests != $1.requests ? $0.requests > $1.requests : $0.method < $1.method }
        if otherMethod.requests > 0 { list.append(methodStats(otherMethod, name: "other", r)) }
        return list
    }

    private func methodStats(_ m: MethodAccumulator, name: String, _ r: RefResolver) -> MethodStats {
        MethodStats(method: name, isGRPC: m.isGRPC, requests: m.requests, errors: m.errors,
                    grpcStatuses: RefResolver.grpcCounts(m.grpcStatuses), latency: m.latency.summary,
                    retried: m.retried, maxAttempts: m.maxAttempts, clusters: r.keyCounts(m.clusters))
    }

    private func sourceStatsList(_ r: RefResolver) -> [SourceStats] {
        var list = sourceKeys.liveSlots.map { slot -> SourceStats in
            let (pod, container) = sourceKeys.withKey(slot) { Self.splitSource($0) }
            return sourceStats(sources[Int(slot)], pod: pod, container: container, r)
        }
        list.sort { $0.requests != $1.requests ? $0.requests > $1.requests : $0.pod < $1.pod }
        if otherSource.requests > 0 { list.append(sourceStats(otherSource, pod: "other", container: nil, r)) }
        return list
    }

    private func sourceStats(_ a: SourceAccumulator, pod: String, container: String?, _ r: RefResolver) -> SourceStats {
        // Hosts grouped by the cluster they belong to.
        var hostsByCluster: [Int32: [String: Int]] = [:]
        for e in a.hosts.entries {
            guard let (c, h) = r.host(KeyRef(raw: e.key)) else { continue }
            hostsByCluster[c, default: [:]][clusters[Int(c)].hostKeys.keyString(h), default: 0] += e.count
        }
        var perCluster: [SourceClusterStats] = []
        var unresolved = a.clusters.other
        for e in a.clusters.entries {
            let ref = KeyRef(raw: e.key)
            guard clusterKeys.isLive(ref) else { unresolved += e.count; continue }
            let hosts = hostsByCluster[ref.slot] ?? [:]
            let listed = hosts.values.reduce(0, +)
            perCluster.append(SourceClusterStats(cluster: clusterKeys.keyString(ref.slot), requests: e.count,
                                                 hosts: RefResolver.sorted(hosts, other: max(0, e.count - listed))))
        }
        perCluster.sort { $0.requests != $1.requests ? $0.requests > $1.requests : $0.cluster < $1.cluster }
        if unresolved > 0 { perCluster.append(SourceClusterStats(cluster: "other", requests: unresolved)) }
        return SourceStats(pod: pod, container: container, requests: a.requests, errors: a.errors, clusters: perCluster)
    }

    static func splitSource(_ key: UnsafeRawBufferPointer) -> (String, String?) {
        guard let i = key.firstIndex(of: sourceSeparator) else { return (String(decoding: key, as: UTF8.self), nil) }
        let pod = String(decoding: UnsafeRawBufferPointer(rebasing: key[0..<i]), as: UTF8.self)
        let container = String(decoding: UnsafeRawBufferPointer(rebasing: key[(i + 1)...]), as: UTF8.self)
        return (pod, container.isEmpty ? nil : container)
    }

    private func recentLineList(_ r: RefResolver) -> [SampleLine] {
        var list: [SampleLine] = []
        list.reserveCapacity(recent.count)
        recent.forEach { e, line, source in
            var cluster = line.safeBytes(e.cluster)
            if cluster.count > 1 && cluster[cluster.count - 1] == UInt8(ascii: ";") {
                cluster = UnsafeRawBufferPointer(rebasing: cluster[0..<(cluster.count - 1)])
            }
            let host = line.safeBytes(e.host)
            list.append(SampleLine(
                text: String(decoding: line, as: UTF8.self),
                source: source.count > 0 ? String(decoding: source, as: UTF8.self) : nil,
                cluster: RequestTraits.isDash(cluster) ? nil : String(decoding: cluster, as: UTF8.self),
                host: RequestTraits.isDash(host) ? nil : String(decoding: host, as: UTF8.self),
                method: e.method.isNone ? nil : r.string(e.method), flags: e.flags, code: Int(e.code),
                grpcStatus: Int(e.grpcStatus), durationMs: Int(clamping: e.durationMs), startTimeMs: e.startTimeMs,
                format: e.format))
        }
        return list
    }
}
