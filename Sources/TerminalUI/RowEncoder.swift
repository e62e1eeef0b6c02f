import Presentation

/// One glyph to hand to ncurses: it occupies `width` screen columns.
struct Glyph: Equatable {
    var scalar: Unicode.Scalar
    var style: Style
    var width: Int
}

/// Turns one canvas row into the glyph run `mvwadd_wchnstr` draws. Pure, so it is unit-tested.
///
/// ncurses places each glyph by the C library's `wcwidth`, not by our width table. Where the two
/// disagree, the glyph is replaced so the row keeps the canvas's columns: a wide cell that libc
/// calls narrow becomes the glyph plus a space; a narrow cell that libc calls wide (or unprintable)
/// becomes its ASCII stand-in. Without a UTF-8 locale every non-ASCII glyph gets its stand-in.
enum RowEncoder {
    /// Glyphs for `row` of `canvas`, at most `columns` screen columns.
    static func encode(row: Int, of canvas: Canvas, columns: Int, utf8: Bool,
                       libcWidth: (Unicode.Scalar) -> Int, into glyphs: inout [Glyph]) {
        glyphs.removeAll(keepingCapacity: true)
        let limit = min(columns, canvas.cols)
        var col = 0
        while col < limit {
            let cell = canvas[row, col]
            let width = col + 1 < canvas.cols && canvas[row, col + 1].isContinuation ? 2 : 1
            if cell.isContinuation || col + width > limit {          // orphan half, or cut by the screen edge
                glyphs.append(Glyph(scalar: " ", style: cell.style, width: 1))
                col += 1
                continue
            }
            append(cell.scalar, style: cell.style, width: width, utf8: utf8, libcWidth: libcWidth, to: &glyphs)
            col += width
        }
    }

    private static func append(_ scalar: Unicode.Scalar, style: Style, width: Int, utf8: Bool,
                               libcWidth: (Unicode.Scalar) -> Int, to glyphs: inout [Glyph]) {
        guard TerminalSafe.isSafe(scalar) else {                   // cannot happen through Canvas; be sure
            glyphs.append(Glyph(scalar: "?", style: style, width: 1))
            if width == 2 { glyphs.append(Glyph(scalar: " ", style: style, width: 1)) }
            return
        }
        if scalar.isASCII {
            glyphs.append(Glyph(scalar: scalar, style: style, width: 1))
            return
        }
        let libc = utf8 ? libcWidth(scalar) : -1
        if libc == width {
            glyphs.append(Glyph(scalar: scalar, style: style, width: width))
        } else if width == 2 && libc == 1 {
            glyphs.append(Glyph(scalar: scalar, style: style, width: 1))
            glyphs.append(Glyph(scalar: " ", style: style, width: 1))
        } else {
            glyphs.append(Glyph(scalar: AsciiFallback.scalar(for: scalar), style: style, width: 1))
            if width == 2 { glyphs.append(Glyph(scalar: " ", style: style, width: 1)) }
        }
    }
}
