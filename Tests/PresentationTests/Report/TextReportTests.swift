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
        let titles = ["meshlog report — a.log", "Findings (3", "Input", "Response flags", "Response codes",
                      "Clusters", "gRPC methods and operations", "Source pods"]
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
        #expect(line(containing: "· UF responses: 30 of 1,632 (1.9%)") != nil)
        #expect(line(containing: "fix: Check the Service targetPort") != nil)
        #expect(line(containing: "apiVersion: v1") != nil)
        #expect(line(containing: "verify: kubectl get endpoints") != nil)
        let empty = TextReport.render(Self.snapshot, findings: [], options: TextReportOptions())
        #expect(empty.contains("Findings (0)\n  No findings"))
    }

    @Test func linesAndThousandsSeparators() {
        #expect(line(containing: "1,635 lines: 1,632 access · 2 non-access") != nil)
        #expect(line(containing: "istio-agent log 1") != nil && line(containing: "envoy application log 1") != nil)
        #expect(line(containing: "line 42: garbage \\x1b]0;pwned\\x07 line") != nil)
    }

    @Test func flagsTableColumns() throws {
        let uf = try #require(line(containing: "UpstreamConnectionFailure"))
        let cells = uf.split(separator: " ", omittingEmptySubsequences: true)
        #expect(cells.prefix(4) == ["UF", "30", "1.8%", "UpstreamConnectionFailure"])
        #expect(uf.contains("Envoy could not connect to the upstream"))
        let header = try #require(line(containing: "MEANING"))
        #expect(header.firstRange(of: "NAME")?.lowerBound.utf16Offset(in: header)
                == uf.firstRange(of: "UpstreamConnectionFailure")?.lowerBound.utf16Offset(in: uf))
    }

    @Test func clusterHostsWithBarsAndImbalance() throws {
        let host = try #require(line(containing: "10.1.0.1:8080"))
        #expect(host.contains("1,001") && host.contains("65.4%") && host.contains("█"))
        let summary = try #require(line(containing: "1,531 requests"))
        #expect(summary.contains("errors 2.0%") && summary.contains("p99"))
        #expect(line(containing: "imbalance 0.31") != nil)
    }

    @Test func timeRangeAndRate() throws {
        let body = try #require(line(containing: "time: "))
        #expect(body.contains("2024-05-01 10:00:00Z → 2024-05-01 10:02:29Z"))
        #expect(body.contains("req/s"))
    }

    @Test func logTextIsEscapedAndWidthRespected() {
        #expect(!Self.report.contains("\u{1b}"))
        #expect(!Self.report.contains("\u{07}"))
        #expect(Self.report.contains("POST /orders/x\\x1b[31mred"))
        let narrow = TextReport.render(Self.snapshot, findings: [], options: TextReportOptions(width: 70))
        for l in narrow.split(separator: "\n") where l.hasPrefix("  ") && !l.contains("·") {
            #expect(CharacterWidth.columns(of: String(l)) <= 70, "too wide: \(l)")
        }
    }

    @Test func colourOnlyWhenAsked() {
        let coloured = TextReport.render(Self.snapshot, findings: ReportFixture.findings(), options: TextReportOptions(color: true))
        #expect(coloured.contains("\u{1b}[1m"))
        #expect(!Self.report.contains("\u{1b}["))
        // Log text stays escaped even with colours on.
        #expect(coloured.contains("x\\x1b[31mred") && !coloured.contains("x\u{1b}[31mred"))
    }
}
