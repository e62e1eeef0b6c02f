/// Where the user is on one screen: the focused panel and, per panel, the selected row and the
/// first row shown.
public struct ViewState: Equatable, Sendable {
    /// Focused panel (dashboard: findings, flags, clusters, codes; other screens have one).
    public var panel = 0
    /// Selected row per panel; nil until the screen is first drawn (then the first row that
    /// leads somewhere, or the newest line on a lines screen).
    public var cursor: [Int?] = []
    /// First visible row per panel.
    var scroll: [Int] = []
    /// Lines screen: the cursor stays on the newest line as lines arrive.
    public var follow = true

    public init() {}

    func cursor(_ panel: Int) -> Int? { panel < cursor.count ? cursor[panel] : nil }
    func scroll(_ panel: Int) -> Int { panel < scroll.count ? scroll[panel] : 0 }

    mutating func set(cursor value: Int?, scroll top: Int, panel: Int) {
        while cursor.count <= panel { cursor.append(nil) }
        while scroll.count <= panel { scroll.append(0) }
        cursor[panel] = value
        scroll[panel] = top
    }
}
