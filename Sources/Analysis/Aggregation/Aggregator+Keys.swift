import AccessLog

/// Admission into the tables whose keys carry statistics (clusters, hosts, methods, pods, pod links),
/// and the one rule that keeps references honest: when a table evicts keys, whatever refers to them
/// (a cluster's hosts, a pod's links) is folded into the matching "other" right away (`settleEvictions`).
extension Aggregator {
    /// The cluster's reference (counting one request), `.none` for `-`. One trailing `;` (Istio ≥1.23
    /// `%UPSTREAM_CLUSTER%`) is ignored, so `x;` and `x` are the same cluster.
    @inline(__always)
    mutating func clusterRef(_ raw: UnsafeRawBufferPointer) -> KeyRef {
        var name = raw
        if name.count > 1 && name[name.count - 1] == UInt8(ascii: ";") {
            name = UnsafeRawBufferPointer(rebasing: name[0..<(name.count - 1)])
        }
        if RequestTraits.isDash(name) { return .none }
        let slot = clusterSlot(clusters.clamp(name), count: 1)
        return clusters.ref(slot)
    }

    mutating func clusterSlot(_ key: UnsafeRawBufferPointer, count: Int) -> Int32 {
        let before = clusters.otherCount
        let slot = clusters.slot(key, count: count, serial: &serial)
        if clusters.otherCount != before { settleEvictions() }
        return slot
    }

    /// The host's reference within `cluster` (counting one request), `.none` for `-`.
    @inline(__always)
    mutating func hostRef(_ raw: UnsafeRawBufferPointer, cluster: KeyRef) -> KeyRef {
        if RequestTraits.isDash(raw) { return .none }
        let slot = hostSlot(raw, cluster: cluster, count: 1)
        return hosts.ref(slot)
    }

    /// The slot of `host` of `cluster` (a live reference), admitting it.
    mutating func hostSlot(_ rawHost: UnsafeRawBufferPointer, cluster: KeyRef, count: Int) -> Int32 {
        var s = serial
        let slot = Self.withHostKey(rawHost, cluster: cluster, maxKeyLength: limits.maxKeyLength) {
            hosts.slot($0, count: count, serial: &s)
        }
        serial = s
        if hosts[slot].cluster.isNone { hosts[slot].cluster = cluster }
        if hosts.hasEvicted { settleEvictions() }
        return slot
    }

    /// The host-table key: the cluster's serial (8 bytes), then the host (clamped).
    static func withHostKey<R>(_ host: UnsafeRawBufferPointer, cluster: KeyRef, maxKeyLength: Int,
                               _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let n = min(host.count, maxKeyLength - 8)
        return withUnsafeTemporaryAllocation(byteCount: n + 8, alignment: 8) { key in
            key.storeBytes(of: cluster.serial, as: UInt64.self)
            if n > 0 { (key.baseAddress! + 8).copyMemory(from: host.baseAddress!, byteCount: n) }
            return body(UnsafeRawBufferPointer(key))
        }
    }

    /// The host part of a host-table key.
    static func hostName(_ key: UnsafeRawBufferPointer) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: key.dropFirst(8)), as: UTF8.self)
    }

    /// The method's reference (counting one request).
    @inline(__always)
    mutating func methodRef(_ raw: UnsafeRawBufferPointer, isGRPC: Bool) -> KeyRef {
        let slot = methodSlot(methods.clamp(raw), isGRPC: isGRPC, count: 1)
        return methods.ref(slot)
    }

    mutating func methodSlot(_ key: UnsafeRawBufferPointer, isGRPC: Bool, count: Int) -> Int32 {
        let slot = methods.slot(key, count: count, serial: &serial)
        if isGRPC { methods[slot].isGRPC = true }
        return slot
    }

    mutating func sourceSlot(_ rawKey: UnsafeRawBufferPointer, count: Int = 1) -> Int32 {
        let before = sources.otherCount
        let slot = sources.slot(sources.clamp(rawKey), count: count, serial: &serial)
        if sources.otherCount != before { settleEvictions() }
        return slot
    }

    /// Keeps the pod links within `bound` each (after a merge added two aggregators' links, or when a
    /// live bucket is trimmed): every link set of the hosts (then of the clusters) is halved, its
    /// counts folded into "other", until the totals fit. Sets of one link are emptied only once halving
    /// the larger ones no longer helps (a trimmed bucket of 10,000 hosts, each with one link, and a
    /// bound of 6,666).
    mutating func enforceLinkBudget(_ bound: Int) {
        podClusterLinks = clusters.liveSlots.reduce(0) { $0 + clusters[$1].pods.count }
        podHostLinks = hosts.liveSlots.reduce(0) { $0 + hosts[$1].pods.count }
        var smallest = 2
        while podHostLinks > bound {
            let start = podHostLinks
            for slot in hosts.liveSlots where hosts[slot].pods.count >= smallest {
                let before = hosts[slot].pods.count
                hosts[slot].pods.shrink(toAtMost: before / 2)
                podHostLinks -= before - hosts[slot].pods.count
            }
            if podHostLinks == start { smallest = 1 }
        }
        smallest = 2
        while podClusterLinks > bound {
            let start = podClusterLinks
            for slot in clusters.liveSlots where clusters[slot].pods.count >= smallest {
                let before = clusters[slot].pods.count
                clusters[slot].pods.shrink(toAtMost: before / 2)
                podClusterLinks -= before - clusters[slot].pods.count
            }
            if podClusterLinks == start { smallest = 1 }
        }
    }

    /// After an eviction anywhere: hosts of evicted clusters fold into the "other clusters" bucket's
    /// hosts, evicted hosts into their cluster's "other hosts"
    /// into their table's "other" (pod links of an evicted pod resolve to "other" when a snapshot is
    /// built). Runs only when a table has reached its bound.
    @inline(never)
    mutating func settleEvictions() {
        assert(podLinkBuffer.isEmpty, "an eviction with pod links buffered")
        flushPendingTableCounts()
        // Only the cluster keys are read (a copy of `clusters` itself would make the payload changes
        // below copy every cluster's payload).
        let clusterKeys = clusters.keys
        hosts.evict { !clusterKeys.isLive($0.cluster) }
        for host in hosts.takeEvicted() {
            if clusters.isLive(host.cluster) {
                clusters[host.cluster.slot].otherHost.absorb(host)
            } else {
                clusters.modifyOther { $0.otherHost.absorb(host) }
            }
        }
        keyEpoch &+= 1
    }
}
