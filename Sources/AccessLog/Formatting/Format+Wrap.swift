extension Format {
    /// Greedy word wrap: `text` split at spaces into lines of at most `width` columns, the first
    /// starting with `lead`, the following ones with `hanging`. A word longer than a line is cut
    /// into line-sized pieces when `cutLongWords`, else left whole on its own line. `columns`
    /// measures text (characters by default; Presentation passes its display width, where wide
    /// characters count two). The one wrapping routine: `meshlog explain`, the text report and the
    /// live view all wrap through it.
    public static func wrap(_ text: String, width: Int, lead: String = "", hanging: String = "",
                            cutLongWords: Bool = false,
                            columns: (String) -> Int = { $0.count }) -> [String] {
        let hangingWidth = columns(hanging)
        var lines: [String] = []
        var line = lead
        var used = columns(lead)
        var empty = true
        for word in text.split(separator: " ") {
            var piece = String(word)
            var w = columns(piece)
            if !empty && used + 1 + w > width {
                lines.append(line)
                line = hanging; used = hangingWidth; empty = true
            }
            if !empty { line += " "; used += 1 }
            while cutLongWords && used + w > width && w > 0 {
                let head = prefix(of: piece, columns: width - used, measure: columns)
                if head.isEmpty { break }
                lines.append(line + head)
                line = hanging; used = hangingWidth
                piece = String(piece.dropFirst(head.count))
                w = columns(piece)
            }
            line += piece; used += w; empty = false
        }
        lines.append(line)
        return lines
    }

    /// The longest prefix of `text` (whole characters) at most `budget` columns wide; at least one
    /// character when `budget` allows nothing but the line is fresh, so a cut always progresses.
    private static func prefix(of text: String, columns budget: Int, measure: (String) -> Int) -> String {
        var out = ""
        var used = 0
        for character in text {
            let w = measure(String(character))
            if used + w > max(1, budget) { break }
            out.append(character)
            used += w
        }
        return out
    }
}
