import AccessLog

/// Turns the `KeyRef`s kept in breakdowns back into strings when a snapshot is built. A reference
/// whose key has since been evicted (its serial no longer matches) resolves to nil and is counted in
/// the breakdown's "other" entry.
struct RefResolver {
    let aggregator: Aggregator

    init(_ aggregator: Aggregator) { self.aggregator = aggregator }

    /// Calls `body` with the key table a reference points into (borrowed: a returned copy of the
    /// table would retain and release each of its arrays, once per breakdown entry).
    func withTable<R>(_ tag: KeyRef.Table, _ body: (borrowing KeyTable) -> R) -> R {
        switch tag {
        case .cluster: body(aggregator.clusters.keys)
        case .host: body(aggregator.hosts.keys)
        case .detail: body(aggregator.details)
        case .transportFailure: body(aggregator.transportFailures)
        case .termination: body(aggregator.terminations)
        case .route: body(aggregator.routes)
        case .authority: body(aggregator.authorities)
        case .path: body(aggregator.paths)
        case .method: body(aggregator.methods.keys)
        case .tcpDestination: body(aggregator.tcpDestinations)
        case .source: body(aggregator.sources.keys)
        }
    }

    /// The key string (a host without its cluster), or nil when the reference is stale.
    func string(_ ref: KeyRef) -> String? {
        guard let tag = ref.table else { return nil }
        return withTable(tag) { t -> String? in
            guard t.isLive(ref) else { return nil }
            if tag == .host { return t.withKey(ref.slot) { Aggregator.hostName($0) } }
            return t.keyString(ref.slot)
        }
    }

    /// A breakdown as sorted `KeyCount`s (same strings summed), with an "other" entry for dropped and
    /// stale keys.
    func keyCounts(_ counter: RefCounter) -> [KeyCount] {
        var byKey: [String: Int] = [:]
        var other = counter.other
        counter.forEachEntry { key, count in
            if let s = string(KeyRef(raw: key)) { byKey[s, default: 0] += count } else { other += count }
        }
        return Self.sorted(byKey, other: other)
    }

    /// Sorted `KeyCount`s of a whole key table, with its "other" bucket.
    static func keyCounts(_ table: KeyTable) -> [KeyCount] {
        var list = table.liveSlots.map { KeyCount(key: table.keyString($0), count: table.counts[Int($0)]) }
        list.sort(by: Self.before)
        if table.otherCount > 0 { list.append(KeyCount(key: "other", count: table.otherCount, isOther: true)) }
        return list
    }

    static func sorted(_ byKey: [String: Int], other: Int) -> [KeyCount] {
        var list = byKey.map { KeyCount(key: $0.key, count: $0.value) }
        list.sort(by: before)
        if other > 0 { list.append(KeyCount(key: "other", count: other, isOther: true)) }
        return list
    }

    static func before(_ a: KeyCount, _ b: KeyCount) -> Bool {
        a.count != b.count ? a.count > b.count : a.key < b.key
    }

    /// Codes from a counter keyed by `Signature.codeKey`.
    static func codeCounts(_ counter: RefCounter) -> [CodeCount] {
        var list = counter.entries.map { CodeCount(code: Int(truncatingIfNeeded: $0.key) - 2, count: $0.count) }
        list.sort { $0.count != $1.count ? $0.count > $1.count : $0.code < $1.code }
        return list
    }

    /// gRPC statuses from a counter keyed by `Signature.grpcKey`.
    static func grpcCounts(_ counter: RefCounter) -> [GrpcStatusCount] {
        counter.entries.map { GrpcStatusCount(status: Int(truncatingIfNeeded: $0.key) - 2, count: $0.count) }
    }

    /// Flags from a counter keyed by flag bit + 1.
    static func flagCounts(_ counter: RefCounter) -> [FlagCount] {
        counter.entries.compactMap { e in
            ResponseFlag(rawValue: Int(e.key) - 1).map { FlagCount(flag: $0, count: e.count) }
        }
    }
}
