/// ASCII stand-ins for the non-ASCII characters the views use, for terminals whose locale is not
/// UTF-8 (ncursesw could not show them anyway). Anything else becomes `?`.
enum AsciiFallback {
    static func scalar(for scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.isASCII { return scalar }
        switch scalar {
        case "─", "━", "═", "╌", "┄": return "-"
        case "│", "┃", "║", "╎", "┆": return "|"
        case "┌", "┐", "└", "┘", "├", "┤", "┬", "┴", "┼", "╭", "╮", "╰", "╯",
             "┏", "┓", "┗", "┛", "┣", "┫", "╔", "╗", "╚", "╝", "╠", "╣": return "+"
        case "█", "▉", "▊", "▋", "▇": return "#"
        case "▌", "▍", "▎", "▏": return "|"
        case "▆", "▅": return "="
        case "▄", "▃": return "-"
        case "▂", "▁": return "_"
        case "…": return "~"
        case "·", "•", "●": return "*"
        case "→", "›", "»", "▶", "▸": return ">"
        case "←", "‹", "«", "◀", "◂": return "<"
        case "↑", "▲": return "^"
        case "↓", "▼": return "v"
        case "✓", "✔": return "+"
        case "✗", "✘": return "x"
        case "µ": return "u"
        default: return "?"
        }
    }
}
