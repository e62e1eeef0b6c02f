import AccessLog

extension Aggregator {
    /// An immutable picture of everything counted so far. Costs O(tracked keys + histograms), not
    /// O(lines): cheap enough to call a few times a second in live mode.
    public func snapshot() -> Snapshot {
        if hasPendingCounts {
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
        let hostsByCluster = hostSlotsByCluster()
        s.clusters = clusterStatsList(resolver, hostsByCluster: hostsByCluster)
        s.routes = RefResolver.keyCounts(routes)
        s.authorities = RefResolver.keyCounts(authorities)
        s.methods = methodStatsList(resolver)
        s.paths = RefResolver.keyCounts(paths)
        s.sources = sourceStatsList(hostsByCluster)
        s.timeline = timeline.timeline
        s.recentLines = recentLineList(resolver)
        s.hasGrpcStatusField = hasGrpcStatusField
        s.hasAttemptCountField = hasAttemptCountField
        s.grpcRequests = grpcRequests
        s.accuracy = accuracy()
        if !cancels.isEmpty { s.cancelPairs = cancels.summary { resolver.string(KeyRef(raw: $0)) } }
        return s
    }

    /// The pod links' accuracy: requests of pods that found no room in a link set past the bound.
    private func podLinkAccuracy() -> TableAccuracy {
        var dropped = 0, total = 0
        for slot in hosts.liveSlots {
            dropped += hosts[slot].pods.requests.other
            total += hosts[slot].pods.requests.total
        }
        for slot in clusters.liveSlots {
            dropped += clusters[slot].pods.requests.other
            total += clusters[slot].pods.requests.total
        }
        guard dropped > 0 else { return .exact }
        return TableAccuracy(approximate: true, otherCount: dropped, otherShare: total > 0 ? Double(dropped) / Double(total) : 0,
                             errorBound: 0)
    }

    /// Which tables reached their bound.
    private func accuracy() -> SnapshotAccuracy {
        func of<P>(_ t: KeyedTable<P>, total: Int) -> TableAccuracy {
            guard t.isApproximate else { return .exact }
            return TableAccuracy(approximate: true, otherCount: t.otherCount,
                                 otherShare: total > 0 ? Double(t.otherCount) / Double(total) : 0, errorBound: t.errorBound)
        }
        var a = SnapshotAccuracy()
        a.clusters = of(clusters, total: clusters.liveSlots.reduce(clusters.otherCount) { $0 + clusters.count($1) })
        a.hosts = of(hosts, total: hosts.liveSlots.reduce(hosts.otherCount) { $0 + hosts.count($1) })
        a.methods = of(methods, total: methods.liveSlots.reduce(methods.otherCount) { $0 + methods.count($1) })
        a.sources = of(sources, total: sources.liveSlots.reduce(sources.otherCount) { $0 + sources.count($1) })
        a.podLinks = podLinkAccuracy()
        if paths.otherCount > 0 || paths.floor > 0 {
            let total = paths.liveSlots.reduce(paths.otherCount) { $0 + paths.counts[Int($1)] }
            a.paths = TableAccuracy(approximate: true, otherCount: paths.otherCount,
                                    otherShare: total > 0 ? Double(paths.otherCount) / Double(total) : 0,
                                    errorBound: paths.floor)
        }
        return a
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
        var list = methods.liveSlots.map { slot in
            methodStats(methods[slot], name: methods.keyString(slot), r)
        }
        list.sort { $0.requests != $1.requests ? $0.requests > $1.requests : $0.method < $1.method }
        if methods.other.requests > 0 { list.append(methodStats(methods.other, name: "other", r)) }
        return list
    }

    private func methodStats(_ m: MethodAccumulator, name: String, _ r: RefResolver) -> MethodStats {
        MethodStats(method: name, isGRPC: m.isGRPC, requests: m.requests, errors: m.errors,
                    grpcStatuses: RefResolver.grpcCounts(m.grpcStatuses), latency: m.latency.summary,
                    retried: m.retried, maxAttempts: m.maxAttempts, clusters: r.keyCounts(m.clusters))
    }

    private func sourceStatsList(_ hostsByCluster: [Int32: [Int32]]) -> [SourceStats] {
        // Per live pod slot: its cluster links, and its host links grouped by cluster (each host's
        // name made once), gathered cluster by cluster.
        let podSlots = sources.keys.slotCount
        var clusterLinks = [[PodClusterLink]](repeating: [], count: podSlots)
        var hostLinks = [[PodHostLink]](repeating: [], count: podSlots)
        for c in clusters.liveSlots {
            let links = clusters[c].pods
            links.requests.forEachEntry { key, count in
                let pod = KeyRef(raw: key)
                guard sources.isLive(pod) else { return }
                clusterLinks[Int(pod.slot)].append(PodClusterLink(cluster: c, requests: count, errors: links.errors.count(key)))
            }
            for h in hostsByCluster[c] ?? [] {
                let name = hosts.withKey(h) { Self.hostName($0) }
                hosts[h].pods.requests.forEachEntry { key, count in
                    let pod = KeyRef(raw: key)
                    guard sources.isLive(pod) else { return }
                    hostLinks[Int(pod.slot)].append(PodHostLink(cluster: c, host: name, requests: count))
                }
            }
        }
        var list = sources.liveSlots.map { slot -> SourceStats in
            let (pod, container) = sources.withKey(slot) { Self.splitSource($0) }
            return sourceStats(sources[slot], pod: pod, container: container, clusters: clusterLinks[Int(slot)],
                               hosts: hostLinks[Int(slot)])
        }
        list.sort { $0.requests != $1.requests ? $0.requests > $1.requests : $0.pod < $1.pod }
        if sources.other.requests > 0 {
            list.append(sourceStats(sources.other, pod: "other", container: nil, clusters: [], hosts: []))
        }
        return list
    }

    /// One pod's requests per cluster, each with its hosts; what is not listed (links past the bound,
    /// requests that named no host past the bound, evicted clusters) in "other" entries. `hostLinks`
    /// come grouped by cluster.
    private func sourceStats(_ a: SourceAccumulator, pod: String, container: String?,
                             clusters clusterLinks: [PodClusterLink], hosts hostLinks: [PodHostLink]) -> SourceStats {
        let linksApproximate = podHostLinks >= limits.podLinks || hosts.isApproximate
        var hostRanges: [Int32: Range<Int>] = [:]
        var start = 0
        while start < hostLinks.count {
            var end = start + 1
            while end < hostLinks.count && hostLinks[end].cluster == hostLinks[start].cluster { end += 1 }
            hostRanges[hostLinks[start].cluster] = start..<end
            start = end
        }
        var perCluster: [SourceClusterStats] = []
        var listed = 0
        for link in clusterLinks {
            var hostList = (hostRanges[link.cluster].map { hostLinks[$0] } ?? [])
                .map { KeyCount(key: $0.host, count: $0.requests) }
            hostList.sort(by: RefResolver.before)
            let unlisted = link.requests - hostList.reduce(0) { $0 + $1.count }
            if linksApproximate && unlisted > 0 { hostList.append(KeyCount(key: "other", count: unlisted, isOther: true)) }
            perCluster.append(SourceClusterStats(cluster: clusters.keyString(link.cluster), requests: link.requests,
                                                 errors: link.errors, hosts: hostList))
            listed += link.requests
        }
        perCluster.sort { $0.requests != $1.requests ? $0.requests > $1.requests : $0.cluster < $1.cluster }
        let unlisted = a.requests - listed
        if unlisted > 0 && (podClusterLinks >= limits.podLinks || clusters.isApproximate || sources.isApproximate) {
            perCluster.append(SourceClusterStats(cluster: "other", requests: unlisted))
        }
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

/// A client pod's requests (and errors) to one cluster, while a snapshot is built.
private struct PodClusterLink {
    var cluster: Int32
    var requests: Int
    var errors: Int
}

/// A client pod's requests to one upstream host of a cluster, while a snapshot is built.
private struct PodHostLink {
    var cluster: Int32
    var host: String
    var requests: Int
}
