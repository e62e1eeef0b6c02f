import AccessLog
import Analysis
import Foundation
import Testing
@testable import Presentation

@Suite struct JSONReportTests {
    static let snapshot = ReportFixture.snapshot()
    static let text = JSONReport.render(snapshot, findings: ReportFixture.findings(), inputs: ["a.log", "-"])

    static func parse(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }

    /// Every documented key with its JSON type (see docs/report-schema.md).
    static let topLevel: [(String, String)] = [
        ("schema", "string"), ("inputs", "array"), ("lines", "object"), ("formats", "array"), ("time_range", "object"),
        ("requests", "int"), ("errors", "int"), ("error_rate", "number"), ("grpc_requests", "int"),
        ("rate_per_second", "number"), ("has_grpc_status_field", "bool"), ("has_attempt_count_field", "bool"),
        ("response_flags", "array"), ("flag_combinations", "array"), ("response_codes", "array"),
        ("code_details", "array"), ("transport_failure_reasons", "array"), ("termination_details", "array"),
        ("clusters", "array"), ("methods", "array"), ("routes", "array"), ("authorities", "array"), ("paths", "array"),
        ("sources", "array"), ("timeline", "object"), ("findings", "array"), ("accuracy", "object"),
    ]

    /// The JSON type of a value parsed by JSONSerialization: string, int, double, bool, null, array, object.
    static func kind(_ value: Any?) -> String {
        switch value {
        case nil: return "missing"
        case is NSNull: return "null"
        case is String: return "string"
        case is [Any]: return "array"
        case is [String: Any]: return "object"
        case let n as NSNumber:
            let t = String(cString: n.objCType)
            if t == "c" || t == "B" { return "bool" }
            return t == "d" || t == "f" ? "double" : "int"
        default: return "unknown"
        }
    }

    static func check(_ object: [String: Any], _ keys: [(String, String)], _ context: String) {
        #expect(Set(object.keys) == Set(keys.map(\.0)), "\(context): keys")
        for (key, type) in keys {
            let actual = kind(object[key])
            let optional = type.hasSuffix("?")
            let base = optional ? String(type.dropLast()) : type
            let ok = actual == base || (optional && actual == "null") || (base == "number" && (actual == "int" || actual == "double"))
            #expect(ok, "\(context).\(key) should be \(type), is \(actual)")
        }
    }

    @Test func topLevelKeysAndTypes() throws {
        let json = try Self.parse(Self.text)
        Self.check(json, Self.topLevel, "report")
        #expect(json["schema"] as? String == "meshlog.report/v1")
        #expect(json["inputs"] as? [String] == ["a.log", "-"])
        #expect(json["requests"] as? Int == 1632 && json["errors"] as? Int == 50)
    }

    @Test func linesAddUp() throws {
        let lines = try #require(try Self.parse(Self.text)["lines"] as? [String: Any])
        Self.check(lines, [("total", "int"), ("access", "int"), ("non_access", "int"), ("malformed", "int"),
                           ("non_access_by_kind", "object"), ("malformed_by_reason", "object"),
                           ("malformed_samples", "array")], "lines")
        let total = lines["total"] as? Int, access = lines["access"] as? Int
        let nonAccess = lines["non_access"] as? Int, malformed = lines["malformed"] as? Int
        #expect(total == 1635 && total == access! + nonAccess! + malformed!)
        let kinds = try #require(lines["non_access_by_kind"] as? [String: Int])
        #expect(kinds.count == NonAccessKind.allCases.count && kinds.values.reduce(0, +) == nonAccess)
        let reasons = try #require(lines["malformed_by_reason"] as? [String: Int])
        #expect(reasons.values.reduce(0, +) == malformed && reasons["unrecognised"] == 1)
        let sample = try #require((lines["malformed_samples"] as? [[String: Any]])?.first)
        #expect(sample["line"] as? Int == 42 && sample["reason"] as? String == "unrecognised")
    }

