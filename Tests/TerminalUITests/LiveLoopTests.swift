@preconcurrency import Glibc
@testable import Presentation
import Testing
@testable import TerminalUI

/// A scripted terminal: hands out keys in order (nil = a timeout), records every frame drawn.
final class FakeTerminal: LoopTerminal {
    var size: (rows: Int, cols: Int)
    var script: [Key?]
    var frames: [Canvas] = []
    var repaints = 0
    var onRead: ((Int) -> Void)?

    init(rows: Int, cols: Int, script: [Key?]) {
        size = (rows, cols)
        self.script = script
    }

    func readKey(timeoutMs: Int) -> Key? {
        onRead?(script.count)
        guard !script.isEmpty else { return .character("q") }   // never hang a test
        let key = script.removeFirst()
        if key == nil { usleep(UInt32(min(timeoutMs, 50)) * 1000) }
        if key == .resize { size = (size.rows + 1, size.cols - 2) }
        return key
    }

    func draw(_ canvas: Canvas) { frames.append(canvas) }
    func repaintAll() { repaints += 1 }
}

extension SignalStateTests {
    @Suite struct LiveLoopTests {
        init() { TerminalGuard.resetQuitRequest() }

        @Test func drawsFirstThenRedrawsAfterEachKeyThatChangesTheScreen() {
            let terminal = FakeTerminal(rows: 3, cols: 10, script: [.character("j"), .character("j"), .character("q")])
            var presses = 0
            let exit = runLoop(on: terminal, tickMs: 10_000, render: { canvas in
                canvas.put("presses=\(presses)", row: 0, col: 0)
            }, handle: { key in
                if key == .character("q") { return .quit }
                presses += 1
                return .continue
            })
            #expect(exit == .handler)
            #expect(terminal.frames.map { $0.text } == ["presses=0\n\n", "presses=1\n\n", "presses=2\n\n"])
        }

        @Test func unchangedFramesAreNotSentAgain() {
            let terminal = FakeTerminal(rows: 2, cols: 5, script: [.character("x"), nil, .character("y"), .character("q")])
            runLoop(on: terminal, tickMs: 10, render: { $0.put("same", row: 0, col: 0) },
                    handle: { $0 == .character("q") ? .quit : .continue })
            #expect(terminal.frames.count == 1)
        }

        @Test func resizeRebuildsTheCanvasAtTheNewSize() {
            let terminal = FakeTerminal(rows: 4, cols: 20, script: [.resize, .character("q")])
            var seen: [Key] = []
            runLoop(on: terminal, tickMs: 10_000, render: { canvas in
                canvas.put("\(canvas.rows)x\(canvas.cols)", row: 0, col: 0)
            }, handle: { key in
                seen.append(key)
                return key == .character("q") ? .quit : .continue
            })
            #expect(seen == [.resize, .character("q")])
            #expect(terminal.frames.map { "\($0.rows)x\($0.cols)" } == ["4x20", "5x18"])
            #expect(terminal.frames.last?.text.hasPrefix("5x18") == true)
        }

        @Test func ticksRedrawWithoutKeys() {
            let terminal = FakeTerminal(rows: 1, cols: 10, script: [nil, nil, nil, nil, .character("q")])
            var frame = 0
            runLoop(on: terminal, tickMs: 10, render: { canvas in
                frame += 1
                canvas.put("f\(frame)", row: 0, col: 0)
            }, handle: { $0 == .character("q") ? .quit : .continue })
            #expect(terminal.frames.count >= 3)                 // first frame + at least two ticks of four
        }

        @Test func quitRequestStopsTheLoop() {
            let terminal = FakeTerminal(rows: 1, cols: 4, script: Array(repeating: nil, count: 50))
            terminal.onRead = { remaining in if remaining == 48 { TerminalGuard.requestQuit() } }
            defer { TerminalGuard.resetQuitRequest() }
            let exit = runLoop(on: terminal, tickMs: 10, render: { _ in }, handle: { _ in .continue })
            #expect(exit == .signal(nil))
            #expect(terminal.script.count == 47)
        }

        @Test func ctrlLRepaintsEverythingAndIsPassedOn() {
            let terminal = FakeTerminal(rows: 1, cols: 4, script: [.ctrl("l"), .character("q")])
            var seen: [Key] = []
            runLoop(on: terminal, tickMs: 10_000, render: { $0.put("x", row: 0, col: 0) },
                    handle: { seen.append($0); return $0 == .character("q") ? .quit : .continue })
            #expect(terminal.repaints == 1)
            #expect(terminal.frames.count == 2)                 // same content, sent again after Ctrl-L
            #expect(seen == [.ctrl("l"), .character("q")])
        }
    }
}
