import Testing
@testable import Presentation

@Suite struct CanvasPutTests {
    @Test func putsPlainTextAndReturnsNextColumn() {
        var canvas = Canvas(rows: 2, cols: 10)
        let next = canvas.put("hello", row: 0, col: 2)
        #expect(next == 7)
        #expect(canvas.text == "  hello\n")
        #expect(canvas[0, 2].scalar == "h")
    }

    @Test func clipsAtTheRightEdge() {
        var canvas = Canvas(rows: 1, cols: 6)
        let next = canvas.put("abcdefgh", row: 0, col: 2)
        #expect(canvas.text == "  abcd")
        #expect(next == 6)
    }

    @Test func clipsAtMaxWidth() {
        var canvas = Canvas(rows: 1, cols: 20)
        let next = canvas.put("abcdefgh", row: 0, col: 1, maxWidth: 3)
        #expect(canvas.text == " abc")
        #expect(next == 4)
    }

    @Test func ellipsisOnlyWhenClipped() {
        var canvas = Canvas(rows: 3, cols: 8)
        canvas.put("abcdefghij", row: 0, col: 0, ellipsis: true)
        canvas.put("abcdefgh", row: 1, col: 0, ellipsis: true)
        canvas.put("abcdef", row: 2, col: 0, maxWidth: 4, ellipsis: true)
        #expect(canvas.text == "abcdefg…\nabcdefgh\nabc…")
    }

    @Test func ellipsisInOneColumn() {
        var canvas = Canvas(rows: 1, cols: 5)
        let next = canvas.put("abc", row: 0, col: 0, maxWidth: 1, ellipsis: true)
        #expect(canvas.text == "…")
        #expect(next == 1)
    }

    @Test func rowsOutsideTheCanvasDrawNothing() {
        var canvas = Canvas(rows: 2, cols: 5)
        #expect(canvas.put("x", row: -1, col: 1) == 1)
        #expect(canvas.put("x", row: 2, col: 3) == 3)
        #expect(canvas.put("x", row: 0, col: 5) == 5)
        #expect(canvas.text == "\n")
    }

    @Test func negativeColumnShowsTheVisibleTail() {
        var canvas = Canvas(rows: 1, cols: 6)
        let next = canvas.put("abcdef", row: 0, col: -2)
        #expect(canvas.text == "cdef")
        #expect(next == 4)
    }

    @Test func wideCharactersTakeTwoCellsWithAContinuation() {
        var canvas = Canvas(rows: 1, cols: 8)
        let next = canvas.put("a日本b", row: 0, col: 0)
        #expect(next == 6)
        #expect(canvas[0, 1].scalar == "日")
        #expect(canvas[0, 1].isContinuation == false)
        #expect(canvas[0, 2].isContinuation == true)
        #expect(canvas[0, 3].scalar == "本")
        #expect(canvas[0, 4].isContinuation == true)
        #expect(canvas[0, 5].scalar == "b")
        #expect(canvas.text == "a日本b")
    }

    @Test func aWideCharacterThatDoesNotFitIsNotDrawn() {
        var canvas = Canvas(rows: 1, cols: 4)
        let next = canvas.put("ab日", row: 0, col: 1)
        #expect(next == 3)
        #expect(canvas.text == " ab")
        #expect(canvas.cells.allSatisfy { !$0.isContinuation })
    }

    @Test func ellipsisAfterWideCharacters() {
        var canvas = Canvas(rows: 2, cols: 10)
        canvas.put("日本語のログ", row: 0, col: 0, maxWidth: 6, ellipsis: true)   // 12 columns into 6
        canvas.put("日本語のログ", row: 1, col: 0, maxWidth: 5, ellipsis: true)
        #expect(canvas.text == "日本…\n日本…")
        #expect(CharacterWidth.columns(of: "日本…") == 5)
    }

    @Test func overwritingHalfAWideCharacterLeavesNoOrphans() {
        var canvas = Canvas(rows: 2, cols: 6)
        canvas.put("日本", row: 0, col: 0)
        canvas.put("x", row: 0, col: 1)          // cuts 日's right half
        #expect(canvas.text == " x本\n")
        #expect(canvas[0, 0].scalar == " ")
        #expect(canvas[0, 1].isContinuation == false)
        canvas.put("日本", row: 1, col: 0)
        canvas.put("y", row: 1, col: 2)          // replaces 本's left half
        #expect(canvas.text == " x本\n日y")
        #expect(canvas[1, 3].isContinuation == false)
        #expect(canvas[1, 3].scalar == " ")
    }

    @Test func wideOverWideShiftedByOne() {
        var canvas = Canvas(rows: 1, cols: 6)
        canvas.put("日本", row: 0, col: 0)
        canvas.put("語", row: 0, col: 1)         // covers 日's right half and 本's left half
        #expect(canvas.text == " 語")
        #expect(canvas[0, 2].isContinuation == true)
        #expect(canvas[0, 3].isContinuation == false)
        #expect(canvas.cells.indices.allSatisfy { i in
            !canvas.cells[i].isContinuation || (i > 0 && !canvas.cells[i - 1].isContinuation)
        })
    }

    @Test func combiningMarksAndZeroWidthScalarsAreDropped() {
        var canvas = Canvas(rows: 1, cols: 10)
        let next = canvas.put("e\u{301}a\u{200B}b\u{FE0F}", row: 0, col: 0)
        #expect(canvas.text == "eab")
        #expect(next == 3)
    }

    @Test func styleIsAppliedToEveryCellDrawn() {
        var canvas = Canvas(rows: 1, cols: 6)
        canvas.put("ab日", row: 0, col: 1, style: .critical)
        #expect(canvas[0, 0].style == .plain)
        #expect((1...4).allSatisfy { canvas[0, $0].style == .critical })
        #expect(canvas[0, 5].style == .plain)
    }

    @Test func clearResetsEveryCell() {
        var canvas = Canvas(rows: 2, cols: 3)
        canvas.put("abc", row: 1, col: 0, style: .bold)
        canvas.clear()
        #expect(canvas == Canvas(rows: 2, cols: 3))
    }

    @Test func zeroAndNegativeSizesAreEmpty() {
        var canvas = Canvas(rows: -3, cols: 5)
        #expect(canvas.rows == 0)
        #expect(canvas.put("x", row: 0, col: 0) == 0)
        #expect(canvas.text == "")
        #expect(canvas[0, 0] == .blank)
    }
}
