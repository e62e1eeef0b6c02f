@preconcurrency import CNcurses
@preconcurrency import Glibc
import Presentation

/// How styles look on this terminal: a colour pair per ``ColorRole`` when the terminal has
/// colours, attributes (bold, reverse, ...) otherwise.
struct Palette {
    /// Whether colour pairs are in use.
    let usesColor: Bool
    private let bold: attr_t, dim: attr_t, reverse: attr_t, underline: attr_t

    /// Foreground, background (-1: the terminal's default) and extra attributes per role, in
    /// colour mode; and the attributes that stand in for the colour in monochrome mode.
    static func appearance(_ role: ColorRole) -> (fg: Int32, bg: Int32, color: TextAttributes, mono: TextAttributes) {
        switch role {
        case .normal: return (-1, -1, [], [])
        case .accent: return (COLOR_CYAN, -1, [], [.bold])
        case .ok: return (COLOR_GREEN, -1, [], [])
        case .warning: return (COLOR_YELLOW, -1, [], [.bold])
        case .critical: return (COLOR_RED, -1, [], [.bold, .underline])
        case .info: return (COLOR_CYAN, -1, [], [])
        case .muted: return (-1, -1, [.dim], [.dim])
        case .selection: return (COLOR_BLACK, COLOR_CYAN, [], [.reverse])
        case .header: return (COLOR_WHITE, COLOR_BLUE, [], [.reverse])
        }
    }

    /// Sets up colours (pair n + 1 for role n; `normal` keeps pair 0) unless `monochrome` is asked
    /// for, `NO_COLOR` is set or the terminal has fewer than 8 colours. Call after `newterm`.
    static func start(monochrome: Bool) -> Palette {
        let wantsColor = !monochrome && getenv("NO_COLOR").map { $0.pointee == 0 } ?? true
        guard wantsColor, has_colors(), start_color() != ERR, COLORS >= 8, COLOR_PAIRS > ColorRole.allCases.count else {
            return Palette(usesColor: false)
        }
        let defaults = use_default_colors() != ERR
        for role in ColorRole.allCases where role != .normal {
            let look = appearance(role)
            let fg = look.fg < 0 && !defaults ? COLOR_WHITE : look.fg
            let bg = look.bg < 0 && !defaults ? COLOR_BLACK : look.bg
            init_pair(Int16(role.rawValue) + 1, Int16(fg), Int16(bg))
        }
        return Palette(usesColor: true)
    }

    init(usesColor: Bool) {
        self.usesColor = usesColor
        bold = attr_t(bitPattern: cnc_a_bold())
        dim = attr_t(bitPattern: cnc_a_dim())
        reverse = attr_t(bitPattern: cnc_a_reverse())
        underline = attr_t(bitPattern: cnc_a_underline())
    }

    /// The curses attributes and colour pair for a style.
    func render(_ style: Style) -> (attributes: attr_t, pair: Int16) {
        let look = Self.appearance(style.role)
        let attrs = style.attributes.union(usesColor ? look.color : look.mono)
        var result: attr_t = 0
        if attrs.contains(.bold) { result |= bold }
        if attrs.contains(.dim) { result |= dim }
        if attrs.contains(.reverse) { result |= reverse }
        if attrs.contains(.underline) { result |= underline }
        let pair: Int16 = usesColor && style.role != .normal ? Int16(style.role.rawValue) + 1 : 0
        return (result, pair)
    }
}
