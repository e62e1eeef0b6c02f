/// The (client pod, cluster, upstream host) links of the last few prefixed lines, waiting to be
/// counted into the clusters' and hosts' `PodLinks` in one batch.
///
/// Counting a link one line at a time waits on three dependent cache misses (the host's payload, its
/// link table, the entry), because the hosts of a large mesh are spread over megabytes. A batch is
/// counted with prefetches a few links ahead (`Aggregator.countPendingPodLinks`), so that the misses
/// of several links overlap. The links are counted in the order they came, with the same checks, so
/// batching changes no count; `Aggregator.flushPendingKeyCounts` counts them before anything reads
/// the links or evicts a cluster or host.
struct PendingPodLinks: Sendable {
    struct Link: Sendable {
        var pod: KeyRef
        var cluster: KeyRef
        var host: KeyRef
        var isError: Bool
    }

    /// Links kept before a batch is counted.
    static let capacity = 256

    private(set) var links: [Link] = []

    var isEmpty: Bool { links.isEmpty }

    /// Keeps one link; true when the batch is full (the caller counts it).
    @inline(__always)
    mutating func append(_ link: Link) -> Bool {
        if links.capacity == 0 { links.reserveCapacity(Self.capacity) }
        links.append(link)
        return links.count >= Self.capacity
    }

    /// Empties the batch, keeping its storage.
    mutating func removeAll() { links.removeAll(keepingCapacity: true) }
}
