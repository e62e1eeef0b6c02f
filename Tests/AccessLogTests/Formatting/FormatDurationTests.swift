import Testing
import AccessLog

@Suite struct FormatDurationTests {
    @Test(arguments: [
        (0, "0ms"), (12, "12ms"), (999, "999ms"),
        (1000, "1.0s"), (1049, "1.0s"), (1050, "1.1s"), (1234, "1.2s"), (9949, "9.9s"),
        (9950, "10s"), (10_499, "10s"), (10_500, "11s"), (59_499, "59s"),
        (59_500, "1m0s"), (184_000, "3m4s"), (3_599_499, "59m59s"),
        (3_599_500, "1h0m"), (3_600_000, "1h0m"), (7_500_000, "2h5m"), (86_369_999, "23h59m"),
        (86_370_000, "1d0h"), (11 * 3_600_000 + 4 * 86_400_000, "4d11h"),
        (-1500, "-1.5s"),
    ])
    func duration(ms: Int, expected: String) {
        #expect(Format.duration(milliseconds: ms) == expected)
    }
}
