import AccessLog

/// Resolving a line's string keys to table entries and counting the line, through the
/// `LineKeyCache` when possible.
extension Aggregator {
    /// Counts the line — keys, signature, values, time — and returns its `LineKeyCache` entry, or -1
    /// when it was counted without the cache (its keys are then in `uncachedKeys`). Sets `f`'s
    /// signature.
    ///
    /// The hit path: serialise the line key, hash, compare with the cached key, bump the entry's
    /// pending count and keep the values; everything else is out of line in `countMiss`.
    @inline(never)
    mutating func countLine(_ r: RecordRanges, _ line: UnsafeRawBufferPointer, _ f: inout LineFacts) -> Int {
        guard keyCache.isEnabled, !keyCache.shouldSkip() else { return countMiss(r, line, &f, key: nil, length: 0, hash: 0) }
        return withUnsafeTemporaryAllocation(byteCount: LineKey.scratchBytes, alignment: 16) { scratch -> Int in
            let key = scratch.baseAddress.unsafelyUnwrapped
            let length = LineKey.build(r, f, line: line, into: key)
            guard length > 0 else { return countMiss(r, line, &f, key: nil, length: 0, hash: 0) }
            let hash = LineKey.hash(key, length: length)
            // The same as `countLine(_:_:_:key:length:hash:)`, written out: the compiler does not
            // inline a call here, and the call costs the low-cardinality case about 2 %.
            let i = keyCache.find(key, length: length, hash: hash)
            guard i >= 0 && (keyCache.epoch(at: i) == keyEpoch || allLive(keyCache.keys(at: i))) else {
                keyCache.noteLookup(hit: false)
                return countMiss(r, line, &f, key: key, length: length, hash: hash)
            }
            keyCache.noteLookup(hit: true)
            f.signature = keyCache.signature(at: i)
            // The line's values wait in the entry (recorded in batches, see `PendingValues`).
            if keyCache.recordHit(i, epoch: keyEpoch, values: f) { queueValues(keyCache.keys(at: i), keyCache.takeValues(i)) }
            countTime(f.startTimeMs, isError: f.signature.isError)
            return i
        }
    }

    /// `countLine` for a line whose key is already built (`length` 0: none) and hashed (a deferred
    /// line).
    mutating func countLine(_ r: RecordRanges, _ line: UnsafeRawBufferPointer, _ f: inout LineFacts,
                            key: UnsafeRawPointer, length: Int, hash: UInt64) -> Int {
        guard length > 0 else { return countMiss(r, line, &f, key: nil, length: 0, hash: 0) }
        let i = keyCache.find(key, length: length, hash: hash)
        guard i >= 0 && (keyCache.epoch(at: i) == keyEpoch || allLive(keyCache.keys(at: i))) else {
            keyCache.noteLookup(hit: false)
            return countMiss(r, line, &f, key: key, length: length, hash: hash)
        }
        keyCache.noteLookup(hit: true)
        f.signature = keyCache.signature(at: i)
        if keyCache.recordHit(i, epoch: keyEpoch, values: f) { queueValues(keyCache.keys(at: i), keyCache.takeValues(i)) }
        countTime(f.startTimeMs, isError: f.signature.isError)
        return i
    }

