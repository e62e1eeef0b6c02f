import AccessLog

/// A plain-text table with aligned columns that fits a given width by shortening its flexible
/// column (with an ellipsis). Cell text must already be display-safe.
struct TextTable {
    enum Align { case left, right }
    struct Column {
        var title: String
        var align: Align
        /// Shrinks (with …) when the table is too wide.
        var flexible: Bool
        init(_ title: String, _ align: Align = .left, flexible: Bool = false) {
            self.title = title; self.align = align; self.flexible = flexible
        }
    }

    var columns: [Column]
    var rows: [[String]] = []
    var indent = 2

    init(_ columns: [Column]) { self.columns = columns }

    mutating func add(_ cells: [String]) { rows.append(cells) }

    /// The table as lines, `width` columns at most; the header styled with `header`.
    func render(width: Int, header: (String) -> String = { $0 }) -> [String] {
        var widths = columns.indices.map { i in
            max(CharacterWidth.columns(of: columns[i].title),
                rows.map { CharacterWidth.columns(of: $0.indices.contains(i) ? $0[i] : "") }.max() ?? 0)
        }
        let total = indent + widths.reduce(0, +) + 2 * max(0, columns.count - 1)
        var excess = total - width
        if excess > 0, let flex = columns.firstIndex(where: \.flexible) {
            let cut = min(excess, widths[flex] - 8)
            if cut > 0 { widths[flex] -= cut; excess -= cut }
        }
        if excess > 0, let last = columns.indices.last, columns[last].align == .left {
            widths[last] = max(4, widths[last] - excess)
        }
        var lines = [header(line(columns.map(\.title), widths))]
        for row in rows { lines.append(line(row, widths)) }
        return lines
    }

    private func line(_ cells: [String], _ widths: [Int]) -> String {
        var parts: [String] = []
        for (i, column) in columns.enumerated() {
            let text = cells.indices.contains(i) ? cells[i] : ""
            let isLast = i == columns.count - 1
            switch column.align {
            case .left where isLast: parts.append(Format.truncated(text, toWidth: widths[i]))
            case .left: parts.append(Format.padded(text, toWidth: widths[i], align: .left))
            case .right: parts.append(Format.padded(text, toWidth: widths[i], align: .right))
            }
        }
        let text = String(repeating: " ", count: indent) + parts.joined(separator: "  ")
        return String(text.reversed().drop(while: { $0 == " " }).reversed())
    }
}
