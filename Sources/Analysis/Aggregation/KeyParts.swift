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
/// Two lines with equal parts are counted identically. The serialised form is a header (the fields'
/// lengths, the signature, the kind) followed by the fields' bytes; the code is unrolled over the
/// nine fields on purpose (hot path).
struct KeyParts {
    let destination: UnsafeRawBufferPointer
    let host: UnsafeRawBufferPointer
    let cluster: UnsafeRawBufferPointer
    let detail: UnsafeRawBufferPointer
    let termination: UnsafeRawBufferPointer
    let transportFailure: UnsafeRawBufferPointer
    let route: UnsafeRawBufferPointer
    let path: UnsafeRawBufferPointer
    /// The HTTP method for non-GET operations, else empty.
    let method: UnsafeRawBufferPointer
    let signature: Signature
    /// 1: gRPC method, 2: non-GET operation, 0: neither.
    let kind: UInt8
    /// Lengths of fields 0–7, 8 bits each.
    let lengths: UInt64
    /// Length of field 8, and the kind.
    let tail: UInt64
    /// Bytes of all fields.
    let fieldBytes: Int
    /// False when a field is longer than 255 bytes (such lines are not cached).
    let cacheable: Bool

    init(destination: UnsafeRawBufferPointer, host: UnsafeRawBufferPointer, cluster: UnsafeRawBufferPointer,
         detail: UnsafeRawBufferPointer, termination: UnsafeRawBufferPointer, transportFailure: UnsafeRawBufferPointer,
         route: UnsafeRawBufferPointer, path: UnsafeRawBufferPointer, method: UnsafeRawBufferPointer,
         signature: Signature, kind: UInt8) {
        self.destination = destination; self.host = host; self.cluster = cluster; self.detail = detail
        self.termination = termination; self.transportFailure = transportFailure; self.route = route
        self.path = path; self.method = method; self.signature = signature; self.kind = kind
        let c0 = destination.count, c1 = host.count, c2 = cluster.count, c3 = detail.count, c4 = termination.count
        let c5 = transportFailure.count, c6 = route.count, c7 = path.count, c8 = method.count
        cacheable = (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8) <= 255
        lengths = UInt64(c0 & 0xFF) | UInt64(c1 & 0xFF) << 8 | UInt64(c2 & 0xFF) << 16 | UInt64(c3 & 0xFF) << 24
            | UInt64(c4 & 0xFF) << 32 | UInt64(c5 & 0xFF) << 40 | UInt64(c6 & 0xFF) << 48 | UInt64(c7 & 0xFF) << 56
        tail = UInt64(c8 & 0xFF) | UInt64(kind) << 8
        fieldBytes = c0 &+ c1 &+ c2 &+ c3 &+ c4 &+ c5 &+ c6 &+ c7 &+ c8
    }

    /// Bytes of the serialised form: four header words and the fields.
    @inline(__always) var serialisedLength: Int { 32 &+ fieldBytes }

    /// 64-bit hash of the lengths, the signature, and samples (first and last 8 bytes) of the fields
    /// that vary most: host, cluster, path. Tuples with equal hashes share a cache set; a hit still
    /// compares every byte.
    @inline(__always) var hash: UInt64 {
        let (w0, w1) = signature.words
        var a: UInt64 = (0x9E37_79B9_7F4A_7C15 ^ w0 ^ lengths) &* 0xbf58_476d_1ce4_e5b9
        var b: UInt64 = (0xC2B2_AE3D_27D4_EB4F ^ w1 ^ tail) &* 0x8EBC_6AF0_9C88_C6E3
        Self.mix(&a, &b, host)
        Self.mix(&a, &b, cluster)
        Self.mix(&a, &b, path)
        var h = a ^ (b >> 31) ^ b
        h = (h ^ (h >> 31)) &* 0x94d0_49bb_1331_11eb
        return h ^ (h >> 32)
    }

