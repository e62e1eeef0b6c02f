import AccessLog
import Analysis
import Testing
@testable import Presentation

/// Every screen at every size, down to nothing: no crash, nothing unsafe drawn, header and footer
/// where they belong, and no row wider than the terminal.
@Suite struct LiveScreenSizeTests {
    static let screens: [Screen] = {
        let data = LiveFixture.overflow
        let finding = data.findings[0]
        let cluster = data.snapshot.clusters[0]
        return [.dashboard, .finding(finding.id, subject: finding.subject), .flag(.upstreamOverflow),
                .cluster(cluster.name.name), .host(cluster: cluster.name.name, host: cluster.hosts[0].host),
                .lines(LineScope()), .line(data.snapshot.recentLines[0])]
    }()

    @Test(arguments: [(0, 0), (1, 1), (2, 10), (3, 30), (5, 40), (8, 60), (12, 80), (24, 80), (30, 119), (40, 120), (50, 220)])
    func drawsEveryScreenAtSize(rows: Int, cols: Int) {
        for screen in Self.screens {
            for help in [false, true] {
                var app = screen == .dashboard ? AppState() : LiveFixture.app(screen)
                app.helpVisible = help
                let canvas = LiveFixture.render(LiveFixture.overflow, &app, rows: rows, cols: cols)
                #expect(canvas.rows == rows && canvas.cols == cols)
                #expect(canvas.cells.allSatisfy { TerminalSafe.isSafe($0.scalar) })
                let lines = canvas.text.split(separator: "\n", omittingEmptySubsequences: false)
                #expect(lines.allSatisfy { CharacterWidth.columns(of: String($0)) <= cols })
                if rows >= 3 && cols >= 60 {
                    #expect(lines[0].hasPrefix(" meshlog "), "\(screen) at \(rows)x\(cols)")
                    #expect(lines[rows - 1].contains("<q>quit") || lines[rows - 1].contains("<q>"), "\(screen) at \(rows)x\(cols)")
                }
            }
        }
    }
}
