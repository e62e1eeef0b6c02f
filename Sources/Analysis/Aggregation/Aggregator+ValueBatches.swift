import CPrefetch

/// Recording the queued batches of per-line values (`ValueBatch`) with prefetches.
extension Aggregator {
    /// Batches kept before they are recorded.
    static var valueBatchQueue: Int { 64 }
    /// How many batches ahead the histograms' slot storage (this) and the payloads holding the
    /// histograms (twice this) are prefetched.
    private static var valuePrefetchDistance: Int { 8 }

    /// Queues a full batch of an entry's values (its keys are live); records the queue when full.
    @inline(__always)
    mutating func queueValues(_ keys: LineKeys, _ values: PendingValues) {
        if pendingValueBatches.append(ValueBatch(keys: keys, values: values)) { recordPendingValueBatches() }
    }

    /// Records every queued batch: batch `i + 2d` has its payloads prefetched, batch `i + d` (whose
    /// payloads are in cache by then) its histograms' storage, and batch `i` is recorded.
    @inline(never)
    mutating func recordPendingValueBatches() {
        guard !pendingValueBatches.isEmpty else { return }
        var queue = PrefetchQueue<ValueBatch>(capacity: Self.valueBatchQueue)
        swap(&queue, &pendingValueBatches)
        let batches = queue.items
        let d = Self.valuePrefetchDistance
        for i in batches.indices {
            if i + 2 * d < batches.count { prefetchValuePayloads(batches[i + 2 * d].keys) }
            if i + d < batches.count { prefetchHistograms(batches[i + d]) }
            recordValues(batches[i].keys, batches[i].values)
        }
        queue.removeAll()
        swap(&queue, &pendingValueBatches)
    }

    /// The parts of the cluster's, host's and method's payloads that hold the histograms.
    @inline(__always)
    private func prefetchValuePayloads(_ k: LineKeys) {
        if !k.cluster.isNone {
            clusters.withPayload(at: k.cluster.slot) { meshlog_prefetch_for_write(UnsafeRawPointer($0) + Self.clusterHistogramOffset) }
        }
        if !k.host.isNone {
            hosts.withPayload(at: k.host.slot) { meshlog_prefetch_for_write(UnsafeRawPointer($0) + Self.hostHistogramOffset) }
        }
        if !k.method.isNone {
            methods.withPayload(at: k.method.slot) { meshlog_prefetch_for_write(UnsafeRawPointer($0) + Self.methodHistogramOffset) }
        }
    }

    /// The slot storage the batch's first values will be counted into.
    @inline(__always)
    private func prefetchHistograms(_ b: ValueBatch) {
        let k = b.keys
        let duration = b.values.withDurations { $0.first ?? PendingValues.none }
        if !k.cluster.isNone {
            let serviceTime = b.values.withServiceTimes { $0.first ?? PendingValues.none }
            clusters.withPayload(at: k.cluster.slot) { $0.pointee.upstreamServiceTime.prefetch(forValue: serviceTime) }
        }
        if !k.host.isNone { hosts.withPayload(at: k.host.slot) { $0.pointee.latency.prefetch(forValue: duration) } }
        if !k.method.isNone { methods.withPayload(at: k.method.slot) { $0.pointee.latency.prefetch(forValue: duration) } }
    }

    private static let clusterHistogramOffset =
        MemoryLayout<ClusterAccumulator>.offset(of: \ClusterAccumulator.upstreamServiceTime) ?? 0
    private static let hostHistogramOffset = MemoryLayout<HostAccumulator>.offset(of: \HostAccumulator.latency) ?? 0
    private static let methodHistogramOffset = MemoryLayout<MethodAccumulator>.offset(of: \MethodAccumulator.latency) ?? 0
}
