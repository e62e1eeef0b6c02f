import AccessLog
@testable import Presentation
import Testing
@testable import TerminalUI

@Suite struct RowEncoderTests {
    /// A libc that agrees with our width table.
    static let agreeing: @Sendable (Unicode.Scalar) -> Int = { CharacterWidth.columns($0) }

    static func encode(_ canvas: Canvas, row: Int = 0, columns: Int? = nil, utf8: Bool = true,
                       libc: (Unicode.Scalar) -> Int = agreeing) -> [Glyph] {
        var glyphs: [Glyph] = []
        RowEncoder.encode(row: row, of: canvas, columns: columns ?? canvas.cols, utf8: utf8, libcWidth: libc, into: &glyphs)
        return glyphs
    }

    static func text(_ glyphs: [Glyph]) -> String {
        String(String.UnicodeScalarView(glyphs.map(\.scalar)))
    }

    @Test func oneGlyphPerCharacterAndWideOnesSpanTwoColumns() {
        var canvas = Canvas(rows: 1, cols: 8)
        canvas.put("a日b", row: 0, col: 0, style: .accent)
        let glyphs = Self.encode(canvas)
        #expect(Self.text(glyphs) == "a日b    ")
        #expect(glyphs.map(\.width) == [1, 2, 1, 1, 1, 1, 1])
        #expect(glyphs.reduce(0) { $0 + $1.width } == 8)
        #expect(glyphs[1].style == .accent && glyphs[4].style == .plain)
    }

    @Test func wideCharacterCutByTheScreenEdgeBecomesABlank() {
        var canvas = Canvas(rows: 1, cols: 6)
        canvas.put("abc日", row: 0, col: 0)
        let glyphs = Self.encode(canvas, columns: 4)                  // screen narrower than the canvas
        #expect(Self.text(glyphs) == "abc ")
        #expect(glyphs.reduce(0) { $0 + $1.width } == 4)
    }

    @Test func libcCallsOurWideCharacterNarrow() {
        var canvas = Canvas(rows: 1, cols: 4)
        canvas.put("✅x", row: 0, col: 0)
        let glyphs = Self.encode(canvas, libc: { _ in 1 })
        #expect(Self.text(glyphs) == "✅ x ")                          // the glyph plus a space keeps x in column 2
        #expect(glyphs.map(\.width) == [1, 1, 1, 1])
    }

    @Test func libcCallsOurNarrowCharacterWideOrUnprintable() {
        var canvas = Canvas(rows: 1, cols: 4)
        canvas.put("─→Ω", row: 0, col: 0)
        let glyphs = Self.encode(canvas, libc: { $0 == "Ω" ? -1 : 2 })
        #expect(Self.text(glyphs) == "->? ")
        #expect(glyphs.allSatisfy { $0.width == 1 })
    }

    @Test func withoutUTF8EverythingIsASCII() {
        var canvas = Canvas(rows: 2, cols: 12)
        canvas.box(Rect(rows: 2, cols: 12), title: "日本")
        canvas.put(Format.bar(0.55, width: 3) + "…", row: 1, col: 2)
        let top = Self.encode(canvas, row: 0, utf8: false)
        let bottom = Self.encode(canvas, row: 1, utf8: false)
        #expect(Self.text(top) == "+- ? ?  ---+")
        #expect(Self.text(bottom) == "+-## ~-----+")
        #expect(top.allSatisfy { $0.scalar.isASCII } && bottom.allSatisfy { $0.scalar.isASCII })
        #expect(top.reduce(0) { $0 + $1.width } == 12)
    }

    @Test func everyRowFillsExactlyTheVisibleColumns() {
        var canvas = Canvas(rows: 3, cols: 10)
        canvas.put("日本語のログ", row: 0, col: 1)
        canvas.put("a😀b🚀c", row: 1, col: 0)
        canvas.put("x", row: 2, col: 9)
        for columns in 1...12 {
            for row in 0..<3 {
                let glyphs = Self.encode(canvas, row: row, columns: columns)
                #expect(glyphs.reduce(0) { $0 + $1.width } == min(columns, 10), "row \(row) columns \(columns)")
            }
        }
    }
}
