import Foundation
import Testing

/// Log strings are hostile: terminal escapes, HTML, bidi overrides, NULs and 1 MB fields in every
/// format go through parse, the text report and the JSON report without reaching the terminal raw
/// and without breaking JSON.
@Suite struct HostileInputEndToEndTests {
    static let escape = "\u{1B}[31mRED\u{1B}]0;pwned\u{07}\u{1B}[2J"
    static let html = "<script>alert('x')</script>&amp;"
    static let bidi = "\u{202E}gnp.exe\u{202C}\u{2066}x\u{2069}"
    /// A 1 MB field (10^6 bytes: the line still fits under the 1 MiB line cap).
    static let big = String(repeating: "A", count: 1_000_000)

    /// One access line per format, each carrying every hostile string, plus a NUL-laden line.
    static var lines: [String] {
        let hostile = escape + html + bidi
        let path = "/p/" + hostile
        let agent = "ua " + hostile + big
        let jsonHostile = "\\u001b[31mRED\\u001b]0;pwned\\u0007" + html + "\\u202egnp.exe\\u0000"
        return [
            // Istio ≥ 1.9 text
            #"[2024-05-06T07:08:09.123Z] "GET \#(path) HTTP/1.1" 503 UO via_upstream - "-" 0 81 1 - "-" "\#(agent)" "id" "\#(hostile)" "-" outbound|80||evil.default.svc.cluster.local - 10.96.0.1:80 10.0.0.1:1 - default"#,
            // Envoy default
            #"[2024-05-06T07:08:09.123Z] "POST \#(path) HTTP/2" 200 - 1 2 3 4 "10.0.0.1" "\#(agent)" "id" "\#(hostile)" "tcp://10.0.0.2:80""#,
            // Istio JSON
            #"{"start_time":"2024-05-06T07:08:09.123Z","method":"GET","path":"/j/\#(jsonHostile)","response_code":503,"response_flags":"UF","duration":5,"upstream_cluster":"outbound|80||\#(jsonHostile)","authority":"\#(jsonHostile)","user_agent":"\#(big)","upstream_host":"10.0.0.3:80"}"#,
            // kubectl prefix, a non-access line with escapes, a line over the cap, NULs
            "[pod/evil-pod/istio-proxy] [2024-05-06T07:08:09.123Z] \"GET /k\(hostile) HTTP/1.1\" 200 - via_upstream - \"-\" 0 1 1 - \"-\" \"c\" \"id\" \"a\" \"-\" outbound|80||k.default.svc.cluster.local - 10.96.0.1:80 10.0.0.1:1 - default",
            "2024-05-06T07:08:09.123456Z\tinfo\tenvoy\t" + hostile,
            "binary\u{0}\u{0}junk " + escape,
            "[2024-05-06T07:08:09.123Z] \"GET /" + big + big + escape + "\"",
        ]
    }

    /// No byte that a terminal would act on: C0 controls (but newline and tab), DEL, C1 controls,
    /// and no bidi override or isolate.
    static func safeForTerminal(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x20 && v != 0x0A && v != 0x09 { return false }
            if (0x7F...0x9F).contains(v) { return false }
            if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return false }
        }
        return true
    }

    func hostileLog() throws -> (URL, URL) {
        let dir = try MeshlogProcess.temporaryDirectory()
        let log = dir.appendingPathComponent("hostile.log")
        try (Self.lines.joined(separator: "\n") + "\n").write(to: log, atomically: true, encoding: .utf8)
        return (dir, log)
    }

    @Test func textReportIsSafeForATerminal() throws {
        let (dir, log) = try hostileLog()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try MeshlogProcess.run(["report", "--color", "never", "--width", "120", log.path])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("evil"))
        #expect(Self.safeForTerminal(outcome.stdout), "raw control or bidi characters in the text report")
        #expect(Self.safeForTerminal(outcome.stderr))
        #expect(outcome.stdout.utf8.count < 2_000_000, "a 1 MB field is cut, not printed whole")
        // Colour on: only meshlog's own SGR sequences, never the log's.
        let colored = try MeshlogProcess.run(["report", "--color", "always", log.path])
        #expect(!colored.stdout.contains("pwned\u{07}") && !colored.stdout.contains("\u{1B}]0;"))
        #expect(!colored.stdout.contains("\u{1B}[2J"))
    }

    @Test func jsonReportAndParseStayValidJSON() throws {
        let (dir, log) = try hostileLog()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = try MeshlogProcess.run(["report", "--output", "json", log.path])
        #expect(report.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let lines = try #require(object["lines"] as? [String: Any])
        #expect(lines["total"] as? Int == Self.lines.count)
        #expect((lines["access"] as? Int ?? 0) >= 4)
        #expect(Self.safeForTerminal(report.stdout), "JSON output escapes control and bidi characters")

        let parsed = try MeshlogProcess.run(["parse", log.path])
        #expect(parsed.status == 0)
        let records = parsed.stdout.split(separator: "\n")
        #expect(records.count >= 4)
        for record in records {
            #expect((try? JSONSerialization.jsonObject(with: Data(record.utf8))) != nil, "invalid NDJSON line")
        }
        #expect(Self.safeForTerminal(parsed.stdout))
        #expect(parsed.stdout.contains("<script>"), "HTML is data in JSON, kept as text")
    }
}
