import AccessLog

/// One field's bytes inside the line: a start address and a length, for the per-line code.
///
/// `UnsafeRawBufferPointer` stores start and end, so every `count` is a subtraction with a nil check,
/// and in a large function the optimiser stops inlining even that (it becomes a call into the
/// standard library). Here the length is computed once, when the field is clamped to the line.
struct FieldBytes {
    /// The first byte; valid (not nil) whenever `count > 0`.
    let start: UnsafeRawPointer?
    let count: Int

    static var empty: FieldBytes { FieldBytes(start: nil, count: 0) }

    @inline(__always)
    init(start: UnsafeRawPointer?, count: Int) {
        self.start = start
        self.count = count
    }

    /// The bytes of `range` in the line at `line` (`lineCount` bytes), clamped: empty when absent or
    /// outside the line, so it never traps.
    @inline(__always)
    init(_ range: FieldRange, in line: UnsafeRawPointer?, count lineCount: Int) {
        let lo = Int(range.lo), hi = min(Int(range.hi), lineCount)
        if lo >= 0 && lo < hi, let line {
            start = line + lo
            count = hi &- lo
        } else {
            start = nil
            count = 0
        }
    }

    /// The same for a line whose start is known (no nil check per field).
    @inline(__always)
    init(_ range: FieldRange, at line: UnsafeRawPointer, count lineCount: Int) {
        let lo = Int(range.lo), hi = min(Int(range.hi), lineCount)
        let inside = lo >= 0 && lo < hi
        start = inside ? line + lo : nil
        count = inside ? hi &- lo : 0
    }

    @inline(__always)
    init(_ buffer: UnsafeRawBufferPointer) {
        start = buffer.baseAddress
        count = buffer.count
    }

    @inline(__always) var buffer: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: start, count: count) }
    @inline(__always) var isEmpty: Bool { count == 0 }

    /// Byte `i` (`0 ≤ i < count`).
    @inline(__always) func byte(_ i: Int) -> UInt8 { start.unsafelyUnwrapped.load(fromByteOffset: i, as: UInt8.self) }

    /// Envoy's "no value" `-`, or empty.
    @inline(__always) var isDash: Bool { count == 0 || (count == 1 && byte(0) == UInt8(ascii: "-")) }

    @inline(__always) var isGET: Bool {
        count == 3 && byte(0) == UInt8(ascii: "G") && byte(1) == UInt8(ascii: "E") && byte(2) == UInt8(ascii: "T")
    }

    @inline(__always) var isPOST: Bool {
        count == 4 && start.unsafelyUnwrapped.loadUnaligned(as: UInt32.self) == 0x5453_4F50   // "POST"
    }

    /// HTTP major version from `%PROTOCOL%` bytes (`HTTP/1.1` → 1, `HTTP/2` → 2), 0 otherwise.
    @inline(__always) var httpVersion: Int {
        guard count >= 6, byte(0) == UInt8(ascii: "H"), byte(4) == UInt8(ascii: "/") else { return 0 }
        let d = byte(5) &- 0x30
        return d < 10 ? Int(d) : 0
    }

    /// Without its last byte when that is `byte` (and something remains).
    @inline(__always)
    func droppingLast(_ b: UInt8) -> FieldBytes {
        count > 1 && byte(count &- 1) == b ? FieldBytes(start: start, count: count &- 1) : self
    }
}
