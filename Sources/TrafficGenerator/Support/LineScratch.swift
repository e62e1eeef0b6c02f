/// The reusable scratch memory each line is written into before it is appended to the caller's
/// buffer (one copy per line, no allocation per line).
final class LineScratch {
    static let capacity = 64 * 1024
    let base: UnsafeMutablePointer<UInt8>

    init() {
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: LineScratch.capacity)
        base.initialize(repeating: 0, count: LineScratch.capacity)
    }

    deinit { base.deallocate() }

    func writer() -> LineWriter { LineWriter(base: base, capacity: LineScratch.capacity) }
}
