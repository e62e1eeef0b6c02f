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

/// Looks JSON keys up by their bytes: a small open-addressing table whose hash reads only the length
/// and three bytes, verified by comparing eight bytes at a time. Built once and immutable; no
/// `String` or `Dictionary` per lookup.
struct JSONKeyTable: Sendable {
    private let storage: Storage

    init(_ entries: [(String, JSONKeyTarget)]) {
        storage = Storage(entries)
    }

    var count: Int { storage.targets.count }

    /// The target of the key `line[lo..<hi]`, or nil when unknown.
    @inline(__always)
    func lookup(_ line: UnsafeRawBufferPointer, _ lo: Int, _ hi: Int) -> JSONKeyTarget? {
        guard let index = storage.index(line, lo, hi) else { return nil }
        return storage.targets[index]
    }

    /// `lookup` for the hot loop, without copying an enum: the `AccessField` raw value when the key
    /// maps to a field, `unknownKey`, or `otherTarget` (then call `lookup` for the target).
    @inline(__always)
    func fieldCode(_ line: UnsafeRawBufferPointer, _ lo: Int, _ hi: Int) -> Int {
        guard let index = storage.index(line, lo, hi) else { return Self.unknownKey }
        return Int(storage.codes[index])
    }

    static let unknownKey = -1
    static let otherTarget = -2

    /// Flat, immutable storage: slots → entry index, key bytes with offsets, targets.
    private final class Storage: @unchecked Sendable {
        let targets: [JSONKeyTarget]
        /// Per entry: the field's raw value, or `otherTarget`.
        let codes: UnsafeMutablePointer<Int8>
        let mask: Int
        let slots: UnsafeMutablePointer<Int32>
        let offsets: UnsafeMutablePointer<Int>
        let bytes: UnsafeMutableRawPointer

        init(_ entries: [(String, JSONKeyTarget)]) {
            var unique: [([UInt8], JSONKeyTarget)] = []
            for (key, target) in entries where !key.isEmpty {   // an empty key never matches anyway
                let keyBytes = Array(key.utf8)
                if let k = unique.firstIndex(where: { $0.0 == keyBytes }) { unique[k].1 = target } else {
                    unique.append((keyBytes, target))
                }
            }
            var size = 64
            while size < unique.count * 4 { size <<= 1 }
            let mask = size - 1
            let slots = UnsafeMutablePointer<Int32>.allocate(capacity: size)
            slots.initialize(repeating: -1, count: size)
            let offsets = UnsafeMutablePointer<Int>.allocate(capacity: unique.count + 1)
            let total = unique.reduce(0) { $0 + $1.0.count }
            let bytes = UnsafeMutableRawPointer.allocate(byteCount: max(total, 1) + 8, alignment: 8)
            var offset = 0
            for (index, (key, _)) in unique.enumerated() {
                offsets[index] = offset
                key.withUnsafeBytes { bytes.advanced(by: offset).copyMemory(from: $0.baseAddress!, byteCount: key.count) }
                offset += key.count
                var slot = key.withUnsafeBytes { Storage.hash($0, 0, key.count) } & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(index)
            }
            offsets[unique.count] = offset
            let codes = UnsafeMutablePointer<Int8>.allocate(capacity: max(unique.count, 1))
            for (index, (_, target)) in unique.enumerated() {
                if case .field(let field) = target { codes[index] = Int8(field.rawValue) } else {
                    codes[index] = Int8(JSONKeyTable.otherTarget)
                }
            }
            self.codes = codes
            self.mask = mask
            self.slots = slots
            self.offsets = offsets
            self.bytes = bytes
            targets = unique.map(\.1)
        }

        deinit {
            slots.deallocate()
            codes.deallocate()
            offsets.deallocate()
            bytes.deallocate()
        }

        @inline(__always)
        func index(_ line: UnsafeRawBufferPointer, _ lo: Int, _ hi: Int) -> Int? {
            let length = hi &- lo
            guard length > 0, let base = line.baseAddress else { return nil }
            let lineHasSlack = lo &+ 8 <= line.count
            var slot = Storage.hash(line, lo, hi) & mask
            while true {
                let index = Int(slots[slot])
                if index < 0 { return nil }
                let start = offsets[index]
                if offsets[index &+ 1] &- start == length,
                   Storage.equal(bytes + start, base + lo, length, secondHasSlack: lineHasSlack) {
                    return index
                }
                slot = (slot &+ 1) & mask
            }
        }

        @inline(__always)
        static func hash(_ p: UnsafeRawBufferPointer, _ lo: Int, _ hi: Int) -> Int {
            let n = hi &- lo
            let a = Int(p[lo]), b = Int(p[hi &- 1]), c = Int(p[lo &+ n / 2])
            return (n &* 0x9E37) ^ (a &* 31) ^ (b &* 131) ^ (c &* 8191)
        }

        /// Compares `count` bytes. `first` always has eight readable bytes past any key (the arena is
        /// padded); `second` may be read eight bytes at a time only when `secondHasSlack`.
        @inline(__always)
        static func equal(_ first: UnsafeRawPointer, _ second: UnsafeRawPointer, _ count: Int,
                          secondHasSlack: Bool) -> Bool {
            if count >= 8 {
                // The first and the last eight bytes (overlapping) cover keys up to 16 bytes.
                if first.loadUnaligned(as: UInt64.self) != second.loadUnaligned(as: UInt64.self)
                    || first.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
                        != second.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self) { return false }
                var i = 8
                while i < count &- 8 {
                    if first.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        != second.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
                    i &+= 8
                }
                return true
            }
            if secondHasSlack {
                let keep: UInt64 = (1 << UInt64(8 &* count)) &- 1
                let x = first.loadUnaligned(as: UInt64.self) ^ second.loadUnaligned(as: UInt64.self)
                return UInt64(littleEndian: x) & keep == 0
            }
            for i in 0..<count where first.load(fromByteOffset: i, as: UInt8.self)
                != second.load(fromByteOffset: i, as: UInt8.self) {
                return false
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
