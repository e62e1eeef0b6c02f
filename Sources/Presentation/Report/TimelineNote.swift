import AccessLog
import Analysis

/// The note shown with a timeline that left isolated outliers out (`Timeline.outsideRange`).
enum TimelineNote {
    /// `1 record outside the shown range` (nil when none was left out).
    static func short(_ t: Timeline) -> String? {
        guard t.outsideRange > 0 else { return nil }
        return "\(Format.thousands(t.outsideRange)) \(t.outsideRange == 1 ? "record" : "records") outside the shown range"
    }

    /// The short note plus the range shown, for the text report:
    /// `1 record outside the shown range 2026-12-07 05:10:34Z → 2026-12-07 05:10:40Z (1.0s buckets)`.
    static func text(_ t: Timeline) -> String? {
        guard let note = short(t), !t.requests.isEmpty else { return nil }
        let end = (t.startSecond + Int64(t.requests.count) * Int64(t.bucketSeconds)) * 1000
        return note + " \(Format.utcDateTime(t.startSecond * 1000)) → \(Format.utcDateTime(end)) "
            + "(\(Format.duration(milliseconds: t.bucketSeconds * 1000)) buckets)"
    }
}
