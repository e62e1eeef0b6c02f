import Glibc
/// A source of raw bytes: standard input, a file, or a byte range of a plain file.
///
/// gzip input (detected by its magic bytes `1f 8b`, whatever the name) is inflated transparently,
/// including concatenated members. `read(into:)` returns as soon as some bytes are available, so a
/// pipe fed a few lines at a time (`kubectl logs -f`) is delivered without waiting to fill a buffer.
///
/// Not thread-safe: use one source from one thread at a time.
public final class ByteSource {
    /// The path as given (`-` for standard input).
    public let name: String
    /// The descriptor read from, for poll(2) in live mode (see also `hasBufferedData`).
    public let fileDescriptor: Int32

    private enum Mode {
        case undetected           // a pipe or terminal whose first bytes have not been seen yet
        case plain                // read(2) as is
        case range                // pread(2) between `offset` and `end`
        case gzip(GzipInflater)
    }

    /// What was wrong with the input although it could be read (trailing bytes after the last
    /// gzip member). Known once the source has been read to its end; the caller decides whether and
    /// how to show it.
    public var warnings: [InputWarning] {
        if case .gzip(let inflater) = mode, inflater.sawTrailingGarbage {
            return [InputWarning(.trailingGarbage, path: name)]
        }
        return []
    }

    private let ownsDescriptor: Bool
    private var mode: Mode
    private var offset: Int64 = 0
    private var end: Int64 = 0
    private var regularSize: Int64?
    /// Bytes read while sniffing for the gzip magic, served before anything else.
    private var lead: [UInt8] = []
    private var leadPosition = 0
    private var sawEndOfInput = false

    private init(fd: Int32, name: String, owns: Bool, mode: Mode, regularSize: Int64?) {
        self.fileDescriptor = fd
        self.name = name
        self.ownsDescriptor = owns
        self.mode = mode
        self.regularSize = regularSize
    }

    deinit {
        if ownsDescriptor { close(fileDescriptor) }
    }

    /// Standard input. Whether it is gzip is found out on the first read.
    public static func standardInput() -> ByteSource {
        ByteSource(fd: STDIN_FILENO, name: "-", owns: false, mode: .undetected, regularSize: standardInputSize())
    }

    /// Opens `path` (`-` means standard input).
    public convenience init(path: String) throws(InputError) {
        if path == "-" {
            self.init(fd: STDIN_FILENO, name: "-", owns: false, mode: .undetected, regularSize: ByteSource.standardInputSize())
            return
        }
        let (fd, info) = try ByteSource.open(path)
        guard isRegular(info) else {
            self.init(fd: fd, name: path, owns: true, mode: .undetected, regularSize: nil)
            return
        }
        let size = Int64(info.st_size)
        let compressed: Bool
        do { compressed = try ByteSource.startsWithGzipMagic(fd: fd, path: path) } catch {
            close(fd)
            throw error
        }
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        if compressed {
            let inflater: GzipInflater
            do { inflater = try GzipInflater() } catch {
                close(fd)
                throw InputError(error.kind, path: path, detail: error.detail)
            }
            self.init(fd: fd, name: path, owns: true, mode: .gzip(inflater), regularSize: size)
        } else {
            self.init(fd: fd, name: path, owns: true, mode: .plain, regularSize: size)
        }
    }

