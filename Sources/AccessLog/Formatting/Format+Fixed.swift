extension Format {
    /// `value` with exactly `decimals` digits after the point, rounded half away from zero.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        let d = max(0, min(decimals, 9))
        var scale = 1.0
        for _ in 0..<d { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e15 else { return String(value) }
        let n = Int(scaled)
        let intPart = n / Int(scale), frac = n % Int(scale)
        let sign = value < 0 && n != 0 ? "-" : ""
        guard d > 0 else { return sign + String(intPart) }
        let fracText = String(frac)
        return sign + String(intPart) + "." + String(repeating: "0", count: d - fracText.count) + fracText
    }
}
