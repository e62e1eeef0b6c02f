import AccessLog

/// Statistics of one upstream cluster, with its own top-K table of upstream hosts.
struct ClusterAccumulator: Sendable {
    var name: ClusterName
    var requests = 0
    var errors = 0
    var clientErrors = 0
    var http1 = 0
    var http2 = 0
    var tcp = 0
    var grpc = 0
    var retried = 0
    var bytesReceived: Int64 = 0
    var bytesSent: Int64 = 0
    /// Durations of records without an upstream host. The cluster's latency is this plus every
    /// host's histogram (`latency`), so each record is recorded once, on its host.
    var latencyWithoutHost = LatencyHistogram()
    var upstreamServiceTime = LatencyHistogram()
    var hostKeys: KeyTable
    var hosts: [HostAccumulator] = []
    /// Hosts evicted from `hostKeys` (or every host, for the "other clusters" bucket).
    var otherHost = HostAccumulator()
    var flags = RefCounter(capacity: 32)
    var codes = RefCounter(capacity: 16)
    var details: RefCounter
    var methods: RefCounter
    var destinations: RefCounter

    init(name: ClusterName, limits: AggregatorLimits) {
        self.name = name
        hostKeys = KeyTable(capacity: limits.hostsPerCluster, maxKeyLength: limits.maxKeyLength)
        details = RefCounter(capacity: limits.breakdown)
        methods = RefCounter(capacity: limits.breakdown)
        destinations = RefCounter(capacity: limits.breakdown)
    }

    /// Counts `n` records of signature `s` with keys `k` (cluster counters, breakdowns, the host's).
    mutating func recordCounts(_ s: Signature, _ k: LineKeys, _ n: Int) {
        requests &+= n
        if s.isError { errors &+= n }
        if s.has(Signature.clientError) { clientErrors &+= n }
        if s.has(Signature.tcp) { tcp &+= n } else if s.has(Signature.http1) { http1 &+= n } else if s.has(Signature.http2) { http2 &+= n }
        if s.has(Signature.grpc) { grpc &+= n }
        if s.has(Signature.retried) { retried &+= n }
        codes.add(s.codeKey, n)
        if s.flags.rawValue != 0 { countFlags(s.flags, into: &flags, n) }
        if !k.detail.isNone { details.add(k.detail.raw, n) }
        let operation = k.method.isNone ? k.path : k.method
        if !operation.isNone { methods.add(operation.raw, n) }
        if !k.destination.isNone { destinations.add(k.destination.raw, n) }
        if !k.host.isNone { hosts[Int(k.host.slot)].recordCounts(s, n) }
    }

    /// Records the values that differ per line (latencies, bytes), on host `hostSlot` (-1: none).
    @inline(__always)
    mutating func recordValues(_ f: LineFacts, hostSlot: Int32) {
        bytesReceived &+= f.bytesReceived
        bytesSent &+= f.bytesSent
        upstreamServiceTime.record(f.upstreamServiceTimeMs)
        if hostSlot >= 0 { hosts[Int(hostSlot)].latency.record(f.durationMs) } else { latencyWithoutHost.record(f.durationMs) }
    }

    /// Records a batch of lines' values (see `PendingValues`), on host `hostSlot` (-1: none).
    mutating func recordValues(_ v: PendingValues, hostSlot: Int32) {
        bytesReceived &+= v.bytesReceived
        bytesSent &+= v.bytesSent
        v.withServiceTimes { upstreamServiceTime.record(clamped: $0) }
        if hostSlot >= 0 {
            v.withDurations { hosts[Int(hostSlot)].latency.record(clamped: $0) }
        } else {
            v.withDurations { latencyWithoutHost.record(clamped: $0) }
        }
    }

    /// The reference of `host` (counting one request), `.none` for `-`.
    mutating func hostRef(_ host: UnsafeRawBufferPointer, serial: inout UInt64) -> KeyRef {
        if RequestTraits.isDash(host) { return .none }
        let slot = hostSlot(host, serial: &serial)
        return KeyRef(table: .host, serial: hostKeys.serials[Int(slot)], slot: slot)
    }

    /// The slot of `host`, admitting it (and pruning the table when full).
    mutating func hostSlot(_ rawHost: UnsafeRawBufferPointer, count: Int = 1, serial: inout UInt64) -> Int32 {
        let host = hostKeys.clamp(rawHost)
        let h = KeyTable.hash(host)
        var slot = hostKeys.find(host, hash: h)
        if slot < 0 {
            if hostKeys.isFull {
                for evicted in hostKeys.prune() {
                    otherHost.absorb(hosts[Int(evicted)])
                    hosts[Int(evicted)] = HostAccumulator()
                }
            }
            serial &+= 1
            slot = hostKeys.insert(host, hash: h, serial: serial)
            if Int(slot) == hosts.count { hosts.append(HostAccumulator()) }
        }
        hostKeys.addCount(slot, count)
        return slot
    }

    /// Durations of every record of the cluster.
    var latency: LatencyHistogram {
        var all = latencyWithoutHost
        for slot in hostKeys.liveSlots { all.merge(hosts[Int(slot)].latency) }
        all.merge(otherHost.latency)
        return all
    }

    /// Folds `o` into this accumulator without keeping its hosts apart (the "other clusters" bucket).
    /// Both belong to the same aggregator, so their references need no remapping.
    mutating func absorb(_ o: ClusterAccumulator) { absorbAll(o, remap: { $0 }) }

    /// Folds `o` (counters and every host) into this accumulator, mapping breakdown keys through `remap`.
    mutating func absorbAll(_ o: ClusterAccumulator, remap: (UInt64) -> UInt64?) {
        absorbCounts(o, remap: remap)
        for slot in o.hostKeys.liveSlots { otherHost.absorb(o.hosts[Int(slot)]) }
        otherHost.absorb(o.otherHost)
    }

    /// Adds `o`'s counters (not its hosts), mapping its breakdown keys through `remap`.
    mutating func absorbCounts(_ o: ClusterAccumulator, remap: (UInt64) -> UInt64?) {
        requests &+= o.requests
        errors &+= o.errors
        clientErrors &+= o.clientErrors
        http1 &+= o.http1
        http2 &+= o.http2
        tcp &+= o.tcp
        grpc &+= o.grpc
        retried &+= o.retried
        bytesReceived &+= o.bytesReceived
        bytesSent &+= o.bytesSent
        latencyWithoutHost.merge(o.latencyWithoutHost)
        upstreamServiceTime.merge(o.upstreamServiceTime)
        flags.merge(o.flags)
        codes.merge(o.codes)
        details.merge(o.details, remap: remap)
        methods.merge(o.methods, remap: remap)
        destinations.merge(o.destinations, remap: remap)
    }
}
