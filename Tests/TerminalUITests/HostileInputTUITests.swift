import Analysis
import Foundation
import Presentation
import Testing
@testable import TerminalUI

extension SignalStateTests {
    /// Hostile log strings (terminal escapes, HTML, bidi overrides, NULs, a 1 MB field, in every
    /// format) shown by the live view: no glyph handed to ncurses is a control or bidi character,
    /// on the dashboard, a drill-down and the raw lines view.
    @Suite struct HostileInputTUITests {
        init() { TerminalGuard.resetQuitRequest() }

        static let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[31mred\u{1B}[2J<b>x</b>\u{202E}gnp.exe\u{2066}\u{9B}31m"
        static let big = String(repeating: "B", count: 1_000_000)

        static func logFile() throws -> String {
            let lines = [
                "[2026-11-20T10:00:00.000Z] \"GET /\(hostile) HTTP/1.1\" 503 UO via_upstream - \"-\" 0 10 3 2 \"-\" \"\(hostile)\(big)\" "
                    + "\"id\" \"\(hostile)\" \"10.0.0.1:80\" outbound|80||\(hostile).default.svc.cluster.local 10.0.0.9:40000 "
                    + "10.96.0.9:80 10.0.0.9:39999 - default",
                "[2026-11-20T10:00:01.000Z] \"POST /e\(hostile) HTTP/2\" 200 - 1 2 3 4 \"10.0.0.1\" \"\(hostile)\" \"id\" \"\(hostile)\" \"tcp://10.0.0.2:80\"",
                #"{"start_time":"2026-11-20T10:00:02.000Z","method":"GET","path":"/j\u001b[31m\u202e\u0000","response_code":500,"response_flags":"UF","duration":5,"upstream_cluster":"outbound|80||j\u001b]0;x\u0007","upstream_host":"10.0.0.3:80"}"#,
                "[pod/evil-pod/istio-proxy] [2026-11-20T10:00:03.000Z] \"GET /k\(hostile) HTTP/1.1\" 200 - via_upstream - \"-\" 0 1 1 - \"-\" \"c\" \"id\" \"a\" \"-\" outbound|80||k.default.svc.cluster.local - 10.96.0.1:80 10.0.0.1:1 - default",
                "nul\u{0}\u{0}line \(hostile)",
            ]
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("meshlog-hostile-\(UUID().uuidString).log").path
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
            let v = scalar.value
            return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
        }

        @Test func noControlOrBidiGlyphReachesTheTerminal() throws {
            let path = try Self.logFile()
            defer { try? FileManager.default.removeItem(atPath: path) }
            let store = try LiveIngest(inputs: [path], customFormat: nil, publishIntervalMs: 20).start()
            defer { store.requestStop() }
            #expect(store.wait(timeoutMs: 10_000) { $0.ended } != nil)
            #expect(store.current.total.lines.total == 5)

            var session = LiveSession(app: LiveApp(store: store, sources: ["hostile.log"], tickMs: 10))
            let terminal = FakeTerminal(rows: 30, cols: 120, script: [
                nil, .enter, nil, .character("l"), nil, .enter, nil, .escape, .escape, .tab, .enter, nil, .character("q"),
            ])
            _ = runLoop(on: terminal, tickMs: 10, render: { session.render(into: &$0) }, handle: { session.handle($0) })
            #expect(terminal.frames.count > 5)
            #expect(terminal.frames.contains { $0.text.contains("pwned") }, "the hostile text is shown, escaped")
            var glyphs: [Glyph] = []
            for (index, frame) in terminal.frames.enumerated() {
                for row in 0..<frame.rows {
                    for utf8 in [true, false] {
                        RowEncoder.encode(row: row, of: frame, columns: frame.cols, utf8: utf8,
                                          libcWidth: { _ in 1 }, into: &glyphs)
                        let bad = glyphs.first { Self.isUnsafe($0.scalar) }
                        #expect(bad == nil, "frame \(index) row \(row): U+\(String(bad?.scalar.value ?? 0, radix: 16))")
                    }
                }
            }
        }
    }
}
