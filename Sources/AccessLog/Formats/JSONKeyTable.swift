/// What a JSON key of an access record means.
enum JSONKeyTarget: Sendable, Equatable {
    case field(AccessField)
    /// A known key with no field of its own, kept as an extra field under `name`.
    case extra(name: String)
    /// `level` of a JSON application log line.
    case appLevel
    /// `msg` / `message` of a JSON application log line.
    case appMessage
}

/// Looks JSON keys up by their bytes. A key is reduced to its length and two eight-byte words
/// (`JSONKeyWords`); those pick a slot of an open-addressing table and, for keys up to 16 bytes,
/// are the whole comparison (up to 24 bytes one more word, longer keys their other bytes). The
/// hash multiplier is chosen when the table is built so that its keys do not collide: a known key
/// is found with one probe. Built once and immutable; no `String` or `Dictionary` per lookup.
struct JSONKeyTable: Sendable {
    private let storage: Storage

    init(_ entries: [(String, JSONKeyTarget)]) {
        var unique: [Entry] = []
        for (key, target) in entries where !key.isEmpty {   // an empty key never matches anyway
            let keyBytes = Array(key.utf8)
            if let k = unique.firstIndex(where: { $0.key == keyBytes }) { unique[k].target = target } else {
                unique.append(Entry(key: keyBytes, target: target, upper: false))
            }
        }
        storage = Storage(unique)
    }

    /// A table that answers like `upper` and, for the keys `upper` lacks, like `lower`: one lookup
    /// instead of two. `fieldCode` tells `upper`'s answers apart (`upperFieldBase`, `upperOtherTarget`).
    init(layering upper: JSONKeyTable, over lower: JSONKeyTable) {
        let top = upper.storage.entries.map { Entry(key: $0.key, target: $0.target, upper: true) }
        let below = lower.storage.entries.filter { entry in !top.contains { $0.key == entry.key } }
        storage = Storage(top + below.map { Entry(key: $0.key, target: $0.target, upper: false) })
    }

    var count: Int { storage.entries.count }

    /// The target of the key `line[lo..<hi]`, or nil when unknown.
    @inline(__always)
    func lookup(_ line: UnsafeRawBufferPointer, _ lo: Int, _ hi: Int) -> JSONKeyTarget? {
        guard let base = line.baseAddress, let slot = storage.find(base, lo, hi, count: line.count) else {
            return nil
        }
        return storage.entries[Int(slot.pointee.entry)].target
    }

    /// `lookup` for the hot loop, without copying an enum: the `AccessField` raw value when the key
    /// maps to a field, `unknownKey`, or `otherTarget` (then call `lookup` for the target). Keys of
    /// the upper table of a layered table answer `upperFieldBase + raw value` or `upperOtherTarget`.
    @inline(__always)
    func fieldCode(_ line: UnsafeRawBufferPointer, _ lo: Int, _ hi: Int) -> Int {
        guard let base = line.baseAddress else { return Self.unknownKey }
        return fieldCode(base, lo, hi, count: line.count)
    }

    /// `fieldCode` for a key `base[lo..<hi]` of a line of `count` bytes.
    @inline(always)
    func fieldCode(_ base: UnsafeRawPointer, _ lo: Int, _ hi: Int, count: Int) -> Int {
        guard let slot = storage.find(base, lo, hi, count: count) else { return Self.unknownKey }
        return Int(slot.pointee.code)
    }

    static let unknownKey = -1
    static let otherTarget = -2
    static let upperOtherTarget = -3
    static let upperFieldBase = 32

    /// One key: its bytes, its meaning, and whether it comes from the upper table of a layered one.
    private struct Entry {
        var key: [UInt8]
        var target: JSONKeyTarget
        var upper: Bool

        var code: Int32 {
            guard case .field(let field) = target else {
                return Int32(upper ? JSONKeyTable.upperOtherTarget : JSONKeyTable.otherTarget)
            }
            return Int32(field.rawValue + (upper ? JSONKeyTable.upperFieldBase : 0))
        }
    }

    /// One key of the table; `length == 0` marks an empty slot (empty keys are never stored).
    private struct Slot {
        var words = JSONKeyWords(head: 0, tail: 0)
        /// Bytes 8..<16 of a key over 16 bytes.
        var middle: UInt64 = 0
        var length = 0
        /// `Entry.code`.
        var code: Int32 = 0
        /// Index into `entries`; the key's bytes start at `offsets[entry]` of the arena.
        var entry: Int32 = 0
    }

    /// Flat, immutable storage: the slots, the entries and the key bytes (for keys over 24 bytes).
    private final class Storage: @unchecked Sendable {
        let entries: [Entry]
        let slots: UnsafeMutablePointer<Slot>
        let mask: Int
        let multiplier: UInt64
        let shift: UInt64
        let offsets: UnsafeMutablePointer<Int>
        let bytes: UnsafeMutableRawPointer

