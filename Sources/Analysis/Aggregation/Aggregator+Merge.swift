import AccessLog

extension Aggregator {
    /// Adds everything `other` counted. `merge(empty)` changes nothing; merging into an empty
    /// aggregator with the same limits takes `other` as is; the operation is associative up to the
    /// top-K policy (exactly, while no table prunes). Malformed-sample line numbers are kept as given.
    ///
    /// Cost is O(size of `other`'s tables) plus the histograms it touches, independent of lines counted.
    public mutating func merge(_ other: Aggregator) {
        if other.lineTotal == 0 { return }
        if lineTotal == 0 && limits == other.limits { self = other; return }
        if other.keyCache.hasPending {
            var settled = other
            settled.flushPendingKeyCounts()
            merge(settled)
            return
        }
        flushPendingKeyCounts()
        keyEpoch &+= 1
        mergeScalars(other)
        // 1. Keys of every table (payload tables admit their keys with fresh payloads).
        var map = MergeMap()
        let countTables: [(KeyRef.Table, WritableKeyPath<Aggregator, KeyTable>)] = [
            (.detail, \.details), (.transportFailure, \.transportFailures), (.termination, \.terminations),
            (.route, \.routes), (.authority, \.authorities), (.path, \.paths), (.tcpDestination, \.tcpDestinations),
        ]
        for (tag, path) in countTables {
            map.set(tag, other[keyPath: path], mergeCountTable(path, other[keyPath: path], tag))
        }
        map.set(.cluster, other.clusterKeys, mergeKeys(\.clusterKeys, other.clusterKeys, .cluster) { agg, key, n in
            agg.clusterSlot(key, count: n)
        })
        map.set(.method, other.methodKeys, mergeKeys(\.methodKeys, other.methodKeys, .method) { agg, key, n in
            agg.methodSlot(key, isGRPC: false, count: n)
        })
        map.set(.source, other.sourceKeys, mergeKeys(\.sourceKeys, other.sourceKeys, .source) { agg, key, n in
            agg.sourceSlot(key, count: n)
        })
        // 2. Payloads, with their references re-mapped (clusters first: they define host references).
        mergeClusterPayloads(other, &map)
        let remap: (UInt64) -> UInt64? = { map.target($0) }
        for b in other.methodKeys.liveSlots {
            let target = map.targetRef(.method, other.methodKeys, b)
            if !target.isNone && methodKeys.isLive(target) {
                methods[Int(target.slot)].merge(other.methods[Int(b)], remap: remap)
            } else {
                otherMethod.merge(other.methods[Int(b)], remap: remap)
            }
        }
        otherMethod.merge(other.otherMethod, remap: remap)
        for b in other.sourceKeys.liveSlots {
            let target = map.targetRef(.source, other.sourceKeys, b)
            if !target.isNone && sourceKeys.isLive(target) {
                sources[Int(target.slot)].merge(other.sources[Int(b)], remap: remap)
            } else {
                otherSource.merge(other.sources[Int(b)], remap: remap)
            }
        }
        otherSource.merge(other.otherSource, remap: remap)
        for i in 0..<flagStats.count {
            flagStats[i].merge(other.flagStats[i], maxSamples: limits.samplesPerFlag, remap: remap)
        }
        recent.merge(other.recent) { KeyRef(raw: remap($0.raw) ?? 0) }
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
        mergeKeys(path, source, tag) { agg, key, n in
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
    /// slot), carries the top-K floors over, and returns the per-source-slot target references.
    private mutating func mergeKeys(_ path: WritableKeyPath<Aggregator, KeyTable>, _ source: KeyTable,
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

    /// Cluster statistics and their hosts; records where each source host went.
    private mutating func mergeClusterPayloads(_ other: Aggregator, _ map: inout MergeMap) {
        let remap: (UInt64) -> UInt64? = { [map] in map.target($0) }
        for b in other.clusterKeys.liveSlots {
            let src = other.clusters[Int(b)]
            let target = map.targetRef(.cluster, other.clusterKeys, b)
            guard !target.isNone && clusterKeys.isLive(target) else {
                otherCluster.absorbAll(src, remap: remap)
                continue
            }
            let a = Int(target.slot)
            clusters[a].absorbCounts(src, remap: remap)
            var touched = Set<Int32>()
            for hb in src.hostKeys.liveSlots {
                let slot = src.hostKeys.withKey(hb) { key in
                    clusters[a].hostSlot(key, count: src.hostKeys.counts[Int(hb)], serial: &serial)
                }
                clusters[a].hostKeys.raiseFloor(slot, by: src.hostKeys.floors[Int(hb)])
                clusters[a].hosts[Int(slot)].absorb(src.hosts[Int(hb)])
                touched.insert(slot)
                let ref = KeyRef(table: .host, serial: clusters[a].hostKeys.serials[Int(slot)], slot: slot)
                map.hosts[src.hostKeys.serials[Int(hb)] & KeyRef.serialMask] = ref.raw
            }
            clusters[a].hostKeys.finishMerge(from: src.hostKeys, touched: touched)
            clusters[a].otherHost.absorb(src.otherHost)
        }
        otherCluster.absorbAll(other.otherCluster, remap: remap)
    }
}

/// Where each of the source aggregator's keys went in the target, for re-mapping references.
struct MergeMap {
    private var targets = [[UInt64]](repeating: [], count: 16)
    private var serials = [[UInt64]](repeating: [], count: 16)
    /// Source host serial → target host reference (only hosts that were live in the source).
    var hosts: [UInt64: UInt64] = [:]

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
        if tag == .host { return hosts[ref.serial] }
        let t = Int(tag.rawValue), slot = Int(ref.slot)
        guard slot < targets[t].count, serials[t][slot] != 0, serials[t][slot] & KeyRef.serialMask == ref.serial,
              targets[t][slot] != 0 else { return nil }
        return targets[t][slot]
    }
}
