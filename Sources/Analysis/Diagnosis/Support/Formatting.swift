/// Number, share and duration text for titles and evidence ("1,204", "12.0 %", "1.25 s").
enum Fmt {
    /// `1204` → `1,204`.
    static func count<T: BinaryInteger>(_ value: T) -> String {
        let negative = value < 0
        var digits = String(negative ? -Int64(value) : Int64(value))
        var out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return (negative ? "-" : "") + digits + out
    }

    /// A fraction as a percentage: one decimal, two below 1 %, `< 0.01 %` for tiny non-zero values.
    static func percent(_ share: Double) -> String {
        guard share.isFinite else { return "- %" }
        if share > 0 && share < 0.0001 { return "< 0.01 %" }
        if share < 0.01 { return fixed(share * 100, decimals: 2) + " %" }
        return fixed(share * 100, decimals: 1) + " %"
    }

    /// A value with a fixed number of decimals (no Foundation).
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        let whole = scaled / Int64(scale)
        let frac = scaled % Int64(scale)
        var text = String(whole)
        if decimals > 0 {
            var f = String(frac)
            while f.count < decimals { f = "0" + f }
            text += "." + f
        }
        return (value < 0 && scaled != 0 ? "-" : "") + text
    }

    /// Milliseconds: `850 ms`, `12.3 s`, `4m 05s`, `2h 10m`.
    static func ms(_ value: Int) -> String {
        if value < 10_000 { return count(value) + " ms" }
        return seconds(Double(value) / 1000)
    }

    static func seconds(_ value: Double) -> String {
        if value < 60 { return fixed(value, decimals: value < 10 ? 2 : 1) + " s" }
        let total = Int(value.rounded())
        if total < 3600 { return "\(total / 60)m \(pad2(total % 60))s" }
        return "\(total / 3600)h \(pad2(total % 3600 / 60))m"
    }

    /// "2024-05-01 10:00:01 – 10:05:12 UTC (5m 11s)".
    static func window(firstMs: Int64?, lastMs: Int64?) -> String? {
        guard let firstMs, let lastMs, firstMs > 0, lastMs >= firstMs else { return nil }
        let a = UTCTime(ms: firstMs), b = UTCTime(ms: lastMs)
        let end = a.date == b.date ? b.time : b.date + " " + b.time
        return "\(a.date) \(a.time) – \(end) UTC (\(seconds(Double(lastMs - firstMs) / 1000)))"
    }

    static func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
