extension CanvasSurface {
    /// Draws `text` on one row starting at `col`, and returns the column after the last cell drawn.
    ///
    /// Control characters and escape sequences are drawn escaped (see ``TerminalSafe``); zero-width
    /// scalars are dropped; wide characters take two columns. The text is clipped at the surface's
    /// edge and after `maxWidth` columns; a wide character that does not fit whole is not drawn.
    /// With `ellipsis`, clipped text ends in `…` in its last column. A row outside the surface draws
    /// nothing and returns `col`.
    @discardableResult
    mutating func put(_ text: String, row: Int, col: Int, style: Style = .plain,
                             maxWidth: Int? = nil, ellipsis: Bool = false) -> Int {
        let frame = self.frame
        guard row >= 0, row < frame.rows else { return col }
        var limit = frame.cols
        if let maxWidth { limit = Swift.min(limit, col + Swift.max(0, maxWidth)) }
        guard col < limit else { return col }
        let clipped = ellipsis && CharacterWidth.columns(of: text, exceeds: limit - col)
        let end = clipped ? limit - 1 : limit
        let absRow = frame.row + row
        var c = col
        withCanvas { canvas in
            TerminalSafe.forEachSafeScalar(in: text) { scalar in
                let w = CharacterWidth.columns(scalar)
                if w == 0 { return true }
                if c + w > end { return false }
                canvas.drawClipped(scalar, width: w, style: style, row: absRow, col: frame.col + c, clipCol: frame.col)
                c += w
                return true
            }
            if clipped {
                canvas.drawClipped("…", width: 1, style: style, row: absRow, col: frame.col + c, clipCol: frame.col)
                c += 1
            }
        }
        return c
    }
}

extension Canvas {
    /// Draws a glyph whose right edge is already known to fit; a glyph left of `clipCol` is skipped,
    /// and a wide one straddling it leaves a blank in its visible half.
    mutating func drawClipped(_ scalar: Unicode.Scalar, width: Int, style: Style, row: Int, col: Int, clipCol: Int) {
        if col >= clipCol {
            writeGlyph(scalar, width: width, style: style, row: row, col: col)
        } else if col + width > clipCol {
            writeGlyph(" ", width: 1, style: style, row: row, col: clipCol)
        }
    }
}

extension CharacterWidth {
    /// True when `text` is wider than `limit` columns; stops measuring as soon as it is.
    static func columns(of text: String, exceeds limit: Int) -> Bool {
        if TerminalSafe.isPlainASCII(text) { return text.utf8.count > limit }
        var total = 0
        TerminalSafe.forEachSafeScalar(in: text) { total += columns($0); return total <= limit }
        return total > limit
    }
}
