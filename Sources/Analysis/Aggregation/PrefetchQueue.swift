/// Items that wait to be counted together because counting each one at once would wait on cache
/// misses of its own: the (client pod, cluster, host) links of prefixed lines (`PodLink`) and the full
/// batches of line values bound for histograms (`ValueBatch`). The hosts of a large mesh spread their
/// payloads, link tables and histograms over megabytes, so counting one item waits on two or three
/// dependent misses.
///
/// The owner counts the items in the order they came, with hints a few items ahead: while item `i`
/// is counted, item `i + d` has what it points to prefetched, and item `i + 2d` what that points to,
/// so the misses of several items overlap. (The loop is written out at each owner: passed as a
/// closure, it was not inlined and cost a few per cent.) Counting in the same order with the same
/// checks changes no count; the aggregator drains its queues in `flushPendingTableCounts`, before
/// anything reads the counts or evicts a key the items refer to.
struct PrefetchQueue<Element: Sendable>: Sendable {
    /// Items kept before the owner drains the queue.
    let capacity: Int
    private(set) var items: [Element] = []

    init(capacity: Int) { self.capacity = max(1, capacity) }

    var isEmpty: Bool { items.isEmpty }

    /// Keeps one item; true when the queue is full (the owner drains it).
    @inline(__always)
    mutating func append(_ item: Element) -> Bool {
        if items.capacity == 0 { items.reserveCapacity(capacity) }
        items.append(item)
        return items.count >= capacity
    }

    /// Empties the queue, keeping its storage.
    mutating func removeAll() { items.removeAll(keepingCapacity: true) }
}

/// A (client pod, cluster, upstream host) link of one prefixed line, waiting in a `PrefetchQueue`.
struct PodLink: Sendable {
    var pod: KeyRef
    var cluster: KeyRef
    var host: KeyRef
    var isError: Bool
}

/// A full batch of one line-key cache entry's values and the entry's keys (live while it waits),
/// waiting in a `PrefetchQueue` to be recorded into the cluster's, host's and method's histograms.
struct ValueBatch: Sendable {
    var keys: LineKeys
    var values: PendingValues
}
