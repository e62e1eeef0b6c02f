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
/// lengths, the path id, the signature, the kind) followed by the fields' bytes; the code is unrolled
/// over the nine fields on purpose (hot path).
///
/// A path the `PathKeyCache` knows is identified by its id instead of its bytes (an id always stands
/// for the same bytes), so the line-key cache neither hashes nor compares it.
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
    /// The path's `PathKeyCache` id, or 0.
    let pathID: UInt32
    /// The path bytes that identify the line: none when `pathID` does.
    let keyedPath: FieldBytes
    /// The HTTP method for non-GET operations, else empty.
    let method: FieldBytes
    let signature: Signature
    /// 1: gRPC method, 2: non-GET operation, 0: neither.
    let kind: UInt8
    /// Lengths of fields 0–7, 8 bits each.
    let lengths: UInt64
    /// Length of field 8, the kind, and the path id.
    let tail: UInt64
    /// Bytes of all fields.
    let fieldBytes: Int
    /// False when a field is longer than 255 bytes (such lines are not cached).
    let cacheable: Bool

    @inline(__always)
    init(destination: FieldBytes, host: FieldBytes, cluster: FieldBytes, detail: FieldBytes, termination: FieldBytes,
         transportFailure: FieldBytes, route: FieldBytes, path: FieldBytes, pathID: UInt32, method: FieldBytes,
         signature: Signature, kind: UInt8) {
        self.destination = destination; self.host = host; self.cluster = cluster; self.detail = detail
        self.termination = termination; self.transportFailure = transportFailure; self.route = route
        self.path = path; self.pathID = pathID; self.method = method; self.signature = signature; self.kind = kind
        let keyedPath = pathID != 0 ? FieldBytes.empty : path
        self.keyedPath = keyedPath
        let c0 = destination.count, c1 = host.count, c2 = cluster.count, c3 = detail.count, c4 = termination.count
        let c5 = transportFailure.count, c6 = route.count, c7 = keyedPath.count, c8 = method.count
        cacheable = (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8) <= 255
        lengths = UInt64(c0 & 0xFF) | UInt64(c1 & 0xFF) << 8 | UInt64(c2 & 0xFF) << 16 | UInt64(c3 & 0xFF) << 24
            | UInt64(c4 & 0xFF) << 32 | UInt64(c5 & 0xFF) << 40 | UInt64(c6 & 0xFF) << 48 | UInt64(c7 & 0xFF) << 56
        tail = UInt64(c8 & 0xFF) | UInt64(kind) << 8 | UInt64(pathID) << 32
        fieldBytes = c0 &+ c1 &+ c2 &+ c3 &+ c4 &+ c5 &+ c6 &+ c7 &+ c8
    }

    /// Bytes of the serialised form: four header words and the fields.
    @inline(__always) var serialisedLength: Int { 32 &+ fieldBytes }

    /// 64-bit hash of the lengths, the path id, the signature, and samples (first and last 8 bytes) of
    /// the fields that vary most: host, cluster, path. Tuples with equal hashes share a cache set; a
    /// hit still compares every byte.
    @inline(__always) var hash: UInt64 {
        let (w0, w1) = signature.words
        var a: UInt64 = (0x9E37_79B9_7F4A_7C15 ^ w0 ^ lengths) &* 0xbf58_476d_1ce4_e5b9
        var b: UInt64 = (0xC2B2_AE3D_27D4_EB4F ^ w1 ^ tail) &* 0x8EBC_6AF0_9C88_C6E3
        Self.mix(&a, &b, host)
        Self.mix(&a, &b, cluster)
        Self.mix(&a, &b, keyedPath)
        var h = a ^ (b >> 31) ^ b
        h = (h ^ (h >> 31)) &* 0x94d0_49bb_1331_11eb
        return h ^ (h >> 32)
    }

    @inline(__always)
    private static func mix(_ a: inout UInt64, _ b: inout UInt64, _ p: FieldBytes) {
        a = (a ^ p.firstWord) &* 0xA076_1D64_78BD_642F
        b = (b ^ p.lastWord) &* 0xE703_7ED1_A0B4_28DB
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
        func put(_ p: FieldBytes) {
            if p.count > 0 { at.copyMemory(from: p.start.unsafelyUnwrapped, byteCount: p.count) }
            at += p.count
        }
        // The order `equals` compares in.
        put(host); put(cluster); put(keyedPath); put(destination); put(detail); put(termination)
        put(transportFailure); put(route); put(method)
    }

    /// True when the serialised form at `start` (with `room` bytes) equals these parts.
    @inline(__always)
    func equals(_ start: UnsafeRawPointer, room: Int) -> Bool {
        let (w0, w1) = signature.words
        let header = (start.loadUnaligned(fromByteOffset: 0, as: UInt64.self) ^ lengths)
            | (start.loadUnaligned(fromByteOffset: 8, as: UInt64.self) ^ tail)
            | (start.loadUnaligned(fromByteOffset: 16, as: UInt64.self) ^ w0)
            | (start.loadUnaligned(fromByteOffset: 24, as: UInt64.self) ^ w1)
        guard header == 0, serialisedLength <= room else { return false }
        // Equal lengths: XOR the bytes field by field and test once (a hash match is almost always a hit).
        var at = start + 32
        var diff = Self.diff(&at, host) | Self.diff(&at, cluster) | Self.diff(&at, keyedPath)
        diff |= Self.diff(&at, destination) | Self.diff(&at, detail) | Self.diff(&at, termination)
        diff |= Self.diff(&at, transportFailure) | Self.diff(&at, route) | Self.diff(&at, method)
        return diff == 0
    }

    /// Non-zero when the `p.count` bytes at `at` differ from `p`'s; advances `at` past them.
    @inline(__always)
    private static func diff(_ at: inout UnsafeRawPointer, _ p: FieldBytes) -> UInt64 {
        let n = p.count
        guard n > 0 else { return 0 }
        let d = difference(at, p.start.unsafelyUnwrapped, n)
        at += n
        return d
    }

    /// Up to the first 8 bytes of `p`, without reading past its end.
    @inline(__always)
    static func load(_ p: UnsafeRawBufferPointer, _ n: Int) -> UInt64 {
        guard let base = p.baseAddress, n > 0 else { return 0 }
        return loadWord(base, n)
    }

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
