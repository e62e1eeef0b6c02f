/// The table entries one line's string keys map to.
struct LineKeys: Sendable {
    var cluster = KeyRef.none
    var host = KeyRef.none
    var detail = KeyRef.none
    var transportFailure = KeyRef.none
    var termination = KeyRef.none
    var route = KeyRef.none
    /// Authority (HTTP) or SNI / original destination (TCP).
    var destination = KeyRef.none
    var path = KeyRef.none
    var method = KeyRef.none
}

/// A line's string keys (byte ranges into the line, not copied) and its signature, as the slow path
/// (`lookUpKeys`) counts them.
struct KeyParts {
    let destination: FieldBytes
    let host: FieldBytes
    let cluster: FieldBytes
    let detail: FieldBytes
    let termination: FieldBytes
    let transportFailure: FieldBytes
    let route: FieldBytes
    /// The path key (for the table lookups).
    let path: FieldBytes
    /// The HTTP method for non-GET operations, else empty.
    let method: FieldBytes
    let signature: Signature
    /// 1: gRPC method, 2: non-GET operation, 0: neither.
    let kind: UInt8

    /// Up to the first 8 of the `n` (> 0) bytes at `base` packed in a word: every byte of a shorter
    /// range is read at least once, so unequal ranges of the same length give unequal words.
    @inline(__always)
    static func loadWord(_ base: UnsafeRawPointer, _ n: Int) -> UInt64 {
        if n >= 8 { return base.loadUnaligned(as: UInt64.self) }
        if n >= 4 {
            return UInt64(base.loadUnaligned(as: UInt32.self))
                | UInt64(base.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)) << 32
        }
        return UInt64(base.load(as: UInt8.self)) | UInt64(base.load(fromByteOffset: n >> 1, as: UInt8.self)) << 8
            | UInt64(base.load(fromByteOffset: n &- 1, as: UInt8.self)) << 16
    }

    /// Zero exactly when the two ranges of `n` (> 0) bytes are equal: XORs of 8-byte words, the last
    /// one overlapping (unchecked arithmetic: hot path).
    @inline(__always)
    static func difference(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> UInt64 {
        if n < 8 {
            // One byte is common (`-`): compare it alone.
            if n == 1 { return UInt64(a.load(as: UInt8.self) ^ b.load(as: UInt8.self)) }
            return loadWord(a, n) ^ loadWord(b, n)
        }
        let last = n &- 8
        let d = a.loadUnaligned(fromByteOffset: last, as: UInt64.self) ^ b.loadUnaligned(fromByteOffset: last, as: UInt64.self)
        var j = 0
        // Stops at the first difference (which also keeps the loop scalar: short fields, no setup).
        while j < last && d == 0 {
            let w = a.loadUnaligned(fromByteOffset: j, as: UInt64.self) ^ b.loadUnaligned(fromByteOffset: j, as: UInt64.self)
            if w != 0 { return w }
            j &+= 8
        }
        return d
    }

    /// Byte equality of two ranges of `n` bytes.
    @inline(__always)
    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
        n == 0 || difference(a, b, n) == 0
    }
}
