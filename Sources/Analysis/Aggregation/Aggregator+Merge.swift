import AccessLog

extension Aggregator {
    /// Adds everything `other` counted. `merge(empty)` changes nothing; merging into an empty
    /// aggregator with the same limits takes `other` as is; the operation is associative up to the
    /// top-K policy (exactly, while no table prunes). Malformed-sample line numbers are kept as given.
    ///
    /// Cost is O(size of `other`'s tables) plus the histograms it touches, independent of lines counted.
    /// `rebuilding` admits `other`'s keys one by one even into an empty aggregator (see `compacted`).
    mutating func merge(_ other: Aggregator, rebuilding: Bool = false) {
        if other.lineTotal == 0 { return }
        if lineTotal == 0 && limits == other.limits && !rebuilding { self = other; return }
        if other.hasPendingCounts {
            var settled = other
            settled.flushPendingKeyCounts()
            merge(settled)
            return
        }
        flushPendingKeyCounts()
        keyEpoch &+= 1
        // Merged counters may be at their bounds; checking them all would cost a pass over every
        // payload, so later uncached lines simply flush the key cache first (exact, a little slower).
        countersAtBound = true
        mergeScalars(other)
        // 1. Keys of every table; keyed tables admit their keys with empty payloads. Clusters before
        //    hosts (a host's key holds its cluster's serial), pods and both before links.
        var map = MergeMap()
        let countTables: [(KeyRef.Table, WritableKeyPath<Aggregator, KeyTable>)] = [
            (.detail, \.details), (.transportFailure, \.transportFailures), (.termination, \.terminations),
            (.route, \.routes), (.authority, \.authorities), (.path, \.paths), (.tcpDestination, \.tcpDestinations),
        ]
        for (tag, path) in countTables {
            map.set(tag, other[keyPath: path], mergeCountTable(path, other[keyPath: path], tag))
        }
        map.set(.cluster, other.clusters.keys, mergeKeys(\.clusters, other.clusters) { agg, _, key, n in
            agg.clusterSlot(key, count: n)
        })
        map.set(.method, other.methods.keys, mergeKeys(\.methods, other.methods) { agg, _, key, n in
            agg.methodSlot(key, isGRPC: false, count: n)
        })
        map.set(.source, other.sources.keys, mergeKeys(\.sources, other.sources) { agg, _, key, n in
            agg.sourceSlot(key, count: n)
        })
        let hostTargets = mergeKeys(\.hosts, other.hosts) { [map] agg, b, key, n in
            let cluster = KeyRef(raw: map.target(other.hosts[b].cluster.raw) ?? 0)
            guard !cluster.isNone && agg.clusters.isLive(cluster) else { return -1 }
            return agg.hostSlot(UnsafeRawBufferPointer(rebasing: key.dropFirst(8)), cluster: cluster, count: n)
        }
        map.set(.host, other.hosts.keys, hostTargets)
        let remap: (UInt64) -> UInt64? = { [map] in map.target($0) }
        // 2. Payloads, their references re-mapped; a key that found no live place folds into "other".
        mergePayloads(\.clusters, other.clusters, .cluster, map, remap)
        mergeHostPayloads(other, map, remap)
        mergePayloads(\.methods, other.methods, .method, map, remap)
        mergePayloads(\.sources, other.sources, .source, map, remap)
        enforceLinkBudget(limits.podLinks)
        for i in 0..<flagStats.count {
            flagStats[i].merge(other.flagStats[i], maxSamples: limits.samplesPerFlag, remap: remap)
        }
        recent.merge(other.recent) { KeyRef(raw: remap($0.raw) ?? 0) }
        cancels.merge(other.cancels, remap: remap)
        if clusters.hasEvicted || hosts.hasEvicted { settleEvictions() }
    }

    private mutating func mergeScalars(_ other: Aggregator) {
        lineTotal &+= other.lineTotal
        for i in 0..<nonAccessByKind.count { nonAccessByKind[i] &+= other.nonAccessByKind[i] }
        for i in 0..<malformedByReason.count { malformedByReason[i] &+= other.malformedByReason[i] }
        for s in other.malformedSamples where malformedSamples.count < limits.malformedSamples { malformedSamples.append(s) }
        for i in 0..<formatCounts.count { formatCounts[i] &+= other.formatCounts[i] }
        requests &+= other.requests
        errors &+= other.errors
        grpcRequests &+= other.grpcRequests
        hasGrpcStatusField = hasGrpcStatusField || other.hasGrpcStatusField
        hasAttemptCountField = hasAttemptCountField || other.hasAttemptCountField
        if other.firstMs >= 0 && (firstMs < 0 || other.firstMs < firstMs) { firstMs = other.firstMs }
        if other.lastMs > lastMs { lastMs = other.lastMs }
        for i in 0..<codeCounts.count { codeCounts[i] &+= other.codeCounts[i] }
        otherCodes.merge(other.otherCodes)
        flagSets.merge(other.flagSets)
        timeline.merge(other.timeline)
    }

    /// Merges a count-only table; returns, per source slot, the target reference (0 = none).
    private mutating func mergeCountTable(_ path: WritableKeyPath<Aggregator, KeyTable>, _ source: KeyTable,
                                          _ tag: KeyRef.Table) -> [UInt64] {
        mergeTableKeys(path, source, tag) { agg, key, n in
            var s = agg.serial
            let h = KeyTable.hash(key)
            var slot = agg[keyPath: path].find(key, hash: h)
            if slot < 0 {
                if agg[keyPath: path].isFull { _ = agg[keyPath: path].prune() }
                s &+= 1
                slot = agg[keyPath: path].insert(key, hash: h, serial: s)
            }
            agg[keyPath: path].addCount(slot, n)
            agg.serial = s
            return slot
        }
    }

