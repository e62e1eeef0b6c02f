import AccessLog

/// Timestamps, written by hand from epoch milliseconds / nanoseconds (UTC, proleptic Gregorian).
extension LineWriter {
    /// `%START_TIME%`: `2026-11-20T10:00:00.123Z`.
    mutating func startTime(ms: Int64) {
        let seconds = CivilDate.floorDiv(ms, 1000)
        dateTime(seconds: seconds, separator: UInt8(ascii: "T"))
        byte(UInt8(ascii: "."))
        padded(Int(ms - seconds * 1000), width: 3)
        byte(UInt8(ascii: "Z"))
    }

    /// pilot-agent / Envoy application log time: `2026-11-20T10:00:00.123456Z` (microseconds).
    mutating func microsTime(us: Int64) {
        let seconds = CivilDate.floorDiv(us, 1_000_000)
        dateTime(seconds: seconds, separator: UInt8(ascii: "T"))
        byte(UInt8(ascii: "."))
        padded(Int(us - seconds * 1_000_000), width: 6)
        byte(UInt8(ascii: "Z"))
    }

    /// Envoy's own default application log time: `2026-11-20 10:00:00.123` (no zone).
    mutating func envoyAppTime(ms: Int64) {
        let seconds = CivilDate.floorDiv(ms, 1000)
        dateTime(seconds: seconds, separator: UInt8(ascii: " "))
        byte(UInt8(ascii: "."))
        padded(Int(ms - seconds * 1000), width: 3)
    }

    /// Go's `time.RFC3339Nano` as kubectl and the CRI print it: up to nine fractional digits with
    /// trailing zeros removed (and no fraction at all when it is zero).
    mutating func rfc3339Nano(ns: Int64) {
        let seconds = CivilDate.floorDiv(ns, 1_000_000_000)
        dateTime(seconds: seconds, separator: UInt8(ascii: "T"))
        var fraction = Int(ns - seconds * 1_000_000_000)
        if fraction > 0 {
            var width = 9
            while fraction % 10 == 0 { fraction /= 10; width -= 1 }
            byte(UInt8(ascii: "."))
            padded(fraction, width: width)
        }
        byte(UInt8(ascii: "Z"))
    }

    /// `YYYY-MM-DD<sep>HH:MM:SS`.
    private mutating func dateTime(seconds: Int64, separator: UInt8) {
        let days = CivilDate.floorDiv(seconds, 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let date = CivilDate(daysSinceEpoch: days)
        padded(date.year, width: 4)
        byte(UInt8(ascii: "-"))
        padded(date.month, width: 2)
        byte(UInt8(ascii: "-"))
        padded(date.day, width: 2)
        byte(separator)
        padded(secondOfDay / 3600, width: 2)
        byte(UInt8(ascii: ":"))
        padded(secondOfDay / 60 % 60, width: 2)
        byte(UInt8(ascii: ":"))
        padded(secondOfDay % 60, width: 2)
    }
}
