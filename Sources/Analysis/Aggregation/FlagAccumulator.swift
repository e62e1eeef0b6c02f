import AccessLog

/// Everything counted for one response flag. Only records carrying the flag reach it.
struct FlagAccumulator: Sendable {
    var count = 0
    var grpcCount = 0
    var tcpCount = 0
    var clusters: RefCounter
    var hosts: RefCounter
    /// Keyed by `LineFacts.codeKey`.
    var codes = RefCounter(capacity: 16)
    var details: RefCounter
    var transportFailures: RefCounter
    var latency = LatencyHistogram()
    var firstSeenMs: Int64 = -1
    var lastSeenMs: Int64 = -1
    /// The first raw lines with this flag.
    var samples: [String] = []

    init(limits: AggregatorLimits) {
        clusters = RefCounter(capacity: limits.breakdown)
        hosts = RefCounter(capacity: limits.breakdown)
        details = RefCounter(capacity: limits.breakdown)
        transportFailures = RefCounter(capacity: limits.breakdown)
    }

    mutating func record(_ f: LineFacts, cluster: KeyRef, host: KeyRef) {
        count &+= 1
        if f.isGRPC { grpcCount &+= 1 }
        if f.isTCP { tcpCount &+= 1 }
        if !cluster.isNone { clusters.add(cluster.raw) }
        if !host.isNone { hosts.add(host.raw) }
        codes.add(f.codeKey)
        if !f.detail.isNone { details.add(f.detail.raw) }
        if !f.transportFailure.isNone { transportFailures.add(f.transportFailure.raw) }
        latency.record(f.durationMs)
        noteTime(first: f.startTimeMs, last: f.startTimeMs)
    }

    mutating func noteTime(first: Int64, last: Int64) {
        if first >= 0 && (firstSeenMs < 0 || first < firstSeenMs) { firstSeenMs = first }
        if last >= 0 && last > lastSeenMs { lastSeenMs = last }
    }

    /// Adds `o`, mapping its references through `remap` and keeping at most `maxSamples` samples.
    mutating func merge(_ o: FlagAccumulator, maxSamples: Int, remap: (UInt64) -> UInt64?) {
        count &+= o.count
        grpcCount &+= o.grpcCount
        tcpCount &+= o.tcpCount
        clusters.merge(o.clusters, remap: remap)
        hosts.merge(o.hosts, remap: remap)
        codes.merge(o.codes)
        details.merge(o.details, remap: remap)
        transportFailures.merge(o.transportFailures, remap: remap)
        latency.merge(o.latency)
        noteTime(first: o.firstSeenMs, last: o.lastSeenMs)
        for s in o.samples where samples.count < maxSamples { samples.append(s) }
    }
}
