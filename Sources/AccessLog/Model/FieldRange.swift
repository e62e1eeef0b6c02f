/// A field's position inside one line, as byte offsets `lo..<hi`.
///
/// Records never own their text: a `FieldRange` points into the line buffer that the parser was
/// given, so it is only meaningful together with that buffer and only while the buffer is alive.
public struct FieldRange: Sendable, Equatable, Hashable {
    public var lo: Int32
    public var hi: Int32

    @inlinable public init(lo: Int32, hi: Int32) {
        self.lo = lo
        self.hi = hi
    }

    @inlinable public init(_ lo: Int, _ hi: Int) {
        self.lo = Int32(truncatingIfNeeded: lo)
        self.hi = Int32(truncatingIfNeeded: hi)
    }

    /// The field is not part of the line's format.
    public static let absent = FieldRange(lo: -1, hi: -1)

    @inlinable public var isAbsent: Bool { lo < 0 }
    @inlinable public var count: Int { isAbsent ? 0 : Int(hi - lo) }
}

extension UnsafeRawBufferPointer {
    /// The bytes of `range` inside this line (empty for an absent range).
    @inlinable public func bytes(_ range: FieldRange) -> UnsafeRawBufferPointer {
        if range.isAbsent { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(rebasing: self[Int(range.lo)..<Int(range.hi)])
    }

    /// True when `range` holds exactly Envoy's "no value" marker `-` (or is absent or empty).
    @inlinable public func isDash(_ range: FieldRange) -> Bool {
        if range.isAbsent || range.lo == range.hi { return true }
        return range.hi - range.lo == 1 && self[Int(range.lo)] == UInt8(ascii: "-")
    }
}
