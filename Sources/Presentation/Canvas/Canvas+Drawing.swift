extension CanvasSurface {
    /// Fills `rect` (default: the whole surface) with `scalar`, clipped to the surface.
    /// A scalar that is not a safe, 1-column character is drawn as `?`.
    mutating func fill(_ rect: Rect? = nil, with scalar: Unicode.Scalar = " ", style: Style = .plain) {
        let glyph: Unicode.Scalar = TerminalSafe.isSafe(scalar) && CharacterWidth.columns(scalar) == 1 ? scalar : "?"
        let area = (rect ?? bounds).offsetBy(rows: frame.row, cols: frame.col).intersection(frame)
        guard !area.isEmpty else { return }
        withCanvas { canvas in
            for r in area.row..<area.maxRow {
                for c in area.col..<area.maxCol {
                    canvas.writeGlyph(glyph, width: 1, style: style, row: r, col: c)
                }
            }
        }
    }

    /// A horizontal line of `length` columns starting at (`row`, `col`).
    mutating func hline(row: Int, col: Int, length: Int, style: Style = .plain, scalar: Unicode.Scalar = "─") {
        fill(Rect(row: row, col: col, rows: 1, cols: length), with: scalar, style: style)
    }

    /// A vertical line of `length` rows starting at (`row`, `col`).
    mutating func vline(row: Int, col: Int, length: Int, style: Style = .plain, scalar: Unicode.Scalar = "│") {
        fill(Rect(row: row, col: col, rows: length, cols: 1), with: scalar, style: style)
    }

    /// A box around the edge of `rect`, with an optional title in the top border
    /// (`┌─ Title ───┐`, clipped with `…`). Rectangles smaller than 2×2 draw nothing.
    mutating func box(_ rect: Rect, style: Style = .plain, kind: BoxKind = .light,
                             title: String? = nil, titleStyle: Style? = nil) {
        guard rect.rows >= 2, rect.cols >= 2 else { return }
        let top = rect.row, bottom = rect.maxRow - 1, left = rect.col, right = rect.maxCol - 1
        hline(row: top, col: left + 1, length: rect.cols - 2, style: style, scalar: kind.horizontal)
        hline(row: bottom, col: left + 1, length: rect.cols - 2, style: style, scalar: kind.horizontal)
        vline(row: top + 1, col: left, length: rect.rows - 2, style: style, scalar: kind.vertical)
        vline(row: top + 1, col: right, length: rect.rows - 2, style: style, scalar: kind.vertical)
        fill(Rect(row: top, col: left, rows: 1, cols: 1), with: kind.topLeft, style: style)
        fill(Rect(row: top, col: right, rows: 1, cols: 1), with: kind.topRight, style: style)
        fill(Rect(row: bottom, col: left, rows: 1, cols: 1), with: kind.bottomLeft, style: style)
        fill(Rect(row: bottom, col: right, rows: 1, cols: 1), with: kind.bottomRight, style: style)
        if let title, !title.isEmpty, rect.cols >= 7 {
            put(" " + title + " ", row: top, col: left + 2, style: titleStyle ?? style,
                maxWidth: rect.cols - 4, ellipsis: true)
        }
    }

    /// A divider across a box drawn on `rect`, at absolute `row` of this surface: `├───┤`.
    mutating func boxDivider(_ rect: Rect, row: Int, style: Style = .plain, kind: BoxKind = .light) {
        guard rect.cols >= 2 else { return }
        hline(row: row, col: rect.col + 1, length: rect.cols - 2, style: style, scalar: kind.horizontal)
        fill(Rect(row: row, col: rect.col, rows: 1, cols: 1), with: kind.leftTee, style: style)
        fill(Rect(row: row, col: rect.maxCol - 1, rows: 1, cols: 1), with: kind.rightTee, style: style)
    }
}
