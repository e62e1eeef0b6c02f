import Testing
@testable import Presentation

@Suite struct CanvasDrawingTests {
    @Test func boxWithTitle() {
        var canvas = Canvas(rows: 4, cols: 16)
        canvas.box(Rect(row: 0, col: 0, rows: 4, cols: 16), title: "Flags")
        #expect(canvas.text == """
            ┌─ Flags ──────┐
            │              │
            │              │
            └──────────────┘
            """)
    }

    @Test func boxTitleIsClippedWithEllipsis() {
        var canvas = Canvas(rows: 2, cols: 10)
        canvas.box(Rect(rows: 2, cols: 10), kind: .rounded, title: "Upstream clusters")
        #expect(canvas.text == "╭─ Upst…─╮\n╰────────╯")
    }

    @Test func boxTooSmallDrawsNothing() {
        var canvas = Canvas(rows: 3, cols: 3)
        canvas.box(Rect(rows: 1, cols: 3))
        canvas.box(Rect(rows: 3, cols: 1))
        #expect(canvas == Canvas(rows: 3, cols: 3))
    }

    @Test func boxIsClippedAtTheCanvasEdge() {
        var canvas = Canvas(rows: 3, cols: 5)
        canvas.box(Rect(row: 1, col: 2, rows: 4, cols: 6), kind: .double)
        #expect(canvas.text == "\n  ╔══\n  ║")
    }

    @Test func dividerJoinsTheSides() {
        var canvas = Canvas(rows: 4, cols: 6)
        let rect = Rect(rows: 4, cols: 6)
        canvas.box(rect)
        canvas.boxDivider(rect, row: 2)
        #expect(canvas.text == "┌────┐\n│    │\n├────┤\n└────┘")
    }

    @Test func fillAndLines() {
        var canvas = Canvas(rows: 3, cols: 5)
        canvas.fill(Rect(row: 0, col: 1, rows: 2, cols: 2), with: "#", style: .reverse)
        canvas.hline(row: 2, col: -1, length: 3)
        canvas.vline(row: 0, col: 4, length: 9, scalar: "|")
        #expect(canvas.text == " ## |\n ## |\n──  |")
        #expect(canvas.styleMask == ".RR\n.RR\n")
    }

    @Test func fillRefusesUnsafeOrWideScalars() {
        var canvas = Canvas(rows: 1, cols: 4)
        canvas.fill(Rect(rows: 1, cols: 2), with: "\u{1B}")
        canvas.fill(Rect(row: 0, col: 2, rows: 1, cols: 2), with: "日")
        #expect(canvas.text == "????")
    }

    @Test func fillOverAWideCharacterHalfRepairsIt() {
        var canvas = Canvas(rows: 1, cols: 4)
        canvas.put("日本", row: 0, col: 0)
        canvas.fill(Rect(row: 0, col: 1, rows: 1, cols: 2), with: "-")
        #expect(canvas.text == " --")
        #expect(canvas.cells.allSatisfy { !$0.isContinuation })
    }

    @Test func regionsTranslateAndClip() {
        var canvas = Canvas(rows: 4, cols: 12)
        canvas.withRegion(Rect(row: 1, col: 3, rows: 2, cols: 5)) { region in
            #expect(region.rows == 2 && region.cols == 5)
            #expect(region.bounds == Rect(rows: 2, cols: 5))
            let next = region.put("hello world", row: 0, col: 0)
            #expect(next == 5)
            region.put("abcdefgh", row: 1, col: 2, ellipsis: true)
            region.put("never", row: 2, col: 0)
            region.put("xy", row: 1, col: -1)
        }
        #expect(canvas.text == "\n   hello\n   y ab…\n")
    }

    @Test func nestedRegionsClipToTheOuterOne() {
        var canvas = Canvas(rows: 5, cols: 10)
        canvas.withRegion(Rect(row: 1, col: 1, rows: 3, cols: 6)) { outer in
            outer.box(outer.bounds)
            outer.withRegion(outer.bounds.inset(by: 1)) { inner in
                #expect(inner.frame == Rect(row: 2, col: 2, rows: 1, cols: 4))
                inner.fill(with: ".")
                inner.put("123456", row: 0, col: 1)
            }
            outer.withRegion(Rect(row: 2, col: 4, rows: 5, cols: 5)) { inner in
                #expect(inner.frame == Rect(row: 3, col: 5, rows: 1, cols: 2))
            }
        }
        #expect(canvas.text == "\n ┌────┐\n │.123│\n └────┘\n")
    }

    @Test func wideCharacterStraddlingARegionsLeftEdge() {
        var canvas = Canvas(rows: 1, cols: 8)
        canvas.withRegion(Rect(row: 0, col: 2, rows: 1, cols: 4)) { region in
            region.put("日本語", row: 0, col: -1)
        }
        #expect(canvas.text == "   本")
        #expect(canvas[0, 2].scalar == " ")
        #expect(canvas[0, 4].isContinuation)
    }

    @Test func regionOutsideTheCanvasIsEmpty() {
        var canvas = Canvas(rows: 2, cols: 4)
        canvas.withRegion(Rect(row: 5, col: 5, rows: 2, cols: 2)) { region in
            #expect(region.bounds.isEmpty)
            region.put("x", row: 0, col: 0)
            region.fill(with: "#")
        }
        #expect(canvas == Canvas(rows: 2, cols: 4))
    }
}
