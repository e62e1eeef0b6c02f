import AccessLog

/// Pairs the DR/DC records that two sidecars wrote for one cancelled request.
///
/// A gRPC client that cancels (deadline or cancel) resets its stream: its own sidecar logs DR on the
/// `outbound|…` cluster, and the server's sidecar, whose downstream stream is reset in turn, logs DR
/// on the `inbound|…` cluster (Envoy 1.40, docs/testing.md "What the lab showed"). The two records
/// are one event. They are paired by request id (`%REQ(X-REQUEST-ID)%`), or — when no id is logged —
/// by authority, path and start second (±1 s).
///
/// Only records with DR or DC reach it (the aggregator's out-of-line path for flagged lines). Each
/// key keeps only its *unpaired* records (one side's surplus): a record meeting a surplus of the other
/// side pairs with it at once and the entry shrinks or goes, so memory holds only what is still
/// unpaired, at most `capacity` keys. Per key the pairs are min(outbound, inbound) whatever the order,
/// so aggregating in parts and merging gives the same counts as one pass (exactly while no key was
/// refused). A record whose key finds the table full is counted as untracked: not de-duplicated,
/// and the result says it is approximate when both sides were seen.
struct CancelCorrelator: Sendable {
    /// One key's unpaired records.
    struct Entry: Sendable, Equatable {
        /// 0 when keyed by request id; otherwise the hash of authority and path (keyed by time).
        var route: UInt64
        /// Start second of a time-keyed entry.
        var second: Int64
        /// Unpaired records, all of side `isInbound` (> 0).
        var surplus: Int
        var isInbound: Bool
        /// The cluster (`KeyRef.raw`) of the first unpaired record.
        var cluster: UInt64
    }

    /// A matched pair's clusters: client side (outbound) and server side (inbound).
    struct Link: Hashable, Sendable {
        var outbound: UInt64
        var inbound: UInt64
    }

    let capacity: Int
    /// Most (outbound, inbound) cluster pairs remembered for the evidence.
    static let linkCapacity = 256

    private(set) var entries: [UInt64: Entry] = [:]
    private(set) var outboundRecords = 0
    private(set) var inboundRecords = 0
    /// Pairs matched when they met (same id, or same authority, path and second).
    private(set) var matchedByID = 0
    private(set) var matchedByTime = 0
    private(set) var untrackedOutbound = 0
    private(set) var untrackedInbound = 0
    /// Matched pairs per cluster pair (at most `linkCapacity`; the rest only in the totals).
    private(set) var links: [Link: Int] = [:]
    /// The lines of the first few unpaired keys, until one pair is complete (evidence only).
    private(set) var pendingTexts: [UInt64: String] = [:]
    static let pendingTextCapacity = 8
    /// The first pair completed: the client side's line, then the server side's.
    private(set) var pairSample: [String] = []

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// True when no record was counted.
    var isEmpty: Bool { outboundRecords == 0 && inboundRecords == 0 }

    /// Counts one DR/DC record. `cluster` is the record's upstream cluster bytes (its `inbound` prefix
    /// tells the server side), `clusterRef` the aggregator's reference to it.
    mutating func record(id: UnsafeRawBufferPointer, authority: UnsafeRawBufferPointer, path: UnsafeRawBufferPointer,
                         startTimeMs: Int64, cluster: UnsafeRawBufferPointer, clusterRef: KeyRef,
                         line: UnsafeRawBufferPointer) {
        let inbound = Self.isInbound(cluster)
        let key: UInt64, route: UInt64, second: Int64
        if RequestTraits.isDash(id) || id.count == 0 {
            route = Self.routeHash(authority, path)
            second = startTimeMs >= 0 ? startTimeMs / 1000 : -1
            key = Self.timeKey(route, second)
        } else {
            (key, route, second) = (Self.hash(id) | 1 << 63, 0, 0)
        }
        if pairSample.isEmpty { keepSample(key, inbound: inbound, line: line) }
        add(key: key, route: route, second: second, inbound: inbound, cluster: clusterRef.raw, count: 1)
        if !pendingTexts.isEmpty && entries[key] == nil { pendingTexts[key] = nil }
    }

