import AccessLog

/// Per-record classification used by the aggregator.
///
/// **Error definition.** A record is an *error* when any of these holds:
/// - the response code is 5xx;
/// - it carries a failure flag (`ResponseFlag.isFailure`) other than the client-side `DC`
///   (DownstreamConnectionTermination) and `DR` (DownstreamRemoteReset): a client giving up is not a
///   server failure;
/// - its gRPC status is a server-side failure: 2 Unknown, 4 DeadlineExceeded, 8 ResourceExhausted,
///   13 Internal, 14 Unavailable, 15 DataLoss.
///
/// 4xx responses are counted separately as *client errors* (`ClusterStats.clientErrors`).
enum RequestTraits {
    /// Failure flags that make a record an error (every `isFailure` flag except DC and DR): all 30
    /// flags but DI (9), DC (14), RFCF (20) and DR (28). A literal, because a computed `static let` costs a
    /// `swift_once` check per line; `derivedErrorFlagMask` derives it and a test keeps them equal.
    @inline(__always) static var errorFlagMask: UInt32 { 0x2FEF_BDFF }

    /// `errorFlagMask` computed from `ResponseFlag.isFailure`.
    static var derivedErrorFlagMask: UInt32 {
        var mask: UInt32 = 0
        for flag in ResponseFlag.allCases where flag.isFailure
            && flag != .downstreamConnectionTermination && flag != .downstreamRemoteReset {
            mask |= 1 << UInt32(flag.rawValue)
        }
        return mask
    }

    /// gRPC statuses that count as errors: 2, 4, 8, 13, 14, 15.
    static let errorGrpcMask: UInt32 = 1 << 2 | 1 << 4 | 1 << 8 | 1 << 13 | 1 << 14 | 1 << 15

    @inline(__always)
    static func isError(code: Int32, flags: ResponseFlags, grpcStatus: Int16) -> Bool {
        if code >= 500 && code < 600 { return true }
        if flags.rawValue & errorFlagMask != 0 { return true }
        return grpcStatus >= 0 && grpcStatus < 32 && (errorGrpcMask >> UInt32(grpcStatus)) & 1 != 0
    }

    @inline(__always)
    static func isClientError(code: Int32) -> Bool { code >= 400 && code < 500 }

    /// True for `/package.Service/Method`: two non-empty segments, a dot in the first, no query or space.
    static func isGRPCMethodPath(_ p: UnsafeRawBufferPointer) -> Bool { PathNormalizer.shape(p).isGRPCMethod }

    /// HTTP major version from `%PROTOCOL%` bytes (`HTTP/1.1` → 1, `HTTP/2` → 2), 0 otherwise.
    @inline(__always)
    static func httpVersion(_ p: UnsafeRawBufferPointer) -> Int {
        guard p.count >= 6, p[0] == UInt8(ascii: "H"), p[4] == UInt8(ascii: "/") else { return 0 }
        let d = p[5] &- 0x30
        return d < 10 ? Int(d) : 0
    }

    @inline(__always)
    static func isGET(_ m: UnsafeRawBufferPointer) -> Bool {
        m.count == 3 && m[0] == UInt8(ascii: "G") && m[1] == UInt8(ascii: "E") && m[2] == UInt8(ascii: "T")
    }

    @inline(__always)
    static func isPOST(_ m: UnsafeRawBufferPointer) -> Bool {
        m.count == 4 && m[0] == UInt8(ascii: "P") && m[1] == UInt8(ascii: "O") && m[2] == UInt8(ascii: "S")
            && m[3] == UInt8(ascii: "T")
    }

    /// True for Envoy's "no value" `-` (or an empty range).
    @inline(__always)
    static func isDash(_ b: UnsafeRawBufferPointer) -> Bool {
        b.count == 0 || (b.count == 1 && b[0] == UInt8(ascii: "-"))
    }
}

extension UnsafeRawBufferPointer {
    /// The bytes of `range`, clamped to the buffer (empty when absent or out of bounds): never traps.
    @inline(__always)
    func safeBytes(_ range: FieldRange) -> UnsafeRawBufferPointer {
        let lo = Int(range.lo), hi = Swift.min(Int(range.hi), count)
        guard lo >= 0, lo < hi, let base = baseAddress else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: base + lo, count: hi &- lo)
    }
}