    /// The slow path: a line the cache does not hold (or cannot: `key` nil). Pending counts go into
    /// the tables first (they may admit or prune); then the line is classified, looked up, counted
    /// and, when it has a key, cached.
    @inline(never)
    private mutating func countMiss(_ r: RecordRanges, _ line: UnsafeRawBufferPointer, _ f: inout LineFacts,
                                    key: UnsafeRawPointer?, length: Int, hash: UInt64) -> Int {
        // Admitting a key into a full table or counter prunes it: the prune reads counts (pending ones
        // must be in, or it could keep other keys than an uncached count would) and may evict keys that
        // pending entries refer to. Below every bound, counting is pure addition and the order of the
        // lines does not matter, so the pending counts wait.
        let mayEvict = countersAtBound || anyKeyTableFull
        if mayEvict {
            flushBeforeEviction()
        } else if keyCache.dirtyCount >= keyCache.entryCount {
            flushPendingTableCounts()
        }
        let fields = LineFields(r, line)
        let serialBefore = serial
        f.isTCP = fields.isTCP
        f.httpVersion = fields.proto.httpVersion
        let keys = withUnsafeTemporaryAllocation(byteCount: 256, alignment: 8) { buffer -> LineKeys in
            let mayBeGRPC = f.signature.grpcStatus >= 0 || (f.httpVersion == 2 && fields.method.isPOST)
            let path = f.isTCP ? PathKey.none : pathKey(fields.path, wantGRPC: mayBeGRPC, buffer: buffer)
            f.signature.bits = Self.signatureBits(f, isGRPC: mayBeGRPC && path.isGRPCShape)
            let isGRPC = f.signature.has(Signature.grpc)
            let isOperation = !isGRPC && !f.isTCP && !path.bytes.isEmpty && !fields.method.isGET && !fields.method.isDash
            let parts = KeyParts(
                destination: f.isTCP ? (fields.sni.isDash ? fields.originalDestination : fields.sni) : fields.authority,
                host: fields.host, cluster: fields.cluster, detail: fields.detail, termination: fields.termination,
                transportFailure: fields.transportFailure, route: fields.route, path: path.bytes,
                method: isOperation ? fields.method : .empty, signature: f.signature, kind: isGRPC ? 1 : (isOperation ? 2 : 0))
            return lookUpKeys(parts, grpcPath: fields.path.buffer)
        }
        countSignature(keys, f.signature, 1)
        if !countersAtBound && touchesFullCounter(keys, f.signature) { countersAtBound = true }
        countTime(f.startTimeMs, isError: f.signature.isError)
        if !keys.cluster.isNone { clusters[keys.cluster.slot].recordValues(f, hasHost: !keys.host.isNone) }
        if !keys.host.isNone { hosts[keys.host.slot].recordValues(f) }
        if !keys.method.isNone { methods[keys.method.slot].recordValues(f) }
        if mayEvict { keyEpoch &+= 1 }
        uncachedKeys = keys
        // A gRPC method is keyed by the raw path: not determined by the key when normalising changed it.
        if let key, !(f.signature.has(Signature.grpc) && LineKey.pathWasChanged(key)) {
            if serial == serialBefore { keyCache.noteRepeatedKeys() }
            if keyCache.shouldGrow {
                flushPendingTableCounts()
                keyCache.grow()
            }
            let victim = keyCache.victim(hash: hash)
            if keyCache.hasPendingCounts(victim) { drainCacheEntry(victim) }
            keyCache.store(key, length: length, hash: hash, keys: keys, signature: f.signature, epoch: keyEpoch)
        }
        return -1
    }

    /// Counts everything that waits — the deferred lines, the pending pod links (through the pod-link
    /// buffer, then drained), the value batches and the key cache's pending lines: the one place where
    /// all waiting counts go in. Called before anything reads the counts, merges, trims or releases
    /// the cache. (`flushBeforeEviction` and `flushPendingTableCounts` are its parts that may run
    /// while a line is being counted.)
    mutating func flushPendingKeyCounts() {
        countDeferredLines()
        flushBeforeEviction()
    }

    /// `flushPendingTableCounts`, and the pod-link buffer drained (its entries name table slots, which
    /// an eviction may give to other keys): called before anything may evict a key.
    mutating func flushBeforeEviction() {
        flushPendingTableCounts()
        drainPodLinkBuffer()
    }

    /// Counts the pending pod links (into the pod-link buffer, while it takes them), the queued value
    /// batches and the key cache's pending lines (not the deferred lines: this runs while a line is
    /// being counted).
    mutating func flushPendingTableCounts() {
        countPendingPodLinks()
        recordPendingValueBatches()
        guard keyCache.hasPending else { return }
        countPending { cache, body in cache.drainPending(body) }
    }

    /// True when some counts still wait: deferred lines, pod links (queued or buffered), value
    /// batches, or the key cache's pending lines.
    var hasPendingCounts: Bool {
        !deferredLines.isEmpty || keyCache.hasPending || !pendingPodLinks.isEmpty || !pendingValueBatches.isEmpty
            || !podLinkBuffer.isEmpty
    }

    /// Counts every pending line and frees the key cache's entries (it starts small again if more
    /// lines come): a report's aggregator does this before its snapshot is built, so that the cache's
    /// memory is not held at the same time. The pod-link buffer is drained after the cache is gone,
    /// so that the links it fills into the payloads do not add to the cache's memory.
    public mutating func releaseKeyCache() {
        countDeferredLines()
        flushPendingTableCounts()
        keyCache.release()
        drainPodLinkBuffer()
        podLinkBuffer.release()
    }

