/// A proleptic Gregorian calendar date and its day number since 1970-01-01, in UTC: the one
/// calendar routine of meshlog. The parsers turn timestamps into epoch milliseconds with
/// `daysFromCivil`; the report, the findings, the live view and the generator turn epoch
/// milliseconds back into dates with `init(daysSinceEpoch:)` and `split(epochMillis:)`.
/// Both directions are Howard Hinnant's `days_from_civil` / `civil_from_days`.
public struct CivilDate: Equatable, Sendable {
    public let year: Int
    /// 1…12.
    public let month: Int
    /// 1…31.
    public let day: Int

    /// The date as given (not checked: `daysSinceEpoch` of an impossible date rolls over).
    public init(year: Int, month: Int, day: Int) {
        self.year = year; self.month = month; self.day = day
    }

    /// The date `days` days after 1970-01-01 (before it when negative).
    public init(daysSinceEpoch days: Int64) {
        let z = days + 719_468
        let era = Self.floorDiv(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        self.year = Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0))
        self.month = Int(month)
        self.day = Int(dayOfYear - (153 * mp + 2) / 5 + 1)
    }

    /// Days since 1970-01-01 of this date.
    public var daysSinceEpoch: Int64 { Int64(Self.daysFromCivil(year: year, month: month, day: day)) }

    /// The UTC date of an epoch-millisecond instant and the milliseconds since that day's midnight
    /// (0…86,399,999); instants before 1970 count back from the right day.
    public static func split(epochMillis ms: Int64) -> (date: CivilDate, millisOfDay: Int) {
        let days = floorDiv(ms, 86_400_000)
        return (CivilDate(daysSinceEpoch: days), Int(ms - days * 86_400_000))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (`days_from_civil`); no range check.
    @inline(__always)
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// 28…31 for `month` 1…12 of `year`.
    public static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Division rounding towards minus infinity (`b` > 0), for instants before 1970.
    @inline(__always)
    public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
