/// Options that steer the rules: user expectations and the thresholds.
public struct DiagnosisContext: Sendable {
    /// Expected share per subset in percent (`--expect-split v1=90,v2=10` → `["v1": 90, "v2": 10]`).
    /// Values are normalised to their sum, so `v1=9,v2=1` means the same.
    public var expectedSplit: [String: Double]?
    var thresholds: DiagnosisThresholds
    /// At most this many findings per rule (the most impactful), so a broken mesh stays readable.
    var maxFindingsPerRule: Int

    public init(expectedSplit: [String: Double]? = nil, thresholds: DiagnosisThresholds = DiagnosisThresholds(),
                maxFindingsPerRule: Int = 5) {
        self.expectedSplit = expectedSplit
        self.thresholds = thresholds
        self.maxFindingsPerRule = maxFindingsPerRule
    }

    /// Parses `v1=90,v2=10` (spaces allowed, `%` allowed after a number). Returns nil when a part is
    /// malformed, a value is negative or not finite, a subset repeats, or all values are zero.
    public static func parseExpectedSplit(_ text: String) -> [String: Double]? {
        var result: [String: Double] = [:]
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1)
            guard pieces.count == 2 else { return nil }
            let name = pieces[0].trimmingSpaces
            var number = pieces[1].trimmingSpaces
            if number.hasSuffix("%") { number.removeLast() }
            guard !name.isEmpty, result[name] == nil, let value = Double(number), value.isFinite, value >= 0 else {
                return nil
            }
            result[name] = value
        }
        guard !result.isEmpty, result.values.reduce(0, +) > 0 else { return nil }
        return result
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
