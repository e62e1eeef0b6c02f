import Analysis
import Testing
@testable import Presentation

@Suite struct TextReportTests {
    static let snapshot = ReportFixture.snapshot()
    static let report = TextReport.render(snapshot, findings: ReportFixture.findings(),
                                          options: TextReportOptions(color: false, width: 100, inputNames: ["a.log"]))
    static let lines = report.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

    func line(containing text: String) -> String? { Self.lines.first { $0.contains(text) } }

    @Test func sectionsInOrder() throws {
        let titles = ["meshlog report — a.log", "FINDINGS (3)", "LINES", "FORMATS", "TIME RANGE", "RESPONSE FLAGS",
                      "RESPONSE CODES", "CLUSTERS", "gRPC METHODS AND OPERATIONS", "ROUTES", "CLIENT PODS"]
        var last = -1
        for t in titles {
            let i = try #require(Self.lines.firstIndex { $0.hasPrefix(t) }, "missing \(t)")
            #expect(i > last, "\(t) out of order")
            last = i
        }
    }

    @Test func findingsMostSevereFirstWithEvidenceFixAndVerify() throws {
        let critical = try #require(Self.lines.firstIndex { $0.contains("CRITICAL") })
        let warning = try #require(Self.lines.firstIndex { $0.contains("WARNING") })
        let info = try #require(Self.lines.firstIndex { $0.contains("INFO") })
        #expect(critical < warning && warning < info)
        #expect(line(containing: "• UF responses: 30 of 1,632 (1.9 %)") != nil)
        #expect(line(containing: "fix: Check the Service targetPort") != nil)
        #expect(line(containing: "apiVersion: v1") != nil)
        #expect(line(containing: "verify: kubectl get endpoints items -n shop") != nil)
        let empty = TextReport.render(Self.snapshot, findings: [], options: TextReportOptions())
        #expect(empty.contains("FINDINGS\n  No findings."))
    }

    @Test func linesAndThousandsSeparators() {
        #expect(line(containing: "1,635 read: 1,632 access · 2 non-access · 1 malformed") != nil)
        #expect(line(containing: "non-access: istio-agent log 1 · envoy application log 1") != nil)
        #expect(line(containing: "line 42 (unrecognised line): garbage \\x1b]0;pwned\\x07 line") != nil)
    }

    @Test func flagsTableColumns() throws {
        let uf = try #require(line(containing: "UpstreamConnectionFailure"))
        let cells = uf.split(separator: " ", omittingEmptySubsequences: true)
        #expect(cells.prefix(4) == ["UF", "30", "1.8%", "UpstreamConnectionFailure"])
        #expect(uf.contains("Envoy could not connect to the upstream"))
        let header = try #require(line(containing: "LONG NAME"))
        #expect(header.firstRange(of: "LONG NAME")?.lowerBound.utf16Offset(in: header)
                == uf.firstRange(of: "UpstreamConnectionFailure")?.lowerBound.utf16Offset(in: uf))
    }

    @Test func clusterHostsWithBarsAndImbalance() throws {
        let host = try #require(line(containing: "10.1.0.1:8080"))
        #expect(host.contains("1,001") && host.contains("65.4%") && host.contains("█"))
        let summary = try #require(line(containing: "1,531 requests"))
        #expect(summary.contains("imbalance 0.31") && summary.contains("2.0% errors") && summary.contains("p99"))
    }

    @Test func timeRangeAndRate() throws {
        let t = try #require(Self.lines.firstIndex { $0.hasPrefix("TIME RANGE") })
        let body = Self.lines[t + 1]
        #expect(body.contains("2024-05-01T10:00:00.000Z → 2024-05-01T10:02:29.900Z"))
        #expect(body.contains("req/s"))
    }

    @Test func logTextIsEscapedAndWidthRespected() {
        #expect(!Self.report.contains("\u{1b}"))
        #expect(!Self.report.contains("\u{07}"))
        #expect(Self.report.contains("POST /orders/x\\x1b[31mred"))
        for l in Self.lines { #expect(DisplayWidth.of(l) <= 100, "too wide: \(l)") }
        let narrow = TextReport.render(Self.snapshot, findings: ReportFixture.findings(), options: TextReportOptions(width: 70))
        for l in narrow.split(separator: "\n") { #expect(DisplayWidth.of(String(l)) <= 70, "too wide: \(l)") }
    }

    @Test func colourOnlyWhenAsked() {
        let coloured = TextReport.render(Self.snapshot, findings: ReportFixture.findings(), options: TextReportOptions(color: true))
        #expect(coloured.contains("\u{1b}[1m"))
        // Log text stays escaped even with colours on.
        #expect(coloured.contains("x\\x1b[31mred") && !coloured.contains("x\u{1b}[31mred"))
    }

    @Test func displaySafeEscapesControlCharacters() {
        #expect(DisplaySafe.text("a\u{1b}[2Jb\tc\u{7f}\u{9b}d\u{202e}e") == "a\\x1b[2Jb\\x09c\\x7f\\x9bd\\u{202e}e")
        #expect(DisplaySafe.text("plain é 漢字") == "plain é 漢字")
        let once = DisplaySafe.text("x\u{1b}y")
        #expect(DisplaySafe.text(once) == once)
    }

    @Test func numberFormatting() {
        #expect(ReportFormat.count(1_234_567) == "1,234,567" && ReportFormat.count(-1000) == "-1,000")
        #expect(ReportFormat.percent(0.1234) == "12.3%" && ReportFormat.percent(0.00001) == "<0.1%")
        #expect(ReportFormat.duration(ms: 850) == "850ms" && ReportFormat.duration(ms: 1250) == "1.25s")
        #expect(ReportFormat.duration(ms: 125_000) == "2m05s")
        #expect(ReportFormat.timestamp(ms: 0) == "1970-01-01T00:00:00.000Z")
        #expect(ReportFormat.timestamp(ms: 1_714_557_600_123) == "2024-05-01T10:00:00.123Z")
        #expect(TextReportBuilder.bar(0.5, width: 4) == "██" && TextReportBuilder.bar(0.0625, width: 4) == "▎")
    }
}
