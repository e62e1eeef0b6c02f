/// ISO-8601 / RFC 3339 timestamps read straight from bytes.
///
/// Accepts `YYYY-MM-DDTHH:MM:SS`, an optional fraction of 0–9 digits after `.` or `,`, and an optional
/// zone: `Z`, `±HH:MM`, `±HHMM` or `±HH` (no zone means UTC). `T` may also be `t` or a space.
enum ISO8601Bytes {
    /// Milliseconds since the Unix epoch for a timestamp that fills `bytes` exactly, or nil.
    static func epochMillis(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard let (ms, end) = scan(bytes, from: 0, to: bytes.count), end == bytes.count else { return nil }
        return ms
    }

    /// Reads a timestamp that starts at `from` and ends at or before `to`.
    /// Returns the epoch milliseconds and the offset just past the timestamp.
    static func scan(_ p: UnsafeRawBufferPointer, from: Int, to: Int) -> (Int64, Int)? {
        guard to - from >= 19, let minute = minuteStart(p, from) else { return nil }
        return secondsAndZone(p, from + 16, to, minute)
    }

    /// Like `epochMillis`, but reuses the date-and-minute part when it equals the previous call's
    /// (consecutive access lines almost always share it).
    @inline(__always)
    static func epochMillis(_ p: UnsafeRawBufferPointer, _ lo: Int, _ hi: Int, cache: inout MinuteCache) -> Int64? {
        // Inlined: Envoy's own 24-byte START_TIME in the cached minute, two word compares and one
        // word of seconds and milliseconds.
        if hi &- lo == 24, lo >= 0, hi <= p.count, let base = p.baseAddress, cache.minuteMs != Int64.min,
           base.loadUnaligned(fromByteOffset: lo, as: UInt64.self) == cache.first,
           base.loadUnaligned(fromByteOffset: lo &+ 8, as: UInt64.self) == cache.second,
           let ms = envoySecondsAndMillis(base.loadUnaligned(fromByteOffset: lo &+ 16, as: UInt64.self)) {
            return cache.minuteMs + ms
        }
        return epochMillisUncached(p, lo, hi, cache: &cache)
    }

    /// `epochMillis(_:_:_:cache:)` past its inlined fast path.
    private static func epochMillisUncached(_ p: UnsafeRawBufferPointer, _ lo: Int, _ hi: Int,
                                            cache: inout MinuteCache) -> Int64? {
        guard hi - lo >= 19, let base = p.baseAddress else { return nil }
        let a = base.loadUnaligned(fromByteOffset: lo, as: UInt64.self)
        let b = base.loadUnaligned(fromByteOffset: lo + 8, as: UInt64.self)
        let minute: Int64
        if a == cache.first && b == cache.second && cache.minuteMs != Int64.min {
            minute = cache.minuteMs
        } else {
            guard let fresh = minuteStart(p, lo) else { return nil }
            cache = MinuteCache(first: a, second: b, minuteMs: fresh)
            minute = fresh
        }
        if hi - lo == 24, let ms = envoySecondsAndMillis(base.loadUnaligned(fromByteOffset: lo + 16, as: UInt64.self)) {
            return minute + ms
        }
        guard let (ms, end) = secondsAndZone(p, lo + 16, hi, minute), end == hi else { return nil }
        return ms
    }

    /// `:SS.mmmZ`, the end of Envoy's own START_TIME (`%Y-%m-%dT%H:%M:%E3SZ`), as milliseconds,
    /// from one 8-byte word without a branch per byte; nil for any other shape.
    @inline(__always)
    static func envoySecondsAndMillis(_ word: UInt64) -> Int64? {
        let w = UInt64(littleEndian: word)
        // Bytes 0, 3, 7 must be ':', '.', 'Z'; bytes 1, 2, 4, 5, 6 digits.
        let digitBytes: UInt64 = 0x00FF_FFFF_00FF_FF00
        guard w & ~digitBytes == 0x5A00_0000_2E00_003A else { return nil }
        let d = (w & digitBytes) &- 0x0030_3030_0030_3000
        // A digit byte minus '0' is below 10: adding 0x76 must not reach bit 7, and no byte borrowed.
        guard ((d &+ 0x0076_7676_0076_7600) | d) & 0x0080_8080_0080_8000 == 0 else { return nil }
        let second = (d >> 8 & 0xFF) &* 10 &+ (d >> 16 & 0xFF)
        guard second <= 60 else { return nil }
        let millis = (d >> 32 & 0xFF) &* 100 &+ (d >> 40 & 0xFF) &* 10 &+ (d >> 48 & 0xFF)
        return Int64(second &* 1000 &+ millis)
    }

