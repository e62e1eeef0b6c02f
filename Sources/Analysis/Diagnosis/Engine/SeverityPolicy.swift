/// Severity from impact: how many requests were affected, out of how many.
enum SeverityPolicy {
    /// Failures that reach clients: critical ≥ `criticalShare` (and ≥ `criticalMinCount`), warning
    /// ≥ `warningShare` (and ≥ `warningMinCount`) or ≥ `warningCount` (and ≥ `warningCountMinShare`),
    /// info below. Nil when nothing happened.
    static func failures(_ count: Int, of total: Int, _ t: DiagnosisThresholds) -> Severity? {
        guard count > 0 else { return nil }
        let share = total > 0 ? Double(count) / Double(total) : 1
        if share >= t.criticalShare && count >= t.criticalMinCount { return .critical }
        if share >= t.warningShare && count >= t.warningMinCount { return .warning }
        if count >= t.warningCount && share >= t.warningCountMinShare { return .warning }
        return .info
    }

    /// Client cancellations: nothing for a few in a large volume, info, or warning when massive.
    static func cancellations(_ count: Int, of total: Int, _ t: DiagnosisThresholds) -> Severity? {
        guard count > 0 else { return nil }
        let share = total > 0 ? Double(count) / Double(total) : 1
        if count < t.cancelReportMinCount || share < t.cancelReportMinShare { return nil }
        if share >= t.cancelWarningShare && count >= cancelWarningCount(total, t) { return .warning }
        return .info
    }

    /// The count a cancellation warning needs: max(`cancelWarningMinCount`, ⌈√total⌉).
    static func cancelWarningCount(_ total: Int, _ t: DiagnosisThresholds) -> Int {
        max(t.cancelWarningMinCount, Int(Double(max(0, total)).squareRoot().rounded(.up)))
    }

    /// `count / total`, 0 when `total` is 0.
    static func share(_ count: Int, of total: Int) -> Double {
        total > 0 ? Double(count) / Double(total) : 0
    }
}

extension Severity {
    /// One step less severe (info stays info).
    var demoted: Severity { Severity(rawValue: rawValue - 1) ?? .info }
    /// The less severe of two.
    func capped(at other: Severity) -> Severity { self < other ? self : other }
}
