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
/// and three bytes, verified with `memcmp`. Built once; no `String` or `Dictionary` per lookup.
struct JSONKeyTable: Sendable {
    private var slots: [Int16]
    private var arena: [UInt8] = []
    private var offsets: [Int] = [0]
    private(set) var targets: [JSONKeyTarget] = []
    private let mask: Int

    init(_ entries: [(String, JSONKeyTarget)]) {
        var size = 64
        while size < entries.count * 4 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for (key, target) in entries { insert(Array(key.utf8), target) }
    }

    var count: Int { targets.count }

    private mutating func insert(_ key: [UInt8], _ target: JSONKeyTarget) {
        let existing = key.withUnsafeBytes { lookupIndex($0, 0, $0.count) }
        if let existing {
            targets[existing] = target
            return
        }
        var i = key.withUnsafeBytes { Self.hash($0, 0, $0.count) } & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = Int16(targets.count)
        arena.append(contentsOf: key)
        offsets.append(arena.count)
        targets.append(target)
    }

    /// The target of the key `line[lo..<hi]`, or nil when unknown.
    @inline(__always)
    func lookup(_ line: UnsafeRawBufferPointer, _ lo: Int, _ hi: Int) -> JSONKeyTarget? {
        guard let index = lookupIndex(line, lo, hi) else { return nil }
        return targets[index]
    }

    private func lookupIndex(_ line: UnsafeRawBufferPointer, _ lo: Int, _ hi: Int) -> Int? {
        let length = hi - lo
        guard length > 0 else { return nil }
        var i = Self.hash(line, lo, hi) & mask
        return arena.withUnsafeBytes { keys in
            while true {
                let index = Int(slots[i])
                if index < 0 { return nil }
                let start = offsets[index]
                if offsets[index + 1] - start == length,
                   memcmp(keys.baseAddress! + start, line.baseAddress! + lo, length) == 0 {
                    return index
                }
                i = (i + 1) & mask
            }
        }
    }

    @inline(__always)
    private static func hash(_ p: UnsafeRawBufferPointer, _ lo: Int, _ hi: Int) -> Int {
        let n = hi - lo
        if n == 0 { return 0 }
        let a = Int(p[lo]), b = Int(p[hi - 1]), c = Int(p[lo + n / 2])
        return (n &* 0x9E37) ^ (a &* 31) ^ (b &* 131) ^ (c &* 8191)
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
