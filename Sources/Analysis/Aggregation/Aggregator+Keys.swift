import AccessLog

/// Admission into the tables whose keys carry statistics (clusters, methods, sources): when such a
/// table prunes, the evicted keys' statistics are folded into the table's "other" accumulator.
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
        let slot = clusterSlot(clusterKeys.clamp(name), count: 1)
        return KeyRef(table: .cluster, serial: clusterKeys.serials[Int(slot)], slot: slot)
    }

    mutating func clusterSlot(_ key: UnsafeRawBufferPointer, count: Int) -> Int32 {
        let h = KeyTable.hash(key)
        var slot = clusterKeys.find(key, hash: h)
        if slot < 0 {
            if clusterKeys.isFull {
                for evicted in clusterKeys.prune() {
                    otherCluster.absorb(clusters[Int(evicted)])
                    clusters[Int(evicted)] = ClusterAccumulator(name: otherCluster.name, limits: limits)
                }
            }
            serial &+= 1
            slot = clusterKeys.insert(key, hash: h, serial: serial)
            let fresh = ClusterAccumulator(name: ClusterName(String(decoding: key, as: UTF8.self)), limits: limits)
            if Int(slot) == clusters.count { clusters.append(fresh) } else { clusters[Int(slot)] = fresh }
        }
        clusterKeys.addCount(slot, count)
        return slot
    }

    /// The method's reference (counting one request).
    @inline(__always)
    mutating func methodRef(_ raw: UnsafeRawBufferPointer, isGRPC: Bool) -> KeyRef {
        let slot = methodSlot(methodKeys.clamp(raw), isGRPC: isGRPC, count: 1)
        return KeyRef(table: .method, serial: methodKeys.serials[Int(slot)], slot: slot)
    }

    mutating func methodSlot(_ key: UnsafeRawBufferPointer, isGRPC: Bool, count: Int) -> Int32 {
        let h = KeyTable.hash(key)
        var slot = methodKeys.find(key, hash: h)
        if slot < 0 {
            if methodKeys.isFull {
                for evicted in methodKeys.prune() {
                    otherMethod.merge(methods[Int(evicted)]) { $0 }
                    methods[Int(evicted)] = MethodAccumulator(limits: limits)
                }
            }
            serial &+= 1
            slot = methodKeys.insert(key, hash: h, serial: serial)
            let fresh = MethodAccumulator(isGRPC: isGRPC, limits: limits)
            if Int(slot) == methods.count { methods.append(fresh) } else { methods[Int(slot)] = fresh }
        }
        methodKeys.addCount(slot, count)
        return slot
    }

    mutating func sourceSlot(_ rawKey: UnsafeRawBufferPointer, count: Int = 1) -> Int32 {
        let key = sourceKeys.clamp(rawKey)
        let h = KeyTable.hash(key)
        var slot = sourceKeys.find(key, hash: h)
        if slot < 0 {
            if sourceKeys.isFull {
                for evicted in sourceKeys.prune() {
                    otherSource.merge(sources[Int(evicted)]) { $0 }
                    sources[Int(evicted)] = SourceAccumulator(limits: limits)
                }
            }
            serial &+= 1
            slot = sourceKeys.insert(key, hash: h, serial: serial)
            let fresh = SourceAccumulator(limits: limits)
            if Int(slot) == sources.count { sources.append(fresh) } else { sources[Int(slot)] = fresh }
        }
        sourceKeys.addCount(slot, count)
        return slot
    }
}
