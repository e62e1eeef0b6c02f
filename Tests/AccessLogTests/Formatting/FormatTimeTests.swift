import Testing
import AccessLog

@Suite struct FormatTimeTests {
    @Test func datesAndClocks() {
        let t: Int64 = 1_714_557_601_123                          // 2024-05-01 10:00:01.123 UTC
        #expect(Format.utcDate(t) == "2024-05-01")
        #expect(Format.clock(t) == "10:00:01")
        #expect(Format.clock(t, millis: true) == "10:00:01.123")
        #expect(Format.clock(t + 7, millis: true) == "10:00:01.130")
        #expect(Format.utcDateTime(t) == "2024-05-01 10:00:01Z")
        #expect(Format.iso8601(t) == "2024-05-01T10:00:01.123Z")
    }

    @Test func epochLeapDaysAnd2100() {
        #expect(Format.utcDateTime(0) == "1970-01-01 00:00:00Z")
        #expect(Format.utcDate(951_782_400_000) == "2000-02-29")
        #expect(Format.utcDate(1_709_164_800_000) == "2024-02-29")
        #expect(Format.iso8601(4_107_542_399_999) == "2100-02-28T23:59:59.999Z")
        #expect(Format.iso8601(4_107_542_400_000) == "2100-03-01T00:00:00.000Z")
        #expect(Format.iso8601(-1) == "1969-12-31T23:59:59.999Z")
    }

    @Test func negativeMeansNone() {
        #expect(Format.clock(-1) == "-")
        #expect(Format.utcDateTime(-5) == "-")
    }

    @Test func windows() {
        #expect(Format.utcWindow(firstMs: 1_714_557_601_000, lastMs: 1_714_557_912_000)
                == "2024-05-01 10:00:01 – 10:05:12 UTC (5m11s)")
        #expect(Format.utcWindow(firstMs: 1_714_557_600_000, lastMs: 1_714_644_000_000)
                == "2024-05-01 10:00:00 – 2024-05-02 10:00:00 UTC (1d0h)")
        #expect(Format.utcWindow(firstMs: nil, lastMs: 5) == nil)
        #expect(Format.utcWindow(firstMs: 10, lastMs: 5) == nil)
    }

    @Test func stopwatch() {
        #expect(Format.stopwatch(seconds: 0) == "0:00")
        #expect(Format.stopwatch(seconds: 65) == "1:05")
        #expect(Format.stopwatch(seconds: 3723) == "1:02:03")
        #expect(Format.stopwatch(seconds: -3) == "0:00")
    }
}

@Suite struct FormatBytesTests {
    @Test(arguments: [(Int64, String)]([
        (0, "0 B"), (1023, "1023 B"), (1024, "1.0 KiB"), (1536, "1.5 KiB"),
        (1_048_524, "1023.9 KiB"), (1_048_575, "1.0 MiB"), (88_290_509, "84.2 MiB"),
        (5 * 1_099_511_627_776, "5.0 TiB"), (3 * 1_125_899_906_842_624, "3072.0 TiB"), (-2048, "-2.0 KiB"),
    ]))
    func bytes(count: Int64, expected: String) {
        #expect(Format.bytes(count) == expected)
    }

    @Test func rates() {
        #expect(Format.byteRate(43_306_189) == "41.3 MiB/s")
        #expect(Format.byteRate(.nan) == "-")
        #expect(Format.rate(850) == "850/s")
        #expect(Format.rate(12_345) == "12k/s")
    }
}

@Suite struct FormatEdgeTests {
    @Test func percentRoundingNeverShowsAFullOrEmptyShareWrongly() {
        #expect(Format.percent(0.9995) == ">99.9%")               // 99.95 % rounds to 100.0: shown as not all
        #expect(Format.percent(0.99949) == "99.9%")
        #expect(Format.percent(0.00049) == "<0.1%")               // rounds to 0.0: shown as not none
        #expect(Format.percent(0.0005) == "0.1%")
        #expect(Format.percent(-0.05) == "-5.0%")
        #expect(Format.percent(-0.0001) == "0.0%")                // no "-0.0%"
    }

    @Test func hugeCounts() {
        #expect(Format.thousands(Int64.max) == "9,223,372,036,854,775,807")
        #expect(Format.thousands(UInt64.max) == "18,446,744,073,709,551,615")
        #expect(Format.thousands(Int8.min) == "-128")
        #expect(Format.compact(Int.max) == "9E")
        #expect(Format.fixed(1e300, decimals: 1) == String(1e300))   // beyond Int64: never a wrong number
    }
}
