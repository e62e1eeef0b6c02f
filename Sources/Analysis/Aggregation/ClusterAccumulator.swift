import AccessLog

/// Statistics of one upstream cluster. Its upstream hosts live in the aggregator's host table (keyed
/// by cluster and host); hosts evicted from there fold into `otherHost`.
struct ClusterAccumulator: KeyedPayload {
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
    /// Requests that named no upstream host (`-`: no route, no healthy upstream, …).
    var requestsWithoutHost = 0
    /// Hosts evicted from the aggregator's host table, folded together (for the "other clusters"
    /// bucket: the hosts of every evicted cluster), once there are any: out of line, because most
    /// clusters never lose a host and the 360-byte accumulator made every cluster's payload 920 bytes,
    /// which each admission and eviction of a cluster moves.
    private var evictedHosts: [HostAccumulator] = []
    /// Requests per client pod (not kept for the "other clusters" bucket, see `PodLinks`).
    var pods: PodLinks
    var flags = RefCounter(capacity: 32)
    var codes = RefCounter(capacity: 64)
    var details: RefCounter
    var methods: RefCounter
    var destinations: RefCounter

    init(limits: AggregatorLimits) {
        pods = PodLinks(limits: limits)
        details = RefCounter(capacity: limits.breakdown)
        methods = RefCounter(capacity: limits.wideBreakdown)
        destinations = RefCounter(capacity: limits.breakdown)
    }

    /// The hosts evicted from the aggregator's host table, folded together (empty when none was;
    /// their pod links are not kept).
    var otherHost: HostAccumulator {
        get { evictedHosts.first ?? .folded }
        _modify {
            if evictedHosts.isEmpty { evictedHosts.append(.folded) }
            yield &evictedHosts[0]
        }
    }

    /// True when some host of this cluster was evicted (`otherHost` is not empty).
    var hasEvictedHosts: Bool { !evictedHosts.isEmpty }

    /// True when a breakdown counter is at its bound (a new key would make it drop keys).
    var hasFullCounter: Bool {
        flags.isFull || codes.isFull || details.isFull || methods.isFull || destinations.isFull
    }

    /// Counts `n` records of signature `s` with keys `k` (the cluster's counters and breakdowns; the
    /// host's are counted by the aggregator).
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
        if k.host.isNone { requestsWithoutHost &+= n }
    }

    /// Records the values that differ per line (bytes, upstream service time; the duration too when
    /// the line named no host — otherwise the host records it).
    @inline(__always)
    mutating func recordValues(_ f: LineFacts, hasHost: Bool) {
        bytesReceived &+= f.bytesReceived
        bytesSent &+= f.bytesSent
        upstreamServiceTime.record(f.upstreamServiceTimeMs)
        if !hasHost { latencyWithoutHost.record(f.durationMs) }
    }

    /// Records a batch of lines' values (see `PendingValues`).
    mutating func recordValues(_ v: PendingValues, hasHost: Bool) {
        bytesReceived &+= v.bytesReceived
        bytesSent &+= v.bytesSent
        v.withServiceTimes { upstreamServiceTime.record(clamped: $0) }
        if !hasHost { v.withDurations { latencyWithoutHost.record(clamped: $0) } }
    }

    /// Folds `o` (counters and its evicted hosts) into this accumulator, mapping breakdown keys
    /// through `remap`.
    mutating func absorb(_ o: ClusterAccumulator, remap: (UInt64) -> UInt64?) {
        absorbCounts(o, remap: remap)
        if o.hasEvictedHosts { otherHost.absorb(o.otherHost, remap: remap) }
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
        requestsWithoutHost &+= o.requestsWithoutHost
        latencyWithoutHost.merge(o.latencyWithoutHost)
        upstreamServiceTime.merge(o.upstreamServiceTime)
        flags.merge(o.flags)
        codes.merge(o.codes)
        details.merge(o.details, remap: remap)
        methods.merge(o.methods, remap: remap)
        destinations.merge(o.destinations, remap: remap)
        pods.absorb(o.pods, remap: remap)
    }
}
