/// Appends bytes to a caller-provided buffer (composite keys built on the stack).
struct CompositeKeyWriter {
    let buffer: UnsafeMutableRawBufferPointer
    private(set) var count = 0

    init(_ buffer: UnsafeMutableRawBufferPointer) { self.buffer = buffer }

    /// Appends as much of `bytes` as fits.
    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        let n = min(bytes.count, buffer.count - count)
        if n > 0 { (buffer.baseAddress! + count).copyMemory(from: bytes.baseAddress!, byteCount: n) }
        count += n
    }

    @inline(__always)
    mutating func append(byte: UInt8) {
        if count < buffer.count { buffer[count] = byte; count += 1 }
    }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<count]) }
}
