extension Format {
    /// A byte count in binary units with one decimal: `512 B`, `84.2 MiB`, `1.5 GiB` (up to TiB).
    public static func bytes(_ count: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count.magnitude)
        var unit = 0
        while value >= 1023.95, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let sign = count < 0 ? "-" : ""
        return unit == 0 ? "\(count) B" : sign + fixed(value, decimals: 1) + " " + units[unit]
    }

    /// A byte rate: `41.3 MiB/s`.
    public static func byteRate(_ bytesPerSecond: Double) -> String {
        guard bytesPerSecond.isFinite, bytesPerSecond >= 0 else { return "-" }
        return bytes(Int64(bytesPerSecond.rounded())) + "/s"
    }

    /// An event rate as a short count: `850/s`, `12k/s`.
    public static func rate(_ perSecond: Double) -> String {
        guard perSecond.isFinite else { return "-" }
        return compact(Int(perSecond.rounded())) + "/s"
    }
}