    /// Admits every live key of `source` through `admit` (which counts `n` occurrences and returns the
    /// slot, or -1 when the key has no place), carries the top-K floors over, and returns the
    /// per-source-slot target references.
    private mutating func mergeKeys<P>(_ path: WritableKeyPath<Aggregator, KeyedTable<P>>, _ source: KeyedTable<P>,
                                       admit: (inout Aggregator, Int32, UnsafeRawBufferPointer, Int) -> Int32) -> [UInt64] {
        var targets = [UInt64](repeating: 0, count: source.keys.slotCount)
        var touched = Set<Int32>()
        // Into an empty table (a compaction, a window's first bucket): payloads sized exactly, not
        // doubled past the keys (a cluster's payload is about 1 KiB).
        if self[keyPath: path].keys.slotCount == 0 { self[keyPath: path].reservePayloads(source.liveCount) }
        for b in source.liveSlots {
            let slot = source.withKey(b) { admit(&self, b, $0, source.count(b)) }
            guard slot >= 0 else { continue }
            self[keyPath: path].raiseFloor(slot, by: source.keys.floors[Int(b)])
            touched.insert(slot)
            targets[Int(b)] = self[keyPath: path].ref(slot).raw
        }
        self[keyPath: path].finishMerge(from: source, touched: touched, remap: { $0 }, foldOther: false)
        return targets
    }

    /// `mergeKeys` for a count-only table.
    private mutating func mergeTableKeys(_ path: WritableKeyPath<Aggregator, KeyTable>, _ source: KeyTable,
                                         _ tag: KeyRef.Table,
                                         admit: (inout Aggregator, UnsafeRawBufferPointer, Int) -> Int32) -> [UInt64] {
        var targets = [UInt64](repeating: 0, count: source.slotCount)
        var touched = Set<Int32>()
        for b in source.liveSlots {
            let slot = source.withKey(b) { admit(&self, $0, source.counts[Int(b)]) }
            self[keyPath: path].raiseFloor(slot, by: source.floors[Int(b)])
            touched.insert(slot)
            targets[Int(b)] = KeyRef(table: tag, serial: self[keyPath: path].serials[Int(slot)], slot: slot).raw
        }
        self[keyPath: path].finishMerge(from: source, touched: touched)
        return targets
    }

    /// Adds each live source payload to its target's (when still live), else to the table's "other";
    /// then the source's "other".
    private mutating func mergePayloads<P>(_ path: WritableKeyPath<Aggregator, KeyedTable<P>>, _ source: KeyedTable<P>,
                                           _ tag: KeyRef.Table, _ map: MergeMap, _ remap: (UInt64) -> UInt64?) {
        for b in source.liveSlots {
            let target = map.targetRef(tag, source.keys, b)
            if !target.isNone && self[keyPath: path].isLive(target) {
                self[keyPath: path][target.slot].absorb(source[b], remap: remap)
            } else {
                self[keyPath: path].absorbIntoOther(source[b], remap: remap)
            }
        }
        self[keyPath: path].absorbIntoOther(source.other, remap: remap)
    }

    /// Hosts: a host whose cluster found no live place goes with that cluster into "other clusters".
    private mutating func mergeHostPayloads(_ other: Aggregator, _ map: MergeMap, _ remap: (UInt64) -> UInt64?) {
        for b in other.hosts.liveSlots {
            let target = map.targetRef(.host, other.hosts.keys, b)
            if !target.isNone && hosts.isLive(target) {
                hosts[target.slot].absorb(other.hosts[b], remap: remap)
            } else {
                let cluster = KeyRef(raw: map.target(other.hosts[b].cluster.raw) ?? 0)
                if !cluster.isNone && clusters.isLive(cluster) {
                    clusters[cluster.slot].otherHost.absorb(other.hosts[b], remap: remap)
                } else {
                    clusters.modifyOther { $0.otherHost.absorb(other.hosts[b], remap: remap) }
                }
            }
        }
    }
}

/// Where each of the source aggregator's keys went in the target, for re-mapping references.
struct MergeMap {
    private var targets = [[UInt64]](repeating: [], count: 16)
    private var serials = [[UInt64]](repeating: [], count: 16)

    /// Records where the keys of `source` (table `tag`) went.
    mutating func set(_ tag: KeyRef.Table, _ source: KeyTable, _ targets: [UInt64]) {
        self.targets[Int(tag.rawValue)] = targets
        serials[Int(tag.rawValue)] = source.serials
    }

    /// Where live slot `slot` of the source's table `table` went (`.none` when nowhere).
    func targetRef(_ tag: KeyRef.Table, _ table: KeyTable, _ slot: Int32) -> KeyRef {
        KeyRef(raw: target(KeyRef(table: tag, serial: table.serials[Int(slot)], slot: slot).raw) ?? 0)
    }

    /// The target reference for a source reference, or nil when the source reference was stale.
    func target(_ raw: UInt64) -> UInt64? {
        let ref = KeyRef(raw: raw)
        guard let tag = ref.table else { return nil }
        let t = Int(tag.rawValue), slot = Int(ref.slot)
        guard slot < targets[t].count, serials[t][slot] != 0, serials[t][slot] & KeyRef.serialMask == ref.serial,
              targets[t][slot] != 0 else { return nil }
        return targets[t][slot]
    }
}
