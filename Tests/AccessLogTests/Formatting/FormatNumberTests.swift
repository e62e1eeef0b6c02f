import Testing
import AccessLog

@Suite struct FormatNumberTests {
    @Test(arguments: [
        (0, "0"), (7, "7"), (999, "999"), (1000, "1,000"), (12_345, "12,345"), (999_999, "999,999"),
        (1_000_000, "1,000,000"), (-1234, "-1,234"), (-999, "-999"),
        (Int.max, "9,223,372,036,854,775,807"), (Int.min, "-9,223,372,036,854,775,808"),
    ])
    func thousands(value: Int, expected: String) {
        #expect(Format.thousands(value) == expected)
    }

    @Test func thousandsWithAnotherSeparator() {
        #expect(Format.thousands(1_234_567, separator: " ") == "1 234 567")
    }

    @Test func rightAlignedNumbers() {
        #expect(Format.rightAligned(1234, width: 8) == "   1,234")
        #expect(Format.rightAligned(1234, width: 8, grouped: false) == "    1234")
        #expect(Format.rightAligned(1_234_567, width: 5) == "1,234,567")       // never cut a number
    }

    @Test(arguments: [
        (0, "0"), (999, "999"), (1000, "1.0k"), (1049, "1.0k"), (1051, "1.1k"), (9949, "9.9k"),
        (9950, "10k"), (12_345, "12k"), (999_499, "999k"), (999_500, "1.0M"), (1_250_000, "1.3M"),
        (-1500, "-1.5k"), (3_400_000_000, "3.4G"),
    ])
    func compact(value: Int, expected: String) {
        #expect(Format.compact(value) == expected)
    }

    @Test(arguments: [
        (0.0, 1, "0.0"), (1.25, 1, "1.3"), (1.24, 1, "1.2"), (-1.25, 1, "-1.3"), (-0.04, 1, "0.0"),
        (12.346, 2, "12.35"), (99.96, 1, "100.0"), (3.7, 0, "4"), (0.5, 3, "0.500"),
    ])
    func fixed(value: Double, decimals: Int, expected: String) {
        #expect(Format.fixed(value, decimals: decimals) == expected)
    }

    @Test func fixedNonFinite() {
        #expect(Format.fixed(.nan, decimals: 1) == "nan")
        #expect(Format.fixed(.infinity, decimals: 1) == "inf")
        #expect(Format.fixed(-.infinity, decimals: 1) == "-inf")
    }
}
