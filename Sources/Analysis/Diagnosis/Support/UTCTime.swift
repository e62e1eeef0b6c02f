/// Calendar date and time of a Unix-epoch millisecond instant, in UTC.
struct UTCTime {
    let date: String
    let time: String

    init(ms: Int64) {
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        var days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        // Howard Hinnant's civil_from_days.
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let doe = days - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        date = "\(year)-\(Fmt.pad2(Int(month)))-\(Fmt.pad2(Int(day)))"
        time = "\(Fmt.pad2(secondOfDay / 3600)):\(Fmt.pad2(secondOfDay % 3600 / 60)):\(Fmt.pad2(secondOfDay % 60))"
    }
}
