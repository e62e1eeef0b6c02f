/// The request paths (the part before `?`) seen so far that are their own normal form, each with its
/// gRPC shape and a stable id: a small intern table that never evicts.
///
/// Most request paths repeat, and most contain a digit somewhere (`/shop.orders.v1.OrderService/Get`,
/// `/api/v1/items`), so without it almost every line would run the segment-wise normaliser only to
/// learn that nothing changes. A hit costs one hash of the path and one comparison. Paths whose normal
/// form differs (real ids: `/orders/42`) are not stored: they rarely repeat. When `capacity` paths are
/// stored, later paths are simply not stored (they are normalised per line, as without the table).
///
/// The id (the entry's index + 1, never 0) stands for the path's bytes in the `LineKeyCache` key, so
/// that cache does not hash and compare the path again. Entries are never evicted, so an id always
/// stands for the same path and the line-key cache never misses because of this table. It only saves
/// work: `Aggregator` stores a path only after computing that its normal form is the path itself.
struct PathKeyCache: Sendable {
    struct Entry: Sendable {
        var hash: UInt32
        var length: UInt32
        var start: UInt32
        var isGRPCShape: Bool
    }

    /// A stored path: its id and whether it has the gRPC shape `/package.Service/Method`.
    struct Hit {
        var id: UInt32
        var isGRPCShape: Bool
    }

    /// Longest path stored, in bytes.
    static let maxLength = 128
    /// Most paths stored.
    let capacity: Int
    private var index: [Int32] = []
    private var entries: [Entry] = []
    private var arena: [UInt8] = []

    /// A table of at most `capacity` paths (memory: about `capacity × 100` bytes once used).
    init(capacity: Int) { self.capacity = max(0, capacity) }

    var count: Int { entries.count }

    /// The entry for `path` (1…`maxLength` bytes, no `?`), or nil.
    @inline(__always)
    func find(_ path: UnsafeRawBufferPointer) -> Hit? {
        guard !entries.isEmpty else { return nil }
        let h = Self.hash(path)
        let n = path.count
        return index.withUnsafeBufferPointer { index in
            entries.withUnsafeBufferPointer { entries in
                arena.withUnsafeBytes { arena -> Hit? in
                    let mask = index.count &- 1
                    var i = Int(h) & mask
                    while true {
                        let s = Int(index[i])
                        if s < 0 { return nil }
                        let e = entries[s]
                        if e.hash == h && Int(e.length) == n
                            && KeyParts.equal(arena.baseAddress! + Int(e.start), path.baseAddress!, n) {
                            return Hit(id: UInt32(s &+ 1), isGRPCShape: e.isGRPCShape)
                        }
                        i = (i &+ 1) & mask
                    }
                }
            }
        }
    }

    /// Stores `path` (1…`maxLength` bytes, not stored yet) and returns its id, or 0 when the table is
    /// full or the path too long (it is then not stored).
    mutating func store(_ path: UnsafeRawBufferPointer, isGRPCShape: Bool) -> UInt32 {
        let n = path.count
        guard n > 0, n <= Self.maxLength, entries.count < capacity else { return 0 }
        if index.isEmpty {
            var size = 8
            while size < capacity * 2 { size <<= 1 }
            index = Array(repeating: -1, count: size)
        }
        let h = Self.hash(path)
        let mask = index.count - 1
        var i = Int(h) & mask
        while index[i] >= 0 { i = (i + 1) & mask }
        index[i] = Int32(entries.count)
        entries.append(Entry(hash: h, length: UInt32(n), start: UInt32(arena.count), isGRPCShape: isGRPCShape))
        arena.append(contentsOf: path)
        return UInt32(entries.count)
    }

    /// A hash of every byte of `path` (8 at a time; the last word overlaps when the length is not a
    /// multiple of 8).
    @inline(__always)
    static func hash(_ path: UnsafeRawBufferPointer) -> UInt32 {
        let n = path.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
        if n < 8 {
            h = (h ^ KeyParts.load(path, n)) &* 0xBF58_476D_1CE4_E5B9
        } else {
            var j = 0
            while j < n &- 8 {
                h = (h ^ path.loadUnaligned(fromByteOffset: j, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 31
                j &+= 8
            }
            h = (h ^ path.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)) &* 0x94D0_49BB_1331_11EB
        }
        h ^= h >> 29
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }
}