    /// The last `YYYY-MM-DDTHH:MM` seen (as two words) and its epoch milliseconds.
    struct MinuteCache: Sendable {
        var first: UInt64 = 0
        var second: UInt64 = 0
        var minuteMs = Int64.min
    }

    /// Epoch ms of `YYYY-MM-DDTHH:MM` at `i` (16 bytes, caller checked), ignoring any zone.
    @inline(__always)
    private static func minuteStart(_ p: UnsafeRawBufferPointer, _ i: Int) -> Int64? {
        guard let year = digits(p, i, 4), p[i + 4] == UInt8(ascii: "-"),
              let month = digits(p, i + 5, 2), p[i + 7] == UInt8(ascii: "-"),
              let day = digits(p, i + 8, 2),
              p[i + 10] == UInt8(ascii: "T") || p[i + 10] == UInt8(ascii: "t") || p[i + 10] == UInt8(ascii: " "),
              let hour = digits(p, i + 11, 2), p[i + 13] == UInt8(ascii: ":"),
              let minute = digits(p, i + 14, 2)
        else { return nil }
        guard month >= 1, month <= 12, day >= 1, day <= CivilDate.daysInMonth(year, month), hour <= 23, minute <= 59
        else { return nil }
        let days = CivilDate.daysFromCivil(year: year, month: month, day: day)
        return (Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60)) * 1000
    }

    /// `:SS[.fraction][zone]` at `i`, added to `minuteMs`.
    @inline(__always)
    private static func secondsAndZone(_ p: UnsafeRawBufferPointer, _ at: Int, _ to: Int,
                                       _ minuteMs: Int64) -> (Int64, Int)? {
        var i = at
        guard i + 3 <= to, p[i] == UInt8(ascii: ":"), let second = digits(p, i + 1, 2), second <= 60 else {
            return nil
        }
        i += 3
        var millis = 0
        if i < to, p[i] == UInt8(ascii: ".") || p[i] == UInt8(ascii: ",") {
            i += 1
            var count = 0
            while i < to, FormatBytes.isDigit(p[i]) {
                if count < 3 { millis = millis * 10 + Int(p[i] &- 48) }
                count += 1
                i += 1
            }
            guard count <= 9 else { return nil }
            if count == 1 { millis *= 100 } else if count == 2 { millis *= 10 }
        }
        var offsetMinutes = 0
        if i < to {
            let z = p[i]
            if z == UInt8(ascii: "Z") || z == UInt8(ascii: "z") {
                i += 1
            } else if z == UInt8(ascii: "+") || z == UInt8(ascii: "-") {
                guard let (minutes, end) = zoneOffset(p, i + 1, to) else { return nil }
                offsetMinutes = z == UInt8(ascii: "+") ? minutes : -minutes
                i = end
            }
        }
        return (minuteMs + Int64(second * 1000 + millis) - Int64(offsetMinutes) * 60_000, i)
    }

    /// `HH`, `HH:MM` or `HHMM` after the zone sign.
    static func zoneOffset(_ p: UnsafeRawBufferPointer, _ at: Int, _ to: Int) -> (Int, Int)? {
        guard at + 2 <= to, let hours = digits(p, at, 2), hours <= 23 else { return nil }
        var i = at + 2
        var minutes = 0
        if i + 3 <= to, p[i] == UInt8(ascii: ":"), let m = digits(p, i + 1, 2) {
            minutes = m
            i += 3
        } else if i + 2 <= to, let m = digits(p, i, 2) {
            minutes = m
            i += 2
        }
        guard minutes <= 59 else { return nil }
        return (hours * 60 + minutes, i)
    }

    /// `count` ASCII digits at `at` as a number, or nil when one is not a digit.
    @inline(__always)
    static func digits(_ p: UnsafeRawBufferPointer, _ at: Int, _ count: Int) -> Int? {
        var value = 0
        var bad: UInt8 = 0
        for k in 0..<count {
            let d = p[at + k] &- 48
            bad |= d > 9 ? 1 : 0
            value = value &* 10 &+ Int(d)
        }
        return bad == 0 ? value : nil
    }
}
