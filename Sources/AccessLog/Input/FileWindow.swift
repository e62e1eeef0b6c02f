import Glibc

/// A read-only memory map of part of a regular file, moved along the file window by window.
///
/// Reading a plain file through a map costs the kernel a page-table entry per page instead of a
/// read(2) copy, which on a 650 MB log is most of the system time (see docs/performance.md).
/// Each window is mapped with `MAP_POPULATE`, so its pages are set up in one call, and unmapped
/// before the next one: resident memory stays at one window whatever the file's size.
///
/// A file that shrinks while it is mapped makes the next access to a vanished page raise SIGBUS.
/// The library installs no handler for it: what that means for the process is the program's
/// policy (meshlog's executable prints a one-line message and exits 2, see `InputFaultPolicy`).
struct FileWindow: ~Copyable {
    private let fileDescriptor: Int32
    /// The mapping (page-aligned) and its length; nil when nothing is mapped.
    private var mapping: UnsafeMutableRawPointer?
    private var mappedLength = 0
    /// File offset of the mapping's first byte.
    private var mappedOffset: Int64 = 0

    static let pageSize = Int64(max(4096, sysconf(Int32(_SC_PAGESIZE))))

    init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    deinit {
        if let mapping { munmap(mapping, mappedLength) }
    }

    /// Maps the file bytes `offset..<end` (mapping from the page that holds `offset`) and returns
    /// them, valid until the next `map` or `unmap`. Nil when the system refuses the map (the caller
    /// then reads the ordinary way).
    mutating func map(from offset: Int64, to end: Int64) -> UnsafeRawBufferPointer? {
        unmap()
        guard end > offset else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let start = offset - offset % Self.pageSize
        let length = Int(end - start)
        let address = mmap(nil, length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fileDescriptor, off_t(start))
        guard let address, address != MAP_FAILED else { return nil }
        _ = madvise(address, length, MADV_SEQUENTIAL)
        mapping = address
        mappedLength = length
        mappedOffset = start
        return UnsafeRawBufferPointer(start: address + Int(offset - start), count: Int(end - offset))
    }

    /// Releases the current mapping, if any.
    mutating func unmap() {
        if let mapping { munmap(mapping, mappedLength) }
        mapping = nil
        mappedLength = 0
    }
}
