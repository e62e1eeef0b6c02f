import AccessLog
import Analysis

/// `meshlog report --output json`: the whole snapshot and the findings in a stable, versioned schema
/// (`"schema": "meshlog.report/v1"`, documented field by field in `docs/report-schema.md`). Keys
/// always appear, in a fixed order; absent values are `null`, never missing.
public enum JSONReport {
    public static let schema = "meshlog.report/v1"

    public static func render(_ snapshot: Snapshot, findings: [Finding], inputs: [String]) -> String {
        var w = JSONWriter()
        let s = snapshot
        w.beginObject()
        w.field("schema", schema)
        w.key("inputs"); w.beginArray(); for i in inputs { w.string(i) }; w.endArray()
        lines(s.lines, &w)
        w.key("formats"); w.beginArray()
        for f in s.formats {
            w.beginObject(); w.field("format", f.format.id); w.field("title", f.format.title); w.field("count", f.count); w.endObject()
        }
        w.endArray()
        w.key("time_range")
        if let t = s.timeRange {
            w.beginObject()
            w.field("first", ReportFormat.timestamp(ms: t.firstMs)); w.field("last", ReportFormat.timestamp(ms: t.lastMs))
            w.key("first_ms"); w.int64(t.firstMs); w.key("last_ms"); w.int64(t.lastMs)
            w.field("seconds", t.seconds, decimals: 3)
            w.endObject()
        } else {
            w.null()
        }
        w.field("requests", s.requests)
        w.field("errors", s.errors)
        w.field("error_rate", s.requests > 0 ? Double(s.errors) / Double(s.requests) : nil, decimals: 4)
        w.field("grpc_requests", s.grpcRequests)
        let seconds = s.timeRange?.seconds ?? 0
        w.field("rate_per_second", seconds > 0 ? Double(s.requests) / seconds : nil, decimals: 2)
        w.field("has_grpc_status_field", s.hasGrpcStatusField)
        w.field("has_attempt_count_field", s.hasAttemptCountField)
        flags(s, &w)
        w.key("response_codes"); w.beginArray()
        for c in s.responseCodes {
            w.beginObject(); w.field("code", c.code); w.field("count", c.count)
            w.field("share", share(c.count, s.requests), decimals: 4); w.endObject()
        }
        w.endArray()
        keyCounts("code_details", s.codeDetails, &w)
        keyCounts("transport_failure_reasons", s.transportFailureReasons, &w)
        keyCounts("termination_details", s.terminationDetails, &w)
        clusters(s, &w)
        methods(s, &w)
        keyCounts("routes", s.routes, &w)
        keyCounts("authorities", s.authorities, &w)
        keyCounts("paths", s.paths, &w)
        sources(s, &w)
        w.key("timeline"); w.beginObject()
        w.field("bucket_seconds", s.timeline.bucketSeconds)
        w.key("start_second"); w.int64(s.timeline.requests.isEmpty ? nil : s.timeline.startSecond)
        w.key("requests"); w.beginArray(); for n in s.timeline.requests { w.int(n) }; w.endArray()
        w.key("errors"); w.beginArray(); for n in s.timeline.errors { w.int(n) }; w.endArray()
        w.endObject()
        findingList(findings, &w)
        w.endObject()
        return w.text + "\n"
    }

    static func share(_ part: Int, _ whole: Int) -> Double { whole > 0 ? Double(part) / Double(whole) : 0 }

