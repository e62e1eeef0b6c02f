/// `%GRPC_STATUS%` values decoded from bytes without making a `String`.
enum GrpcStatusBytes {
    /// Status names lower-cased without underscores, indexed by code; matches CAMEL_STRING
    /// (`DeadlineExceeded`), SNAKE_STRING (`DEADLINE_EXCEEDED`) and Envoy's `Canceled` spelling.
    private static let folded: [[UInt8]] = GrpcStatus.camelNames.map { Array($0.lowercased().utf8) }
    private static let cancelled = Array("cancelled".utf8)

    /// The code (0–16 or another logged number), or -1 for `-`, empty, or an unknown word.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> Int16 {
        let n = bytes.count
        if n == 0 || (n == 1 && bytes[0] == UInt8(ascii: "-")) { return -1 }
        if FormatBytes.isDigit(bytes[0]) {
            var value = 0
            for b in bytes {
                let d = b &- 48
                guard d <= 9, value < 1000 else { return -1 }
                value = value * 10 + Int(d)
            }
            return Int16(value)
        }
        for (code, name) in folded.enumerated() where matches(bytes, name) { return Int16(code) }
        return matches(bytes, cancelled) ? 1 : -1
    }

    /// Case-insensitive comparison that ignores `_` in `bytes`.
    private static func matches(_ bytes: UnsafeRawBufferPointer, _ name: [UInt8]) -> Bool {
        var k = 0
        for b in bytes where b != UInt8(ascii: "_") {
            guard k < name.count, b | 0x20 == name[k] else { return false }
            k += 1
        }
        return k == name.count
    }
}
