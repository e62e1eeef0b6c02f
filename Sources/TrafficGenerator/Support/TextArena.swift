/// Memory for `Text` values built at run time (the names of a large generated mesh), so the
/// renderers copy them exactly like literals.
///
/// Texts point into chunks that are never moved; they stay valid until the arena is reset or
/// released. `reset()` reuses the memory for the next batch (the adversarial mode's per-line names).
final class TextArena {
    /// Longest text one `make` call may write.
    static let maxTextLength = 512
    private let chunkSize: Int
    private var chunks: [UnsafeMutablePointer<UInt8>] = []
    /// Index of the chunk being filled and its used bytes.
    private var current = 0
    private var used = 0

    init(chunkSize: Int = 1 << 16) {
        self.chunkSize = max(chunkSize, TextArena.maxTextLength)
    }

    deinit { chunks.forEach { $0.deallocate() } }

    /// Writes one text with `build` and returns it (at most `maxTextLength` bytes; more is cut).
    @inline(__always)
    func make(_ build: (inout LineWriter) -> Void) -> Text {
        if chunks.isEmpty || chunkSize - used < TextArena.maxTextLength {
            current = chunks.isEmpty ? 0 : current + 1
            if current == chunks.count { chunks.append(UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)) }
            used = 0
        }
        var writer = LineWriter(base: chunks[current] + used, capacity: TextArena.maxTextLength)
        build(&writer)
        let text = Text(start: UnsafePointer(chunks[current] + used), count: writer.count)
        used += writer.count
        return text
    }

    /// Makes room for new texts, invalidating every text made so far (the memory is kept).
    func reset() {
        current = 0
        used = 0
    }
}
