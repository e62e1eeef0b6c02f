import AccessLog
import Testing
@testable import Presentation

@Suite struct FormatPaddingTests {
    @Test func padsToDisplayWidth() {
        #expect(Format.padded("ab", toWidth: 5) == "ab   ")
        #expect(Format.padded("ab", toWidth: 5, align: .right) == "   ab")
        #expect(Format.padded("ab", toWidth: 5, align: .center) == " ab  ")
        #expect(Format.padded("日本", toWidth: 6) == "日本  ")
        #expect(Format.padded("日本", toWidth: 6, align: .right) == "  日本")
        #expect(Format.padded("x", toWidth: 0) == "")
    }

    @Test func truncatesToDisplayWidth() {
        #expect(Format.padded("abcdef", toWidth: 4) == "abc…")
        #expect(Format.padded("abcdef", toWidth: 4, ellipsis: false) == "abcd")
        #expect(Format.padded("日本語", toWidth: 4) == "日… ")         // 本 would straddle the cut
        #expect(Format.padded("日本語", toWidth: 5) == "日本…")
        #expect(Format.truncated("日本語", toWidth: 3, ellipsis: false) == "日")
        #expect(Format.truncated("abc", toWidth: 3) == "abc")
        #expect(Format.truncated("abc", toWidth: -1) == "")
    }

    @Test func resultIsTerminalSafe() {
        let padded = Format.padded("a\u{1B}[1mb", toWidth: 10)
        #expect(padded == "a\\x1b[1mb ")
        #expect(!padded.utf8.contains(0x1B))
        #expect(Format.padded("a\u{1B}[1mb", toWidth: 6) == "a\\x1b…")
    }

    @Test func everyResultHasExactlyTheWidth() {
        let samples = ["", "a", "abc", "日本語", "a日b本", "e\u{301}x", "\u{7}bell", "🚀 launch"]
        for text in samples {
            for width in 1...9 {
                #expect(CharacterWidth.columns(of: Format.padded(text, toWidth: width)) == width, "\(text) \(width)")
            }
        }
    }
}
