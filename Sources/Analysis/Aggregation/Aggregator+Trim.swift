extension Aggregator {
    /// Keeps at most the keys `bounds` allows in every keyed table (the heaviest; the rest folded into
    /// "other", exactly as a table at its bound would). The live view trims each sealed time-window
    /// bucket this way, so that thirty buckets together stay within about one aggregator's memory;
    /// a window over trimmed buckets then says it is approximate.
    mutating func trim(to bounds: AggregatorLimits) {
        flushPendingKeyCounts()
        clusters.shrink(toAtMost: bounds.clusters)
        hosts.shrink(toAtMost: bounds.hosts)
        methods.shrink(toAtMost: bounds.methods)
        sources.shrink(toAtMost: bounds.sources)
        settleEvictions()
        enforceLinkBudget(bounds.podLinks)
        details.shrink(toAtMost: bounds.keys)
        transportFailures.shrink(toAtMost: bounds.keys)
        terminations.shrink(toAtMost: bounds.keys)
        routes.shrink(toAtMost: bounds.keys)
        authorities.shrink(toAtMost: bounds.keys)
        tcpDestinations.shrink(toAtMost: bounds.keys)
        paths.shrink(toAtMost: bounds.paths)
        cancels.shrink(toAtMost: bounds.cancelKeys)
        keyEpoch &+= 1
    }

    /// The same counts in fresh tables sized to the live keys, with `limits` (trimming leaves a
    /// table's arrays at their peak size: a bucket trimmed from 10,000 clusters to 16 would keep
    /// 10,000 payload slots of about 1 KiB). Always a rebuild, also with unchanged limits.
    func compacted(limits: AggregatorLimits) -> Aggregator {
        var compact = Aggregator(limits: limits)
        compact.merge(self, rebuilding: true)
        return compact
    }
}
