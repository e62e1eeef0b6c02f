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
    ///
    /// While no pod was ever evicted, the links go into `podLinkBuffer` (link `i + d` has its buffer
    /// entry prefetched): one probe per link instead of two behind the payloads.
    mutating func countPendingPodLinks() {
        guard !pendingPodLinks.isEmpty else { return }
        var queue = PrefetchQueue<PodLink>(capacity: Self.podLinkBatch)
        swap(&queue, &pendingPodLinks)
        let links = queue.items
        let d = Self.podLinkPrefetchDistance
        if !sources.isApproximate {
            for i in links.indices {
                if i + d < links.count {
                    let ahead = links[i + d]
                    if let key = Self.bufferKey(ahead) { podLinkBuffer.prefetch(key) }
                    if !ahead.host.isNone { hosts.prefetchSerial(ahead.host.slot) }
                }
                bufferPodLink(links[i])
            }
        } else {
            drainPodLinkBuffer()
            for i in links.indices {
                if i + 2 * d < links.count { prefetchPayloads(links[i + 2 * d]) }
                if i + d < links.count { prefetchEntries(links[i + d]) }
                countPodLink(links[i])
            }
        }
        queue.removeAll()
        swap(&queue, &pendingPodLinks)
    }

    /// The `PodLinkBuffer` key of a link (nil when its slots do not fit one).
    @inline(__always)
    private static func bufferKey(_ link: PodLink) -> PodLinkBuffer.Key? {
        PodLinkBuffer.key(pod: link.pod.slot, cluster: link.cluster.slot, host: link.host.isNone ? nil : link.host.slot)
    }

    /// Counts one link into the buffer; a link the buffer cannot take — one whose draining might
    /// not be admitted (the links are near their bound), or a full buffer — is counted into the
    /// payloads after the buffer is drained, as it would have been without it. A link whose keys
    /// are no longer live (which the flushes before every eviction rule out) is dropped, as
    /// `countPodLink` drops it.
    @inline(__always)
    private mutating func bufferPodLink(_ link: PodLink) {
        guard sources.isLive(link.pod) && clusters.isLive(link.cluster) && (link.host.isNone || hosts.isLive(link.host)) else {
            assertionFailure("a pod link refers to an evicted key")
            return
        }
        let held = podLinkBuffer.count
        let room = podClusterLinks &+ held < limits.podLinks && podHostLinks &+ held < limits.podLinks
        if let key = Self.bufferKey(link), podLinkBuffer.add(key, isError: link.isError, mayInsert: room) { return }
        drainPodLinkBuffer()
        countPodLink(link)
    }

    /// Counts the buffered links into the clusters' and hosts' `PodLinks` (before anything evicts a
    /// pod, cluster or host, or reads the links).
    mutating func drainPodLinkBuffer() {
        guard !podLinkBuffer.isEmpty else { return }
        var buffer = PodLinkBuffer()
        swap(&buffer, &podLinkBuffer)
        buffer.drain { link, n in
            let pod = sources.ref(link.pod)
            let cluster = link.host.map { hosts[$0].cluster.slot } ?? link.cluster.unsafelyUnwrapped
            podClusterLinks &+= clusters[cluster].pods.record(pod, n, isErrors: link.isErrors,
                                                               admitNew: podClusterLinks < limits.podLinks)
            if let host = link.host {
                podHostLinks &+= hosts[host].pods.record(pod, n, isErrors: link.isErrors,
                                                         admitNew: podHostLinks < limits.podLinks)
            }
        }
        swap(&buffer, &podLinkBuffer)
    }

    /// Counts the pending links and drains the buffer: everything `PodLinks` will hold.
    mutating func flushPodLinks() {
        countPendingPodLinks()
        drainPodLinkBuffer()
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
