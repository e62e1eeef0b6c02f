extension Format {
    /// A short human duration: `850ms`, `1.2s` (under 10 s), `42s`, `3m4s`, `2h5m`, `3d4h`.
    /// Each form rounds to its last unit (half up), carrying into the next unit when it fills.
    public static func duration(milliseconds ms: Int) -> String {
        if ms < 0 { return "-" + duration(milliseconds: ms == .min ? .max : -ms) }
        if ms < 1000 { return "\(ms)ms" }
        if ms < 10_000 {
            let tenths = (ms + 50) / 100
            if tenths < 100 { return "\(tenths / 10).\(tenths % 10)s" }
        }
        let seconds = ms / 1000 + (ms % 1000 >= 500 ? 1 : 0)
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m\(seconds % 60)s" }
        let minutes = ms / 60_000 + (ms % 60_000 >= 30_000 ? 1 : 0)
        if minutes < 24 * 60 { return "\(minutes / 60)h\(minutes % 60)m" }
        let hours = ms / 3_600_000 + (ms % 3_600_000 >= 1_800_000 ? 1 : 0)
        return "\(hours / 24)d\(hours % 24)h"
    }
}
