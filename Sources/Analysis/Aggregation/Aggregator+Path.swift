import AccessLog

/// A line's path key and gRPC shape.
struct PathKey {
    /// The key in the path table (the normalised path; empty for none). Points into the line or into
    /// the caller's scratch buffer.
    var bytes: FieldBytes
    /// The `PathKeyCache` id that stands for `bytes` in the line-key cache, or 0 (the bytes stand
    /// for themselves).
    var id: UInt32
    /// True when the path has the gRPC shape `/package.Service/Method` and no query.
    var isGRPCShape: Bool

    static var none: PathKey { PathKey(bytes: .empty, id: 0, isGRPCShape: false) }
}

extension Aggregator {
    /// The path key of `path` (the record's path bytes; empty for TCP): `-` has none; the query is
    /// dropped and identifier segments become `{id}` (`PathNormalizer`), written into `buffer` when
    /// that changes anything. The gRPC shape is computed only when `wantGRPC` (or to cache the path).
    ///
    /// Paths that are their own normal form (up to `PathKeyCache.maxLength` bytes) go through the key
    /// cache's path table, which remembers that and their gRPC shape. Not inlined: it keeps the
    /// per-line caller small enough for the optimiser to inline everything else into it.
    @inline(never)
    mutating func pathKey(_ field: FieldBytes, wantGRPC: Bool,
                          buffer: UnsafeMutableRawBufferPointer) -> PathKey {
        let path = field.buffer
        let n = path.count
        guard n > 0, let base = path.baseAddress, !field.isDash else { return .none }
        var end = n
        let hasQuery: Bool
        if let q = memchr(base, 0x3F, n) {
            end = base.distance(to: UnsafeRawPointer(q))
            hasQuery = true
        } else {
            hasQuery = false
        }
        let prefix = UnsafeRawBufferPointer(start: base, count: end)
        let room = min(limits.maxKeyLength, buffer.count)
        let cacheable = keyCache.isEnabled && end > 0 && end <= min(PathKeyCache.maxLength, room)
        if cacheable, let hit = keyCache.paths.find(prefix) {
            return PathKey(bytes: FieldBytes(prefix), id: hit.id, isGRPCShape: !hasQuery && hit.isGRPCShape)
        }
        return uncachedPathKey(path, end: end, hasQuery: hasQuery, wantGRPC: wantGRPC, cacheable: cacheable,
                               buffer: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<room]))
    }

    /// `pathKey` without the cache: normalises, and stores the path in the cache when it is its own
    /// normal form and `cacheable`.
    @inline(never)
    private mutating func uncachedPathKey(_ path: UnsafeRawBufferPointer, end: Int, hasQuery: Bool, wantGRPC: Bool,
                                          cacheable: Bool, buffer: UnsafeMutableRawBufferPointer) -> PathKey {
        let prefix = UnsafeRawBufferPointer(start: path.baseAddress, count: end)
        let key: UnsafeRawBufferPointer
        let isIdentity: Bool
        if !hasQuery && !PathNormalizer.hasDigit(prefix) {
            key = path
            isIdentity = true
        } else {
            let count = PathNormalizer.normalize(path, end: end, into: buffer)
            key = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<count])
            isIdentity = count == end && (count == 0 || memcmp(buffer.baseAddress!, prefix.baseAddress!, count) == 0)
        }
        let store = cacheable && isIdentity
        let shape = (store || (wantGRPC && !hasQuery)) && PathNormalizer.isGRPCMethod(prefix)
        let id = store ? keyCache.paths.store(prefix, isGRPCShape: shape) : 0
        return PathKey(bytes: FieldBytes(key), id: id, isGRPCShape: !hasQuery && shape)
    }
}
