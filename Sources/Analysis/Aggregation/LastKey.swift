/// A one-entry memo of the last key looked up in a table: its bytes (up to 512, in a buffer kept
/// between calls) and its reference. The caller still checks that the reference is live.
struct LastKey: Sendable {
    private var bytes: [UInt8] = []
    private var length = -1
    private(set) var ref = KeyRef.none

    @inline(__always)
    func matches(_ key: UnsafeRawBufferPointer) -> Bool {
        guard length == key.count, !ref.isNone else { return false }
        if length == 0 { return true }
        return bytes.withUnsafeBytes { KeyParts.equal($0.baseAddress!, key.baseAddress!, length) }
    }

    mutating func remember(_ key: UnsafeRawBufferPointer, _ newRef: KeyRef) {
        guard key.count <= 512 else { length = -1; ref = .none; return }
        if bytes.isEmpty { bytes = Array(repeating: 0, count: 512) }
        bytes.withUnsafeMutableBytes { dst in
            if key.count > 0 { dst.baseAddress!.copyMemory(from: key.baseAddress!, byteCount: key.count) }
        }
        length = key.count
        ref = newRef
    }
}
