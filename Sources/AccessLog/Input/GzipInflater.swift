import CZlib

/// Inflates a gzip stream (one or more concatenated members) that arrives in pieces.
///
/// The owner fills `input` (up to `inputCapacity` bytes) and calls `setInput(_:)`, then calls
/// `inflate(into:)` until it returns 0 with `needsInput` true. Keeps no per-call allocation.
final class GzipInflater {
    private let stream: UnsafeMutablePointer<z_stream>
    /// Where the owner writes compressed bytes.
    private(set) var input: UnsafeMutableRawPointer
    private(set) var inputCapacity: Int
    /// True from a member's first byte until zlib reports its end.
    private(set) var insideMember = true
    /// True when the last call filled the whole output buffer, so zlib may hold more output.
    private(set) var mayHaveOutput = false
    /// Members inflated to their end.
    private(set) var completedMembers = 0
    /// After at least one complete member came bytes that do not start another one (or a member
    /// that ended before its first byte of output): they were ignored, as `gzip -d` ignores
    /// trailing garbage. Nothing is inflated after this.
    private(set) var sawTrailingGarbage = false

    /// Fails only when zlib cannot allocate its state.
    init(inputCapacity: Int = 128 << 10) throws(InputError) {
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        self.inputCapacity = max(inputCapacity, 64)
        input = UnsafeMutableRawPointer.allocate(byteCount: self.inputCapacity, alignment: 16)
        // 15 + 32: maximum window, and let zlib detect a gzip or zlib header by itself.
        if czlib_inflate_init2(stream, 15 + 32) != Z_OK {
            input.deallocate()
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw InputError(.corruptGzip, path: "", detail: "zlib could not start")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
    }

    /// Compressed bytes not yet consumed.
    var pendingInput: Int { Int(stream.pointee.avail_in) }

    /// True when no compressed input is left to consume.
    var needsInput: Bool { stream.pointee.avail_in == 0 }

    /// Declares that the first `count` bytes of `input` are fresh compressed data.
    func setInput(_ count: Int) {
        stream.pointee.next_in = input.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = uInt(min(count, inputCapacity))
    }

    /// Copies `bytes` into `input` (growing it if needed) and declares them as fresh input.
    /// Only valid when `needsInput`.
    func setInput(copying bytes: UnsafeRawBufferPointer) {
        if bytes.count > inputCapacity {
            input.deallocate()
            inputCapacity = bytes.count
            input = UnsafeMutableRawPointer.allocate(byteCount: inputCapacity, alignment: 16)
        }
        if let base = bytes.baseAddress, bytes.count > 0 {
            input.copyMemory(from: base, byteCount: bytes.count)
        }
        setInput(bytes.count)
    }

    /// Inflates as much as possible into `output`; returns the number of bytes written (0 when more
    /// input is needed). A member's end is crossed transparently; zero padding after a member is
    /// skipped. `path` is only used to name the input in errors.
    func inflate(into output: UnsafeMutableRawBufferPointer, path: String) throws(InputError) -> Int {
        guard let outBase = output.baseAddress, output.count > 0 else { return 0 }
        let capacity = min(output.count, Int(UInt32.max))
        let s = stream
        s.pointee.next_out = outBase.assumingMemoryBound(to: Bytef.self)
        s.pointee.avail_out = uInt(capacity)
        mayHaveOutput = false
        if sawTrailingGarbage { return 0 }
        while true {
            if !insideMember {
                skipZeroPadding()
                if s.pointee.avail_in == 0 { break }
                inflateReset(s)
                insideMember = true
            }
            let code = CZlib.inflate(s, Z_NO_FLUSH)
            switch code {
            case Z_OK:
                if s.pointee.avail_out == 0 { mayHaveOutput = true; return capacity }
                if s.pointee.avail_in == 0 { return capacity - Int(s.pointee.avail_out) }
            case Z_STREAM_END:
                insideMember = false
                completedMembers += 1
                if s.pointee.avail_out == 0 { mayHaveOutput = s.pointee.avail_in > 0; return capacity }
            case Z_BUF_ERROR:
                // No progress possible: zlib needs more input (or more room, which cannot be here).
                return capacity - Int(s.pointee.avail_out)
            case Z_MEM_ERROR:
                throw InputError(.corruptGzip, path: path, detail: "out of memory")
            default:  // Z_DATA_ERROR, Z_NEED_DICT, Z_STREAM_ERROR
                if isAtTrailingGarbage {
                    ignoreTheRest()
                    return capacity - Int(s.pointee.avail_out)
                }
                throw InputError(.corruptGzip, path: path, detail: zlibMessage())
            }
        }
        return capacity - Int(s.pointee.avail_out)
    }

    /// True when what is being inflated is not a member but bytes after the last one: a member is
    /// complete and this one has not produced a byte yet (`total_out` restarts at each member).
    var isAtTrailingGarbage: Bool { completedMembers > 0 && stream.pointee.total_out == 0 }

    /// Drops the unread input and stops inflating (see `sawTrailingGarbage`).
    func ignoreTheRest() {
        sawTrailingGarbage = true
        insideMember = false
        stream.pointee.avail_in = 0
    }

    private func skipZeroPadding() {
        let s = stream
        while s.pointee.avail_in > 0, s.pointee.next_in.pointee == 0 {
            s.pointee.next_in += 1
            s.pointee.avail_in -= 1
        }
    }

    private func zlibMessage() -> String {
        guard let message = stream.pointee.msg else { return "" }
        return String(cString: message)
    }
}
