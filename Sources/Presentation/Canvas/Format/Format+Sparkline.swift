import AccessLog

extension Format {
    /// A sparkline, one column per value, `▁▂▃▄▅▆▇█` scaled so that `maxValue` (default: the
    /// largest value) is `█`; any value above zero shows at least `▁`, zero and below show a space.
    /// With `width`, only the last `width` values are drawn and the line is right-aligned in it
    /// (newest at the right edge). Pass the same `maxValue` to compare two lines (requests, errors).
    static func sparkline(_ values: [Int], maxValue: Int? = nil, width: Int? = nil) -> String {
        let shown = width.map { values.suffix(max(0, $0)) } ?? values[...]
        let top = maxValue ?? shown.max() ?? 0
        var out = String.UnicodeScalarView()
        if let width, shown.count < width {
            out.append(contentsOf: repeatElement(" ", count: width - shown.count))
        }
        for v in shown {
            guard v > 0, top > 0 else { out.append(" "); continue }
            let level = Int((Double(v) * 8 / Double(top)).rounded(.up))
            out.append(levels[min(8, max(1, level))])
        }
        return String(out)
    }

    private static let levels: [Unicode.Scalar] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
}