    /// Remembers the line of a new unpaired key (the first few), or completes the pair sample.
    private mutating func keepSample(_ key: UInt64, inbound: Bool, line: UnsafeRawBufferPointer) {
        if let e = entries[key] {
            guard e.isInbound != inbound, let other = pendingTexts[key] else { return }
            let mine = SampleText.plain(line, maxBytes: 4096)
            pairSample = inbound ? [other, mine] : [mine, other]
            pendingTexts = [:]
        } else if pendingTexts.count < Self.pendingTextCapacity && entries.count < capacity {
            pendingTexts[key] = SampleText.plain(line, maxBytes: 4096)
        }
    }

    /// Adds `n` records of one side under `key`, pairing them with the other side's surplus.
    private mutating func add(key: UInt64, route: UInt64, second: Int64, inbound: Bool, cluster: UInt64, count n: Int) {
        if inbound { inboundRecords &+= n } else { outboundRecords &+= n }
        guard var e = entries[key] else {
            guard entries.count < capacity else {
                if inbound { untrackedInbound &+= n } else { untrackedOutbound &+= n }
                return
            }
            entries[key] = Entry(route: route, second: second, surplus: n, isInbound: inbound, cluster: cluster)
            return
        }
        if e.isInbound == inbound {
            e.surplus &+= n
            entries[key] = e
            return
        }
        let m = min(e.surplus, n)
        if route == 0 { matchedByID &+= m } else { matchedByTime &+= m }
        link(inbound ? Link(outbound: e.cluster, inbound: cluster) : Link(outbound: cluster, inbound: e.cluster), m)
        if n > m {
            entries[key] = Entry(route: route, second: second, surplus: n - m, isInbound: inbound, cluster: cluster)
        } else if e.surplus > m {
            e.surplus -= m
            entries[key] = e
        } else {
            entries[key] = nil
        }
    }

    private mutating func link(_ l: Link, _ n: Int) {
        if links[l] != nil || links.count < Self.linkCapacity { links[l, default: 0] &+= n }
    }

    /// Adds everything `other` counted; cluster references go through `remap` (nil: evicted, 0).
    mutating func merge(_ other: CancelCorrelator, remap: (UInt64) -> UInt64?) {
        let before = (outboundRecords, inboundRecords)
        if pairSample.isEmpty { pairSample = other.pairSample }
        if pairSample.isEmpty {
            for (key, text) in other.pendingTexts.sorted(by: { $0.key < $1.key }) {
                guard let theirs = other.entries[key] else { continue }
                if let mine = entries[key], let myText = pendingTexts[key] {
                    guard mine.isInbound != theirs.isInbound else { continue }
                    pairSample = theirs.isInbound ? [myText, text] : [text, myText]
                    pendingTexts = [:]
                    break
                } else if entries[key] == nil && pendingTexts.count < Self.pendingTextCapacity {
                    pendingTexts[key] = text
                }
            }
        }
        for (key, e) in other.entries {
            add(key: key, route: e.route, second: e.second, inbound: e.isInbound,
                cluster: remap(e.cluster) ?? 0, count: e.surplus)
        }
        // `add` counted the surplus records again; the totals come from `other`'s own totals.
        outboundRecords = before.0 &+ other.outboundRecords
        inboundRecords = before.1 &+ other.inboundRecords
        matchedByID &+= other.matchedByID
        matchedByTime &+= other.matchedByTime
        untrackedOutbound &+= other.untrackedOutbound
        untrackedInbound &+= other.untrackedInbound
        for (l, n) in other.links {
            link(Link(outbound: remap(l.outbound) ?? 0, inbound: remap(l.inbound) ?? 0), n)
        }
        if !pairSample.isEmpty { pendingTexts = [:] }
        pendingTexts = pendingTexts.filter { entries[$0.key] != nil }
    }

