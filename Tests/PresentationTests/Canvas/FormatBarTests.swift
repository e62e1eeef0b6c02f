import AccessLog
import Testing
@testable import Presentation

@Suite struct FormatBarTests {
    @Test(arguments: [
        (0.0, 4, "    "), (1.0, 4, "████"), (0.5, 4, "██  "), (0.25, 1, "▎"), (0.125, 1, "▏"),
        (0.875, 1, "▉"), (0.99, 1, "█"), (0.3, 3, "▉  "), (0.6, 5, "███  "), (0.001, 5, "▏    "),
        (2.0, 3, "███"), (-1.0, 3, "   "), (.nan, 2, "  "),
    ])
    func bar(share: Double, width: Int, expected: String) {
        #expect(Format.bar(share, width: width) == expected)
    }

    @Test func everyEighthStep() {
        let steps = (0...8).map { Format.bar(Double($0) / 8, width: 1) }
        #expect(steps == [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"])
    }

    @Test func alwaysExactlyWidthColumns() {
        for width in 0...12 {
            for step in 0...40 {
                let bar = Format.bar(Double(step) / 40, width: width)
                #expect(bar.unicodeScalars.count == width)
            }
        }
    }
}
