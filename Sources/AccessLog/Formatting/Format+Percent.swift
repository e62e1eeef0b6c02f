extension Format {
    /// A fraction (0…1) as a percentage with `decimals` digits: `0.123` → `12.3%`.
    /// Never rounds a non-zero share to zero or a partial share to 100: those show as `<0.1%` and
    /// `>99.9%`, so one error in ten thousand stays visible. NaN and infinity show as `-`.
    public static func percent(_ fraction: Double, decimals: Int = 1) -> String {
        guard fraction.isFinite else { return "-" }
        let d = max(0, min(decimals, 6))
        var unit = 1.0
        for _ in 0..<d { unit /= 10 }
        let p = fraction * 100
        if p > 0, p < unit / 2 { return "<" + fixed(unit, decimals: d) + "%" }
        if p < 100, p >= 100 - unit / 2 { return ">" + fixed(100 - unit, decimals: d) + "%" }
        return fixed(p, decimals: d) + "%"
    }

    /// `part` as a percentage of `total`; `-` when `total` is not positive.
    public static func percent(_ part: Int, of total: Int, decimals: Int = 1) -> String {
        guard total > 0 else { return "-" }
        return percent(Double(part) / Double(total), decimals: decimals)
    }
}
