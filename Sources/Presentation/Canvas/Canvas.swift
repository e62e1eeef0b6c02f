/// An in-memory grid of terminal cells that views draw into; the terminal backend copies it to the
/// screen, tests snapshot its ``text`` and ``styleMask``.
///
/// Drawing (`put`, `fill`, `hline`, `box`, regions) comes from ``CanvasSurface``. Every write goes
/// through ``TerminalSafe`` and ``CharacterWidth``, so a cell never holds a control character and
/// wide characters always occupy a lead cell plus a continuation cell, even when later writes
/// overwrite half of one.
public struct Canvas: CanvasSurface, Sendable, Equatable {
    public let rows: Int
    public let cols: Int
    /// Row-major cells, `rows * cols` of them.
    private(set) var cells: [Cell]

    /// A blank canvas; negative sizes count as zero.
    public init(rows: Int, cols: Int) {
        self.rows = max(0, rows)
        self.cols = max(0, cols)
        cells = Array(repeating: .blank, count: self.rows * self.cols)
    }

    /// The cell at a position, or a blank cell outside the canvas.
    public subscript(row: Int, col: Int) -> Cell {
        guard row >= 0, row < rows, col >= 0, col < cols else { return .blank }
        return cells[row * cols + col]
    }

    /// The whole canvas.
    public var frame: Rect { Rect(rows: rows, cols: cols) }

    mutating func withCanvas<R>(_ body: (inout Canvas) throws -> R) rethrows -> R {
        try body(&self)
    }

    /// Resets every cell to blank, keeping the storage.
    public mutating func clear() {
        for i in cells.indices { cells[i] = .blank }
    }

    /// Writes one glyph of `width` (1 or 2) columns at an absolute position that the caller has
    /// checked to be inside the canvas with room for `width` columns. Repairs wide characters
    /// whose other half is overwritten, so no orphan lead or continuation cell survives.
    mutating func writeGlyph(_ scalar: Unicode.Scalar, width: Int, style: Style, row: Int, col: Int) {
        let i = row * cols + col
        if cells[i].isContinuation, col > 0 {                 // we cut a wide glyph's right half off
            cells[i - 1] = Cell(scalar: " ", style: cells[i - 1].style)
        }
        let after = col + width
        if after < cols, cells[i + width].isContinuation {   // we overwrite a wide glyph's left half
            cells[i + width] = Cell(scalar: " ", style: cells[i + width].style)
        }
        cells[i] = Cell(scalar: scalar, style: style)
        if width == 2 {
            cells[i + 1] = Cell(scalar: " ", style: style, isContinuation: true)
        }
    }
}
