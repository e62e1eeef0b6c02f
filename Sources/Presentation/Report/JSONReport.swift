import AccessLog
import Analysis

/// The report as JSON, schema `meshlog.report/v1` (documented in docs/report-schema.md).
/// Keys are written in a fixed order; strings are escaped; absent values are `null`.
public enum JSONReport {
    public static let schema = "meshlog.report/v1"

    public static func render(_ snapshot: Snapshot, findings: [Finding], inputs: [String]) -> String {
        String(decoding: renderBytes(snapshot, findings: findings, inputs: inputs), as: UTF8.self)
    }

    /// The report as UTF-8 bytes: what the command writes, without a `String` copy of a report that
    /// runs to megabytes at mesh scale.
    public static func renderBytes(_ snapshot: Snapshot, findings: [Finding], inputs: [String]) -> [UInt8] {
        var w = JSONWriter(capacity: 1 << 16)
        write(snapshot, findings: findings, inputs: inputs, into: &w)
        return w.bytes
    }

    /// The report handed to `chunk` in pieces of at least `chunkBytes` (the last one smaller), cut
    /// where an object or array ends, as it is written: the command streams it to stdout, so a report
    /// of 8 MB at mesh scale is never held whole.
    public static func write(_ snapshot: Snapshot, findings: [Finding], inputs: [String],
                             chunkBytes: Int = JSONWriter.defaultChunkBytes, chunk: @escaping ([UInt8]) -> Void) {
        var w = JSONWriter(capacity: chunkBytes + (1 << 16), chunkBytes: chunkBytes, chunkSink: chunk)
        write(snapshot, findings: findings, inputs: inputs, into: &w)
        w.finish()
    }

    private static func write(_ snapshot: Snapshot, findings: [Finding], inputs: [String], into w: inout JSONWriter) {
        w.beginObject()
        w.field("schema", schema)
        w.key("inputs"); w.beginArray(); inputs.forEach { w.string($0) }; w.endArray()
        writeLines(snapshot.lines, &w)
        w.key("formats"); w.beginArray()
        for f in snapshot.formats {
            w.beginObject(); w.field("id", f.format.id); w.field("title", f.format.title); w.field("count", f.count); w.endObject()
        }
        w.endArray()
        w.key("time_range")
        if let range = snapshot.timeRange {
            w.beginObject()
            w.field("first", Format.iso8601(range.firstMs)); w.field("last", Format.iso8601(range.lastMs))
            w.key("seconds"); w.double(range.seconds, decimals: 3)
            w.endObject()
        } else { w.null() }
        w.field("requests", snapshot.requests)
        w.field("errors", snapshot.errors)
        w.key("error_rate"); w.double(snapshot.requests > 0 ? Double(snapshot.errors) / Double(snapshot.requests) : 0)
        w.field("grpc_requests", snapshot.grpcRequests)
        w.key("rate_per_second")
        if let range = snapshot.timeRange, range.seconds > 0 { w.double(Double(snapshot.requests) / range.seconds, decimals: 2) } else { w.null() }
        w.key("has_grpc_status_field"); w.bool(snapshot.hasGrpcStatusField)
        w.key("has_attempt_count_field"); w.bool(snapshot.hasAttemptCountField)
        JSONReportTraffic.write(snapshot, &w)
        JSONReportTraffic.writeTimeline(snapshot.timeline, &w)
        JSONReportFindings.write(findings.sorted(by: Diagnoser.ranksBefore), &w)
        w.endObject()
    }

    private static func writeLines(_ l: LineCounts, _ w: inout JSONWriter) {
        w.key("lines"); w.beginObject()
        w.field("total", l.total); w.field("access", l.access); w.field("non_access", l.nonAccess); w.field("malformed", l.malformed)
        w.key("non_access_by_kind"); w.beginObject()
        for kind in NonAccessKind.allCases {
            w.field(kind.jsonName, l.nonAccessByKind.first { $0.kind == kind }?.count ?? 0)
        }
        w.endObject()
        w.key("malformed_by_reason"); w.beginObject()
        for reason in MalformedReason.allCases {
            w.field(reason.jsonName, l.malformedByReason.first { $0.kind == reason }?.count ?? 0)
        }
        w.endObject()
        w.key("malformed_samples"); w.beginArray()
        for s in l.malformedSamples {
            w.beginObject(); w.field("line", s.lineNumber); w.field("reason", s.reason.jsonName); w.field("text", s.text); w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}

extension NonAccessKind {
    /// snake_case name used as a JSON key.
    var jsonName: String {
        switch self {
        case .blank: "blank"
        case .istioAgent: "istio_agent"
        case .envoyApplication: "envoy_application"
        case .jsonApplication: "json_application"
        case .continuation: "continuation"
        case .ztunnel: "ztunnel"
        case .other: "other"
        }
    }
}

extension MalformedReason {
    var jsonName: String {
        switch self {
        case .tooLong: "too_long"
        case .badAccessShape: "bad_access_shape"
        case .badJSON: "bad_json"
        case .binary: "binary"
        case .unrecognised: "unrecognised"
        }
    }
}
