import AccessLog

/// Turns request paths into low-cardinality keys: the query string is dropped and every path segment
/// that looks like an identifier becomes `{id}`.
///
/// A segment is an identifier when it contains a digit and is one of: all digits (`12345`); a UUID
/// (`8-4-4-4-12` hex digits); hex only and at least 8 long (`5f2b1c9a`, Mongo ObjectIds, hashes); or
/// at least 16 long made of letters, digits, `-` and `_` (opaque tokens, base64url ids).
/// `/orders/42/items?x=1` → `/orders/{id}/items`.
enum PathNormalizer {
    /// What one scan of a path tells: where the query starts, whether any digit occurs before it, and
    /// whether it has the gRPC shape `/package.Service/Method`.
    struct Shape {
        /// Length without the query string.
        var end = 0
        var hasDigit = false
        var isGRPCMethod = false
        /// True when the path is its own normal form (no digit, no query).
        var isNormal: Bool { !hasDigit && !hasQuery }
        var hasQuery = false
    }

    /// The path's query start and digit presence; the gRPC shape only when `wantGRPC` (it costs a
    /// second pass and matters only for HTTP/2 POSTs and records with a gRPC status).
    @inline(__always)
    static func shape(_ path: UnsafeRawBufferPointer, wantGRPC: Bool = true) -> Shape {
        var s = Shape()
        let n = path.count
        guard n > 0, let base = path.baseAddress else { return s }
        if let q = memchr(base, 0x3F, n) {
            s.end = base.distance(to: UnsafeRawPointer(q))
            s.hasQuery = true
        } else {
            s.end = n
        }
        s.hasDigit = hasDigit(UnsafeRawBufferPointer(start: base, count: s.end))
        if wantGRPC && !s.hasQuery { s.isGRPCMethod = isGRPCMethod(path) }
        return s
    }

    /// True when some byte is an ASCII digit (8 bytes at a time).
    @inline(__always)
    static func hasDigit(_ p: UnsafeRawBufferPointer) -> Bool {
        let n = p.count
        var i = 0
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        while i &+ 8 <= n {
            let x = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // "has a byte b with 0x2F < b < 0x3A" (bit-twiddling hacks, hasbetween), exact for all bytes.
            let low7 = x & (ones &* 127)
            if ((ones &* (127 + 0x3A)) &- low7) & ~x & (low7 &+ ones &* (127 - 0x2F)) & high != 0 { return true }
            i &+= 8
        }
        while i < n {
            if p.load(fromByteOffset: i, as: UInt8.self) &- 0x30 < 10 { return true }
            i &+= 1
        }
        return false
    }

    /// `/package.Service/Method`: two non-empty segments and a dot in the first. The caller has
    /// already ruled out a query string.
    static func isGRPCMethod(_ p: UnsafeRawBufferPointer) -> Bool {
        let n = p.count
        guard n >= 4, let base = p.baseAddress, base.load(as: UInt8.self) == 0x2F,
              let second = memchr(base + 1, 0x2F, n &- 1) else { return false }
        let s = base.distance(to: UnsafeRawPointer(second))
        return s > 1 && s < n &- 1 && memchr(base + (s &+ 1), 0x2F, n &- s &- 1) == nil
            && memchr(base + 1, 0x2E, s &- 1) != nil && memchr(base, 0x20, n) == nil
    }

    /// Writes the normal form of `path` (up to `end`, the query excluded) into `out`, cut to
    /// `out.count`, and returns its length. Works a segment at a time: memchr finds the next `/`,
    /// the segment is copied whole, or replaced by `{id}` when it contains a digit and looks like
    /// an identifier.
    static func normalize(_ path: UnsafeRawBufferPointer, end: Int, into out: UnsafeMutableRawBufferPointer) -> Int {
        guard end > 0, let src = path.baseAddress, let dst = out.baseAddress else { return 0 }
        let cap = out.count
        var n = 0
        var i = 0
        while i <= end && n < cap {
            let segmentEnd: Int
            if i < end, let slash = memchr(src + i, 0x2F, end &- i) {
                segmentEnd = src.distance(to: UnsafeRawPointer(slash))
            } else {
                segmentEnd = end
            }
            let segment = UnsafeRawBufferPointer(start: src + i, count: segmentEnd &- i)
            if segment.count > 0 && hasDigit(segment) && isIdentifier(segment) {
                let marker: UInt32 = 0x7D64_697B   // "{id}" in little-endian byte order
                for k in 0..<min(4, cap &- n) {
                    dst.storeBytes(of: UInt8(truncatingIfNeeded: marker >> (8 &* UInt32(k))), toByteOffset: n &+ k, as: UInt8.self)
                }
                n &+= min(4, cap &- n)
            } else if segment.count > 0 {
                let take = min(segment.count, cap &- n)
                (dst + n).copyMemory(from: src + i, byteCount: take)
                n &+= take
            }
            if segmentEnd < end && n < cap {
                dst.storeBytes(of: 0x2F, toByteOffset: n, as: UInt8.self)
                n &+= 1
            }
            i = segmentEnd &+ 1
        }
        return n
    }

    /// Writes the normal form of `path` into `out` and returns its length.
    static func normalize(_ path: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) -> Int {
        normalize(path, end: shape(path).end, into: out)
    }

    static func isIdentifier(_ s: UnsafeRawBufferPointer) -> Bool {
        var digits = 0, hex = 0, token = 0
        for b in s {
            if b &- 0x30 < 10 { digits += 1; hex += 1; token += 1 }
            else if (b | 0x20) &- 0x61 < 6 { hex += 1; token += 1 }
            else if (b | 0x20) &- 0x61 < 26 || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") { token += 1 }
        }
        let n = s.count
        if digits == 0 || n == 0 { return false }
        if digits == n { return true }
        if hex == n && n >= 8 { return true }
        if n == 36 && isUUID(s) { return true }
        return n >= 16 && token == n
    }

    private static func isUUID(_ s: UnsafeRawBufferPointer) -> Bool {
        for (i, b) in s.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                if b != UInt8(ascii: "-") { return false }
            } else if !(b &- 0x30 < 10 || (b | 0x20) &- 0x61 < 6) {
                return false
            }
        }
        return true
    }
}
