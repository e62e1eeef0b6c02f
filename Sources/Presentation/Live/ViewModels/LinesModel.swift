import Analysis

/// The lines screen: recent raw lines in the scope and the filter, oldest first (newest at the bottom).
enum LinesModel {
    static func rows(_ scope: LineScope, data: LiveData, app: AppState) -> (rows: [ModelRow], total: Int) {
        let all = data.snapshot.recentLines
        let lines = all.filter { scope.contains($0) && app.filter.matches($0) }
        return (DetailRows.lines(lines).map { row in
            var row = row
            row.spans.removeFirst()            // no indent: every column counts here
            row.spans.insert(TextSpan(" "), at: 0)
            return row
        }, all.count)
    }
}
