import Glibc
import AccessLog

/// A line's path key and gRPC shape.
struct PathKey {
    /// The key in the path table (the normalised path; empty for none). Points into the line or into
    /// the caller's scratch buffer.
    var bytes: FieldBytes
    /// True when the path has the gRPC shape `/package.Service/Method` and no query.
    var isGRPCShape: Bool

    static var none: PathKey { PathKey(bytes: .empty, isGRPCShape: false) }
}

extension Aggregator {
    /// The path key of `path` (the record's path bytes; empty for TCP): `-` has none; the query is
    /// dropped and identifier segments become `{id}` (`PathNormalizer`), written into `buffer` when
    /// that changes anything. The gRPC shape is computed only when `wantGRPC`. (Slow path: lines the
    /// key cache already holds never come here.)
    mutating func pathKey(_ field: FieldBytes, wantGRPC: Bool, buffer: UnsafeMutableRawBufferPointer) -> PathKey {
        let path = field.buffer
        let n = path.count
        guard n > 0, let base = path.baseAddress, !field.isDash else { return .none }
        var end = n
        if let q = memchr(base, 0x3F, n) { end = base.distance(to: UnsafeRawPointer(q)) }
        let hasQuery = end < n
        let prefix = UnsafeRawBufferPointer(start: base, count: end)
        let room = min(limits.maxKeyLength, buffer.count)
        let key: UnsafeRawBufferPointer
        if !hasQuery && !PathNormalizer.hasDigit(prefix) {
            key = path
        } else {
            let out = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<room])
            let count = PathNormalizer.normalize(path, end: end, into: out)
            key = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(out)[0..<count])
        }
        let shape = wantGRPC && !hasQuery && PathNormalizer.isGRPCMethod(prefix)
        return PathKey(bytes: FieldBytes(key), isGRPCShape: shape)
    }
}
