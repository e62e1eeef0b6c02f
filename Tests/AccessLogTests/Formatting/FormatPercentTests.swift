import Testing
import AccessLog

@Suite struct FormatPercentTests {
    @Test(arguments: [
        (0.0, "0.0%"), (0.123, "12.3%"), (0.1234, "12.3%"), (0.12351, "12.4%"), (1.0, "100.0%"),
        (0.0004, "<0.1%"), (0.00051, "0.1%"), (0.9994, "99.9%"), (0.9996, ">99.9%"), (1.5, "150.0%"),
        (.nan, "-"), (.infinity, "-"),
    ])
    func percent(fraction: Double, expected: String) {
        #expect(Format.percent(fraction) == expected)
    }

    @Test func decimals() {
        #expect(Format.percent(0.5, decimals: 0) == "50%")
        #expect(Format.percent(0.003, decimals: 0) == "<1%")
        #expect(Format.percent(0.12346, decimals: 2) == "12.35%")
        #expect(Format.percent(0.00004, decimals: 2) == "<0.01%")
    }

    @Test func partOfTotal() {
        #expect(Format.percent(1, of: 8) == "12.5%")
        #expect(Format.percent(1, of: 10_000) == "<0.1%")
        #expect(Format.percent(9_999, of: 10_000) == ">99.9%")
        #expect(Format.percent(3, of: 0) == "-")
    }
}
