import AccessLog

/// The byte ranges of one record that the aggregator's slow path reads (the string keys and the
/// fields its classification looks at), each clamped to the line.
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

    /// The fields of `r`, clamped to `line`.
    @inline(__always)
    init(_ r: RecordRanges, _ line: UnsafeRawBufferPointer) {
        // An access line is never empty; the rare empty buffer (no start) gives empty fields.
        let base = line.baseAddress ?? UnsafeRawPointer(bitPattern: 1).unsafelyUnwrapped, n = line.count
        method = FieldBytes(r.method, at: base, count: n)
        path = FieldBytes(r.path, at: base, count: n)
        proto = FieldBytes(r.proto, at: base, count: n)
        // One trailing `;` (Istio ≥1.23 `%UPSTREAM_CLUSTER%`) is not part of the name.
        cluster = FieldBytes(r.cluster, at: base, count: n).droppingLast(UInt8(ascii: ";"))
        host = FieldBytes(r.host, at: base, count: n)
        detail = FieldBytes(r.detail, at: base, count: n)
        transportFailure = FieldBytes(r.transportFailure, at: base, count: n)
        termination = FieldBytes(r.termination, at: base, count: n)
        route = FieldBytes(r.route, at: base, count: n)
        authority = FieldBytes(r.authority, at: base, count: n)
        sni = FieldBytes(r.sni, at: base, count: n)
        originalDestination = FieldBytes(r.originalDestination, at: base, count: n)
    }

    /// True for a TCP proxy record (`"- - -"`: no method and no protocol).
    @inline(__always) var isTCP: Bool { method.isDash && proto.isDash }
}
