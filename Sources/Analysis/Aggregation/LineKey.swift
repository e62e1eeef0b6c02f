#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif
import AccessLog

/// The field ranges of one record that decide how it is counted, read from the record at once (plain
/// loads, before any call, so the 280-byte record is never copied).
struct RecordRanges {
    var method: FieldRange
    var path: FieldRange
    var proto: FieldRange
    var cluster: FieldRange
    var host: FieldRange
    var detail: FieldRange
    var transportFailure: FieldRange
    var termination: FieldRange
    var route: FieldRange
    var authority: FieldRange
    var sni: FieldRange
    var originalDestination: FieldRange

    @inline(__always)
    init(_ record: borrowing AccessRecord) {
        method = record[.method]; path = record[.path]; proto = record[.protocol]
        cluster = record[.upstreamCluster]; host = record[.upstreamHost]
        detail = record[.responseCodeDetails]; transportFailure = record[.upstreamTransportFailureReason]
        termination = record[.connectionTerminationDetails]; route = record[.routeName]
        authority = record[.authority]; sni = record[.requestedServerName]
        originalDestination = record[.downstreamLocalAddress]
    }
}

/// The serialised *line key*: everything the aggregator's counting of a line depends on apart from
/// its per-line values. Two lines with equal keys are counted identically, so `LineKeyCache` maps a
/// key to the table entries (`LineKeys`) and `Signature` its first line resolved to.
///
/// Layout (zero-padded to a multiple of 8 bytes):
/// - 24-byte header: code, flags, gRPC status, format, bits (retried, path has a query, path changed
///   by normalisation), and the ten field lengths;
/// - the bytes of method, protocol, cluster, host, code details, transport failure, termination,
///   route, destination (authority, or for TCP the SNI / original destination), and last the
///   *normalised* path (`PathKeyWriter`), so lines that differ only in ids or queries share a key.
///
/// The key holds the raw bytes the slow path reads (or something finer), so equal keys really mean
/// equal counting; gRPC lines whose path normalisation changed something are not cached (their
/// method name is the raw path).
enum LineKey {
    /// Longest key cached.
    static let capacity = 248
    /// Scratch bytes `build` needs.
    static let scratchBytes = 640
    private static let windowOffset = 512
    static let retried: UInt8 = 1, hasQuery: UInt8 = 2, pathChanged: UInt8 = 4

    /// Writes the key of a line into `scratch` (`scratchBytes`, 16-byte aligned) and returns its
    /// length (a multiple of 8), or 0 when the line is not cacheable (a field over 255 bytes or a key
    /// over `capacity`).
    @inline(__always)
    static func build(_ r: RecordRanges, _ f: LineFacts, line: UnsafeRawBufferPointer,
                      into scratch: UnsafeMutableRawPointer) -> Int {
        guard let base = line.baseAddress else { return 0 }
        let n = line.count
        let method = FieldBytes(r.method, at: base, count: n), proto = FieldBytes(r.proto, at: base, count: n)
        let isTCP = method.isDash && proto.isDash
        let destination = !isTCP ? FieldBytes(r.authority, at: base, count: n) : {
            let sni = FieldBytes(r.sni, at: base, count: n)
            return sni.isDash ? FieldBytes(r.originalDestination, at: base, count: n) : sni
        }()
        var at = 24
        var lengths: UInt64 = 0
        let lineEnd = base + n
        // Appends a field; false when it does not fit (then the line is not cached).
        @inline(__always) func put(_ field: FieldBytes, _ index: UInt64) -> Bool {
            let c = field.count
            guard at &+ c <= capacity else { return false }   // also keeps every length ≤ 255
            if let start = field.start { copy(scratch + at, start, c, lineEnd: lineEnd) }
            at &+= c
            lengths |= UInt64(c) &<< (index &* 8)
            return true
        }
        guard put(method, 0), put(proto, 1), put(FieldBytes(r.cluster, at: base, count: n), 2),
              put(FieldBytes(r.host, at: base, count: n), 3), put(FieldBytes(r.detail, at: base, count: n), 4),
              put(FieldBytes(r.transportFailure, at: base, count: n), 5),
              put(FieldBytes(r.termination, at: base, count: n), 6), put(FieldBytes(r.route, at: base, count: n), 7)
        else { return 0 }
        let lengths2 = UInt64(destination.count)
        guard at &+ destination.count <= capacity else { return 0 }
        if let start = destination.start { copy(scratch + at, start, destination.count, lineEnd: lineEnd) }
        at &+= destination.count
        var bits: UInt8 = f.attempts > 1 ? retried : 0
        var pathLength = 0
        let path = FieldBytes(r.path, at: base, count: n)
        if path.count > 0 {
            let start = path.start.unsafelyUnwrapped
            var window = start
            if Int(r.path.lo) &+ PathKeyWriter.windowBytes > n {
                // Near the line's end: a zero-padded copy is read instead of bytes past the line.
                window = UnsafeRawPointer(scratch + windowOffset)
                for k in 0..<8 { scratch.storeBytes(of: 0 as UInt64, toByteOffset: windowOffset &+ k &* 8, as: UInt64.self) }
                ByteCopy.copy(scratch + windowOffset, start, min(path.count, PathKeyWriter.windowBytes))
            }
            let w = PathKeyWriter.write(start, count: path.count, window: window, to: scratch + at)
            guard w.count >= 0 && w.count <= 255 && at &+ w.count <= capacity else { return 0 }
            if w.hasQuery { bits |= hasQuery }
            if w.changed { bits |= pathChanged }
            pathLength = w.count
            at &+= w.count
        }
        scratch.storeBytes(of: 0 as UInt64, toByteOffset: at, as: UInt64.self)
        let s = f.signature
        scratch.storeBytes(of: UInt64(UInt32(bitPattern: s.code)) | UInt64(s.flags.rawValue) &<< 32, as: UInt64.self)
        scratch.storeBytes(of: UInt64(UInt16(bitPattern: s.grpcStatus)) | UInt64(s.format.rawValue) &<< 16
                            | UInt64(bits) &<< 24 | lengths2 &<< 32 | UInt64(pathLength) &<< 40,
                           toByteOffset: 8, as: UInt64.self)
        scratch.storeBytes(of: lengths, toByteOffset: 16, as: UInt64.self)
        return (at &+ 7) & ~7
    }

