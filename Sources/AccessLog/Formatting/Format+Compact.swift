extension Format {
    /// A short count: `999`, `1.2k`, `12k`, `1.2M`, `3.4G` (rounded half up). For narrow columns.
    public static func compact(_ value: Int) -> String {
        let sign = value < 0 ? "-" : ""
        let m = Double(value.magnitude)
        if m < 1000 { return sign + String(value.magnitude) }
        let units: [(Double, String)] = [(1e3, "k"), (1e6, "M"), (1e9, "G"), (1e12, "T"), (1e15, "P")]
        for (i, (scale, suffix)) in units.enumerated() {
            let scaled = m / scale
            let nextScale = i + 1 < units.count ? units[i + 1].0 / scale : .infinity
            if scaled < 9.95 { return sign + fixed(scaled, decimals: 1) + suffix }
            if scaled.rounded() < min(1000, nextScale) { return sign + String(Int(scaled.rounded())) + suffix }
        }
        return sign + String(Int(m / 1e18)) + "E"
    }
}
