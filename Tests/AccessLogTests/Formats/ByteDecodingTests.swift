import Testing
@testable import AccessLog

/// The byte-level decoders behind the parsers: integers, flags, gRPC statuses, start-time formats.
@Suite struct ByteDecodingTests {
    func integer(_ s: String, slack: Bool = true) -> Int64? {
        let bytes = Array(s.utf8) + (slack ? Array("        ".utf8) : [])
        return bytes.withUnsafeBytes { FormatBytes.integer($0, FieldRange(0, s.utf8.count)) }
    }

    @Test func integersWithAndWithoutRoomToReadAWord() {
        for slack in [true, false] {
            #expect(integer("0", slack: slack) == 0)
            #expect(integer("7", slack: slack) == 7)
            #expect(integer("200", slack: slack) == 200)
            #expect(integer("007", slack: slack) == 7)
            #expect(integer("12345678", slack: slack) == 12_345_678)
            #expect(integer("123456789", slack: slack) == 123_456_789)
            #expect(integer("9999999999", slack: slack) == 9_999_999_999)
            #expect(integer("200.0", slack: slack) == 200)
            #expect(integer("1.5e3", slack: slack) == 1500)
            #expect(integer("", slack: slack) == nil)
            #expect(integer("-", slack: slack) == nil)
            #expect(integer("1a", slack: slack) == nil)
            #expect(integer("1 2", slack: slack) == nil)
            #expect(integer("/0", slack: slack) == nil)
            #expect(integer(":9", slack: slack) == nil)
        }
    }

    func flags(_ s: String) -> ResponseFlags {
        Array(s.utf8).withUnsafeBytes { ResponseFlagBytes.parse($0) }
    }

    @Test func everyShortAndLongFlagNameDecodesToItsFlag() {
        for flag in ResponseFlag.allCases {
            #expect(flags(flag.shortName) == ResponseFlags(flag), "short name \(flag.shortName)")
            #expect(flags(flag.longName) == ResponseFlags(flag), "long name \(flag.longName)")
        }
    }

    @Test func flagListsAreSetsAndUnknownNamesAreSkipped() {
        #expect(flags("UF,URX") == flags("URX,UF"))
        #expect(flags("UF,UpstreamRetryLimitExceeded") == flags("UF,URX"))
        #expect(flags("UF,XYZ,") == ResponseFlags(.upstreamConnectionFailure))
        #expect(flags("-") == [])
        #expect(flags("NotAFlagName") == [])
    }

    func grpc(_ s: String) -> Int16 { Array(s.utf8).withUnsafeBytes { GrpcStatusBytes.parse($0) } }

    @Test func grpcStatusInEveryRendering() {
        #expect(grpc("OK") == 0)
        #expect(grpc("Canceled") == 1 && grpc("Cancelled") == 1 && grpc("CANCELLED") == 1)
        #expect(grpc("DeadlineExceeded") == 4 && grpc("DEADLINE_EXCEEDED") == 4)
        #expect(grpc("Unavailable") == 14 && grpc("UNAVAILABLE") == 14 && grpc("14") == 14)
        #expect(grpc("Unauthenticated") == 16)
        #expect(grpc("42") == 42)
        #expect(grpc("-") == -1 && grpc("") == -1 && grpc("Sometimes") == -1)
    }

    func startTime(_ format: String, _ value: String) -> Int64? {
        guard let compiled = StartTimeFormat(format) else { return nil }
        return Array(value.utf8).withUnsafeBytes { compiled.epochMillis($0, 0, $0.count) }
    }

    @Test func startTimeFormats() {
        #expect(startTime("%s", "1704164645") == 1_704_164_645_000)
        #expect(startTime("%s.%3f", "1704164645.678") == 1_704_164_645_678)
        #expect(startTime("%s.%9f", "1704164645.678901234") == 1_704_164_645_678)
        #expect(startTime("%Y-%m-%dT%H:%M:%S.%3fZ", "2024-01-02T03:04:05.678Z") == 1_704_164_645_678)
        #expect(startTime("%FT%T%z", "2024-01-02T04:04:05+0100") == 1_704_164_645_000)
        #expect(startTime("%d/%b/%Y:%H:%M:%S %z", "02/Jan/2024:03:04:05 +0000") == 1_704_164_645_000)
        #expect(startTime("%a %b %e %H:%M:%S %Y", "Tue Jan  2 03:04:05 2024") == 1_704_164_645_000)
        #expect(startTime("%Y-%m-%d", "2024-02-30") == nil)
        #expect(startTime("%s", "soon") == nil)
        #expect(StartTimeFormat("%Q") == nil)
    }

    @Test func startTimeCacheFollowsMinuteChanges() {
        var parser = LineParser()
        let base = #"] "GET / HTTP/1.1" 200 - 0 0 1 1 "-" "ua" "id" "host" "10.0.0.1:80""#
        let times = ["2024-01-02T03:04:05.678Z", "2024-01-02T03:04:59.999Z", "2024-01-02T03:05:00.000Z",
                     "2023-12-31T23:59:59.000Z", "2024-01-02T03:04:05.678Z"]
        for time in times {
            let p = FormatFixture("[" + time + base, parser: &parser)
            let expected = Array(time.utf8).withUnsafeBytes { ISO8601Bytes.epochMillis($0) }
            #expect(p.record.startTimeMs == expected, "\(time)")
        }
    }
}
