/// Where the client pods of recent lines live in the aggregator's `sources` table: a direct-mapped
/// memo of `entryCount` entries from a pod's and container's names to the pod's reference.
///
/// A prefixed log cycles through a few dozen pods, interleaved line by line, so a memo of the last
/// pod only (what this replaced) seldom hit; looking the pod up in the table means building the
/// table key (pod, separator, container), hashing it and probing the table, on every prefixed line.
/// A memo hit compares the names with the entry's copy instead (a few 8-byte words) and leaves one
/// check to the caller: that the reference is still live (`KeyedTable.isLive`), since the table may
/// have evicted the pod since. Names longer than an entry holds (`podBytes`, `containerBytes`) are
/// never remembered; their lines take the table lookup. Those bounds are below the table's key
/// length, so an entry's names are exactly its table key's parts.
struct SourceMemo: Sendable {
    private static let entryBits = 9
    static let entryCount = 1 << entryBits
    static let podBytes = 96
    static let containerBytes = 32
    /// Entry layout: the reference (8 bytes), the two name lengths (2 bytes each, pod length 0xFFFF
    /// for an unused entry), padding to 16, the pod's bytes, the container's bytes.
    private static let podOffset = 16
    private static let containerOffset = podOffset + podBytes
    private static let stride = containerOffset + containerBytes
    private static let unused = UInt16.max

    private var storage: [UInt8] = []

    /// The reference remembered for these names, or nil (the caller still checks that it is live).
    @inline(__always)
    func ref(pod: UnsafeRawBufferPointer, container: UnsafeRawBufferPointer) -> KeyRef? {
        guard !storage.isEmpty, pod.count > 0, pod.count <= Self.podBytes, container.count <= Self.containerBytes
        else { return nil }
        let at = Self.index(pod) &* Self.stride
        return storage.withUnsafeBytes { s -> KeyRef? in
            let e = s.baseAddress.unsafelyUnwrapped + at
            guard e.load(fromByteOffset: 8, as: UInt16.self) == UInt16(truncatingIfNeeded: pod.count),
                  e.load(fromByteOffset: 10, as: UInt16.self) == UInt16(truncatingIfNeeded: container.count),
                  KeyParts.equal(e + Self.podOffset, pod.baseAddress.unsafelyUnwrapped, pod.count),
                  container.count == 0
                    || KeyParts.equal(e + Self.containerOffset, container.baseAddress.unsafelyUnwrapped, container.count)
            else { return nil }
            return KeyRef(raw: e.load(as: UInt64.self))
        }
    }

    /// Remembers `ref` for these names (names too long for an entry are not remembered).
    mutating func remember(pod: UnsafeRawBufferPointer, container: UnsafeRawBufferPointer, _ ref: KeyRef) {
        guard pod.count > 0, pod.count <= Self.podBytes, container.count <= Self.containerBytes else { return }
        if storage.isEmpty {
            storage = Array(repeating: 0, count: Self.entryCount * Self.stride)
            storage.withUnsafeMutableBytes { s in
                for i in 0..<Self.entryCount { s.storeBytes(of: Self.unused, toByteOffset: i * Self.stride + 8, as: UInt16.self) }
            }
        }
        let at = Self.index(pod) &* Self.stride
        storage.withUnsafeMutableBytes { s in
            let e = s.baseAddress.unsafelyUnwrapped + at
            e.storeBytes(of: ref.raw, as: UInt64.self)
            e.storeBytes(of: UInt16(pod.count), toByteOffset: 8, as: UInt16.self)
            e.storeBytes(of: UInt16(container.count), toByteOffset: 10, as: UInt16.self)
            (e + Self.podOffset).copyMemory(from: pod.baseAddress.unsafelyUnwrapped, byteCount: pod.count)
            if container.count > 0 {
                (e + Self.containerOffset).copyMemory(from: container.baseAddress.unsafelyUnwrapped, byteCount: container.count)
            }
        }
    }

    /// The entry of a pod name (not empty): its length and its first and last 8 bytes (where
    /// generated pod names differ), mixed.
    @inline(__always)
    private static func index(_ pod: UnsafeRawBufferPointer) -> Int {
        let p = pod.baseAddress.unsafelyUnwrapped
        let n = pod.count
        let words = n >= 8
            ? p.loadUnaligned(as: UInt64.self) &+ p.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self) &* 31
            : KeyParts.loadWord(p, n)
        let h = (words ^ UInt64(truncatingIfNeeded: n)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h >> UInt64(64 - entryBits))
    }
}
