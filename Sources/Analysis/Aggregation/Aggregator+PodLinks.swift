import CPrefetch

/// Counting the pending (client pod, cluster, host) links in a batch, with prefetches.
extension Aggregator {
    /// Links kept before they are counted.
    static var podLinkBatch: Int { 256 }
    /// How many links ahead the link entries (this) and the host payloads (twice this) are prefetched.
    private static var podLinkPrefetchDistance: Int { 16 }

    /// Counts every pending link, in the order the lines came. Link `i + 2d` has its host's payload
    /// prefetched, link `i + d` (whose payload is in cache by then) the entries it will count into,
    /// and link `i` is counted.
    mutating func countPendingPodLinks() {
        guard !pendingPodLinks.isEmpty else { return }
        var queue = PrefetchQueue<PodLink>(capacity: Self.podLinkBatch)
        swap(&queue, &pendingPodLinks)
        let links = queue.items
        let d = Self.podLinkPrefetchDistance
        for i in links.indices {
            if i + 2 * d < links.count { prefetchPayloads(links[i + 2 * d]) }
            if i + d < links.count { prefetchEntries(links[i + d]) }
            countPodLink(links[i])
        }
        queue.removeAll()
        swap(&queue, &pendingPodLinks)
    }

    /// Counts one link into its cluster's and host's `PodLinks`, as long as they are live (a link
    /// whose cluster or host was evicted before it could be counted cannot happen: evictions flush
    /// the pending links first, see `flushPendingKeyCounts`).
    @inline(__always)
    private mutating func countPodLink(_ link: PodLink) {
        guard clusters.isLive(link.cluster) else { return }
        podClusterLinks &+= clusters[link.cluster.slot].pods.record(link.pod, isError: link.isError,
                                                                    admitNew: podClusterLinks < limits.podLinks)
        if !link.host.isNone && hosts.isLive(link.host) {
            podHostLinks &+= hosts[link.host.slot].pods.record(link.pod, isError: link.isError,
                                                              admitNew: podHostLinks < limits.podLinks)
        }
    }

    /// The host's serial (its liveness check) and the part of its payload that holds its links.
    /// (Clusters are far fewer than hosts; their payloads are usually in cache.)
    @inline(__always)
    private func prefetchPayloads(_ link: PodLink) {
        guard !link.host.isNone else { return }
        hosts.withPayload(at: link.host.slot) { meshlog_prefetch_for_write(UnsafeRawPointer($0) + Self.hostPodsOffset) }
        hosts.prefetchSerial(link.host.slot)
    }

    @inline(__always)
    private func prefetchEntries(_ link: PodLink) {
        clusters.withPayload(at: link.cluster.slot) { $0.pointee.pods.prefetchEntry(for: link.pod) }
        if !link.host.isNone {
            hosts.withPayload(at: link.host.slot) { $0.pointee.pods.prefetchEntry(for: link.pod) }
        }
    }

    private static let hostPodsOffset = MemoryLayout<HostAccumulator>.offset(of: \HostAccumulator.pods) ?? 0
}
