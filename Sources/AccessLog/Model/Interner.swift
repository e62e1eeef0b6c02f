/// Maps byte strings to small dense integer IDs (0, 1, 2, …) without making a `String` per lookup.
///
/// Open addressing over (hash, id) slots; key bytes live in one arena and are compared with
/// `memcmp`. A `String` is made once per new key. With a `limit`, keys beyond it are refused
/// (`intern` returns nil) so callers can count them in an "other" bucket and memory stays bounded.
public struct Interner: Sendable {
    private var slots: [Slot]
    private var mask: Int
    private var arena: [UInt8] = []
    private var offsets: [Int32] = [0]
    /// The key for each ID, made once when the key was first seen.
    public private(set) var strings: [String] = []
    /// Most distinct keys this interner accepts.
    public let limit: Int

    private struct Slot: Sendable {
        var hash: UInt32
        var id: Int32   // -1 = empty
    }

    public init(limit: Int = Int(Int32.max), initialCapacity: Int = 64) {
        var size = 16
        while size < initialCapacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(hash: 0, id: -1), count: size)
        mask = size - 1
        self.limit = limit
    }

    /// Number of distinct keys.
    public var count: Int { strings.count }

    /// The ID of `key`, adding it when new; nil when the key is new and the limit is reached.
    public mutating func intern(_ key: UnsafeRawBufferPointer) -> Int32? {
        let h = Self.hash(key)
        var i = Int(h) & mask
        while true {
            let slot = slots[i]
            if slot.id < 0 { break }
            if slot.hash == h && equals(Int(slot.id), key) { return slot.id }
            i = (i + 1) & mask
        }
        guard strings.count < limit else { return nil }
        let id = Int32(strings.count)
        slots[i] = Slot(hash: h, id: id)
        arena.append(contentsOf: key)
        offsets.append(Int32(arena.count))
        strings.append(String(decoding: key, as: UTF8.self))
        if strings.count * 2 > slots.count { grow() }
        return id
    }

    /// The ID of a `String` key, adding it when new (nil when the limit is reached).
    public mutating func intern(_ key: String) -> Int32? {
        var key = key
        return key.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }

    /// The ID of `key` if it was interned, without adding it.
    public func lookup(_ key: UnsafeRawBufferPointer) -> Int32? {
        let h = Self.hash(key)
        var i = Int(h) & mask
        while true {
            let slot = slots[i]
            if slot.id < 0 { return nil }
            if slot.hash == h && equals(Int(slot.id), key) { return slot.id }
            i = (i + 1) & mask
        }
    }

    /// The ID of a `String` key if it was interned.
    public func lookup(_ key: String) -> Int32? {
        var key = key
        return key.withUTF8 { lookup(UnsafeRawBufferPointer($0)) }
    }

    public subscript(id: Int32) -> String { strings[Int(id)] }

    private func equals(_ id: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let lo = Int(offsets[id]), hi = Int(offsets[id + 1])
        guard hi - lo == key.count else { return false }
        if key.count == 0 { return true }
        return arena.withUnsafeBytes { a in memcmp(a.baseAddress! + lo, key.baseAddress!, key.count) == 0 }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var fresh = Array(repeating: Slot(hash: 0, id: -1), count: size)
        let m = size - 1
        for slot in slots where slot.id >= 0 {
            var i = Int(slot.hash) & m
            while fresh[i].id >= 0 { i = (i + 1) & m }
            fresh[i] = slot
        }
        slots = fresh
        mask = m
    }

    /// FNV-1a over the bytes, 8 at a time where possible, finished with a multiply-xorshift mix.
    @inline(__always)
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt32 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        let n = key.count
        var i = 0
        while i + 8 <= n {
            h = (h ^ key.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x0000_0100_0000_01B3
            i += 8
        }
        while i < n {
            h = (h ^ UInt64(key[i])) &* 0x0000_0100_0000_01B3
            i += 1
        }
        h ^= h >> 29
        h = h &* 0xbf58_476d_1ce4_e5b9
        h ^= h >> 32
        return UInt32(truncatingIfNeeded: h)
    }
}
