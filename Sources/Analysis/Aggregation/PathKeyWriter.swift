import Glibc
#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif
import AccessLog

/// Writes a request path's normal form (`PathNormalizer`: query dropped, identifier segments turned
/// into `{id}`) for the line key, fast for the common short path.
///
/// Paths whose part before `?` fits in 64 bytes are classified with three 64-bit bitmaps — digits,
/// slashes, question marks — taken 16 bytes at a time (SSE2 on x86-64, a byte loop elsewhere). The
/// segments around digits are then found with bit tricks, and an all-digit segment (the usual id) is
/// recognised with one mask test; only long mixed segments go to `PathNormalizer.isIdentifier`.
/// Longer paths use `PathNormalizer.normalize`. Both give byte-identical output (tested).
enum PathKeyWriter {
    /// Bytes of `window` the fast path needs readable (the caller copies short paths there).
    static let windowBytes = 64
    /// Most bytes `write` produces: a 64-byte prefix whose every segment becomes `{id}` grows at most
    /// 2.5-fold (`/1` → `/{id}`); longer paths are cut off at `fallbackRoom`.
    static let maxOutput = 192
    private static let fallbackRoom = 192

    /// What `write` produced.
    struct Written {
        /// Bytes written at `out`; -1 when the normal form does not fit `maxOutput`.
        var count: Int
        var hasQuery: Bool
        /// True when some segment was replaced (the normal form differs from the part before `?`).
        var changed: Bool
    }

    /// Writes the normal form of the `n`-byte path at `path` to `out` (room for `maxOutput` bytes).
    /// `window` holds the first `min(n, 64)` path bytes and is readable for 64 bytes (it may be
    /// `path` itself when the line continues that far).
    @inline(__always)
    static func write(_ path: UnsafeRawPointer, count n: Int, window: UnsafeRawPointer,
                      to out: UnsafeMutableRawPointer) -> Written {
        let limit = min(n, 64)
        let valid: UInt64 = limit == 64 ? ~0 : (1 &<< UInt64(limit)) &- 1
        // Only the 16-byte chunks that hold path bytes (the window is readable either way).
        var queries: UInt64 = 0, digits: UInt64 = 0, slashes: UInt64 = 0, dots: UInt64 = 0
        var chunk = 0
        repeat {
            let m = masks16(window + chunk)
            queries |= m.queries &<< UInt64(chunk)
            digits |= m.digits &<< UInt64(chunk)
            slashes |= m.slashes &<< UInt64(chunk)
            dots |= m.dots &<< UInt64(chunk)
            chunk &+= 16
        } while chunk < limit
        queries &= valid
        let end: Int
        if queries != 0 {
            end = queries.trailingZeroBitCount
        } else if n <= 64 {
            end = n
        } else {
            return writeLong(path, count: n, to: out)
        }
        let inPath: UInt64 = end == 64 ? ~0 : (1 &<< UInt64(end)) &- 1
        digits &= inPath
        slashes &= inPath
        var written = 0, copied = 0, changed = false
        while digits != 0 {
            let i = digits.trailingZeroBitCount
            let below = slashes & ((1 &<< UInt64(i)) &- 1)
            let start = below == 0 ? 0 : 64 &- below.leadingZeroBitCount     // one past the slash before
            let above = slashes & ~((1 &<< UInt64(i)) &- 1)
            let stop = above == 0 ? end : above.trailingZeroBitCount          // the slash after, or the end
            let upToStop: UInt64 = stop == 64 ? ~0 : (1 &<< UInt64(stop)) &- 1
            let segment = upToStop & ~((1 &<< UInt64(start)) &- 1)
            let isID: Bool
            if segment & ~digits == 0 {
                isID = true                                                   // all digits
            } else if stop &- start < 8 || segment & dots != 0 {
                isID = false                                                  // short and mixed, or has a `.`
            } else {
                isID = PathNormalizer.isIdentifier(UnsafeRawBufferPointer(start: window + start, count: stop &- start))
            }
            if isID {
                ByteCopy.copy(out + written, window + copied, start &- copied)
                written &+= start &- copied
                out.storeBytes(of: 0x7D64_697B as UInt32, toByteOffset: written, as: UInt32.self)   // "{id}"
                written &+= 4
                copied = stop
                changed = true
            }
            digits &= ~upToStop
        }
        ByteCopy.copy(out + written, window + copied, end &- copied)
        return Written(count: written &+ end &- copied, hasQuery: queries != 0, changed: changed)
    }