        /// `entries` hold distinct, non-empty keys.
        init(_ entries: [Entry]) {
            var bits = 6
            while 1 << bits < entries.count * (entries.count <= 64 ? 8 : 4) { bits += 1 }
            let size = 1 << bits
            let shift = UInt64(64 - bits)
            let mask = size - 1
            let words = entries.map { JSONKeyWords($0.key) }
            let multiplier = Self.bestMultiplier(words, lengths: entries.map(\.key.count), shift: shift)

            let offsets = UnsafeMutablePointer<Int>.allocate(capacity: entries.count + 1)
            let total = entries.reduce(0) { $0 + $1.key.count }
            let bytes = UnsafeMutableRawPointer.allocate(byteCount: max(total, 1), alignment: 8)
            let slots = UnsafeMutablePointer<Slot>.allocate(capacity: size)
            slots.initialize(repeating: Slot(), count: size)
            var offset = 0
            for (index, entry) in entries.enumerated() {
                let key = entry.key
                offsets[index] = offset
                key.withUnsafeBytes { bytes.advanced(by: offset).copyMemory(from: $0.baseAddress!, byteCount: key.count) }
                offset += key.count
                var s = words[index].slot(length: key.count, multiplier: multiplier, shift: shift)
                while slots[s].length != 0 { s = (s + 1) & mask }
                var middle: UInt64 = 0
                if key.count > 16 {
                    middle = key.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
                }
                slots[s] = Slot(words: words[index], middle: middle, length: key.count, code: entry.code,
                                entry: Int32(index))
            }
            offsets[entries.count] = offset
            self.shift = shift
            self.mask = mask
            self.multiplier = multiplier
            self.offsets = offsets
            self.bytes = bytes
            self.slots = slots
            self.entries = entries
        }

        deinit {
            slots.deallocate()
            offsets.deallocate()
            bytes.deallocate()
        }

        /// The first of a fixed series of odd multipliers that gives every key its own slot, or the
        /// one with the fewest collisions (tables of many keys only try a few).
        private static func bestMultiplier(_ words: [JSONKeyWords], lengths: [Int], shift: UInt64) -> UInt64 {
            var state: UInt64 = 0x2545_F491_4F6C_DD1D
            var best: (multiplier: UInt64, collisions: Int) = (0, Int.max)
            var taken = [UInt64](repeating: 0, count: max(1, (1 << (64 - Int(shift))) / 64))
            for _ in 0..<(words.count <= 40 ? 256 : 8) {
                state = state &+ 0x9E37_79B9_7F4A_7C15   // splitmix64
                var z = (state ^ (state >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                let multiplier = (z ^ (z >> 31)) | 1
                for i in taken.indices { taken[i] = 0 }
                var collisions = 0
                for (w, length) in zip(words, lengths) {
                    let s = w.slot(length: length, multiplier: multiplier, shift: shift)
                    let bit: UInt64 = 1 << UInt64(s & 63)
                    if taken[s >> 6] & bit != 0 { collisions += 1 }
                    taken[s >> 6] |= bit
                }
                if collisions < best.collisions { best = (multiplier, collisions) }
                if collisions == 0 { break }
            }
            return best.multiplier
        }

        /// The slot holding the key `base[lo..<hi]` of a line of `count` bytes, or nil.
        @inline(always)
        func find(_ base: UnsafeRawPointer, _ lo: Int, _ hi: Int, count: Int) -> UnsafeMutablePointer<Slot>? {
            let length = hi &- lo
            guard length > 0 else { return nil }
            let words = JSONKeyWords(base, lo, hi, count: count)
            var s = words.slot(length: length, multiplier: multiplier, shift: shift)
            while true {
                let slot = slots + s
                let stored = slot.pointee.length
                if stored == length && slot.pointee.words == words
                    && (length <= 16 || longKeyEqual(base + lo, slot, length)) {
                    return slot
                }
                if stored == 0 { return nil }
                s = (s &+ 1) & mask
            }
        }

        /// The bytes between the head and tail words of a key over 16 bytes, against `slot`'s key.
        @inline(always)
        private func longKeyEqual(_ key: UnsafeRawPointer, _ slot: UnsafeMutablePointer<Slot>, _ length: Int) -> Bool {
            UInt64(littleEndian: key.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) == slot.pointee.middle
                && (length <= 24 || middleEqual(key, Int(slot.pointee.entry), length))
        }

        /// Bytes 16..<length-8 of a key over 24 bytes against those of entry `entry` (same length).
        private func middleEqual(_ key: UnsafeRawPointer, _ entry: Int, _ length: Int) -> Bool {
            let stored = UnsafeRawPointer(bytes + offsets[entry])
            var i = 16
            while i < length &- 8 {   // each load ends before `length`
                if key.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    != stored.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
                i &+= 8
            }
            return true
        }
    }
}

extension JSONKeyTable {
    /// Istio's JSON access-log keys (every version), the gRPC / attempt-count keys seen in custom
    /// formats, the ≤1.7 policy status, and the keys of JSON application logs.
    static let istio: JSONKeyTable = {
        var entries: [(String, JSONKeyTarget)] = AccessField.allCases.map { ($0.jsonKey, .field($0)) }
        entries.append(("istio_policy_status", .extra(name: "istio_policy_status")))
        entries.append(("level", .appLevel))
        entries.append(("msg", .appMessage))
        entries.append(("message", .appMessage))
        return JSONKeyTable(entries)
    }()
}
