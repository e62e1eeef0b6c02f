import AccessLog

/// The byte ranges of one record that the aggregator reads (the string keys and the fields its
/// classification looks at), each clamped to the line, plus whether the format has a gRPC status and
/// an attempt count.
///
/// Everything is loaded from the record at once, before any call: element reads of the record's
/// field table up front compile to plain loads, whereas a `Span` over it (or reads after an opaque
/// call) make the compiler copy the whole 280-byte record first.
struct LineFields {
    var method: FieldBytes
    var path: FieldBytes
    var proto: FieldBytes
    var cluster: FieldBytes
    var host: FieldBytes
    var detail: FieldBytes
    var transportFailure: FieldBytes
    var termination: FieldBytes
    var route: FieldBytes
    var authority: FieldBytes
    var sni: FieldBytes
    var originalDestination: FieldBytes
    var hasGrpcStatusField: Bool
    var hasAttemptCountField: Bool

    @inline(__always)
    init(_ record: borrowing AccessRecord, _ line: UnsafeRawBufferPointer) {
        let method = record[.method], path = record[.path], proto = record[.protocol]
        let cluster = record[.upstreamCluster], host = record[.upstreamHost]
        let detail = record[.responseCodeDetails], transportFailure = record[.upstreamTransportFailureReason]
        let termination = record[.connectionTerminationDetails], route = record[.routeName]
        let authority = record[.authority], sni = record[.requestedServerName]
        let originalDestination = record[.downstreamLocalAddress]
        hasGrpcStatusField = !record[.grpcStatus].isAbsent
        hasAttemptCountField = !record[.upstreamRequestAttemptCount].isAbsent
        // An access line is never empty; the rare empty buffer (no start) gives empty fields.
        let base = line.baseAddress ?? UnsafeRawPointer(bitPattern: 1).unsafelyUnwrapped, n = line.count
        self.method = FieldBytes(method, at: base, count: n)
        self.path = FieldBytes(path, at: base, count: n)
        self.proto = FieldBytes(proto, at: base, count: n)
        // One trailing `;` (Istio ≥1.23 `%UPSTREAM_CLUSTER%`) is not part of the name.
        self.cluster = FieldBytes(cluster, at: base, count: n).droppingLast(UInt8(ascii: ";"))
        self.host = FieldBytes(host, at: base, count: n)
        self.detail = FieldBytes(detail, at: base, count: n)
        self.transportFailure = FieldBytes(transportFailure, at: base, count: n)
        self.termination = FieldBytes(termination, at: base, count: n)
        self.route = FieldBytes(route, at: base, count: n)
        self.authority = FieldBytes(authority, at: base, count: n)
        self.sni = FieldBytes(sni, at: base, count: n)
        self.originalDestination = FieldBytes(originalDestination, at: base, count: n)
    }

    /// True for a TCP proxy record (`"- - -"`: no method and no protocol).
    @inline(__always) var isTCP: Bool { method.isDash && proto.isDash }
}
