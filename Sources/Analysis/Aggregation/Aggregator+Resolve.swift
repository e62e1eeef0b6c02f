import AccessLog

/// Resolving a line's string keys to table entries and counting the line, through the
/// `LineKeyCache` when possible.
extension Aggregator {
    /// Counts the line (keys and signature; not its per-line values) and returns its keys.
    @inline(__always)
    mutating func resolveAndCount(_ fields: LineFields, _ f: inout LineFacts, _ path: PathKey) -> LineKeys {
        let isGRPC = f.signature.has(Signature.grpc)
        let isOperation = !isGRPC && !f.isTCP && !path.bytes.isEmpty && !fields.method.isGET && !fields.method.isDash
        let parts = KeyParts(
            destination: f.isTCP ? (fields.sni.isDash ? fields.originalDestination : fields.sni) : fields.authority,
            host: fields.host, cluster: fields.cluster, detail: fields.detail, termination: fields.termination,
            transportFailure: fields.transportFailure, route: fields.route, path: path.bytes, pathID: path.id,
            method: isOperation ? fields.method : .empty,
            signature: f.signature, kind: isGRPC ? 1 : (isOperation ? 2 : 0))
        guard keyCache.isEnabled && parts.cacheable else { return countUncached(parts, grpcPath: fields.path.buffer) }
        let hash = parts.hash
        let i = keyCache.find(parts, hash: hash)
        if i >= 0 {
            let cached = keyCache.entry(at: i).keys
            if keyCache.epoch(at: i) == keyEpoch || allLive(cached) {
                // The line's values wait in the entry (recorded in batches, see `PendingValues`).
                if keyCache.recordHit(i, epoch: keyEpoch, values: f) { recordValues(cached, keyCache.takeValues(i)) }
                f.valuesPending = true
                return cached
            }
        }
        return countMiss(parts, hash: hash, grpcPath: fields.path.buffer)
    }

    /// A line the key cache cannot hold: looked up and counted directly.
    @inline(never)
    private mutating func countUncached(_ parts: KeyParts, grpcPath: UnsafeRawBufferPointer) -> LineKeys {
        let keys = lookUpKeys(parts, grpcPath: grpcPath)
        countSignature(keys, parts.signature, 1)
        return keys
    }

    /// A key-cache miss: tables may change (admit, prune), so pending counts go into them first; then
    /// the line is looked up, counted, and cached.
    @inline(never)
    private mutating func countMiss(_ parts: KeyParts, hash: UInt64, grpcPath: UnsafeRawBufferPointer) -> LineKeys {
        flushPendingKeyCounts()
        let keys = lookUpKeys(parts, grpcPath: grpcPath)
        countSignature(keys, parts.signature, 1)
        keyEpoch &+= 1
        keyCache.store(parts, hash: hash, keys: keys, epoch: keyEpoch)
        return keys
    }

    /// Counts the key cache's pending lines. Called before anything reads, admits into or prunes a
    /// key table or reads the counts.
    mutating func flushPendingKeyCounts() {
        guard keyCache.hasPending else { return }
        var cache = LineKeyCache(entries: 0)
        swap(&cache, &keyCache)
        cache.drainPending { entry, n, values in
            addTableCounts(entry.keys, n)
            countSignature(entry.keys, entry.signature, n)
            recordValues(entry.keys, values)
        }
        swap(&cache, &keyCache)
    }

    /// Records a batch of lines' values into the cluster (and host) and method of `k` (all live).
    @inline(never)
    mutating func recordValues(_ k: LineKeys, _ values: PendingValues) {
        guard !values.isEmpty else { return }
        if !k.cluster.isNone {
            clusters[Int(k.cluster.slot)].recordValues(values, hostSlot: k.host.isNone ? -1 : k.host.slot)
        }
        if !k.method.isNone { methods[Int(k.method.slot)].recordValues(values) }
    }

