import Testing
@testable import Presentation

@Suite struct CanvasTextTests {
    @Test func textTrimsTrailingSpacesAndKeepsEveryRow() {
        var canvas = Canvas(rows: 3, cols: 8)
        canvas.put("a  b", row: 0, col: 1)
        canvas.put(" ", row: 2, col: 7, style: .reverse)
        #expect(canvas.text == " a  b\n\n")
    }

    @Test func styleMaskLettersForRolesAndAttributes() {
        var canvas = Canvas(rows: 2, cols: 12)
        canvas.put("a", row: 0, col: 0, style: .bold)
        canvas.put("b", row: 0, col: 1, style: .dim)
        canvas.put("c", row: 0, col: 2, style: .reverse)
        canvas.put("d", row: 0, col: 3, style: .underline)
        canvas.put("e", row: 0, col: 4, style: Style(.normal, [.bold, .reverse]))
        canvas.put("f", row: 0, col: 6, style: .warning)
        canvas.put("g", row: 0, col: 7, style: .critical)            // critical is bold
        canvas.put("h", row: 0, col: 8, style: .ok)
        canvas.put("i", row: 0, col: 9, style: .selection)
        canvas.put("j", row: 0, col: 10, style: .header)
        canvas.put("kl", row: 1, col: 0, style: .accent)
        canvas.put("m", row: 1, col: 2, style: .info)
        canvas.put("n", row: 1, col: 3, style: .muted)
        canvas.put("o", row: 1, col: 4, style: Style.muted.adding(.dim))
        #expect(canvas.styleMask == "BDRUR.wCosH\naaimM")
    }

    @Test func styleMaskCoversContinuationCells() {
        var canvas = Canvas(rows: 1, cols: 6)
        canvas.put("日x", row: 0, col: 1, style: .accent)
        #expect(canvas.styleMask == ".aaa")
        #expect(canvas.text == " 日x")
    }

    @Test func styleHelpers() {
        #expect(Style.warning.adding(.bold) == Style(.warning, .bold))
        #expect(Style.bold.with(role: .ok) == Style(.ok, .bold))
        #expect(Style() == .plain)
    }

    @Test func rectGeometry() {
        let r = Rect(row: 2, col: 3, rows: 4, cols: 10)
        #expect(r.maxRow == 6 && r.maxCol == 13)
        #expect(r.inset(by: 1) == Rect(row: 3, col: 4, rows: 2, cols: 8))
        #expect(r.inset(by: 5).isEmpty)
        #expect(r.splitRows(at: 1) == (Rect(row: 2, col: 3, rows: 1, cols: 10), Rect(row: 3, col: 3, rows: 3, cols: 10)))
        #expect(r.splitCols(at: 20).right.isEmpty)
        #expect(r.intersection(Rect(row: 0, col: 0, rows: 3, cols: 5)) == Rect(row: 2, col: 3, rows: 1, cols: 2))
        #expect(r.intersection(Rect(row: 10, col: 10, rows: 1, cols: 1)).isEmpty)
        #expect(r.contains(row: 5, col: 12) && !r.contains(row: 6, col: 12))
    }
}
