/// A compiled `%START_TIME(fmt)%` format: strftime-style specifiers plus Envoy's `%s` (epoch
/// seconds) and `%f` / `%1f`…`%9f` (fraction digits). Reads a rendered time back into epoch ms.
///
/// Supported: `%Y %y %m %d %e %H %M %S %s %f %Nf %z %Z %T %F %D %R %b %h %a %%` and literal bytes.
/// Other specifiers make the format unsupported (`init` returns nil); the value is then still
/// matched as text and decoded as ISO-8601 when it is one.
struct StartTimeFormat: Sendable, Equatable {
    enum Item: Sendable, Equatable {
        case literal(UInt8)
        case year4, year2, month, day, dayPadded, hour, minute, second
        case epochSeconds
        case fraction(maxDigits: Int)
        case zoneOffset, zoneName, monthName, dayName
    }

    let items: [Item]

    init?(_ format: String) {
        var items: [Item] = []
        let f = Array(format.utf8)
        var i = 0
        while i < f.count {
            guard f[i] == UInt8(ascii: "%") else {
                items.append(.literal(f[i]))
                i += 1
                continue
            }
            guard i + 1 < f.count else { return nil }
            var spec = f[i + 1]
            i += 2
            var digits = 9
            if FormatBytes.isDigit(spec), spec != UInt8(ascii: "0") {
                guard i < f.count, f[i] == UInt8(ascii: "f") else { return nil }
                digits = Int(spec &- 48)
                spec = f[i]
                i += 1
            }
            switch spec {
            case UInt8(ascii: "Y"): items.append(.year4)
            case UInt8(ascii: "y"): items.append(.year2)
            case UInt8(ascii: "m"): items.append(.month)
            case UInt8(ascii: "d"): items.append(.day)
            case UInt8(ascii: "e"): items.append(.dayPadded)
            case UInt8(ascii: "H"): items.append(.hour)
            case UInt8(ascii: "M"): items.append(.minute)
            case UInt8(ascii: "S"): items.append(.second)
            case UInt8(ascii: "s"): items.append(.epochSeconds)
            case UInt8(ascii: "f"): items.append(.fraction(maxDigits: digits))
            case UInt8(ascii: "z"): items.append(.zoneOffset)
            case UInt8(ascii: "Z"): items.append(.zoneName)
            case UInt8(ascii: "b"), UInt8(ascii: "h"): items.append(.monthName)
            case UInt8(ascii: "a"): items.append(.dayName)
            case UInt8(ascii: "T"): items += [.hour, .literal(58), .minute, .literal(58), .second]
            case UInt8(ascii: "F"): items += [.year4, .literal(45), .month, .literal(45), .day]
            case UInt8(ascii: "D"): items += [.month, .literal(47), .day, .literal(47), .year2]
            case UInt8(ascii: "R"): items += [.hour, .literal(58), .minute]
            case UInt8(ascii: "%"): items.append(.literal(UInt8(ascii: "%")))
            default: return nil
            }
        }
        guard !items.isEmpty else { return nil }
        self.items = items
    }

    /// Milliseconds since the epoch for a value that fills `line[lo..<hi]` exactly, or nil.
    func epochMillis(_ line: UnsafeRawBufferPointer, _ lo: Int, _ hi: Int) -> Int64? {
        guard let (ms, end) = scan(line, from: lo, to: hi), end == hi, ms >= 0 else { return nil }
        return ms
    }

    /// Reads a rendered time starting at `from`; returns its epoch ms (-1 when the format has no
    /// date or epoch) and the offset just past it, or nil when the bytes do not fit.
    func scan(_ p: UnsafeRawBufferPointer, from: Int, to: Int) -> (Int64, Int)? {
        var i = from
        var year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0
        var millis = 0, offsetMinutes = 0
        var epoch: Int64? = nil
        var hasDate = false
        for item in items {
            switch item {
            case .literal(let b):
                guard i < to, p[i] == b else { return nil }
                i += 1
            case .year4:
                guard i + 4 <= to, let v = ISO8601Bytes.digits(p, i, 4) else { return nil }
                year = v; i += 4; hasDate = true
            case .year2:
                guard i + 2 <= to, let v = ISO8601Bytes.digits(p, i, 2) else { return nil }
                year = 2000 + v; i += 2; hasDate = true
            case .dayPadded:
                if i < to, p[i] == 0x20 { i += 1 }
                let width = i + 1 < to && FormatBytes.isDigit(p[i + 1]) ? 2 : 1
                guard i + width <= to, let v = ISO8601Bytes.digits(p, i, width) else { return nil }
                day = v; i += width
            case .month, .day, .hour, .minute, .second:
                guard i + 2 <= to, let v = ISO8601Bytes.digits(p, i, 2) else { return nil }
                i += 2
                switch item {
                case .month: month = v
                case .day: day = v
                case .hour: hour = v
                case .minute: minute = v
                default: second = v
                }
            case .epochSeconds:
                var v: Int64 = 0
                let start = i
                while i < to, FormatBytes.isDigit(p[i]), i - start < 12 { v = v * 10 + Int64(p[i] &- 48); i += 1 }
                guard i > start else { return nil }
                epoch = v
            case .fraction(let maxDigits):
                let start = i
                while i < to, FormatBytes.isDigit(p[i]), i - start < maxDigits {
                    if i - start < 3 { millis = millis * 10 + Int(p[i] &- 48) }
                    i += 1
                }
                guard i > start else { return nil }
                for _ in min(i - start, 3)..<3 { millis *= 10 }
            case .zoneOffset:
                guard i < to else { return nil }
                if p[i] == UInt8(ascii: "Z") { i += 1; break }
                guard p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-"),
                      let (minutes, end) = ISO8601Bytes.zoneOffset(p, i + 1, to) else { return nil }
                offsetMinutes = p[i] == UInt8(ascii: "+") ? minutes : -minutes
                i = end
            case .zoneName, .dayName:
                let start = i
                while i < to, FormatBytes.isLetter(p[i]) { i += 1 }
                guard i > start else { return nil }
            case .monthName:
                guard i + 3 <= to, let m = Self.monthNumber(p, i) else { return nil }
                month = m; i += 3; hasDate = true
            }
        }
        if let epoch { return (epoch * 1000 + Int64(millis), i) }
        guard hasDate else { return (-1, i) }
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysInMonth(year, month),
              hour <= 23, minute <= 59, second <= 60 else { return nil }
        let days = CivilDate.daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetMinutes * 60)
        return (seconds * 1000 + Int64(millis), i)
    }

    private static let monthNames = Array("janfebmaraprmayjunjulaugsepoctnovdec".utf8)

    private static func monthNumber(_ p: UnsafeRawBufferPointer, _ at: Int) -> Int? {
        for m in 0..<12 {
            var same = true
            for k in 0..<3 where p[at + k] | 0x20 != monthNames[m * 3 + k] { same = false }
            if same { return m + 1 }
        }
        return nil
    }
}
