import Testing
@testable import Presentation

@Suite struct CanvasSafetyTests {
    @Test func escapeSequencesAreDrawnEscaped() {
        var canvas = Canvas(rows: 1, cols: 60)
        canvas.put("GET /\u{1B}[2J\u{1B}]0;pwned\u{07}x", row: 0, col: 0)
        #expect(canvas.text == "GET /\\x1b[2J\\x1b]0;pwned\\x07x")
        #expect(!canvas.text.utf8.contains(0x1B))
        #expect(!canvas.text.utf8.contains(0x07))
    }

    @Test func tabNewlineReturnDelAndNulAreEscaped() {
        var canvas = Canvas(rows: 1, cols: 40)
        canvas.put("a\tb\nc\rd\u{7F}e\u{0}f", row: 0, col: 0)
        #expect(canvas.text == "a\\tb\\nc\\rd\\x7fe\\x00f")
    }

    @Test func c1ControlsAndBidiOverridesAreEscaped() {
        var canvas = Canvas(rows: 1, cols: 60)
        canvas.put("a\u{9B}31mb\u{85}c\u{202E}d\u{2066}e\u{2028}f", row: 0, col: 0)
        #expect(canvas.text == "a\\u{9b}31mb\\u{85}c\\u{202e}d\\u{2066}e\\u{2028}f")
    }

    @Test func noCellEverHoldsAnUnsafeScalar() {
        var canvas = Canvas(rows: 3, cols: 40)
        let nasty = String(String.UnicodeScalarView((0..<0xA0).compactMap(Unicode.Scalar.init)))
        for row in 0..<3 { canvas.put(nasty, row: row, col: row * 3 - 2, ellipsis: true) }
        #expect(canvas.cells.allSatisfy { TerminalSafe.isSafe($0.scalar) })
        #expect(canvas.cells.allSatisfy { $0.isContinuation || CharacterWidth.columns($0.scalar) >= 1 })
    }

    @Test func escapesCountTowardsClippingAndEllipsis() {
        var canvas = Canvas(rows: 1, cols: 6)
        canvas.put("\u{1B}[31m", row: 0, col: 0, ellipsis: true)
        #expect(canvas.text == "\\x1b[…")
    }

    @Test func sanitizedIsIdempotentAndKeepsSafeText() {
        let raw = "ok \u{1B}[0m 日本 \\x1b ✓"
        let once = TerminalSafe.sanitized(raw)
        #expect(once == "ok \\x1b[0m 日本 \\x1b ✓")
        #expect(TerminalSafe.sanitized(once) == once)
        #expect(TerminalSafe.sanitized("plain ascii") == "plain ascii")
    }

    @Test func fastPathDetection() {
        #expect(TerminalSafe.isPlainASCII("GET /api/v1 200"))
        #expect(!TerminalSafe.isPlainASCII("tab\there"))
        #expect(!TerminalSafe.isPlainASCII("del\u{7F}"))
        #expect(!TerminalSafe.isPlainASCII("µs"))
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        let bytes: [UInt8] = [0x61, 0xFF, 0xC3, 0x1B, 0x62]
        let text = bytes.withUnsafeBytes { TerminalSafe.string(decoding: $0) }
        #expect(text == "a\u{FFFD}\u{FFFD}\\x1bb")
    }
}
