/// gRPC status codes (grpc/grpc doc/statuscodes.md) and the names Envoy prints for them.
public enum GrpcStatus {
    /// Canonical upper-case names, indexed by code.
    public static let names = [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
        "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ]
    /// Envoy's `%GRPC_STATUS%` CAMEL_STRING names, indexed by code.
    static let camelNames = [
        "OK", "Canceled", "Unknown", "InvalidArgument", "DeadlineExceeded", "NotFound", "AlreadyExists",
        "PermissionDenied", "ResourceExhausted", "FailedPrecondition", "Aborted", "OutOfRange",
        "Unimplemented", "Internal", "Unavailable", "DataLoss", "Unauthenticated",
    ]

    /// The display name for a code (`UNAVAILABLE`), or the number for codes outside 0–16.
    public static func name(_ code: Int) -> String {
        (0..<names.count).contains(code) ? names[code] : String(code)
    }

    /// Parses a `%GRPC_STATUS%` value in any of Envoy's renderings (CAMEL_STRING, SNAKE_STRING, NUMBER).
    /// Returns -1 for `-` or an empty value, nil for an unknown word.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Int16? {
        if bytes.count == 0 || (bytes.count == 1 && bytes[0] == UInt8(ascii: "-")) { return -1 }
        var number = 0
        var allDigits = true
        for b in bytes {
            let d = b &- UInt8(ascii: "0")
            if d > 9 { allDigits = false; break }
            number = number * 10 + Int(d)
            if number > 9999 { return nil }
        }
        if allDigits { return Int16(number) }
        let text = String(decoding: bytes, as: UTF8.self)
        if let i = camelNames.firstIndex(of: text) { return Int16(i) }
        if let i = names.firstIndex(of: text) { return Int16(i) }
        if text == "Cancelled" { return 1 }
        let upper = text.uppercased()
        if let i = names.firstIndex(of: upper) { return Int16(i) }
        if let i = camelNames.firstIndex(where: { $0.uppercased() == upper }) { return Int16(i) }
        return nil
    }
}