    @inline(__always)
    private static func mix(_ a: inout UInt64, _ b: inout UInt64, _ p: UnsafeRawBufferPointer) {
        let n = p.count
        let first = load(p, n)
        let last = n > 8 ? p.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self) : 0
        a = (a ^ first) &* 0xA076_1D64_78BD_642F
        b = (b ^ last) &* 0xE703_7ED1_A0B4_28DB
        a ^= a >> 29
    }

    /// Writes the serialised form at `to` (which has `serialisedLength` bytes).
    func write(to: UnsafeMutableRawPointer) {
        let (w0, w1) = signature.words
        to.storeBytes(of: lengths, toByteOffset: 0, as: UInt64.self)
        to.storeBytes(of: tail, toByteOffset: 8, as: UInt64.self)
        to.storeBytes(of: w0, toByteOffset: 16, as: UInt64.self)
        to.storeBytes(of: w1, toByteOffset: 24, as: UInt64.self)
        var at = to + 32
        func put(_ p: UnsafeRawBufferPointer) {
            if p.count > 0 { at.copyMemory(from: p.baseAddress!, byteCount: p.count) }
            at += p.count
        }
        // The order `equals` compares in.
        put(host); put(cluster); put(path); put(destination); put(detail); put(termination)
        put(transportFailure); put(route); put(method)
    }

    /// True when the serialised form at `start` (with `room` bytes) equals these parts.
    @inline(__always)
    func equals(_ start: UnsafeRawPointer, room: Int) -> Bool {
        let (w0, w1) = signature.words
        guard start.loadUnaligned(fromByteOffset: 0, as: UInt64.self) == lengths,
              start.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == tail,
              start.loadUnaligned(fromByteOffset: 16, as: UInt64.self) == w0,
              start.loadUnaligned(fromByteOffset: 24, as: UInt64.self) == w1,
              serialisedLength <= room else { return false }
        // Equal lengths: compare the bytes field by field.
        var at = start + 32
        return Self.same(&at, host) && Self.same(&at, cluster) && Self.same(&at, path)
            && Self.same(&at, destination) && Self.same(&at, detail) && Self.same(&at, termination)
            && Self.same(&at, transportFailure) && Self.same(&at, route) && Self.same(&at, method)
    }

    @inline(__always)
    private static func same(_ at: inout UnsafeRawPointer, _ p: UnsafeRawBufferPointer) -> Bool {
        let n = p.count
        if n == 0 { return true }
        guard equal(at, p.baseAddress!, n) else { return false }
        at += n
        return true
    }
    /// Up to the first 8 bytes of `p`, without reading past its end.
    @inline(__always)
    static func load(_ p: UnsafeRawBufferPointer, _ n: Int) -> UInt64 {
        guard let base = p.baseAddress, n > 0 else { return 0 }
        if n >= 8 { return base.loadUnaligned(as: UInt64.self) }
        if n >= 4 {
            return UInt64(base.loadUnaligned(as: UInt32.self))
                | UInt64(base.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)) << 32
        }
        return UInt64(base.load(as: UInt8.self)) | UInt64(base.load(fromByteOffset: n >> 1, as: UInt8.self)) << 8
            | UInt64(base.load(fromByteOffset: n &- 1, as: UInt8.self)) << 16
    }

    /// Byte equality of two ranges of `n` bytes, 8 at a time (unchecked arithmetic: hot path).
    @inline(__always)
    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
        if n < 8 {
            return load(UnsafeRawBufferPointer(start: a, count: n), n) == load(UnsafeRawBufferPointer(start: b, count: n), n)
        }
        let last = n &- 8
        var j = 0
        while j < last {
            if a.loadUnaligned(fromByteOffset: j, as: UInt64.self) != b.loadUnaligned(fromByteOffset: j, as: UInt64.self) {
                return false
            }
            j &+= 8
        }
        return a.loadUnaligned(fromByteOffset: last, as: UInt64.self) == b.loadUnaligned(fromByteOffset: last, as: UInt64.self)
    }
}
