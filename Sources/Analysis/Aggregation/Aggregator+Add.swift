import AccessLog

extension Aggregator {
    /// Counts one access record. `line` is the record's content line (prefix removed) that the
    /// record's `FieldRange`s point into; `source` and `container` are the pod and container from a
    /// kubectl/stern prefix (empty when none). The buffers are only read during the call.
    public mutating func add(_ record: borrowing AccessRecord, line: UnsafeRawBufferPointer,
                             source: UnsafeRawBufferPointer, container: UnsafeRawBufferPointer) {
        lineTotal &+= 1
        // Everything is read from the record here, before any call (see `RecordRanges`).
        if !hasGrpcStatusField && !record[.grpcStatus].isAbsent { hasGrpcStatusField = true }
        if !hasAttemptCountField && !record[.upstreamRequestAttemptCount].isAbsent { hasAttemptCountField = true }
        let ranges = RecordRanges(record)
        var f = Self.facts(of: record)
        // Only cancels (DR/DC) read the request id: they are paired across sidecars.
        let requestId = f.signature.flags.rawValue & Self.cancelFlags != 0 ? record[.requestId] : .absent
        guard keyCache.isLarge, !keyCache.isBypassed, DeferredLines.fits(line: line, source: source, container: container) else {
            if !deferredLines.isEmpty { countDeferredLines() }
            let entry = countLine(ranges, line, &f)
            countExtrasIfAny(entry, ranges, f, line: line, source: source, container: container, requestId: requestId)
            return
        }
        deferLine(ranges, f, requestId: requestId, line: line, source: source, container: container)
    }

    /// Copies the line into the deferred ring, prefetches the cache set of its key and the entry of
    /// the line half a ring older, and counts the oldest line once the ring is full (`DeferredLines`).
    @inline(never)
    private mutating func deferLine(_ ranges: RecordRanges, _ f: LineFacts, requestId: FieldRange, line: UnsafeRawBufferPointer,
                                source: UnsafeRawBufferPointer, container: UnsafeRawBufferPointer) {
        let slot = deferredLines.push(line, source: source, container: container, ranges: ranges, facts: f, requestId: requestId)
        let key = deferredLines.key(slot)
        let length = LineKey.build(ranges, f, line: deferredLines.line(slot), into: key)
        let hash = length > 0 ? LineKey.hash(key, length: length) : 0
        deferredLines.setKey(slot, length: length, hash: hash)
        if length > 0 { keyCache.prefetchSet(hash: hash) }
        if let older = deferredLines.slot(fromNewest: DeferredLines.capacity / 2), deferredLines[older].keyLength > 0 {
            keyCache.prefetchEntry(hash: deferredLines[older].hash, keyLength: deferredLines[older].keyLength)
        }
        if deferredLines.isFull { countDeferredLine(deferredLines.popOldest()) }
    }

    /// Counts every deferred line, oldest first.
    mutating func countDeferredLines() {
        while !deferredLines.isEmpty { countDeferredLine(deferredLines.popOldest()) }
    }

    /// Counts one deferred line (just taken out of the ring; its bytes stay until the next push).
    @inline(never)
    private mutating func countDeferredLine(_ slot: Int) {
        let d = deferredLines[slot]
        var f = d.facts
        let line = deferredLines.line(slot)
        let entry = countLine(d.ranges, line, &f, key: deferredLines.key(slot), length: d.keyLength, hash: d.hash)
        countExtrasIfAny(entry, d.ranges, f, line: line, source: deferredLines.source(slot),
                         container: deferredLines.container(slot), requestId: d.requestId)
    }

    @inline(__always)
    private mutating func countExtrasIfAny(_ entry: Int, _ ranges: RecordRanges, _ f: LineFacts, line: UnsafeRawBufferPointer,
                                          source: UnsafeRawBufferPointer, container: UnsafeRawBufferPointer,
                                          requestId: FieldRange) {
        if f.signature.flags.rawValue != 0 || source.count > 0 || recent.isEnabled {
            countExtras(entry, ranges, f, line: line, source: source, container: container, requestId: requestId)
        }
    }