    /// True when every reference in `k` still points at the key it was made for.
    private mutating func allLive(_ k: LineKeys) -> Bool {
        if !k.cluster.isNone {
            guard clusterKeys.isLive(k.cluster) else { return false }
            if !k.host.isNone && !clusters[Int(k.cluster.slot)].hostKeys.isLive(k.host) { return false }
        }
        if !k.destination.isNone {
            let live = k.destination.table == .authority ? authorities.isLive(k.destination)
                : tcpDestinations.isLive(k.destination)
            guard live else { return false }
        }
        return (k.detail.isNone || details.isLive(k.detail))
            && (k.transportFailure.isNone || transportFailures.isLive(k.transportFailure))
            && (k.termination.isNone || terminations.isLive(k.termination))
            && (k.route.isNone || routes.isLive(k.route))
            && (k.path.isNone || paths.isLive(k.path))
            && (k.method.isNone || methodKeys.isLive(k.method))
    }

    /// Adds `n` occurrences to every key of `k` (all live) in the key tables.
    private mutating func addTableCounts(_ k: LineKeys, _ n: Int) {
        if !k.cluster.isNone {
            clusterKeys.addCount(k.cluster.slot, n)
            if !k.host.isNone { clusters[Int(k.cluster.slot)].hostKeys.addCount(k.host.slot, n) }
        }
        if !k.detail.isNone { details.addCount(k.detail.slot, n) }
        if !k.transportFailure.isNone { transportFailures.addCount(k.transportFailure.slot, n) }
        if !k.termination.isNone { terminations.addCount(k.termination.slot, n) }
        if !k.route.isNone { routes.addCount(k.route.slot, n) }
        if !k.path.isNone { paths.addCount(k.path.slot, n) }
        if !k.method.isNone { methodKeys.addCount(k.method.slot, n) }
        if !k.destination.isNone {
            if k.destination.table == .authority {
                authorities.addCount(k.destination.slot, n)
            } else {
                tcpDestinations.addCount(k.destination.slot, n)
            }
        }
    }

    /// The slow path: one table lookup per key, each counting one occurrence. Each table admits at
    /// most one key of the line (after its own prune), so every returned reference is live.
    private mutating func lookUpKeys(_ p: KeyParts, grpcPath: UnsafeRawBufferPointer) -> LineKeys {
        var k = LineKeys()
        k.cluster = clusterRef(p.cluster.buffer)
        if !k.cluster.isNone { k.host = clusters[Int(k.cluster.slot)].hostRef(p.host.buffer, serial: &serial) }
        k.detail = Self.count(&details, .detail, p.detail.buffer, &serial)
        k.transportFailure = Self.count(&transportFailures, .transportFailure, p.transportFailure.buffer, &serial)
        k.termination = Self.count(&terminations, .termination, p.termination.buffer, &serial)
        k.route = Self.count(&routes, .route, p.route.buffer, &serial)
        if p.signature.has(Signature.tcp) {
            k.destination = Self.count(&tcpDestinations, .tcpDestination, p.destination.buffer, &serial)
        } else {
            k.destination = Self.count(&authorities, .authority, p.destination.buffer, &serial)
        }
        if !p.path.isEmpty { k.path = Self.count(&paths, .path, p.path.buffer, &serial) }
        if p.kind == 1 {
            k.method = methodRef(grpcPath, isGRPC: true)
        } else if p.kind == 2 {
            k.method = operationRef(method: p.method.buffer, path: p.path.buffer)
        }
        return k
    }

    /// `METHOD path` as the key of a non-gRPC operation.
    private mutating func operationRef(method: UnsafeRawBufferPointer, path: UnsafeRawBufferPointer) -> KeyRef {
        withUnsafeTemporaryAllocation(byteCount: 1024, alignment: 1) { key in
            var w = ByteWriter(key)
            w.append(UnsafeRawBufferPointer(rebasing: method.prefix(64)))
            w.append(byte: UInt8(ascii: " "))
            w.append(UnsafeRawBufferPointer(rebasing: path.prefix(900)))
            return methodRef(w.bytes, isGRPC: false)
        }
    }
}