    @Test func flagsCodesAndClusters() throws {
        let json = try Self.parse(Self.text)
        let flags = try #require(json["response_flags"] as? [[String: Any]])
        let uf = try #require(flags.first { $0["flag"] as? String == "UF" })
        #expect(uf["long_name"] as? String == "UpstreamConnectionFailure" && uf["count"] as? Int == 30)
        #expect(abs((uf["share"] as? Double ?? 0) - 0.0184) < 1e-9)
        let codes = try #require(json["response_codes"] as? [[String: Any]])
        #expect(codes.first?["code"] as? Int == 200 && codes.first?["count"] as? Int == 1600)
        let clusters = try #require(json["clusters"] as? [[String: Any]])
        let items = try #require(clusters.first)
        Self.check(items, [
            ("name", "string"), ("other", "bool"), ("direction", "string"), ("port", "int?"), ("subset", "string?"),
            ("fqdn", "string?"), ("service", "string?"), ("namespace", "string?"), ("special", "string?"),
            ("requests", "int"), ("errors", "int"), ("error_rate", "number?"), ("client_errors", "int"),
            ("protocols", "object"), ("latency_ms", "object?"), ("upstream_service_time_ms", "object?"),
            ("bytes_received", "int"), ("bytes_sent", "int"), ("retried", "int"), ("imbalance", "number"),
            ("hosts", "array"), ("flags", "array"), ("codes", "array"), ("details", "array"), ("methods", "array"),
            ("destinations", "array"), ("balance", "object"), ("requests_without_host", "int"), ("hosts_table", "object"),
        ], "cluster")
        let balance = try #require(items["balance"] as? [String: Any])
        Self.check(balance, [("hosts", "int"), ("cv", "number"), ("p_value", "number?"), ("verdict", "string"),
                             ("judged_pods", "int"), ("pinned_pods", "int")], "balance")
        #expect(balance["hosts"] as? Int == 2 && balance["verdict"] as? String == "skewed")
        let table = try #require(items["hosts_table"] as? [String: Any])
        Self.check(table, [("approximate", "bool"), ("other", "int"), ("other_share", "number"), ("error_bound", "int")],
                   "hosts_table")
        #expect(table["approximate"] as? Bool == false && table["other"] as? Int == 0)
        let accuracy = try #require(json["accuracy"] as? [String: Any])
        #expect(Set(accuracy.keys) == ["clusters", "hosts", "methods", "sources", "pod_links", "paths"])
        #expect((accuracy["clusters"] as? [String: Any])?["approximate"] as? Bool == false)
        #expect(items["service"] as? String == "items" && items["namespace"] as? String == "shop" && items["port"] as? Int == 8080)
        let latency = try #require(items["latency_ms"] as? [String: Any])
        Self.check(latency, [("count", "int"), ("p50", "int"), ("p90", "int"), ("p99", "int"), ("max", "int"),
                             ("mean", "number")], "latency_ms")
        let host = try #require((items["hosts"] as? [[String: Any]])?.first)
        #expect(host["host"] as? String == "10.1.0.1:8080" && host["requests"] as? Int == 1001)
        #expect(abs((host["share"] as? Double ?? 0) - 0.6538) < 1e-9)
        // The TCP cluster has no upstream service time: null, not missing.
        let db = try #require(clusters.first { $0["service"] as? String == "db" })
        #expect(db["upstream_service_time_ms"] is NSNull)
    }

    @Test func findingsFullyRenderedMostSevereFirst() throws {
        let findings = try #require(try Self.parse(Self.text)["findings"] as? [[String: Any]])
        #expect(findings.map { $0["severity"] as? String } == ["critical", "warning", "info"])
        let uf = findings[1]
        Self.check(uf, [("id", "string"), ("severity", "string"), ("kind", "string"), ("title", "string"), ("subject", "string"),
                        ("evidence", "object"), ("explanation", "array"), ("fixes", "array"), ("verify", "array"),
                        ("impact", "number"), ("caused_by", "string?")], "finding")
        #expect(uf["id"] as? String == "upstream-connect-failure")
        let evidence = try #require(uf["evidence"] as? [String: Any])
        #expect((evidence["facts"] as? [[String: String]])?.first == ["label": "UF responses", "value": "30 of 1,632 (1.9%)"])
        #expect((uf["fixes"] as? [[String: String]])?.first?["language"] == "yaml")
        #expect(findings[0]["evidence"].flatMap { ($0 as? [String: Any])?["window"] } is NSNull)
        let empty = try Self.parse(JSONReport.render(Self.snapshot, findings: [], inputs: []))
        #expect((empty["findings"] as? [Any])?.isEmpty == true)
    }

    @Test func stringsAreEscapedAndRoundTrip() throws {
        let nasty = "quote \" backslash \\ esc \u{1b}[31m bell \u{07} nl \n del \u{7f} csi \u{9b} ls \u{2028}"
        let finding = Finding(id: .noRoute, severity: .info, title: nasty, subject: "s", evidence: Evidence(samples: [nasty]),
                              explanation: [], fixes: [], verify: [], impact: 0)
        let text = JSONReport.render(Snapshot(), findings: [finding], inputs: [])
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != " " })
        #expect(!text.unicodeScalars.contains { (0x7F..<0xA0).contains($0.value) || $0.value == 0x2028 })
        #expect(text.contains("\\u001b[31m") && text.contains("\\u0007") && text.contains("\\u007f"))
        let parsed = try Self.parse(text)
        let title = (parsed["findings"] as? [[String: Any]])?.first?["title"] as? String
        #expect(title == nasty)
        // An empty snapshot: no time range, no rate.
        #expect(parsed["time_range"] is NSNull && parsed["rate_per_second"] is NSNull)
    }

    @Test func numbersAreRoundedAndTrimmed() {
        func render(_ v: Double, _ d: Int) -> String { var w = JSONWriter(); w.double(v, decimals: d); return w.string }
        #expect(render(0.123456, 4) == "0.1235")
        #expect(render(1, 4) == "1" && render(-0.00001, 2) == "0")
        #expect(render(12345.5, 1) == "12345.5" && render(-2.5, 1) == "-2.5" && render(.nan, 2) == "null")
    }
}
