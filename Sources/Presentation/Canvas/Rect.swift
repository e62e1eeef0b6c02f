/// A rectangle of terminal cells: top-left corner plus size, in rows and columns.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var row: Int
    public var col: Int
    public var rows: Int
    public var cols: Int

    public init(row: Int, col: Int, rows: Int, cols: Int) {
        self.row = row
        self.col = col
        self.rows = max(0, rows)
        self.cols = max(0, cols)
    }

    /// A rectangle at the origin.
    public init(rows: Int, cols: Int) { self.init(row: 0, col: 0, rows: rows, cols: cols) }

    public static let zero = Rect(rows: 0, cols: 0)

    /// One past the last row.
    var maxRow: Int { row + rows }
    /// One past the last column.
    var maxCol: Int { col + cols }
    public var isEmpty: Bool { rows == 0 || cols == 0 }

    public func contains(row r: Int, col c: Int) -> Bool {
        r >= row && r < maxRow && c >= col && c < maxCol
    }

    /// The overlap of two rectangles (empty, at `self`'s origin, when they do not overlap).
    func intersection(_ other: Rect) -> Rect {
        let top = Swift.max(row, other.row), left = Swift.max(col, other.col)
        let bottom = Swift.min(maxRow, other.maxRow), right = Swift.min(maxCol, other.maxCol)
        guard bottom > top, right > left else { return Rect(row: row, col: col, rows: 0, cols: 0) }
        return Rect(row: top, col: left, rows: bottom - top, cols: right - left)
    }

    /// The rectangle shrunk by the given margins (never below zero size).
    func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(row: row + top, col: col + left, rows: rows - top - bottom, cols: cols - left - right)
    }

    /// The rectangle shrunk by `amount` on every side (`1` is the inside of a box).
    func inset(by amount: Int) -> Rect {
        inset(top: amount, left: amount, bottom: amount, right: amount)
    }

    /// The rectangle moved by the given offsets.
    public func offsetBy(rows dr: Int, cols dc: Int) -> Rect {
        Rect(row: row + dr, col: col + dc, rows: rows, cols: cols)
    }

    /// Splits into the first `count` rows and the rest (clamped to the rectangle).
    func splitRows(at count: Int) -> (top: Rect, bottom: Rect) {
        let n = Swift.min(Swift.max(0, count), rows)
        return (Rect(row: row, col: col, rows: n, cols: cols),
                Rect(row: row + n, col: col, rows: rows - n, cols: cols))
    }

    /// Splits into the first `count` columns and the rest (clamped to the rectangle).
    func splitCols(at count: Int) -> (left: Rect, right: Rect) {
        let n = Swift.min(Swift.max(0, count), cols)
        return (Rect(row: row, col: col, rows: rows, cols: n),
                Rect(row: row, col: col + n, rows: rows, cols: cols - n))
    }

    public var description: String { "(\(row),\(col) \(rows)x\(cols))" }
}