    /// Counts every pending line and starts the key cache again small, growing to at most `entries`
    /// (and never past `limits.keyCacheEntries`): fewer for a reader that counts only some of a file's
    /// line keys (`ClusterPartitionSink`), all of them again afterwards.
    mutating func capKeyCache(entries: Int) {
        flushPendingKeyCounts()
        keyCache = LineKeyCache(entries: min(max(0, entries), limits.keyCacheEntries))
    }

    /// Counts the pending lines of one key-cache entry (before `store` reuses it).
    private mutating func drainCacheEntry(_ i: Int) {
        countPending { cache, body in cache.drainEntry(i, body) }
    }

    /// Counts the pending lines that `drain` hands out of the key cache into the tables.
    private mutating func countPending(
        _ drain: (inout LineKeyCache, (LineKeys, Signature, Int, PendingValues) -> Void) -> Void) {
        var cache = LineKeyCache(entries: 0)
        swap(&cache, &keyCache)
        drain(&cache) { keys, signature, n, values in
            addTableCounts(keys, n)
            countSignature(keys, signature, n)
            recordValues(keys, values)
        }
        swap(&cache, &keyCache)
    }

    /// True when a breakdown counter that lines with keys `k` and signature `s` count into is at its
    /// bound. (Only an uncached line can bring a counter a new key, so checking those suffices.)
    private func touchesFullCounter(_ k: LineKeys, _ s: Signature) -> Bool {
        if otherCodes.isFull || flagSets.isFull { return true }
        if !k.cluster.isNone && clusters[k.cluster.slot].hasFullCounter { return true }
        if !k.host.isNone && hosts[k.host.slot].hasFullCounter { return true }
        if !k.method.isNone && methods[k.method.slot].hasFullCounter { return true }
        var flagBits = s.flags.rawValue
        while flagBits != 0 {
            let bit = flagBits.trailingZeroBitCount
            flagBits &= flagBits - 1
            if bit < flagStats.count && flagStats[bit].hasFullCounter { return true }
        }
        return false
    }

    /// True when some key table is at its bound, so that admitting a new key would prune it.
    private var anyKeyTableFull: Bool {
        clusters.keys.isFull || hosts.keys.isFull || methods.keys.isFull || sources.keys.isFull
            || details.isFull || transportFailures.isFull || terminations.isFull || routes.isFull
            || authorities.isFull || paths.isFull || tcpDestinations.isFull
    }

    /// Records a batch of lines' values into the cluster (and host) and method of `k` (all live).
    @inline(never)
    mutating func recordValues(_ k: LineKeys, _ values: PendingValues) {
        guard !values.isEmpty else { return }
        if !k.cluster.isNone { clusters[k.cluster.slot].recordValues(values, hasHost: !k.host.isNone) }
        if !k.host.isNone { hosts[k.host.slot].recordValues(values) }
        if !k.method.isNone { methods[k.method.slot].recordValues(values) }
    }

    /// True when every reference in `k` still points at the key it was made for.
    private mutating func allLive(_ k: LineKeys) -> Bool {
        if !k.cluster.isNone {
            guard clusters.isLive(k.cluster) else { return false }
            if !k.host.isNone && !hosts.isLive(k.host) { return false }
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
            && (k.method.isNone || methods.isLive(k.method))
    }

    /// Adds `n` occurrences to every key of `k` (all live) in the key tables.
    private mutating func addTableCounts(_ k: LineKeys, _ n: Int) {
        if !k.cluster.isNone {
            clusters.addCount(k.cluster.slot, n)
            if !k.host.isNone { hosts.addCount(k.host.slot, n) }
        }
        if !k.detail.isNone { details.addCount(k.detail.slot, n) }
        if !k.transportFailure.isNone { transportFailures.addCount(k.transportFailure.slot, n) }
        if !k.termination.isNone { terminations.addCount(k.termination.slot, n) }
        if !k.route.isNone { routes.addCount(k.route.slot, n) }
        if !k.path.isNone { paths.addCount(k.path.slot, n) }
        if !k.method.isNone { methods.addCount(k.method.slot, n) }
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
        if !k.cluster.isNone { k.host = hostRef(p.host.buffer, cluster: k.cluster) }
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
            var w = CompositeKeyWriter(key)
            w.append(UnsafeRawBufferPointer(rebasing: method.prefix(64)))
            w.append(byte: UInt8(ascii: " "))
            w.append(UnsafeRawBufferPointer(rebasing: path.prefix(900)))
            return methodRef(w.bytes, isGRPC: false)
        }
    }
}
