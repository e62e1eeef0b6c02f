import Testing
@testable import AccessLog

/// The cached, word-at-a-time reading of Envoy's 24-character START_TIME against the general parser,
/// on the real shape and on every single-byte corruption of its seconds part.
@Suite struct ISO8601FastPathTests {
    func general(_ bytes: [UInt8]) -> Int64? {
        bytes.withUnsafeBytes { ISO8601Bytes.epochMillis($0) }
    }

    func cached(_ bytes: [UInt8], _ cache: inout ISO8601Bytes.MinuteCache) -> Int64? {
        // Padding after the timestamp, as in a line: the word loads must not depend on it.
        let line = bytes + Array(#"] "GET / HTTP/1.1""#.utf8)
        return line.withUnsafeBytes { ISO8601Bytes.epochMillis($0, 0, bytes.count, cache: &cache) }
    }

    @Test func envoyTimesReadLikeTheGeneralParser() {
        var cache = ISO8601Bytes.MinuteCache()
        for stamp in ["2026-11-20T09:59:59.973Z", "2026-11-20T09:59:00.000Z", "2026-11-20T09:59:60.999Z",
                      "2024-02-29T23:59:07.010Z", "1970-01-01T00:00:00.001Z"] {
            let bytes = Array(stamp.utf8)
            #expect(cached(bytes, &cache) == general(bytes), "\(stamp)")
            #expect(cached(bytes, &cache) != nil)
        }
        #expect(cached(Array("2026-11-20T09:59:59.973Z".utf8), &cache) == 1_795_168_799_973)
    }

    @Test func everyCorruptionOfTheSecondsIsJudgedLikeTheGeneralParser() {
        var cache = ISO8601Bytes.MinuteCache()
        let good = Array("2026-11-20T09:59:41.973Z".utf8)
        let replacements: [UInt8] = [0x00, 0x20, 0x2F, 0x30, 0x35, 0x39, 0x3A, 0x2E, 0x2C, 0x5A, 0x7A, 0x2B, 0x2D, 0xB9, 0xFF]
        var rejected = 0
        for position in 16..<24 {
            for byte in replacements {
                var bytes = good
                bytes[position] = byte
                let expected = general(bytes)
                #expect(cached(bytes, &cache) == expected, "byte \(position) = \(byte)")
                if expected == nil { rejected += 1 }
            }
        }
        #expect(rejected > 40)
    }
}
