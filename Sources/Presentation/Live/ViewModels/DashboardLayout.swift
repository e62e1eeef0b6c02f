/// Where the dashboard's panels go for a body area: findings across the top; below, on wide
/// terminals (≥ 120 columns) clusters on the left and flags over codes on the right, on narrow
/// ones clusters across and flags beside codes at the bottom. Returns the boxes in Tab order
/// (findings, clusters, flags, codes); a box with no room is empty.
enum DashboardLayout {
    static let wideColumns = 120

    static func panels(in body: Rect, findings: Int) -> [Rect] {
        guard body.rows >= 3, body.cols >= 10 else { return Array(repeating: Rect.zero, count: 4) }
        let findingRows = max(1, min(findings, max(1, body.rows / 5)))
        let (top, rest) = body.splitRows(at: min(body.rows, findingRows + 2))
        if body.cols >= wideColumns {
            let (left, right) = rest.splitCols(at: rest.cols * 3 / 5)
            let (flags, codes) = right.splitRows(at: (right.rows * 11 + 10) / 20)
            return [top, left, flags, codes]
        }
        let (clusters, bottom) = rest.splitRows(at: (rest.rows * 11 + 10) / 20)
        let (flags, codes) = bottom.splitCols(at: bottom.cols * 11 / 20)
        return [top, clusters, flags, codes]
    }
}
