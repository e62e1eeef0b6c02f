import AccessLog

/// What the aggregator derived from one access record, passed to the per-key accumulators so each
/// fact is computed once per line.
struct LineFacts {
    var code: Int32 = -1
    var flags: ResponseFlags = []
    var grpcStatus: Int16 = -1
    var isError = false
    var isClientError = false
    var isGRPC = false
    var isTCP = false
    /// 1, 2, 3 for HTTP/1.x, HTTP/2, HTTP/3; 0 for TCP or unknown.
    var httpVersion = 0
    var durationMs: Int64 = -1
    var upstreamServiceTimeMs: Int64 = -1
    var bytesReceived: Int64 = 0
    var bytesSent: Int64 = 0
    var attempts: Int32 = -1
    var startTimeMs: Int64 = -1
    var detail = KeyRef.none
    var transportFailure = KeyRef.none
    /// gRPC method or non-GET operation.
    var method = KeyRef.none
    var path = KeyRef.none
    /// Authority (HTTP) or SNI / original destination (TCP).
    var destination = KeyRef.none

    /// Key for a `RefCounter` of codes: code + 2 (so -1 → 1, never 0).
    @inline(__always) var codeKey: UInt64 { UInt64(Int64(code) + 2) }
    /// Key for a `RefCounter` of gRPC statuses: status + 2.
    @inline(__always) var grpcKey: UInt64 { UInt64(Int64(grpcStatus) + 2) }
    /// What a cluster's "methods" breakdown counts for this line: the method, else the path.
    @inline(__always) var operation: KeyRef { method.isNone ? path : method }
}

/// Counts one line's flags into a `RefCounter` keyed by flag bit + 1.
@inline(__always)
func countFlags(_ flags: ResponseFlags, into counter: inout RefCounter, _ n: Int = 1) {
    var bits = flags.rawValue
    while bits != 0 {
        let bit = UInt64(bits.trailingZeroBitCount)
        counter.add(bit + 1, n)
        bits &= bits - 1
    }
}