    /// `write` for a path whose part before `?` may be longer than 64 bytes: the general normaliser.
    @inline(never)
    private static func writeLong(_ path: UnsafeRawPointer, count n: Int, to out: UnsafeMutableRawPointer) -> Written {
        var end = n
        if let q = memchr(path, 0x3F, n) { end = path.distance(to: UnsafeRawPointer(q)) }
        let count = PathNormalizer.normalize(UnsafeRawBufferPointer(start: path, count: n), end: end,
                                             into: UnsafeMutableRawBufferPointer(start: out, count: fallbackRoom))
        // A full buffer may mean a cut: such paths are not cached.
        if count >= fallbackRoom { return Written(count: -1, hasQuery: end < n, changed: true) }
        let changed = count != end || memcmp(out, path, count) != 0
        return Written(count: count, hasQuery: end < n, changed: changed)
    }

    /// Bits 0–15: which of the 16 bytes at `p` are ASCII digits, `/`, `?`, `.` (a dot rules a segment
    /// out as an identifier: the gRPC `package.Service` segment is long and mixed, but has dots).
    @inline(__always)
    static func masks16(_ p: UnsafeRawPointer) -> (digits: UInt64, slashes: UInt64, queries: UInt64, dots: UInt64) {
        #if arch(x86_64)
        let v = p.loadUnaligned(as: __m128i.self)
        // Signed compares: bytes ≥ 0x80 are negative, so never digits.
        let digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x2F)), _mm_cmplt_epi8(v, _mm_set1_epi8(0x3A)))
        let slash = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x2F))
        let query = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x3F))
        let dot = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x2E))
        return (UInt64(UInt32(bitPattern: _mm_movemask_epi8(digit))), UInt64(UInt32(bitPattern: _mm_movemask_epi8(slash))),
                UInt64(UInt32(bitPattern: _mm_movemask_epi8(query))), UInt64(UInt32(bitPattern: _mm_movemask_epi8(dot))))
        #else
        return portableMasks16(p)
        #endif
    }

    /// The portable version of `masks16` (used off x86-64; tested against it everywhere).
    static func portableMasks16(_ p: UnsafeRawPointer) -> (digits: UInt64, slashes: UInt64, queries: UInt64, dots: UInt64) {
        var d: UInt64 = 0, s: UInt64 = 0, q: UInt64 = 0, o: UInt64 = 0
        for i in 0..<16 {
            let b = p.load(fromByteOffset: i, as: UInt8.self)
            if b &- 0x30 < 10 { d |= 1 << UInt64(i) }
            if b == 0x2F { s |= 1 << UInt64(i) }
            if b == 0x3F { q |= 1 << UInt64(i) }
            if b == 0x2E { o |= 1 << UInt64(i) }
        }
        return (d, s, q, o)
    }
}

/// Short copies without a call: overlapping 8- or 4-byte moves, reading and writing exactly `n`
/// bytes.
enum ByteCopy {
    @inline(__always)
    static func copy(_ to: UnsafeMutableRawPointer, _ from: UnsafeRawPointer, _ n: Int) {
        if n >= 8 {
            var j = 0
            while j &+ 8 < n {
                to.storeBytes(of: from.loadUnaligned(fromByteOffset: j, as: UInt64.self), toByteOffset: j, as: UInt64.self)
                j &+= 8
            }
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self), toByteOffset: n &- 8, as: UInt64.self)
        } else if n >= 4 {
            to.storeBytes(of: from.loadUnaligned(as: UInt32.self), as: UInt32.self)
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self), toByteOffset: n &- 4, as: UInt32.self)
        } else if n > 0 {
            to.storeBytes(of: from.load(as: UInt8.self), as: UInt8.self)
            to.storeBytes(of: from.load(fromByteOffset: n >> 1, as: UInt8.self), toByteOffset: n >> 1, as: UInt8.self)
            to.storeBytes(of: from.load(fromByteOffset: n &- 1, as: UInt8.self), toByteOffset: n &- 1, as: UInt8.self)
        }
    }
}