    /// Copies a field into the key: whole 16-byte chunks when the line continues far enough (the
    /// bytes written past the field are overwritten by the next one, or lie past the key), else
    /// exactly.
    @inline(__always)
    private static func copy(_ to: UnsafeMutableRawPointer, _ from: UnsafeRawPointer, _ n: Int, lineEnd: UnsafeRawPointer) {
        if from + ((n &+ 15) & ~15) <= lineEnd {
            var j = 0
            repeat {
                to.storeBytes(of: from.loadUnaligned(fromByteOffset: j, as: SIMD16<UInt8>.self), toByteOffset: j,
                              as: SIMD16<UInt8>.self)
                j &+= 16
            } while j < n
        } else {
            ByteCopy.copy(to, from, n)
        }
    }

    /// 64-bit hash of a key (`length` bytes, a multiple of 8, at least 24): every word of it.
    /// Sampling a few words is not enough: at mesh scale keys differ only in the middle of the
    /// cluster name (`outbound|50051||svc-350.ns.svc.cluster.local`) and of the host, and keys that
    /// hash alike land in the same set of the cache and evict each other. Each 16 bytes, xored with
    /// a secret that depends on their position, are multiplied to 128 bits and folded (as wyhash
    /// does); the products do not depend on each other, so the CPU overlaps them.
    @inline(__always)
    static func hash(_ key: UnsafeRawPointer, length: Int) -> UInt64 {
        var acc = UInt64(truncatingIfNeeded: length) &* 0x9E37_79B9_7F4A_7C15
        var secret: UInt64 = 0xA076_1D64_78BD_642F
        var j = 0
        while j &+ 16 <= length {
            let a = key.load(fromByteOffset: j, as: UInt64.self) ^ secret
            let b = key.load(fromByteOffset: j &+ 8, as: UInt64.self) ^ 0xE703_7ED1_A0B4_28DB
            let p = a.multipliedFullWidth(by: b)
            acc = acc &+ (p.high ^ p.low)
            secret = secret &+ 0x9E37_79B9_7F4A_7C15
            j &+= 16
        }
        if j < length {
            let p = (key.load(fromByteOffset: j, as: UInt64.self) ^ secret).multipliedFullWidth(by: 0x8EBC_6AF0_9C88_C6E3)
            acc = acc &+ (p.high ^ p.low)
        }
        var h = acc
        h = (h ^ (h &>> 33)) &* 0xFF51_AFD7_ED55_8CCD
        h = (h ^ (h &>> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h &>> 33)
    }

    /// True when the `length` bytes (a multiple of 8) at `a` and `b` are equal: 16 bytes per step
    /// with SSE2 (XORs OR-ed together, tested once at the end).
    @inline(__always)
    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, length: Int) -> Bool {
        #if arch(x86_64)
        var acc = _mm_setzero_si128()
        var j = 0
        while j &+ 16 <= length {
            acc = _mm_or_si128(acc, _mm_xor_si128(a.loadUnaligned(fromByteOffset: j, as: __m128i.self),
                                                  b.loadUnaligned(fromByteOffset: j, as: __m128i.self)))
            j &+= 16
        }
        let tail = j < length ? a.load(fromByteOffset: j, as: UInt64.self) ^ b.load(fromByteOffset: j, as: UInt64.self) : 0
        return tail == 0 && _mm_movemask_epi8(_mm_cmpeq_epi8(acc, _mm_setzero_si128())) == 0xFFFF
        #else
        return portableEqual(a, b, length: length)
        #endif
    }

    /// The portable version of `equal` (used off x86-64; tested against it everywhere).
    static func portableEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, length: Int) -> Bool {
        var diff: UInt64 = 0
        var j = 0
        while j < length {
            diff |= a.load(fromByteOffset: j, as: UInt64.self) ^ b.load(fromByteOffset: j, as: UInt64.self)
            j &+= 8
        }
        return diff == 0
    }

    /// True when the key at `key` marks its path as changed by normalisation.
    @inline(__always)
    static func pathWasChanged(_ key: UnsafeRawPointer) -> Bool {
        key.load(fromByteOffset: 11, as: UInt8.self) & pathChanged != 0
    }
}
