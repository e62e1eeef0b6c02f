import AccessLog

/// Draws one `ModelRow`: spans left to right, fixed-width spans padded or cut, the rest clipped at
/// the right edge with `…`. A selected row is drawn in the selection colours across its width.
enum RowView {
    static func draw<S: CanvasSurface>(_ row: ModelRow, on surface: inout S, row y: Int, col x: Int, width: Int,
                                       selected: Bool = false) {
        guard width > 0, y >= 0, y < surface.rows else { return }
        if selected { surface.fill(Rect(row: y, col: x, rows: 1, cols: width), style: .selection) }
        let end = x + width
        var col = x
        for span in row.spans where col < end {
            let style = selected ? Style(.selection, span.style.attributes.subtracting([.dim, .reverse])) : span.style
            if let w = span.width {
                let text = Format.padded(span.text, toWidth: w, align: span.align)
                surface.put(text, row: y, col: col, style: style, maxWidth: end - col, ellipsis: false)
                col += w
            } else {
                col = surface.put(span.text, row: y, col: col, style: style, maxWidth: end - col, ellipsis: true)
            }
        }
    }
}
