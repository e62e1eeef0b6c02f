/// Names for the extra fields of JSON lines (unknown keys), made once per distinct key instead of
/// once per line. Bounded: past `limit` distinct keys a name is made per use (still correct, slower).
struct ExtraNameCache: Sendable {
    private var table = JSONKeyTable([])
    private var names: [String] = []
    private let limit = 128

    /// The name for the key `line[lo..<hi]`.
    mutating func name(_ line: UnsafeRawBufferPointer, _ lo: Int, _ hi: Int) -> String {
        if lo >= hi { return "" }
        if case .extra(let name)? = table.lookup(line, lo, hi) { return name }
        let name = String(decoding: UnsafeRawBufferPointer(rebasing: line[lo..<hi]), as: UTF8.self)
        if names.count < limit {
            names.append(name)
            table = JSONKeyTable(names.map { ($0, .extra(name: $0)) })
        }
        return name
    }
}