    /// DR and DC: the flags of a cancel, which both sidecars may log (`CancelCorrelator`).
    @inline(__always) static var cancelFlags: UInt32 {
        1 << UInt32(ResponseFlag.downstreamRemoteReset.rawValue) | 1 << UInt32(ResponseFlag.downstreamConnectionTermination.rawValue)
    }

    /// Flag values, the source pod, the recent-lines ring: what only some lines need, out of line.
    @inline(never)
    private mutating func countExtras(_ entry: Int, _ ranges: RecordRanges, _ f: LineFacts,
                                      line: UnsafeRawBufferPointer, source: UnsafeRawBufferPointer,
                                      container: UnsafeRawBufferPointer, requestId: FieldRange) {
        let keys = entry >= 0 ? keyCache.keys(at: entry) : uncachedKeys
        if f.signature.flags.rawValue != 0 { recordFlagValues(f, line: line) }
        if f.signature.flags.rawValue & Self.cancelFlags != 0 {
            cancels.record(id: line.safeBytes(requestId), authority: line.safeBytes(ranges.authority),
                           path: line.safeBytes(ranges.path), startTimeMs: f.startTimeMs,
                           cluster: line.safeBytes(ranges.cluster), clusterRef: keys.cluster, line: line)
        }
        if source.count > 0 {
            countSource(source, container: container, isError: f.signature.isError, cluster: keys.cluster, host: keys.host)
        }
        if recent.isEnabled { remember(ranges, line: line, source: source, f, method: keys.method) }
    }

    /// The per-line values of a flagged record, for each of its flags.
    @inline(never)
    private mutating func recordFlagValues(_ f: LineFacts, line: UnsafeRawBufferPointer) {
        var flagBits = f.signature.flags.rawValue
        while flagBits != 0 {
            let bit = flagBits.trailingZeroBitCount
            flagBits &= flagBits - 1
            if bit < flagStats.count { flagStats[bit].recordValues(f, line: line, maxSamples: limits.samplesPerFlag) }
        }
    }

    /// Keeps the line in the recent-lines ring (live mode only).
    @inline(never)
    private mutating func remember(_ ranges: RecordRanges, line: UnsafeRawBufferPointer,
                                   source: UnsafeRawBufferPointer, _ f: LineFacts, method: KeyRef) {
        let entry = RecentLineRing.Entry(
            offset: 0, lineLength: 0, sourceLength: 0, cluster: ranges.cluster, host: ranges.host,
            method: method, flags: f.signature.flags, code: f.signature.code, grpcStatus: f.signature.grpcStatus,
            format: f.signature.format, durationMs: f.durationMs, startTimeMs: f.startTimeMs)
        recent.append(line: line, source: source, entry: entry)
    }

    /// The signature's classification bits.
    @inline(__always)
    static func signatureBits(_ f: LineFacts, isGRPC: Bool) -> UInt8 {
        let s = f.signature
        var bits: UInt8 = 0
        if RequestTraits.isError(code: s.code, flags: s.flags, grpcStatus: s.grpcStatus) { bits |= Signature.error }
        if RequestTraits.isClientError(code: s.code) { bits |= Signature.clientError }
        if isGRPC { bits |= Signature.grpc }
        if f.isTCP { bits |= Signature.tcp } else if f.httpVersion == 1 { bits |= Signature.http1 }
        else if f.httpVersion == 2 { bits |= Signature.http2 }
        if f.attempts > 1 { bits |= Signature.retried }
        return bits
    }

    /// The time range and the timeline (per line: they need the line's start time).
    @inline(__always)
    mutating func countTime(_ startTimeMs: Int64, isError: Bool) {
        guard startTimeMs >= 0 else { return }
        if firstMs < 0 || startTimeMs < firstMs { firstMs = startTimeMs }
        if startTimeMs > lastMs { lastMs = startTimeMs }
        timeline.add(startTimeMs: startTimeMs, error: isError)
    }

