/// Turns request paths into low-cardinality keys: the query string is dropped and every path segment
/// that looks like an identifier becomes `{id}`.
///
/// A segment is an identifier when it contains a digit and is one of: all digits (`12345`); a UUID
/// (`8-4-4-4-12` hex digits); hex only and at least 8 long (`5f2b1c9a`, Mongo ObjectIds, hashes); or
/// at least 16 long made of letters, digits, `-` and `_` (opaque tokens, base64url ids).
/// `/orders/42/items?x=1` → `/orders/{id}/items`.
enum PathNormalizer {
    /// True when `path` is already its own normal form (no digit and no `?`): the common fast path.
    @inline(__always)
    static func isNormal(_ path: UnsafeRawBufferPointer) -> Bool {
        for b in path where b &- 0x30 < 10 || b == UInt8(ascii: "?") { return false }
        return true
    }

    /// Writes the normal form of `path` into `out` (cut to `out.count`) and returns its length.
    static func normalize(_ path: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) -> Int {
        var end = path.count
        for i in 0..<path.count where path[i] == UInt8(ascii: "?") { end = i; break }
        var n = 0
        var i = 0
        func emit(_ b: UInt8) { if n < out.count { out[n] = b; n += 1 } }
        while i < end {
            let b = path[i]
            if b == UInt8(ascii: "/") { emit(b); i += 1; continue }
            var j = i
            while j < end && path[j] != UInt8(ascii: "/") { j += 1 }
            let segment = UnsafeRawBufferPointer(rebasing: path[i..<j])
            if isIdentifier(segment) {
                for c in "{id}".utf8 { emit(c) }
            } else {
                for c in segment { emit(c) }
            }
            i = j
        }
        return n
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
