import AccessLog

/// The facts of a record that its counts depend on: the same for every line of the same kind, so
/// lines with equal keys and equal signatures can be counted together (see `LineKeyCache`).
struct Signature: Sendable, Equatable {
    var code: Int32 = -1
    var flags: ResponseFlags = []
    var grpcStatus: Int16 = -1
    var bits: UInt8 = 0
    var format: LogFormat = .istio19Plus

    static let error: UInt8 = 1, clientError: UInt8 = 2, grpc: UInt8 = 4, tcp: UInt8 = 8, retried: UInt8 = 16,
               http1: UInt8 = 32, http2: UInt8 = 64

    init() {}

    /// The signature packed as `words`.
    @inline(__always)
    init(words: (UInt64, UInt64)) {
        let (w0, w1) = words
        code = Int32(bitPattern: UInt32(truncatingIfNeeded: w0))
        grpcStatus = Int16(bitPattern: UInt16(truncatingIfNeeded: w0 >> 32))
        bits = UInt8(truncatingIfNeeded: w0 >> 48)
        format = LogFormat(rawValue: UInt8(truncatingIfNeeded: w0 >> 56)) ?? .istio19Plus
        flags = ResponseFlags(rawValue: UInt32(truncatingIfNeeded: w1))
    }

    @inline(__always) func has(_ bit: UInt8) -> Bool { bits & bit != 0 }
    @inline(__always) var isError: Bool { has(Self.error) }

    /// Key for a `RefCounter` of codes: code + 2 (so -1 → 1, never 0).
    @inline(__always) var codeKey: UInt64 { UInt64(bitPattern: Int64(code) + 2) }
    /// Key for a `RefCounter` of gRPC statuses: status + 2.
    @inline(__always) var grpcKey: UInt64 { UInt64(bitPattern: Int64(grpcStatus) + 2) }

    /// The signature packed in two words (stored in the line-key cache).
    @inline(__always) var words: (UInt64, UInt64) {
        (UInt64(UInt32(bitPattern: code)) | UInt64(UInt16(bitPattern: grpcStatus)) << 32 | UInt64(bits) << 48
            | UInt64(format.rawValue) << 56,
         UInt64(flags.rawValue))
    }
}

/// What the aggregator derived from one access record: its signature plus the values that differ
/// from line to line (durations, bytes, times).
struct LineFacts {
    var durationMs: Int64 = -1
    var upstreamServiceTimeMs: Int64 = -1
    var bytesReceived: Int64 = 0
    var bytesSent: Int64 = 0
    var startTimeMs: Int64 = -1
    /// 1, 2, 3 for HTTP/1.x, HTTP/2, HTTP/3; 0 for TCP or unknown.
    var httpVersion = 0
    var attempts: Int32 = -1
    var isTCP = false
    var signature = Signature()
}

/// Counts a set of flags into a `RefCounter` keyed by flag bit + 1.
@inline(__always)
func countFlags(_ flags: ResponseFlags, into counter: inout RefCounter, _ n: Int = 1) {
    var bits = flags.rawValue
    while bits != 0 {
        let bit = UInt64(bits.trailingZeroBitCount)
        counter.add(bit + 1, n)
        bits &= bits - 1
    }
}