    /// Counts `n` records with keys `k` and signature `s` everywhere but in the key tables.
    mutating func countSignature(_ k: LineKeys, _ s: Signature, _ n: Int) {
        requests &+= n
        if s.isError { errors &+= n }
        if s.has(Signature.grpc) { grpcRequests &+= n }
        formatCounts[Int(s.format.rawValue)] &+= n
        if s.code >= 0 && s.code < 600 { codeCounts[Int(s.code)] &+= n } else { otherCodes.add(s.codeKey, n) }
        if !k.cluster.isNone { clusters[k.cluster.slot].recordCounts(s, k, n) }
        if !k.host.isNone { hosts[k.host.slot].recordCounts(s, n) }
        if !k.method.isNone { methods[k.method.slot].recordCounts(s, cluster: k.cluster, n) }
        guard s.flags.rawValue != 0 else { return }
        flagSets.add(UInt64(s.flags.rawValue) | 1 << 32, n)
        var flagBits = s.flags.rawValue
        while flagBits != 0 {
            let bit = flagBits.trailingZeroBitCount
            flagBits &= flagBits - 1
            if bit < flagStats.count { flagStats[bit].recordCounts(s, k, n) }
        }
    }

    /// The record's signature inputs and per-line values (bits, TCP and HTTP version are filled in
    /// by `countLine`).
    @inline(__always)
    private static func facts(of record: borrowing AccessRecord) -> LineFacts {
        var f = LineFacts()
        f.signature.code = record.responseCode
        f.signature.flags = record.flags
        f.signature.grpcStatus = record.grpcStatus
        f.signature.format = record.format
        f.durationMs = record.durationMs
        f.upstreamServiceTimeMs = record.upstreamServiceTimeMs
        f.bytesReceived = max(0, record.bytesReceived)
        f.bytesSent = max(0, record.bytesSent)
        f.attempts = record.attemptCount
        f.startTimeMs = record.startTimeMs
        return f
    }

    /// Counts the record for its client pod, and for the pod's links to the cluster and the host.
    @inline(never)
    private mutating func countSource(_ pod: UnsafeRawBufferPointer, container: UnsafeRawBufferPointer,
                                      isError: Bool, cluster: KeyRef, host: KeyRef) {
        let slot: Int32
        if let ref = sourceMemo.ref(pod: pod, container: container), sources.isLive(ref) {
            slot = ref.slot
            sources.addCount(slot, 1)
        } else {
            // A new pod may evict one, and buffered links name pods by slot. (Once a pod was evicted
            // the buffer stays empty: `countPendingPodLinks` counts into the payloads.)
            if sources.keys.isFull && !sources.isApproximate { flushPodLinks() }
            slot = withUnsafeTemporaryAllocation(byteCount: 512, alignment: 1) { key -> Int32 in
                var w = CompositeKeyWriter(key)
                w.append(UnsafeRawBufferPointer(rebasing: pod.prefix(255)))
                w.append(byte: Self.sourceSeparator)
                w.append(UnsafeRawBufferPointer(rebasing: container.prefix(255)))
                return sourceSlot(w.bytes)
            }
            sourceMemo.remember(pod: pod, container: container, sources.ref(slot))
        }
        sources[slot].record(isError: isError)
        guard !cluster.isNone else { return }
        let link = PodLink(pod: sources.ref(slot), cluster: cluster, host: host, isError: isError)
        if pendingPodLinks.append(link) { countPendingPodLinks() }
    }

    /// Separates pod and container in a source key.
    static var sourceSeparator: UInt8 { 0x1F }

    /// Counts `raw` in a count-only table; `.none` for `-`.
    @inline(__always)
    static func count(_ table: inout KeyTable, _ tag: KeyRef.Table, _ raw: UnsafeRawBufferPointer,
                      _ serial: inout UInt64) -> KeyRef {
        if RequestTraits.isDash(raw) { return .none }
        let key = table.clamp(raw)
        let h = KeyTable.hash(key)
        var slot = table.find(key, hash: h)
        if slot < 0 {
            if table.isFull { _ = table.prune() }
            serial &+= 1
            slot = table.insert(key, hash: h, serial: serial)
        }
        table.addCount(slot)
        return KeyRef(table: tag, serial: table.serials[Int(slot)], slot: slot)
    }
}
