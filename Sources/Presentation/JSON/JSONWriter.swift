/// Appends JSON to a byte buffer by hand: fixed key order, correct string escaping, no Foundation.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]
    /// Takes the bytes written so far whenever an object or array ends with at least `chunkBytes`
    /// of them (nil: everything stays in `bytes`), so that a report of megabytes is not held whole.
    private let chunkSink: (([UInt8]) -> Void)?
    private let chunkBytes: Int
    /// The chunk size the command streams with.
    public static let defaultChunkBytes = 1 << 18

    public init(capacity: Int = 4096, chunkBytes: Int = JSONWriter.defaultChunkBytes,
                chunkSink: (([UInt8]) -> Void)? = nil) {
        self.chunkSink = chunkSink
        self.chunkBytes = max(1, chunkBytes)
        bytes.reserveCapacity(capacity)
    }

    /// Hands the remaining bytes to the chunk sink (with one, call it once at the end).
    mutating func finish() {
        guard let chunkSink, !bytes.isEmpty else { return }
        chunkSink(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    private mutating func drainIfFull() {
        if bytes.count >= chunkBytes, chunkSink != nil { finish() }
    }

    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = [false]
    }

    mutating func beginObject() { separator(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    mutating func endObject() { needsComma.removeLast(); bytes.append(UInt8(ascii: "}")); drainIfFull() }
    mutating func beginArray() { separator(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    mutating func endArray() { needsComma.removeLast(); bytes.append(UInt8(ascii: "]")); drainIfFull() }

    /// Writes `"key":` inside an object; follow it with exactly one value.
    public mutating func key(_ name: String) {
        separator()
        appendString(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    public mutating func string(_ value: String) { separator(); appendString(value) }
    public mutating func string(bytes value: UnsafeRawBufferPointer) { separator(); appendEscaped(value) }
    mutating func int<T: BinaryInteger>(_ value: T) { separator(); appendInt(Int64(value)) }
    mutating func bool(_ value: Bool) { separator(); bytes.append(contentsOf: value ? Self.trueBytes : Self.falseBytes) }
    public mutating func null() { separator(); bytes.append(contentsOf: Self.nullBytes) }
    /// A finite number with up to `decimals` fraction digits (trailing zeros trimmed); NaN/inf → null.
    public mutating func double(_ value: Double, decimals: Int = 4) {
        guard value.isFinite else { null(); return }
        separator()
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * scale).rounded()
        let negative = scaled < 0
        let magnitude = Int64(abs(scaled))
        if negative { bytes.append(UInt8(ascii: "-")) }
        let whole = magnitude / Int64(scale)
        var fraction = magnitude % Int64(scale)
        appendInt(whole)
        if fraction > 0 {
            var digits = decimals
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
            bytes.append(UInt8(ascii: "."))
            var text = Array(String(fraction).utf8)
            while text.count < digits { text.insert(UInt8(ascii: "0"), at: 0) }
            bytes.append(contentsOf: text)
        }
    }

    /// Convenience: `"key": "value"` or `"key": null`.
    public mutating func field(_ name: String, _ value: String?) {
        key(name)
        if let value { string(value) } else { null() }
    }
    public mutating func field<T: BinaryInteger>(_ name: String, _ value: T?) {
        key(name)
        if let value { int(value) } else { null() }
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Ends a top-level value with a newline (NDJSON); the next value starts a fresh line.
    public mutating func endLine() {
        bytes.append(0x0A)
        needsComma = [false]
    }

    private mutating func separator() {
        let top = needsComma.count - 1
        if needsComma[top] { bytes.append(UInt8(ascii: ",")) }
        needsComma[top] = true
    }

    private mutating func appendString(_ value: String) {
        var value = value
        value.withUTF8 { appendEscaped(UnsafeRawBufferPointer($0)) }
    }

    /// Escapes `"`, `\\`, C0 controls, DEL, C1 controls, U+2028/U+2029 and the bidi embeddings,
    /// overrides and isolates (U+202A–U+202E, U+2066–U+2069), so the output is safe to print to a
    /// terminal and to embed in JavaScript; other UTF-8 passes through.
    private mutating func appendEscaped(_ value: UnsafeRawBufferPointer) {
        bytes.append(UInt8(ascii: "\""))
        var start = 0
        var i = 0
        let n = value.count
        while i < n {
            let b = value[i]
            var length = 0          // bytes of the character to escape at i, 0 = keep
            var scalar: UInt32 = 0
            if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b == 0x7F {
                length = 1; scalar = UInt32(b)
            } else if b == 0xC2, i + 1 < n, (0x80...0x9F).contains(value[i + 1]) {
                length = 2; scalar = UInt32(value[i + 1])
            } else if b == 0xE2, i + 2 < n, value[i + 1] == 0x80, (0xA8...0xAE).contains(value[i + 2]) {
                length = 3; scalar = 0x2000 | UInt32(value[i + 2] - 0x80)       // U+2028…U+202E
            } else if b == 0xE2, i + 2 < n, value[i + 1] == 0x81, (0xA6...0xA9).contains(value[i + 2]) {
                length = 3; scalar = 0x2040 | UInt32(value[i + 2] - 0x80)       // U+2066…U+2069
            }
            if length == 0 { i += 1; continue }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: value[start..<i]))
            switch scalar {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            default:
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u")])
                for shift in stride(from: 12, through: 0, by: -4) { bytes.append(Self.hex[Int((scalar >> UInt32(shift)) & 0xF)]) }
            }
            i += length
            start = i
        }
        bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: value[start..<n]))
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendInt(_ value: Int64) {
        if value == 0 { bytes.append(UInt8(ascii: "0")); return }
        var v = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while v > 0 { d[n] = UInt8(ascii: "0") + UInt8(v % 10); v /= 10; n += 1 }
            for i in stride(from: n - 1, through: 0, by: -1) { bytes.append(d[i]) }
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let nullBytes = Array("null".utf8)
}
