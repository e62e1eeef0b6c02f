import AccessLog

extension Aggregator {
    /// Counts one access record. `line` is the record's content line (prefix removed) that the
    /// record's `FieldRange`s point into; `source` and `container` are the pod and container from a
    /// kubectl/stern prefix (empty when none). The buffers are only read during the call.
    public mutating func add(_ record: borrowing AccessRecord, line: UnsafeRawBufferPointer,
                             source: UnsafeRawBufferPointer, container: UnsafeRawBufferPointer) {
        lineTotal &+= 1
        formatCounts[Int(record.format.rawValue)] &+= 1
        var f = facts(of: record, line: line)
        let methodBytes = line.safeBytes(record[.method])
        let rawPath = line.safeBytes(record[.path])
        let path = Self.withoutQuery(rawPath)
        f.isGRPC = !f.isTCP && RequestTraits.isGRPCMethodPath(path)
            && ((f.httpVersion == 2 && RequestTraits.isPOST(methodBytes)) || f.grpcStatus >= 0)
        f.isError = RequestTraits.isError(code: f.code, flags: f.flags, grpcStatus: f.grpcStatus)
        f.isClientError = RequestTraits.isClientError(code: f.code)

        requests &+= 1
        if f.isError { errors &+= 1 }
        if f.isGRPC { grpcRequests &+= 1 }
        if !hasGrpcStatusField && record.has(.grpcStatus) { hasGrpcStatusField = true }
        if !hasAttemptCountField && record.has(.upstreamRequestAttemptCount) { hasAttemptCountField = true }
        if f.startTimeMs >= 0 {
            if firstMs < 0 || f.startTimeMs < firstMs { firstMs = f.startTimeMs }
            if f.startTimeMs > lastMs { lastMs = f.startTimeMs }
            timeline.add(startTimeMs: f.startTimeMs, error: f.isError)
        }
        if f.code >= 0 && f.code < 600 { codeCounts[Int(f.code)] &+= 1 } else { otherCodes.add(f.codeKey) }
        if f.flags.rawValue != 0 { flagSets.add(UInt64(f.flags.rawValue) | 1 << 32) }

        f.detail = Self.count(&details, .detail, line.safeBytes(record[.responseCodeDetails]), &serial)
        f.transportFailure = Self.count(&transportFailures, .transportFailure,
                                        line.safeBytes(record[.upstreamTransportFailureReason]), &serial)
        _ = Self.count(&terminations, .termination, line.safeBytes(record[.connectionTerminationDetails]), &serial)
        _ = Self.count(&routes, .route, line.safeBytes(record[.routeName]), &serial)
        if f.isTCP {
            var dest = line.safeBytes(record[.requestedServerName])
            if RequestTraits.isDash(dest) { dest = line.safeBytes(record[.downstreamLocalAddress]) }
            f.destination = Self.count(&tcpDestinations, .tcpDestination, dest, &serial)
        } else {
            f.destination = Self.count(&authorities, .authority, line.safeBytes(record[.authority]), &serial)
            if !RequestTraits.isDash(path) { countPathAndMethod(&f, path: path, method: methodBytes) }
        }

        let cluster = clusterRef(line.safeBytes(record[.upstreamCluster]))
        var host = KeyRef.none
        if !cluster.isNone {
            host = clusters[Int(cluster.slot)].record(f, host: line.safeBytes(record[.upstreamHost]), serial: &serial)
        }
        if !f.method.isNone { methods[Int(f.method.slot)].record(f, cluster: cluster) }
        if f.flags.rawValue != 0 { countFlagDetails(f, cluster: cluster, host: host, line: line) }
        if source.count > 0 { countSource(source, container: container, isError: f.isError, cluster: cluster, host: host) }
        if recent.isEnabled {
            let entry = RecentLineRing.Entry(
                offset: 0, lineLength: 0, sourceLength: 0, cluster: record[.upstreamCluster], host: record[.upstreamHost],
                method: f.method, flags: f.flags, code: f.code, grpcStatus: f.grpcStatus, format: record.format,
                durationMs: f.durationMs, startTimeMs: f.startTimeMs)
            recent.append(line: line, source: source, entry: entry)
        }
    }

