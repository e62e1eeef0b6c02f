import AccessLog

/// Encodes one access record as one line of NDJSON for `meshlog parse`.
///
/// Keys are Istio's JSON access-log keys in a fixed order. `response_code`, `bytes_received`,
/// `bytes_sent` and `duration` are integers; `response_flags` is a sorted array of short codes;
/// a field the line's format lacks, or whose value is `-`, is `null`; every other value is the
/// field's text without its quotes (escapes decoded). `grpc_status` and
/// `upstream_request_attempt_count` appear only when the format has them; `format` always;
/// `source` when a prefix named a pod.
public enum RecordJSON {
    /// The keys always present, in output order.
    static let standardFields: [AccessField] = [
        .startTime, .method, .path, .protocol, .responseCode, .responseFlags, .responseCodeDetails,
        .connectionTerminationDetails, .upstreamTransportFailureReason, .bytesReceived, .bytesSent, .duration,
        .upstreamServiceTime, .xForwardedFor, .userAgent, .requestId, .authority, .upstreamHost, .upstreamCluster,
        .upstreamLocalAddress, .downstreamLocalAddress, .downstreamRemoteAddress, .requestedServerName, .routeName,
    ]

    /// Appends the record's JSON object and a newline to `writer`.
    public static func write(_ record: AccessRecord, line: UnsafeRawBufferPointer, source: UnsafeRawBufferPointer,
                             to writer: inout JSONWriter) {
        writer.beginObject()
        for field in standardFields { writeField(field, record, line, &writer) }
        if record.has(.grpcStatus) { writeField(.grpcStatus, record, line, &writer) }
        if record.has(.upstreamRequestAttemptCount) { writeField(.upstreamRequestAttemptCount, record, line, &writer) }
        for extra in record.extraFields {
            writer.key(extra.name)
            if line.isDash(extra.range) { writer.null() } else {
                writer.string(FieldText.decode(line.bytes(extra.range), escaped: record.escaped))
            }
        }
        writer.field("format", record.format.id)
        if source.count > 0 {
            writer.key("source")
            writer.string(bytes: source)
        }
        writer.endObject()
    }

    private static func writeField(_ field: AccessField, _ record: AccessRecord, _ line: UnsafeRawBufferPointer,
                                   _ writer: inout JSONWriter) {
        writer.key(field.jsonKey)
        switch field {
        case .responseCode: number(record.responseCode, present: record.has(field), &writer)
        case .bytesReceived: number(record.bytesReceived, present: record.has(field), &writer)
        case .bytesSent: number(record.bytesSent, present: record.has(field), &writer)
        case .duration: number(record.durationMs, present: record.has(field), &writer)
        case .responseFlags:
            if !record.has(field) { writer.null(); return }
            writer.beginArray()
            for name in record.flags.sortedShortNames { writer.string(name) }
            writer.endArray()
        default:
            if let text = record.text(field, in: line) { writer.string(text) } else { writer.null() }
        }
    }

    private static func number<T: BinaryInteger>(_ value: T, present: Bool, _ writer: inout JSONWriter) {
        if present && value >= 0 { writer.int(value) } else { writer.null() }
    }
}
