/// The dashboard: the timeline row and four panels, in Tab order: findings, clusters, flags, codes.
public struct DashboardModel: Equatable, Sendable {
    /// Panel names in Tab order.
    static let panelNames = ["findings", "clusters", "flags", "codes"]
    /// Requests and errors per second, and the screen row it goes on.
    public var timeline: ModelRow
    var timelineRow: Int
    /// The four panels, each with its box on screen.
    public var panels: [PanelModel]

    public init(timeline: ModelRow, timelineRow: Int, panels: [PanelModel]) {
        self.timeline = timeline
        self.timelineRow = timelineRow
        self.panels = panels
    }
}