    @inline(__always)
    private func facts(of record: borrowing AccessRecord, line: UnsafeRawBufferPointer) -> LineFacts {
        var f = LineFacts()
        f.code = record.responseCode
        f.flags = record.flags
        f.grpcStatus = record.grpcStatus
        f.durationMs = record.durationMs
        f.upstreamServiceTimeMs = record.upstreamServiceTimeMs
        f.bytesReceived = max(0, record.bytesReceived)
        f.bytesSent = max(0, record.bytesSent)
        f.attempts = record.attemptCount
        f.startTimeMs = record.startTimeMs
        let proto = line.safeBytes(record[.protocol])
        f.isTCP = RequestTraits.isDash(line.safeBytes(record[.method])) && RequestTraits.isDash(proto)
        f.httpVersion = RequestTraits.httpVersion(proto)
        return f
    }

    /// Counts the normalised path, and the gRPC method or non-GET operation (`POST /orders/{id}`).
    @inline(__always)
    private mutating func countPathAndMethod(_ f: inout LineFacts, path: UnsafeRawBufferPointer,
                                             method: UnsafeRawBufferPointer) {
        if PathNormalizer.isNormal(path) {
            f.path = Self.count(&paths, .path, path, &serial)
            if f.isGRPC {
                f.method = methodRef(path, isGRPC: true)
            } else if !RequestTraits.isGET(method) && !RequestTraits.isDash(method) {
                f.method = operationRef(method: method, path: path)
            }
            return
        }
        withUnsafeTemporaryAllocation(byteCount: limits.maxKeyLength, alignment: 1) { buffer in
            let n = PathNormalizer.normalize(path, into: buffer)
            let normal = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<n])
            f.path = Self.count(&paths, .path, normal, &serial)
            if f.isGRPC {
                f.method = methodRef(path, isGRPC: true)
            } else if !RequestTraits.isGET(method) && !RequestTraits.isDash(method) {
                f.method = operationRef(method: method, path: normal)
            }
        }
    }

    /// `METHOD path` as the key of a non-gRPC operation.
    private mutating func operationRef(method: UnsafeRawBufferPointer, path: UnsafeRawBufferPointer) -> KeyRef {
        let n = min(method.count + 1 + path.count, limits.maxKeyLength)
        return withUnsafeTemporaryAllocation(byteCount: n, alignment: 1) { key in
            var i = 0
            for b in method where i < n { key[i] = b; i += 1 }
            if i < n { key[i] = UInt8(ascii: " "); i += 1 }
            for b in path where i < n { key[i] = b; i += 1 }
            return methodRef(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(key)[0..<i]), isGRPC: false)
        }
    }

    private mutating func countFlagDetails(_ f: LineFacts, cluster: KeyRef, host: KeyRef, line: UnsafeRawBufferPointer) {
        var bits = f.flags.rawValue
        while bits != 0 {
            let bit = bits.trailingZeroBitCount
            bits &= bits - 1
            guard bit < flagStats.count else { continue }
            flagStats[bit].record(f, cluster: cluster, host: host)
            if flagStats[bit].samples.count < limits.samplesPerFlag {
                flagStats[bit].samples.append(SampleText.plain(line, maxBytes: 4096))
            }
        }
    }

    private mutating func countSource(_ pod: UnsafeRawBufferPointer, container: UnsafeRawBufferPointer,
                                      isError: Bool, cluster: KeyRef, host: KeyRef) {
        let n = min(pod.count + 1 + container.count, limits.maxKeyLength)
        let slot = withUnsafeTemporaryAllocation(byteCount: n, alignment: 1) { key -> Int32 in
            var i = 0
            for b in pod where i < n { key[i] = b; i += 1 }
            if i < n { key[i] = Self.sourceSeparator; i += 1 }
            for b in container where i < n { key[i] = b; i += 1 }
            return sourceSlot(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(key)[0..<i]))
        }
        sources[Int(slot)].record(isError: isError, cluster: cluster, host: host)
    }

    /// Separates pod and container in a source key.
    static var sourceSeparator: UInt8 { 0x1F }

    /// The path without its query string.
    @inline(__always)
    static func withoutQuery(_ path: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        for i in 0..<path.count where path[i] == UInt8(ascii: "?") {
            return UnsafeRawBufferPointer(rebasing: path[0..<i])
        }
        return path
    }

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