    /// Opens the bytes `byteRange` of the plain regular file at `path`, read with pread(2) so that
    /// several sources can read one file in parallel. A gzip file can only be opened whole
    /// (`0..<size`); the range is clamped to the file's size.
    public convenience init(path: String, byteRange: Range<Int64>) throws(InputError) {
        let (fd, info) = try ByteSource.open(path)
        guard isRegular(info) else {
            close(fd)
            throw InputError(.notSplittable, path: path, detail: "not a regular file")
        }
        let size = Int64(info.st_size)
        let compressed: Bool
        do { compressed = try ByteSource.startsWithGzipMagic(fd: fd, path: path) } catch {
            close(fd)
            throw error
        }
        if compressed {
            guard byteRange.lowerBound <= 0, byteRange.upperBound >= size, let inflater = try? GzipInflater() else {
                close(fd)
                throw InputError(.notSplittable, path: path, detail: "gzip data can only be read whole")
            }
            self.init(fd: fd, name: path, owns: true, mode: .gzip(inflater), regularSize: size)
            return
        }
        self.init(fd: fd, name: path, owns: true, mode: .range, regularSize: nil)
        offset = min(max(byteRange.lowerBound, 0), size)
        end = max(min(byteRange.upperBound, size), offset)
        regularSize = end - offset
        _ = posix_fadvise(fd, off_t(truncatingIfNeeded: offset), off_t(truncatingIfNeeded: end - offset), Int32(POSIX_FADV_SEQUENTIAL))
    }

    /// True when the input is gzip data being inflated. For pipes this is known after the first read.
    public var isCompressed: Bool {
        if case .gzip = mode { return true }
        return false
    }

    /// The number of bytes this source will deliver, for plain regular files (and byte ranges);
    /// nil for pipes and compressed input.
    public var size: Int64? { isCompressed ? nil : regularSize }

    /// The descriptor's read position: for gzip data, how much of the compressed file was read.
    var filePosition: Int64 { max(0, Int64(lseek(fileDescriptor, 0, SEEK_CUR))) }

    /// True when bytes are already buffered inside the source, so the next `read` returns data
    /// without touching the descriptor. Check it before blocking in poll(2).
    public var hasBufferedData: Bool {
        if leadPosition < lead.count { return true }
        if case .gzip(let inflater) = mode { return !inflater.needsInput || inflater.mayHaveOutput }
        return false
    }

