import Foundation
import Testing
import AccessLog

@Suite struct CivilDateTests {
    @Test func knownDays() {
        #expect(CivilDate(daysSinceEpoch: 0) == CivilDate(year: 1970, month: 1, day: 1))
        #expect(CivilDate(year: 2026, month: 11, day: 20).daysSinceEpoch == 20_777)
        #expect(text(CivilDate(daysSinceEpoch: 0)) == "1970-01-01")
        #expect(text(CivilDate(daysSinceEpoch: -1)) == "1969-12-31")
        #expect(text(CivilDate(daysSinceEpoch: 11_016)) == "2000-02-29")       // a leap day of a year divisible by 400
        #expect(text(CivilDate(daysSinceEpoch: 47_540)) == "2100-02-28")       // 2100 is no leap year …
        #expect(text(CivilDate(daysSinceEpoch: 47_541)) == "2100-03-01")       // … so March follows February 28
        #expect(CivilDate.daysFromCivil(year: 2024, month: 2, day: 29) == 19_782)
        #expect(CivilDate.daysFromCivil(year: 1600, month: 1, day: 1) == -135_140)
    }

    @Test func leapYears() {
        #expect(CivilDate.isLeapYear(2000) && CivilDate.isLeapYear(2024) && CivilDate.isLeapYear(1600))
        #expect(!CivilDate.isLeapYear(1900) && !CivilDate.isLeapYear(2100) && !CivilDate.isLeapYear(2023))
        #expect(CivilDate.daysInMonth(2024, 2) == 29 && CivilDate.daysInMonth(2100, 2) == 28)
        #expect(CivilDate.daysInMonth(2023, 4) == 30 && CivilDate.daysInMonth(2023, 12) == 31)
    }

    /// Every day from 1600 to 2400 against a calendar counted one day at a time with the leap rule
    /// written out here, in both directions.
    @Test func agreesWithADayByDayCount() {
        var (year, month, day) = (1600, 1, 1)
        func monthLength(_ y: Int, _ m: Int) -> Int {
            if m == 2 { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28 }
            return [4, 6, 9, 11].contains(m) ? 30 : 31
        }
        var mismatches = 0
        let first = Int64(CivilDate.daysFromCivil(year: 1600, month: 1, day: 1))
        let last = Int64(CivilDate.daysFromCivil(year: 2400, month: 12, day: 31))
        for days in first...last {
            let date = CivilDate(daysSinceEpoch: days)
            if date.year != year || date.month != month || date.day != day || date.daysSinceEpoch != days { mismatches += 1 }
            day += 1
            if day > monthLength(year, month) { day = 1; month += 1 }
            if month > 12 { month = 1; year += 1 }
        }
        #expect(mismatches == 0)
        #expect((year, month, day) == (2401, 1, 1))
    }

    /// A spread of instants from 1700 to 2400 against Foundation's Gregorian calendar in UTC.
    @Test func agreesWithFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var mismatches: [Int64] = []
        var ms: Int64 = -8_520_336_000_000                     // 1700-01-01
        while ms < 13_569_465_600_000 {                       // 2400-01-01
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second],
                                            from: Date(timeIntervalSince1970: Double(ms) / 1000))
            let (date, ofDay) = CivilDate.split(epochMillis: ms)
            if c.year != date.year || c.month != date.month || c.day != date.day
                || c.hour! * 3600 + c.minute! * 60 + c.second! != ofDay / 1000 {
                mismatches.append(ms)
            }
            ms += 86_400_000 * 7 + 3_723_456              // a week, an hour, two minutes and a bit: every weekday and hour
        }
        #expect(mismatches.isEmpty)
    }

    @Test func splitCountsBackBefore1970() {
        let (date, ofDay) = CivilDate.split(epochMillis: -1)
        #expect(text(date) == "1969-12-31")
        #expect(ofDay == 86_399_999)
        #expect(CivilDate.split(epochMillis: 86_400_000).millisOfDay == 0)
        #expect(CivilDate.floorDiv(-1, 1000) == -1 && CivilDate.floorDiv(-1000, 1000) == -1 && CivilDate.floorDiv(999, 1000) == 0)
    }

    private func text(_ d: CivilDate) -> String { "\(d.year)-\(d.month < 10 ? "0" : "")\(d.month)-\(d.day < 10 ? "0" : "")\(d.day)" }
}
