extension Format {
    /// `2026-11-20` (UTC) from milliseconds since the epoch.
    public static func utcDate(_ ms: Int64) -> String {
        let date = CivilDate.split(epochMillis: ms).date
        return digits(date.year, 4) + "-" + digits(date.month, 2) + "-" + digits(date.day, 2)
    }

    /// `10:04:03` (UTC) from milliseconds since the epoch; with `millis`, `10:04:03.123`.
    /// A negative time (meshlog's "none") shows as `-`.
    public static func clock(_ ms: Int64, millis: Bool = false) -> String {
        guard ms >= 0 else { return "-" }
        let ofDay = CivilDate.split(epochMillis: ms).millisOfDay
        let seconds = ofDay / 1000
        let text = digits(seconds / 3600, 2) + ":" + digits(seconds / 60 % 60, 2) + ":" + digits(seconds % 60, 2)
        return millis ? text + "." + digits(ofDay % 1000, 3) : text
    }

    /// `2026-11-20 10:04:03Z`; `-` for a negative time.
    public static func utcDateTime(_ ms: Int64) -> String {
        guard ms >= 0 else { return "-" }
        return utcDate(ms) + " " + clock(ms) + "Z"
    }

    /// RFC 3339 in UTC with milliseconds: `2026-11-20T10:04:03.123Z` (also before 1970).
    public static func iso8601(_ ms: Int64) -> String {
        let (_, ofDay) = CivilDate.split(epochMillis: ms)
        let seconds = ofDay / 1000
        return utcDate(ms) + "T" + digits(seconds / 3600, 2) + ":" + digits(seconds / 60 % 60, 2) + ":"
            + digits(seconds % 60, 2) + "." + digits(ofDay % 1000, 3) + "Z"
    }

    /// `2024-05-01 10:00:01 – 10:05:12 UTC (5m11s)`: the date once when both ends share it; nil
    /// without two times in order.
    public static func utcWindow(firstMs: Int64?, lastMs: Int64?) -> String? {
        guard let firstMs, let lastMs, firstMs > 0, lastMs >= firstMs else { return nil }
        let end = utcDate(firstMs) == utcDate(lastMs) ? clock(lastMs) : utcDate(lastMs) + " " + clock(lastMs)
        return "\(utcDate(firstMs)) \(clock(firstMs)) – \(end) UTC (\(duration(milliseconds: Int(lastMs - firstMs))))"
    }

    /// Whole seconds as a stopwatch: `0:05`, `1:05`, `1:02:03`.
    public static func stopwatch(seconds: Int) -> String {
        let s = max(0, seconds)
        let h = s / 3600, m = s / 60 % 60
        return h > 0 ? "\(h):\(digits(m, 2)):\(digits(s % 60, 2))" : "\(m):\(digits(s % 60, 2))"
    }

    /// `value` zero-padded to at least `width` digits (`7` → `07`); negative values keep their sign.
    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value.magnitude)
        let pad = String(repeating: "0", count: max(0, width - text.count))
        return (value < 0 ? "-" : "") + pad + text
    }
}