    /// Keeps at most `n` unpaired keys (those with the smallest keys, so the choice does not depend
    /// on the order); the records of the others count as untracked.
    mutating func shrink(toAtMost n: Int) {
        guard entries.count > n else { return }
        for key in entries.keys.sorted().dropFirst(max(0, n)) {
            guard let e = entries.removeValue(forKey: key) else { continue }
            if e.isInbound { untrackedInbound &+= e.surplus } else { untrackedOutbound &+= e.surplus }
            pendingTexts[key] = nil
        }
    }

    /// The pairing, with the time-keyed surplus of neighbouring seconds (±1 s) paired too. A pure
    /// function of the entries, so the same whatever the order the records came in.
    func summary(clusterName: (UInt64) -> String?) -> CancelPairs {
        var byTime = matchedByTime
        var allLinks = links
        var unpaired = entries.values.filter { $0.route == 0 }.map { ($0.isInbound, $0.surplus) }
        let timed = entries.values.filter { $0.route != 0 }
            .sorted { $0.route != $1.route ? $0.route < $1.route : $0.second < $1.second }
        var remaining = timed.map(\.surplus)
        for i in timed.indices.dropLast() {
            let a = timed[i], b = timed[i + 1]
            guard a.route == b.route, b.second == a.second + 1, a.isInbound != b.isInbound else { continue }
            let m = min(remaining[i], remaining[i + 1])
            guard m > 0 else { continue }
            remaining[i] -= m
            remaining[i + 1] -= m
            byTime += m
            let l = a.isInbound ? Link(outbound: b.cluster, inbound: a.cluster) : Link(outbound: a.cluster, inbound: b.cluster)
            if allLinks[l] != nil || allLinks.count < Self.linkCapacity { allLinks[l, default: 0] += m }
        }
        unpaired += zip(timed, remaining).map { ($0.0.isInbound, $0.1) }
        var p = CancelPairs()
        p.matchedByID = matchedByID
        p.matchedByTime = byTime
        p.clientOnly = unpaired.reduce(0) { $0 + ($1.0 ? 0 : $1.1) }
        p.serverOnly = unpaired.reduce(0) { $0 + ($1.0 ? $1.1 : 0) }
        p.untracked = untrackedOutbound + untrackedInbound
        p.isApproximate = p.untracked > 0 && outboundRecords > 0 && inboundRecords > 0
        p.sample = pairSample
        var named: [String: [String: Int]] = [:]
        for (l, n) in allLinks {
            guard let client = clusterName(l.outbound), let server = clusterName(l.inbound) else { continue }
            named[client, default: [:]][server, default: 0] += n
        }
        p.links = named.flatMap { client, servers in
            servers.map { CancelLink(clientCluster: client, serverCluster: $0.key, matched: $0.value) }
        }.sorted { $0.matched != $1.matched ? $0.matched > $1.matched
            : ($0.clientCluster, $0.serverCluster) < ($1.clientCluster, $1.serverCluster) }
        return p
    }

    /// True for a server-side sidecar's cluster (`inbound|…`, `inbound-vip|…`, `InboundPassthroughCluster`).
    static func isInbound(_ cluster: UnsafeRawBufferPointer) -> Bool {
        let prefix: StaticString = "inbound"
        guard cluster.count >= prefix.utf8CodeUnitCount else { return false }
        let p = UnsafeRawBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        // `InboundPassthroughCluster` is the server side too: compare ASCII case-insensitively.
        for i in 0..<p.count where cluster[i] | 0x20 != p[i] { return false }
        return true
    }

    /// A 64-bit FNV-1a hash with a final mix.
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var h = seed
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return mix(h)
    }

    static func routeHash(_ authority: UnsafeRawBufferPointer, _ path: UnsafeRawBufferPointer) -> UInt64 {
        let h = hash(path, seed: hash(authority) ^ 0x9E37_79B9_7F4A_7C15)
        return h == 0 ? 1 : h
    }

    static func timeKey(_ route: UInt64, _ second: Int64) -> UInt64 {
        mix(route ^ UInt64(bitPattern: second) &* 0x9E37_79B9_7F4A_7C15) & ~(1 << 63)
    }

    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
