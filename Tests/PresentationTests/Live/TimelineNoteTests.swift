import Analysis
import Testing
@testable import Presentation

/// The dashboard's sparkline row and the text report say when records were left out of the timeline.
@Suite struct TimelineNoteTests {
    static let timeline = Timeline(bucketSeconds: 1, startSecond: 1_796_620_000, requests: [3, 5, 2, 8], errors: [0, 1, 0, 0])

    @Test func sparklineRowNotesRecordsOutsideTheShownRange() {
        var t = Self.timeline
        t.outsideRange = 1
        let row = DashboardModel.timelineRow(t, width: 100)
        let text = row.spans.map(\.text).joined()
        #expect(text.hasSuffix("1 record outside the shown range"))
        #expect(row.spans.map(\.text).joined().count <= 100)
        t.outsideRange = 1_204
        #expect(DashboardModel.timelineRow(t, width: 120).spans.map(\.text).joined().contains("1,204 records outside the shown range"))
    }

    @Test func noNoteWhenEverythingIsShown() {
        let text = DashboardModel.timelineRow(Self.timeline, width: 100).spans.map(\.text).joined()
        #expect(!text.contains("outside"))
        #expect(TimelineNote.short(Self.timeline) == nil && TimelineNote.text(Self.timeline) == nil)
    }

    @Test func textNoteNamesTheShownRange() {
        var t = Self.timeline
        t.outsideRange = 2
        #expect(TimelineNote.text(t) == "2 records outside the shown range 2026-12-07 05:06:40Z → 2026-12-07 05:06:44Z (1.0s buckets)")
    }
}
