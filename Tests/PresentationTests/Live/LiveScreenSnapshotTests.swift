import AccessLog
import Analysis
import Testing
@testable import Presentation

/// Every screen of the live view drawn from real pipeline data, compared with recorded text.
@Suite struct LiveScreenSnapshotTests {
    let pinning = LiveFixture.pinning
    let overflow = LiveFixture.overflow

    @Test func dashboardNarrow80x24() {
        var app = AppState()
        let canvas = LiveFixture.render(pinning, &app, rows: 24, cols: 80)
        assertLinesSnapshot(canvas.text)
        assertLinesSnapshot(canvas.styleMask, named: "style")
        #expect(canvas.text.contains("Connection pinning"))
    }

    @Test func dashboardWide160x45() {
        var app = AppState()
        app.view.panel = 1
        let canvas = LiveFixture.render(overflow, &app, rows: 45, cols: 160)
        assertLinesSnapshot(canvas.text)
        #expect(canvas.text.contains("UO"))
    }

    @Test func findingDrillDown() throws {
        let finding = try #require(overflow.findings.first { $0.id == .circuitBreakerOverflow })
        var app = LiveFixture.app(.finding(finding.id, subject: finding.subject))
        let canvas = LiveFixture.render(overflow, &app, rows: 40, cols: 100)
        assertLinesSnapshot(canvas.text)
        #expect(canvas.text.contains("findings › circuit-breaker-overflow"))
    }

    @Test func findingFixAndVerifyFurtherDown() throws {
        let finding = try #require(overflow.findings.first { $0.id == .circuitBreakerOverflow })
        var app = LiveFixture.app(.finding(finding.id, subject: finding.subject))
        _ = LiveFixture.render(overflow, &app, rows: 40, cols: 100)
        let model = LiveScreenModel.build(overflow, app: app, rows: 40, cols: 100)
        _ = reduce(&app, .end, context: model.context)
        let canvas = LiveFixture.render(overflow, &app, rows: 40, cols: 100)
        assertLinesSnapshot(canvas.text)
        #expect(canvas.text.contains("$ istioctl"))
    }

    @Test func flagDrillDown() {
        var app = LiveFixture.app(.flag(.upstreamOverflow))
        let canvas = LiveFixture.render(overflow, &app, rows: 40, cols: 100)
        assertLinesSnapshot(canvas.text)
        #expect(canvas.text.contains("flags › UO"))
    }

    @Test func clusterDrillDown() {
        let cluster = "outbound|50051||orders.shop.svc.cluster.local"
        var app = LiveFixture.app(.flag(.upstreamOverflow), .cluster(cluster))
        let canvas = LiveFixture.render(pinning, &app, rows: 45, cols: 110)
        assertLinesSnapshot(canvas.text)
        #expect(canvas.text.contains("pinned"))
    }

    @Test func hostDrillDownWithItsLines() throws {
        let cluster = try #require(pinning.snapshot.clusters.first { $0.name.name.hasPrefix("outbound|50051||orders") })
        let host = try #require(cluster.hosts.first)
        var app = LiveFixture.app(.cluster(cluster.name.name), .host(cluster: cluster.name.name, host: host.host))
        let canvas = LiveFixture.render(pinning, &app, rows: 40, cols: 120)
        assertLinesSnapshot(canvas.text)
        #expect(canvas.text.contains("Recent lines"))
        #expect(canvas.text.contains("clusters › outbound|50051"))
    }

    @Test func linesView() {
        var app = LiveFixture.app(.lines(LineScope(flag: .upstreamOverflow)))
        let canvas = LiveFixture.render(overflow, &app, rows: 24, cols: 120)
        assertLinesSnapshot(canvas.text)
        let shown = overflow.snapshot.recentLines.filter { $0.flags.contains(.upstreamOverflow) }
        #expect(canvas.text.contains("\(shown.count) of \(overflow.snapshot.recentLines.count) recent lines"))
    }

    @Test func fieldInspector() throws {
        let line = try #require(overflow.snapshot.recentLines.last { $0.flags.contains(.upstreamOverflow) })
        var app = LiveFixture.app(.lines(LineScope()), .line(line))
        let canvas = LiveFixture.render(overflow, &app, rows: 45, cols: 110)
        assertLinesSnapshot(canvas.text)
        #expect(canvas.text.contains("UO UpstreamOverflow: circuit breaker overflow"))
    }

    @Test func help() {
        var app = LiveFixture.app(.cluster("outbound|50051||orders.shop.svc.cluster.local"))
        app.helpVisible = true
        let canvas = LiveFixture.render(pinning, &app, rows: 40, cols: 100)
        assertLinesSnapshot(canvas.text)
        #expect(canvas.text.contains("An upstream cluster"))
    }

    @Test func clusterScreenAtNarrow80x24() {
        var app = LiveFixture.app(.cluster("outbound|50051||orders.shop.svc.cluster.local"))
        let canvas = LiveFixture.render(pinning, &app, rows: 24, cols: 80)
        assertLinesSnapshot(canvas.text)
    }

    /// A log line whose fields carry an OSC title change, colours, a screen clear, a bell, a bidi
    /// override and wide characters: drawn escaped, columns intact.
    @Test func lineWithTerminalEscapes() {
        let evil = "[2026-11-20T10:00:00.000Z] \"GET /\u{1B}]0;pwned\u{07}\u{1B}[31m注文\u{202E}txt HTTP/1.1\" 503 UF "
            + "via_upstream - \"-\" 0 5 3 2 \"-\" \"curl/8\u{1B}[2J\" \"id-1\" \"web:80\" \"10.0.0.9:80\" "
            + "outbound|80||web.default.svc.cluster.local 10.0.0.1:40000 10.96.0.9:80 10.0.0.1:39999 - default\n"
        let data = LiveFixture.data(from: Array(evil.utf8))
        var app = LiveFixture.app(.lines(LineScope()))
        let lines = LiveFixture.render(data, &app, rows: 8, cols: 100)
        assertLinesSnapshot(lines.text, named: "lines")
        let line = data.snapshot.recentLines[0]
        var inspect = LiveFixture.app(.lines(LineScope()), .line(line))
        let fields = LiveFixture.render(data, &inspect, rows: 40, cols: 100)
        assertLinesSnapshot(fields.text, named: "fields")
        for canvas in [lines, fields] {
            #expect(canvas.cells.allSatisfy { TerminalSafe.isSafe($0.scalar) })
        }
        #expect(fields.text.contains("\\x1b]0;pwned\\x07\\x1b[31m注文\\u{202e}txt"))
    }
}
