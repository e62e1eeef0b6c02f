/// Number, share, duration and time formatting shared by the report renderers (no Foundation).
enum ReportFormat {
    /// `1234567` → `1,234,567`.
    static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// `x` with exactly `decimals` digits after the point (half away from zero); `-` when not finite.
    static func fixed(_ x: Double, _ decimals: Int) -> String {
        guard x.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (x.magnitude * scale).rounded()
        guard scaled < 9e15 else { return String(x) }
        let whole = Int(scaled) / Int(scale)
        let frac = Int(scaled) % Int(scale)
        var s = count(whole)
        if decimals > 0 {
            let f = String(frac)
            s += "." + String(repeating: "0", count: decimals - f.count) + f
        }
        return (x < 0 && scaled > 0 ? "-" : "") + s
    }

    /// A share 0…1 as a percentage: `12.3%` (`<0.1%` for tiny non-zero shares).
    static func percent(_ share: Double) -> String {
        if share > 0 && share < 0.0005 { return "<0.1%" }
        return fixed(share * 100, 1) + "%"
    }

    /// Milliseconds as `850ms`, `1.25s`, `2m05s`, `1h02m`.
    static func duration(ms: Int) -> String {
        if ms < 1000 { return "\(ms)ms" }
        if ms < 60_000 { return fixed(Double(ms) / 1000, ms < 10_000 ? 2 : 1) + "s" }
        let s = ms / 1000
        if s < 3600 { return "\(s / 60)m" + pad2(s % 60) + "s" }
        return "\(s / 3600)h" + pad2(s / 60 % 60) + "m"
    }

    /// Seconds as `45s`, `5m 00s`, `2h 03m`.
    static func span(seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return seconds < 10 ? fixed(seconds, 1) + "s" : "\(s)s" }
        if s < 3600 { return "\(s / 60)m \(pad2(s % 60))s" }
        return "\(s / 3600)h \(pad2(s / 60 % 60))m"
    }

    /// Milliseconds since the epoch as `2024-05-01T10:00:00.000Z`.
    static func timestamp(ms: Int64) -> String {
        let days = floorDiv(ms, 86_400_000), rest = Int(ms - days * 86_400_000)
        let (y, m, d) = civil(days: Int(days))
        return "\(y)-\(pad2(m))-\(pad2(d))T\(pad2(rest / 3_600_000)):\(pad2(rest / 60_000 % 60)):\(pad2(rest / 1000 % 60))."
            + String(repeating: "0", count: 3 - String(rest % 1000).count) + String(rest % 1000) + "Z"
    }

    private static func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// Year, month, day of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    private static func civil(days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
