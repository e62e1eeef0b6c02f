/// Recognises gRPC requests in access records (reference §11).
enum GRPCRequest {
    /// The `/package.Service/Method` part of the record's path (query string excluded) when the
    /// request is gRPC: `POST` over `HTTP/2` (or `HTTP/3`) with a path of that shape, or any request
    /// with that path shape whose gRPC status was logged (`record.grpcStatus >= 0`). Nil otherwise.
    static func methodRange(_ record: AccessRecord, in line: UnsafeRawBufferPointer) -> FieldRange? {
        let path = record[.path]
        guard path.count >= 5, Int(path.hi) <= line.count else { return nil }
        let lo = Int(path.lo)
        let hi = FormatBytes.find(UInt8(ascii: "?"), in: line, lo, Int(path.hi))
        guard hasMethodShape(line, lo, hi) else { return nil }
        if record.grpcStatus >= 0 { return FieldRange(lo, hi) }
        guard isPost(record[.method], line), isHTTP2OrLater(record[.protocol], line) else { return nil }
        return FieldRange(lo, hi)
    }

    /// `/x.y/Z`: a leading `/`, a service segment containing a `.`, one more `/`, a non-empty method
    /// segment, and no further `/`.
    private static func hasMethodShape(_ line: UnsafeRawBufferPointer, _ lo: Int, _ hi: Int) -> Bool {
        guard hi - lo >= 5, line[lo] == UInt8(ascii: "/") else { return false }
        let slash = FormatBytes.find(UInt8(ascii: "/"), in: line, lo + 1, hi)
        guard slash < hi - 1, slash > lo + 1 else { return false }
        let dot = FormatBytes.find(UInt8(ascii: "."), in: line, lo + 1, slash)
        guard dot > lo + 1, dot < slash - 1 else { return false }
        return FormatBytes.find(UInt8(ascii: "/"), in: line, slash + 1, hi) == hi
    }

    private static func isPost(_ range: FieldRange, _ line: UnsafeRawBufferPointer) -> Bool {
        range.count == 4 && FormatBytes.hasPrefix(line, at: Int(range.lo), "POST")
    }

    private static func isHTTP2OrLater(_ range: FieldRange, _ line: UnsafeRawBufferPointer) -> Bool {
        guard range.count >= 6, FormatBytes.hasPrefix(line, at: Int(range.lo), "HTTP/") else { return false }
        let major = line[Int(range.lo) + 5]
        return major == UInt8(ascii: "2") || major == UInt8(ascii: "3")
    }
}
