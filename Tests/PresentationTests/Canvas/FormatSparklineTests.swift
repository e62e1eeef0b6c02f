import AccessLog
import Testing
@testable import Presentation

@Suite struct FormatSparklineTests {
    @Test func scalesToTheLargestValue() {
        #expect(Format.sparkline([1, 2, 3, 4, 5, 6, 7, 8]) == "▁▂▃▄▅▆▇█")
        #expect(Format.sparkline([0, 4, 8]) == " ▄█")
    }

    @Test func anyNonZeroValueIsVisible() {
        #expect(Format.sparkline([1, 1000]) == "▁█")
        #expect(Format.sparkline([0, 0, 0]) == "   ")
        #expect(Format.sparkline([-3, 2]) == " █")
    }

    @Test func emptyInput() {
        #expect(Format.sparkline([]) == "")
        #expect(Format.sparkline([], width: 3) == "   ")
    }

    @Test func sharedMaximumComparesTwoLines() {
        let requests = [8, 8, 8], errors = [0, 1, 8]
        #expect(Format.sparkline(requests, maxValue: 8) == "███")
        #expect(Format.sparkline(errors, maxValue: 8) == " ▁█")
        #expect(Format.sparkline([16], maxValue: 8) == "█")             // above the maximum: clamped
        #expect(Format.sparkline([5], maxValue: 0) == " ")
    }

    @Test func widthKeepsTheNewestValuesRightAligned() {
        #expect(Format.sparkline([8, 1, 2, 3, 4], width: 3) == "▄▆█")   // scaled to the shown values
        #expect(Format.sparkline([4, 8], width: 4) == "  ▄█")
        #expect(Format.sparkline([4, 8], width: 0) == "")
    }
}
