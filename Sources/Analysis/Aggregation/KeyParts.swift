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

/// What identifies a line for counting: its string keys (byte ranges, not copied) and its signature.
/// Two lines with equal parts are counted identically.
struct KeyParts {
    var cluster: UnsafeRawBufferPointer
    var host: UnsafeRawBufferPointer
    var detail: UnsafeRawBufferPointer
    var transportFailure: UnsafeRawBufferPointer
    var termination: UnsafeRawBufferPointer
    var route: UnsafeRawBufferPointer
    var destination: UnsafeRawBufferPointer
    var path: UnsafeRawBufferPointer
    /// The HTTP method for non-GET operations, else empty.
    var method: UnsafeRawBufferPointer
    var signature: Signature
    /// 1: gRPC method, 2: non-GET operation, 0: neither.
    var kind: UInt8

    /// Bytes of the serialised form: a 2-byte length and the bytes of each part, then 17 bytes of
    /// signature and kind.
    @inline(__always) var serialisedLength: Int {
        18 + 17 + cluster.count + host.count + detail.count + transportFailure.count + termination.count
            + route.count + destination.count + path.count + method.count
    }

    /// 64-bit hash of the parts that vary most (cluster, host, details, destination, path) and the
    /// signature. Each part is sampled (length, first, middle and last 8 bytes) with independent
    /// multiplies, so it costs a few cycles per part whatever its length. Tuples with equal hashes
    /// share a cache set; hits still compare every byte of every part.
    @inline(__always) var hash: UInt64 {
        let (w0, w1) = signature.words
        var a: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ w0 ^ UInt64(kind) << 56
        var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F ^ w1
        Self.mix(&a, &b, cluster, 1)
        Self.mix(&a, &b, host, 2)
        Self.mix(&a, &b, detail, 3)
        Self.mix(&a, &b, destination, 7)
        Self.mix(&a, &b, path, 8)
        var h = a ^ (b &* 0xbf58_476d_1ce4_e5b9)
        h = (h ^ (h >> 31)) &* 0x94d0_49bb_1331_11eb
        return h ^ (h >> 32)
    }

    @inline(__always)
    private static func mix(_ a: inout UInt64, _ b: inout UInt64, _ p: UnsafeRawBufferPointer, _ i: UInt64) {
        let n = p.count
        let first = load(p, n)
        let last = n > 8 ? p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) : 0
        let middle = n > 16 ? p.loadUnaligned(fromByteOffset: n / 2 - 4, as: UInt64.self) : 0
        a = a &+ (first ^ 0xA076_1D64_78BD_642F ^ UInt64(n) << 48) &* (last ^ 0xE703_7ED1_A0B4_28DB &+ i)
        b = (b ^ middle) &* 0x8EBC_6AF0_9C88_C6E3 &+ i
        a ^= a >> 29
    }

    /// Up to the first 8 bytes of `p`, without reading past its end.
    @inline(__always)
    static func load(_ p: UnsafeRawBufferPointer, _ n: Int) -> UInt64 {
        if n >= 8 { return p.loadUnaligned(fromByteOffset: 0, as: UInt64.self) }
        if n >= 4 {
            return UInt64(p.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
                | UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << 32
        }
        if n == 0 { return 0 }
        return UInt64(p[0]) | UInt64(p[n / 2]) << 8 | UInt64(p[n - 1]) << 16
    }

    /// Writes the serialised form at `to` (which has `serialisedLength` bytes).
    func write(to: UnsafeMutableRawPointer) {
        var at = to
        func put(_ p: UnsafeRawBufferPointer) {
            at.storeBytes(of: UInt16(truncatingIfNeeded: p.count).littleEndian, as: UInt16.self)
            if p.count > 0 { (at + 2).copyMemory(from: p.baseAddress!, byteCount: p.count) }
            at += 2 + p.count
        }
        put(cluster); put(host); put(detail); put(transportFailure); put(termination)
        put(route); put(destination); put(path); put(method)
        let (w0, w1) = signature.words
        at.storeBytes(of: w0, toByteOffset: 0, as: UInt64.self)
        at.storeBytes(of: w1, toByteOffset: 8, as: UInt64.self)
        at.storeBytes(of: kind, toByteOffset: 16, as: UInt8.self)
    }

    /// True when the serialised form at `at` (with `room` bytes) equals these parts.
    @inline(__always)
    func equals(_ start: UnsafeRawPointer, room: Int) -> Bool {
        guard serialisedLength <= room else { return false }
        var at = start
        guard Self.same(&at, cluster), Self.same(&at, host), Self.same(&at, detail),
              Self.same(&at, transportFailure), Self.same(&at, termination), Self.same(&at, route),
              Self.same(&at, destination), Self.same(&at, path), Self.same(&at, method) else { return false }
        let (w0, w1) = signature.words
        return at.loadUnaligned(fromByteOffset: 0, as: UInt64.self) == w0
            && at.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == w1
            && at.load(fromByteOffset: 16, as: UInt8.self) == kind
    }

    @inline(__always)
    private static func same(_ at: inout UnsafeRawPointer, _ p: UnsafeRawBufferPointer) -> Bool {
        let n = Int(UInt16(littleEndian: at.loadUnaligned(as: UInt16.self)))
        guard n == p.count else { return false }
        if n > 0 && !equal(at + 2, p.baseAddress!, n) { return false }
        at += 2 + n
        return true
    }

    @inline(__always)
    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
        var j = 0
        while j + 8 <= n {
            if a.loadUnaligned(fromByteOffset: j, as: UInt64.self) != b.loadUnaligned(fromByteOffset: j, as: UInt64.self) {
                return false
            }
            j += 8
        }
        if j == n { return true }
        if n >= 8 {
            return a.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
                == b.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        }
        // Fewer than 8 bytes: the sampled load covers every byte (overlapping halves, or first/middle/last).
        return load(UnsafeRawBufferPointer(start: a, count: n), n) == load(UnsafeRawBufferPointer(start: b, count: n), n)
    }
}
