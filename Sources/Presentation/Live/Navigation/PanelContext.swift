/// One list on screen: where each row leads (nil: nowhere) and how many rows fit.
public struct PanelContext: Sendable {
    public var targets: [Screen?]
    /// Rows visible at once (at least 1).
    var pageRows: Int
    /// Where the cursor starts: the newest (last) row rather than the first useful one.
    var startsAtEnd: Bool

    public init(targets: [Screen?], pageRows: Int, startsAtEnd: Bool = false) {
        self.targets = targets
        self.pageRows = max(1, pageRows)
        self.startsAtEnd = startsAtEnd
    }

    var rowCount: Int { targets.count }

    /// The row a fresh cursor goes to.
    var initialRow: Int? {
        guard rowCount > 0 else { return nil }
        if startsAtEnd { return rowCount - 1 }
        return targets.firstIndex { $0 != nil } ?? 0
    }
}
