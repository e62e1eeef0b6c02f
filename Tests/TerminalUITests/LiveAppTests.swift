import Analysis
import Foundation
import Presentation
import Testing
@testable import TerminalUI

extension SignalStateTests {
    /// The live app's wiring: frames come from the store, keys go through the reducer, `w` reaches
    /// the reader, and the drawn screens follow the navigation.
    @Suite struct LiveAppTests {
        init() { TerminalGuard.resetQuitRequest() }

        static func logFile() throws -> String {
            let lines = (0..<40).map { i in
                "[2026-11-20T10:00:\(String(format: "%02d", i)).000Z] \"GET /items/\(i) HTTP/1.1\" \(i % 10 == 0 ? 503 : 200) "
                    + "\(i % 10 == 0 ? "UF" : "-") via_upstream - \"-\" 0 10 3 2 \"-\" \"curl/8\" \"id-\(i)\" \"web:80\" "
                    + "\"10.0.0.\(i % 2 + 1):80\" outbound|80||web.default.svc.cluster.local 10.0.0.9:40000 10.96.0.9:80 "
                    + "10.0.0.9:39999 - default"
            }
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("meshlog-app-\(UUID().uuidString).log").path
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        @Test func drawsTheStoreHandlesKeysAndPassesTheWindowToTheReader() throws {
            let path = try Self.logFile()
            defer { try? FileManager.default.removeItem(atPath: path) }
            let store = try LiveIngest(inputs: [path], customFormat: nil, publishIntervalMs: 20).start()
            defer { store.requestStop() }
            #expect(store.wait(timeoutMs: 10_000) { $0.ended } != nil)

            var session = LiveSession(app: LiveApp(store: store, sources: ["test.log"], tickMs: 10))
            let terminal = FakeTerminal(rows: 24, cols: 80, script: [
                nil, .character("w"), nil, nil, .character("?"), .escape, .tab, .enter, .character("l"), .character("q"),
            ])
            let exit = runLoop(on: terminal, tickMs: 10, render: { session.render(into: &$0) },
                               handle: { session.handle($0) })
            #expect(exit == .handler)
            #expect(store.requestedWindow == .lastMinute)
            let texts = terminal.frames.map(\.text)
            let first = try #require(texts.first)
            #expect(first.contains("ENDED") && first.contains("test.log") && first.contains("40 lines"))
            #expect(first.contains("UF"))
            #expect(texts.contains { $0.contains("window 1m") })
            #expect(texts.contains { $0.contains("This screen") }, "help was drawn")
            #expect(texts.contains { $0.contains("clusters › outbound|80||web") && $0.contains("Upstream hosts (2)") })
            let last = try #require(texts.last)
            #expect(last.contains("› lines cluster:outbound|") && last.contains("40 of 40 recent"), "l opened the cluster's lines")
            #expect(last.contains("/items/39"))
        }

        @Test func terminalCheckRejectsAMissingOrDumbTerm() {
            let saved = getenv("TERM").map { String(cString: $0) }
            defer { if let saved { setenv("TERM", saved, 1) } else { unsetenv("TERM") } }
            unsetenv("TERM")
            #expect(TerminalCheck.problem() == .unusableTerminal(term: nil))
            setenv("TERM", "dumb", 1)
            #expect(TerminalCheck.problem() == .unusableTerminal(term: "dumb"))
            setenv("TERM", "xterm-256color", 1)
            let problem = TerminalCheck.problem()
            let hasTTY = open("/dev/tty", O_RDWR | O_NOCTTY) >= 0
            #expect(hasTTY ? problem == nil : problem.map { if case .noTerminal = $0 { true } else { false } } == true)
        }
    }
}
