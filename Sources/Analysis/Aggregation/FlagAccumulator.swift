import AccessLog

/// Everything counted for one response flag. Only records carrying the flag reach it.
struct FlagAccumulator: Sendable {
    var count = 0
    var grpcCount = 0
    var tcpCount = 0
    var clusters: RefCounter
    var hosts: RefCounter
    /// Keyed by `Signature.codeKey`.
    var codes = RefCounter(capacity: 16)
    var details: RefCounter
    var transportFailures: RefCounter
    var latency = LatencyHistogram()
    var firstSeenMs: Int64 = -1
    var lastSeenMs: Int64 = -1
    /// The first raw lines with this flag.
    var samples: [String] = []

    init(limits: AggregatorLimits) {
        clusters = RefCounter(capacity: limits.wideBreakdown)
        hosts = RefCounter(capacity: limits.wideBreakdown)
        details = RefCounter(capacity: limits.breakdown)
        transportFailures = RefCounter(capacity: limits.breakdown)
    }

    /// True when a breakdown counter is at its bound (a new key would make it drop keys).
    var hasFullCounter: Bool {
        clusters.isFull || hosts.isFull || codes.isFull || details.isFull || transportFailures.isFull
    }

    /// Counts `n` records of signature `s` (which carries this flag) with keys `k`.
    mutating func recordCounts(_ s: Signature, _ k: LineKeys, _ n: Int) {
        count &+= n
        if s.has(Signature.grpc) { grpcCount &+= n }
        if s.has(Signature.tcp) { tcpCount &+= n }
        if !k.cluster.isNone { clusters.add(k.cluster.raw, n) }
        if !k.host.isNone { hosts.add(k.host.raw, n) }
        codes.add(s.codeKey, n)
        if !k.detail.isNone { details.add(k.detail.raw, n) }
        if !k.transportFailure.isNone { transportFailures.add(k.transportFailure.raw, n) }
    }

    /// Records one line's values: its duration, its start time, and the line itself while fewer than
    /// `maxSamples` are kept.
    mutating func recordValues(_ f: LineFacts, line: UnsafeRawBufferPointer, maxSamples: Int) {
        latency.record(f.durationMs)
        noteTime(first: f.startTimeMs, last: f.startTimeMs)
        if samples.count < maxSamples { samples.append(SampleText.plain(line, maxBytes: 4096)) }
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
