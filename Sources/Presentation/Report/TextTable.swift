/// Aligned columns that fit a width: cells are measured in terminal columns, and the flexible
/// columns are cut (with `…`) when the table would be wider than allowed.
struct TextTable {
    struct Column {
        var title: String
        var rightAligned = false
        /// May be cut to make the table fit.
        var flexible = false
        var minWidth = 4
    }

    var columns: [Column]
    /// Cells are display-safe plain text; `styles` (same shape, optional) colour them after layout.
    var rows: [[String]] = []
    var styles: [[TextStyle.Code?]] = []

    init(_ columns: [Column]) { self.columns = columns }

    mutating func add(_ cells: [String], styles rowStyles: [TextStyle.Code?] = []) {
        rows.append(cells)
        styles.append(rowStyles)
    }

    /// The table's lines (a header, then rows), each at most `width` columns including `indent`.
    func render(width: Int, indent: Int = 2, style: TextStyle) -> [String] {
        guard !rows.isEmpty else { return [] }
        let gap = 2
        var widths = columns.map { DisplayWidth.of($0.title) }
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], DisplayWidth.of(cell)) }
        }
        var excess = indent + widths.reduce(0, +) + gap * (columns.count - 1) - width
        // Shrink flexible columns, widest first, down to their minimum.
        while excess > 0 {
            guard let i = columns.indices.filter({ columns[$0].flexible && widths[$0] > columns[$0].minWidth })
                .max(by: { widths[$0] < widths[$1] }) else { break }
            let cut = min(excess, widths[i] - columns[i].minWidth)
            widths[i] -= cut
            excess -= cut
        }
        let margin = String(repeating: " ", count: indent)
        var lines = [margin + line(columns.map(\.title), widths, nil, style, header: true)]
        for (r, row) in rows.enumerated() {
            lines.append(margin + line(row, widths, styles[r], style, header: false))
        }
        return lines
    }

    private func line(_ cells: [String], _ widths: [Int], _ rowStyles: [TextStyle.Code?]?, _ style: TextStyle,
                      header: Bool) -> String {
        var parts: [String] = []
        for (i, w) in widths.enumerated() {
            let raw = i < cells.count ? cells[i] : ""
            let cut = DisplayWidth.truncate(raw, to: w)
            let isLast = i == widths.count - 1
            var cell = columns[i].rightAligned ? DisplayWidth.pad(cut, to: w, right: true)
                : (isLast ? cut : DisplayWidth.pad(cut, to: w))
            if header {
                cell = style.dim(cell)
            } else if let rowStyles, i < rowStyles.count, let code = rowStyles[i] {
                cell = style.apply(code, cell)
            }
            parts.append(cell)
        }
        var s = parts.joined(separator: "  ")
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
