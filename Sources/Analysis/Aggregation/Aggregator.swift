import AccessLog

/// Counts everything the reports, the diagnosis rules and the TUI need from a stream of records.
///
/// Per line the work is a handful of byte-keyed table lookups (`KeyTable`) and integer-indexed array
/// updates: no `String` and no allocation per line (strings are made once per new key, and a few
/// sample lines per flag). Memory is bounded by `AggregatorLimits` whatever the input.
///
/// Every keyed dimension is a `KeyedTable` — clusters, upstream hosts (one table for all clusters,
/// keyed by cluster and host), methods and client pods, with the pod → cluster and pod → host links
/// kept in the cluster and host payloads (`PodLinks`) —
/// exact up to its documented bound (`AggregatorLimits`, docs/performance.md) and honest beyond it
/// (an "other" payload, an error bound, `isApproximate`).
///
/// It is a monoid: `merge` combines two aggregators (two cores, or a live batch into the running
/// total); merging an empty aggregator changes nothing, and as long as no table reached its bound,
/// merging parts gives exactly the snapshot of aggregating everything at once. Beyond the bounds the
/// top-K guarantees of `KeyTable` hold for the merged result.
///
/// Errors follow `RequestTraits`: 5xx, a failure flag other than the client-side DC/DR, or a gRPC
/// status of 2, 4, 8, 13, 14 or 15; 4xx are client errors.
public struct Aggregator: Sendable {
    public let limits: AggregatorLimits

    /// Admission serial of the most recently admitted key (all tables share it).
    var serial: UInt64 = 0

    var lineTotal = 0
    var nonAccessByKind = [Int](repeating: 0, count: NonAccessKind.allCases.count)
    var malformedByReason = [Int](repeating: 0, count: MalformedReason.allCases.count)
    var malformedSamples: [MalformedSample] = []
    var formatCounts = [Int](repeating: 0, count: LogFormat.allCases.count)

    var requests = 0
    var errors = 0
    var grpcRequests = 0
    var hasGrpcStatusField = false
    var hasAttemptCountField = false
    var firstMs: Int64 = -1
    var lastMs: Int64 = -1

    /// Counts of codes 0…599; other codes (and absent ones) in `otherCodes`, keyed by code + 2.
    var codeCounts = [Int](repeating: 0, count: 600)
    var otherCodes = RefCounter(capacity: 64)
    var flagStats: [FlagAccumulator]
    /// Exact flag sets, keyed by raw value | 1 << 32.
    var flagSets: RefCounter

    var details: KeyTable
    var transportFailures: KeyTable
    var terminations: KeyTable
    var routes: KeyTable
    var authorities: KeyTable
    var paths: KeyTable
    var tcpDestinations: KeyTable

    var clusters: KeyedTable<ClusterAccumulator>
    /// Every cluster's upstream hosts, keyed by the cluster's serial and the host; evicted hosts fold
    /// into their cluster's `otherHost`.
    var hosts: KeyedTable<HostAccumulator>
    var methods: KeyedTable<MethodAccumulator>
    /// Client pods (`pod \u{1F} container`).
    var sources: KeyedTable<SourceAccumulator>
    /// Live (client pod, cluster) and (client pod, upstream host) links, kept in the clusters' and
    /// hosts' `PodLinks` and bounded together by `limits.podLinks` each.
    var podClusterLinks = 0
    var podHostLinks = 0
    /// Links of the last prefixed lines, counted in batches (`countPendingPodLinks`).
    var pendingPodLinks = PrefetchQueue<PodLink>(capacity: Aggregator.podLinkBatch)
    /// Links counted per link before they go into the payloads (`drainPodLinkBuffer`).
    var podLinkBuffer = PodLinkBuffer()
    /// Full batches of line values waiting to be recorded into histograms (`recordPendingValueBatches`).
    var pendingValueBatches = PrefetchQueue<ValueBatch>(capacity: Aggregator.valueBatchQueue)
    /// The last access lines, counted a few lines later (`DeferredLines`).
    var deferredLines = DeferredLines()

    var timeline: TimelineAccumulator
    /// DR/DC records paired across the client's and the server's sidecar.
    var cancels: CancelCorrelator
    var recent: RecentLineRing
    var keyCache: LineKeyCache
    /// Where the pods of recent prefixed lines live in `sources`.
    var sourceMemo = SourceMemo()
    /// Bumped whenever a key table may have changed which keys are live (see `LineKeyCache`).
    var keyEpoch: UInt32 = 0
    /// True once some breakdown counter (a cluster's codes, a flag's hosts, …) has reached its bound:
    /// from then on a new key may make a counter drop keys by their counts, so the key cache's pending
    /// counts go in before every uncached line, as they do once a key table is full (`countMiss`).
    var countersAtBound = false
    /// The keys of the last line counted without the key cache (for `countExtras`).
    var uncachedKeys = LineKeys()

    public init(limits: AggregatorLimits = .default) {
        self.limits = limits
        let keyLength = limits.maxKeyLength
        flagStats = Array(repeating: FlagAccumulator(limits: limits), count: ResponseFlag.allCases.count)
        flagSets = RefCounter(capacity: limits.breakdown * 2)
        details = KeyTable(capacity: limits.keys, maxKeyLength: keyLength)
        transportFailures = KeyTable(capacity: limits.keys, maxKeyLength: keyLength)
        terminations = KeyTable(capacity: limits.keys, maxKeyLength: keyLength)
        routes = KeyTable(capacity: limits.keys, maxKeyLength: keyLength)
        authorities = KeyTable(capacity: limits.keys, maxKeyLength: keyLength)
        paths = KeyTable(capacity: limits.paths, maxKeyLength: keyLength)
        tcpDestinations = KeyTable(capacity: limits.keys, maxKeyLength: keyLength)
        clusters = KeyedTable(.cluster, capacity: limits.clusters, limits: limits)
        hosts = KeyedTable(.host, capacity: limits.hosts, limits: limits, keepsEvicted: true)
        methods = KeyedTable(.method, capacity: limits.methods, limits: limits)
        sources = KeyedTable(.source, capacity: limits.sources, limits: limits)
        timeline = TimelineAccumulator(capacity: limits.timelineBuckets)
        cancels = CancelCorrelator(capacity: limits.cancelKeys)
        recent = RecentLineRing(entryCapacity: limits.recentLines, byteCapacity: limits.recentLineBytes)
        keyCache = LineKeyCache(entries: limits.keyCacheEntries)
    }

    /// Number of lines seen (access, non-access and malformed).
    var linesSeen: Int { lineTotal }

    /// One line that istio-proxy printed but that is not an access record.
    public mutating func addNonAccess(_ kind: NonAccessKind, line: UnsafeRawBufferPointer) {
        lineTotal &+= 1
        nonAccessByKind[Int(kind.rawValue)] &+= 1
    }

    /// One line that could not be classified; the first few are kept (display-safe, cut) as samples.
    /// `lineNumber` is 1-based across all inputs.
    public mutating func addMalformed(_ reason: MalformedReason, line: UnsafeRawBufferPointer, lineNumber: Int) {
        lineTotal &+= 1
        malformedByReason[Int(reason.rawValue)] &+= 1
        if malformedSamples.count < limits.malformedSamples {
            let text = SampleText.escaped(line, maxBytes: 512)
            malformedSamples.append(MalformedSample(reason: reason, lineNumber: lineNumber, text: text))
        }
    }
}