    /// Reads up to `buffer.count` bytes; returns 0 at the end of the input. Returns as soon as some
    /// bytes are available (never waits to fill the buffer); retries EINTR.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard buffer.count > 0 else { return 0 }
        if leadPosition < lead.count { return serveLead(into: buffer) }
        switch mode {
        case .plain:
            return try readDescriptor(into: buffer)
        case .range:
            return try readRange(into: buffer)
        case .gzip(let inflater):
            return try readGzip(inflater, into: buffer)
        case .undetected:
            try detectCompression()
            return try read(into: buffer)
        }
    }

    // MARK: - Mapping

    /// The file offsets still to be read when this source is a plain regular file or a byte range
    /// of one, so that `LineReader` can map them (`FileWindow`) instead of copying them with
    /// read(2); nil for pipes, terminals, standard input, gzip data and files with nothing left by
    /// their size. `end` is the size when
    /// asked: call `mappableEnd()` again at the end, since a plain file may have grown.
    func mappableRange() -> (start: Int64, end: Int64)? {
        guard leadPosition >= lead.count else { return nil }
        switch mode {
        case .range:
            return (offset, end)
        case .plain where name != "-":
            let position = Int64(lseek(fileDescriptor, 0, SEEK_CUR))
            // Files that report no size (procfs, sysfs) may still have content: read them.
            guard position >= 0, let size = mappableEnd(), size > position else { return nil }
            return (position, size)
        default:
            return nil
        }
    }

    /// Where a mappable source ends now: the range's end, or a plain file's current size.
    func mappableEnd() -> Int64? {
        if case .range = mode { return end }
        var info = stat()
        guard fstat(fileDescriptor, &info) == 0 else { return nil }
        return Int64(info.st_size)
    }

    /// Records that a mapped reader consumed everything up to `position`: later reads go on from
    /// there.
    func finishMapped(at position: Int64) {
        if case .range = mode {
            offset = position
        } else {
            _ = lseek(fileDescriptor, off_t(truncatingIfNeeded: position), SEEK_SET)
        }
    }

    // MARK: - Reading

    private func serveLead(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, lead.count - leadPosition)
        for k in 0..<count { buffer[k] = lead[leadPosition + k] }
        leadPosition += count
        if leadPosition == lead.count { lead = []; leadPosition = 0 }
        return count
    }

    /// Reads the first one or two bytes of a pipe to decide between plain and gzip.
    private func detectCompression() throws(InputError) {
        let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: 2, alignment: 1)
        defer { raw.deallocate() }
        var count = 0
        while count < 2 {
            let n = try readDescriptor(into: UnsafeMutableRawBufferPointer(rebasing: raw[count...]))
            if n == 0 { break }
            count += n
            if raw[0] != 0x1F { break }
        }
        let head = Array(raw[0..<count])
        if count == 2, head[0] == 0x1F, head[1] == 0x8B {
            let inflater: GzipInflater
            do { inflater = try GzipInflater() } catch { throw InputError(error.kind, path: name, detail: error.detail) }
            head.withUnsafeBytes { inflater.setInput(copying: $0) }
            mode = .gzip(inflater)
        } else {
            lead = head
            leadPosition = 0
            mode = .plain
        }
    }

    private func readDescriptor(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        while true {
            let n = Glibc.read(fileDescriptor, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK {
                // A non-blocking descriptor: wait until readable, then read as usual.
                var entry = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
                _ = poll(&entry, 1, -1)
                continue
            }
            throw code == EISDIR ? InputError(.isDirectory, path: name)
                                 : InputError.system(.readFailed, path: name, errno: code)
        }
    }

    private func readRange(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        let wanted = Int(min(Int64(buffer.count), end - offset))
        guard wanted > 0 else { return 0 }
        while true {
            let n = pread(fileDescriptor, buffer.baseAddress, wanted, off_t(truncatingIfNeeded: offset))
            if n >= 0 {
                offset += Int64(n)
                if n == 0 { end = offset }  // the file shrank
                return n
            }
            if errno == EINTR { continue }
            throw InputError.system(.readFailed, path: name, errno: errno)
        }
    }

    private func readGzip(_ inflater: GzipInflater, into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        while true {
            if !inflater.needsInput || inflater.mayHaveOutput {
                let produced = try inflater.inflate(into: buffer, path: name)
                if produced > 0 { return produced }
            }
            if inflater.sawTrailingGarbage { return 0 }
            if sawEndOfInput {
                if inflater.insideMember {
                    guard inflater.isAtTrailingGarbage else { throw InputError(.truncatedGzip, path: name) }
                    inflater.ignoreTheRest()
                }
                return 0
            }
            let raw = UnsafeMutableRawBufferPointer(start: inflater.input, count: inflater.inputCapacity)
            let n = try readDescriptor(into: raw)
            if n == 0 { sawEndOfInput = true } else { inflater.setInput(n) }
        }
    }

    // MARK: - Opening

    private static func open(_ path: String) throws(InputError) -> (Int32, stat) {
        var fd: Int32
        repeat { fd = Glibc.open(path, O_RDONLY | O_CLOEXEC) } while fd < 0 && errno == EINTR
        guard fd >= 0 else { throw InputError.system(.cannotOpen, path: path, errno: errno) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw InputError.system(.readFailed, path: path, errno: code)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw InputError(.isDirectory, path: path)
        }
        return (fd, info)
    }

    /// The bytes left in standard input when it is a regular file (`meshlog < file`).
    private static func standardInputSize() -> Int64? {
        var info = stat()
        guard fstat(STDIN_FILENO, &info) == 0, isRegular(info) else { return nil }
        let position = Int64(lseek(STDIN_FILENO, 0, SEEK_CUR))
        return max(0, Int64(info.st_size) - max(position, 0))
    }

    private static func startsWithGzipMagic(fd: Int32, path: String) throws(InputError) -> Bool {
        var magic: (UInt8, UInt8) = (0, 0)
        var n: Int
        repeat { n = withUnsafeMutableBytes(of: &magic) { pread(fd, $0.baseAddress, 2, 0) } } while n < 0 && errno == EINTR
        if n < 0 { throw InputError.system(.readFailed, path: path, errno: errno) }
        return n == 2 && magic.0 == 0x1F && magic.1 == 0x8B
    }
}

private func isRegular(_ info: stat) -> Bool { (info.st_mode & S_IFMT) == S_IFREG }