    private static func lines(_ l: LineCounts, _ w: inout JSONWriter) {
        w.key("lines"); w.beginObject()
        w.field("total", l.total); w.field("access", l.access); w.field("non_access", l.nonAccess)
        w.field("malformed", l.malformed)
        // Every kind and reason, zero or not, so the keys never change.
        w.key("non_access_by_kind"); w.beginObject()
        for kind in NonAccessKind.allCases {
            w.field(kindKey(kind), l.nonAccessByKind.first { $0.kind == kind }?.count ?? 0)
        }
        w.endObject()
        w.key("malformed_by_reason"); w.beginObject()
        for reason in MalformedReason.allCases {
            w.field(reasonKey(reason), l.malformedByReason.first { $0.kind == reason }?.count ?? 0)
        }
        w.endObject()
        w.key("malformed_samples"); w.beginArray()
        for m in l.malformedSamples {
            w.beginObject(); w.field("line", m.lineNumber); w.field("reason", reasonKey(m.reason)); w.field("text", m.text)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    static func kindKey(_ k: NonAccessKind) -> String {
        switch k {
        case .blank: "blank"
        case .istioAgent: "istio_agent"
        case .envoyApplication: "envoy_application"
        case .jsonApplication: "json_application"
        case .continuation: "continuation"
        case .ztunnel: "ztunnel"
        case .other: "other"
        }
    }

    static func reasonKey(_ r: MalformedReason) -> String {
        switch r {
        case .tooLong: "too_long"
        case .badAccessShape: "bad_access_shape"
        case .badJSON: "bad_json"
        case .binary: "binary"
        case .unrecognised: "unrecognised"
        }
    }

    private static func flags(_ s: Snapshot, _ w: inout JSONWriter) {
        w.key("response_flags"); w.beginArray()
        for f in s.flags {
            w.beginObject()
            w.field("flag", f.flag.shortName); w.field("long_name", f.flag.longName); w.field("meaning", f.flag.meaning)
            w.field("count", f.count); w.field("share", f.share, decimals: 4)
            w.field("grpc_count", f.grpcCount); w.field("tcp_count", f.tcpCount)
            latency("latency_ms", f.latency, &w)
            w.field("first_seen", f.firstSeenMs.map { ReportFormat.timestamp(ms: $0) })
            w.field("last_seen", f.lastSeenMs.map { ReportFormat.timestamp(ms: $0) })
            codes("codes", f.codes, total: f.count, &w)
            keyCounts("clusters", f.clusters, &w)
            keyCounts("hosts", f.hosts, &w)
            keyCounts("details", f.details, &w)
            keyCounts("transport_failure_reasons", f.transportFailureReasons, &w)
            w.key("samples"); w.beginArray(); for line in f.samples { w.string(line) }; w.endArray()
            w.endObject()
        }
        w.endArray()
        w.key("flag_combinations"); w.beginArray()
        for c in s.flagCombinations {
            w.beginObject()
            w.key("flags"); w.beginArray(); for name in c.flags.sortedShortNames { w.string(name) }; w.endArray()
            w.field("count", c.count)
            w.endObject()
        }
        w.endArray()
    }

    /// `{"key", "count", "other"}` entries.
    static func keyCounts(_ name: String, _ list: [KeyCount], _ w: inout JSONWriter) {
        w.key(name); w.beginArray()
        for k in list {
            w.beginObject(); w.field("key", k.key); w.field("count", k.count); w.field("other", k.isOther); w.endObject()
        }
        w.endArray()
    }

    static func codes(_ name: String, _ list: [CodeCount], total: Int, _ w: inout JSONWriter) {
        w.key(name); w.beginArray()
        for c in list {
            w.beginObject(); w.field("code", c.code); w.field("count", c.count)
            w.field("share", share(c.count, total), decimals: 4); w.endObject()
        }
        w.endArray()
    }

    /// `{"count","p50","p90","p99","max","mean"}` in milliseconds, or null without values.
    static func latency(_ name: String, _ l: LatencySummary, _ w: inout JSONWriter) {
        w.key(name)
        guard l.count > 0 else { w.null(); return }
        w.beginObject()
        w.field("count", l.count); w.field("p50", l.p50); w.field("p90", l.p90); w.field("p99", l.p99)
        w.field("max", l.max); w.field("mean", l.mean, decimals: 2)
        w.endObject()
    }
}
