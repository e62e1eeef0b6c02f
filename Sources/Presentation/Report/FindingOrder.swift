import Analysis

/// The order reports list findings in: most severe first, then most impact, then as given.
enum FindingOrder {
    static func ranked(_ list: [Finding]) -> [Finding] {
        list.enumerated().sorted { a, b in
            if a.element.severity != b.element.severity { return a.element.severity > b.element.severity }
            if a.element.impact != b.element.impact { return a.element.impact > b.element.impact }
            return a.offset < b.offset
        }.map(\.element)
    }
}
