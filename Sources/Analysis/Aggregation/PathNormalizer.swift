import Glibc
import AccessLog

/// Turns request paths into low-cardinality keys: the query string is dropped and every path segment
/// that looks like an identifier becomes `{id}`.
///
/// A segment is an identifier when it contains a digit and is all digits, a long token (UUIDs,
/// ULIDs, base64url), or an 8–15-byte hex, upper-case or mixed-case id (`isIdentifier`).
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
        guard let base = p.baseAddress else { return false }
        return firstDigit(base, from: 0, to: p.count) != nil
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
    /// `out.count`, and returns its length. Only segments with a digit can be identifiers, so it jumps
    /// from digit to digit (8 bytes at a time), tests the segment around each, and copies the runs
    /// between identifiers whole.
    static func normalize(_ path: UnsafeRawBufferPointer, end: Int, into out: UnsafeMutableRawBufferPointer) -> Int {
        guard end > 0, let src = path.baseAddress, let dst = out.baseAddress else { return 0 }
        var w = Writer(dst: dst, cap: out.count)
        var copied = 0   // bytes of `src` before this are written (or replaced)
        var i = 0        // a segment start: the first byte, or one after a `/`
        while i < end, let digit = firstDigit(src, from: i, to: end) {
            // The segment around the digit (identifier segments are short: byte loops beat memchr).
            var start = digit
            while start > i && src.load(fromByteOffset: start &- 1, as: UInt8.self) != 0x2F { start &-= 1 }
            var stop = digit &+ 1
            while stop < end && src.load(fromByteOffset: stop, as: UInt8.self) != 0x2F { stop &+= 1 }
            if isIdentifier(UnsafeRawBufferPointer(start: src + start, count: stop &- start)) {
                w.append(src + copied, start &- copied)
                w.appendIDMarker()
                copied = stop
            }
            i = stop &+ 1
        }
        w.append(src + copied, end &- copied)
        return w.count
    }

    /// Appends to a buffer, silently cutting at its capacity.
    private struct Writer {
        let dst: UnsafeMutableRawPointer
        let cap: Int
        var count = 0

        /// Copies with overlapping word moves (no call for the short runs of a path).
        @inline(__always)
        mutating func append(_ p: UnsafeRawPointer, _ n: Int) {
            let take = min(n, cap &- count)
            guard take > 0 else { return }
            let to = dst + count
            if take >= 8 {
                var j = 0
                while j &+ 8 < take {
                    to.storeBytes(of: p.loadUnaligned(fromByteOffset: j, as: UInt64.self), toByteOffset: j, as: UInt64.self)
                    j &+= 8
                }
                to.storeBytes(of: p.loadUnaligned(fromByteOffset: take &- 8, as: UInt64.self), toByteOffset: take &- 8,
                              as: UInt64.self)
            } else if take >= 4 {
                to.storeBytes(of: p.loadUnaligned(as: UInt32.self), as: UInt32.self)
                to.storeBytes(of: p.loadUnaligned(fromByteOffset: take &- 4, as: UInt32.self), toByteOffset: take &- 4,
                              as: UInt32.self)
            } else {
                for k in 0..<take { to.storeBytes(of: p.load(fromByteOffset: k, as: UInt8.self), toByteOffset: k, as: UInt8.self) }
            }
            count &+= take
        }

        mutating func appendIDMarker() {
            let marker: UInt32 = 0x7D64_697B   // "{id}" in little-endian byte order
            withUnsafeBytes(of: marker) { append($0.baseAddress!, 4) }
        }
    }

    /// The index of the first ASCII digit in `p[from..<to]`, 8 bytes at a time.
    @inline(__always)
    static func firstDigit(_ p: UnsafeRawPointer, from: Int, to end: Int) -> Int? {
        var i = from
        while i &+ 8 <= end {
            let m = digitMask(p.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            if m != 0 { return i &+ m.trailingZeroBitCount >> 3 }
            i &+= 8
        }
        while i < end {
            if p.load(fromByteOffset: i, as: UInt8.self) &- 0x30 < 10 { return i }
            i &+= 1
        }
        return nil
    }

    /// Bit 7 of each byte of the result is set exactly when that byte of `x` is an ASCII digit
    /// (bit-twiddling hacks' "hasbetween(x, 0x2F, 0x3A)"; per byte no carry or borrow crosses into
    /// the next, so every bit is exact, not only "some byte matches").
    @inline(__always)
    static func digitMask(_ x: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        let low7 = x & (ones &* 127)
        return ((ones &* (127 + 0x3A)) &- low7) & ~x & (low7 &+ ones &* (127 - 0x2F)) & high
    }

    /// Writes the normal form of `path` into `out` and returns its length.
    static func normalize(_ path: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) -> Int {
        normalize(path, end: shape(path).end, into: out)
    }

    /// True when the segment contains a digit and is one of:
    /// - all digits (`12345`);
    /// - at least 16 long, made of letters, digits, `-` and `_` (UUIDs, ULIDs, base64url tokens);
    /// - 8 to 15 long and hex only (`5f2b1c9a`, hashes), or letters and digits with no lower-case
    ///   letter (`OLJCESPC7Z`, `66VCHSJNUP`: opaque upper-case ids), or letters and digits in both
    ///   cases (`dQw4w9WgXcQ`: base62 ids).
    /// Words and versions stay: `v1`, `oauth2`, `healthz`, `ISO8601`, `product2023` (short, or lower-case
    /// words with digits). Anything else (`.`, `%`, `~`, …) rules a segment out.
    static func isIdentifier(_ s: UnsafeRawBufferPointer) -> Bool {
        let n = s.count
        guard n > 0, let p = s.baseAddress else { return false }
        var digits = 0, upper = 0, lower = 0, nonHexLetters = 0, separators = 0
        for i in 0..<n {
            let b = p.load(fromByteOffset: i, as: UInt8.self)
            if b &- 0x30 < 10 {
                digits &+= 1
            } else if b &- 0x41 < 26 {
                upper &+= 1
                if b > 0x46 { nonHexLetters &+= 1 }
            } else if b &- 0x61 < 26 {
                lower &+= 1
                if b > 0x66 { nonHexLetters &+= 1 }
            } else if b == UInt8(ascii: "-") || b == UInt8(ascii: "_") {
                separators &+= 1
            } else {
                return false
            }
        }
        guard digits > 0 else { return false }
        if digits == n || n >= 16 { return true }
        guard n >= 8, separators == 0 else { return false }
        return nonHexLetters == 0 || lower == 0 || upper > 0
    }
}
