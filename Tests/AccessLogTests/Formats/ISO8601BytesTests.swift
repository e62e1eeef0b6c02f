import Testing
@testable import AccessLog

@Suite struct ISO8601BytesTests {
    func ms(_ s: String) -> Int64? {
        var s = s
        return s.withUTF8 { ISO8601Bytes.epochMillis(UnsafeRawBufferPointer($0)) }
    }

    @Test func envoyStartTime() {
        #expect(ms("2024-01-02T03:04:05.678Z") == 1_704_164_645_678)
        #expect(ms("1970-01-01T00:00:00Z") == 0)
        #expect(ms("1969-12-31T23:59:59.000Z") == -1000)
        #expect(ms("2038-01-19T03:14:08Z") == 2_147_483_648_000)
    }

    @Test func leapYears() {
        #expect(ms("2024-02-29T00:00:00Z") == 1_709_164_800_000)
        #expect(ms("2024-03-01T00:00:00Z") == 1_709_251_200_000)
        #expect(ms("2000-02-29T12:00:00Z") == 951_825_600_000)
        #expect(ms("2023-02-29T00:00:00Z") == nil)
        #expect(ms("1900-02-29T00:00:00Z") == nil)
        #expect(ms("2023-12-31T23:59:59.999Z")! + 1 == ms("2024-01-01T00:00:00Z"))
    }

    @Test func zoneOffsets() {
        let utc = ms("2024-01-02T03:04:05.678Z")
        #expect(ms("2024-01-02T05:04:05.678+02:00") == utc)
        #expect(ms("2024-01-02T05:04:05.678+0200") == utc)
        #expect(ms("2024-01-02T05:04:05.678+02") == utc)
        #expect(ms("2024-01-02T01:34:05.678-01:30") == utc)
        #expect(ms("2024-01-02T03:04:05.678") == utc)
        #expect(ms("2024-01-02 03:04:05.678Z") == utc)
    }

    @Test func fractionDigitsZeroToNine() {
        #expect(ms("2024-01-02T03:04:05Z") == 1_704_164_645_000)
        #expect(ms("2024-01-02T03:04:05.6Z") == 1_704_164_645_600)
        #expect(ms("2024-01-02T03:04:05.67Z") == 1_704_164_645_670)
        #expect(ms("2024-01-02T03:04:05.123456Z") == 1_704_164_645_123)
        #expect(ms("2024-01-02T03:04:05.123456789Z") == 1_704_164_645_123)
        #expect(ms("2024-01-02T03:04:05.1234567891Z") == nil)
    }

    @Test func rejectsJunk() {
        #expect(ms("") == nil)
        #expect(ms("2024-13-02T03:04:05Z") == nil)
        #expect(ms("2024-01-32T03:04:05Z") == nil)
        #expect(ms("2024-01-02T24:04:05Z") == nil)
        #expect(ms("2024-01-02T03:04:05Zjunk") == nil)
        #expect(ms("2024-01-02T03:04") == nil)
        #expect(ms("2024-01-02X03:04:05Z") == nil)
    }
}
