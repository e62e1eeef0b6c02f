/// The byte layout of one `LineKeyCache` entry, in one place: each field's offset, derived from the
/// one before it and the size of the type stored there, so that a change to `LineKeys`, `Signature`
/// or `PendingValues` moves the offsets with it and `fits` says whether the entry still holds it all
/// (checked by a test, and by a precondition when a cache is made).
enum LineKeyCacheLayout {
    /// Lines counted on the entry since the last drain (`UInt32`).
    static let pending = 0
    /// The key epoch at which the entry's references were known to be live (`UInt32`).
    static let epoch = pending + MemoryLayout<UInt32>.size
    /// The stored key's length (`UInt16`).
    static let keyLength = epoch + MemoryLayout<UInt32>.size
    /// Pending values kept (`UInt8`, at most `PendingValues.capacity`).
    static let valuesKept = keyLength + MemoryLayout<UInt16>.size
    /// Largest attempt count of the pending lines (`Int32`).
    static let maxAttempts = 12
    /// Bytes received and sent of the pending lines (`Int64` each).
    static let bytesReceived = maxAttempts + MemoryLayout<Int32>.size
    static let bytesSent = bytesReceived + MemoryLayout<Int64>.size
    /// Pending durations and upstream service times (`PendingValues.capacity` × `UInt32` each).
    static let durations = bytesSent + MemoryLayout<Int64>.size
    static let serviceTimes = durations + PendingValues.capacity * MemoryLayout<UInt32>.size
    /// The resolved references (`LineKeys`), then the signature (two `UInt64` words).
    static let keys = serviceTimes + PendingValues.capacity * MemoryLayout<UInt32>.size
    static let signature = keys + (MemoryLayout<LineKeys>.size + 7) / 8 * 8
    /// The cache's clock when the entry was last stored or hit (`UInt32`; its replacement order).
    static let recency = signature + 2 * MemoryLayout<UInt64>.size
    /// The serialised line key (`LineKey.capacity` bytes, 16-byte aligned), last: a hit reads the
    /// entry from its start to the end of its key, so a short key touches fewer cache lines
    /// (`LineKeyCache.prefetchEntry` fetches just those).
    static let key = (recency + MemoryLayout<UInt32>.size + 15) / 16 * 16
    /// One entry: the layout rounded up to whole 64-byte cache lines.
    static let end = key + LineKey.capacity
    static let stride = (end + 63) / 64 * 64

    /// True when every field lies inside the entry and is aligned for its type.
    static var fits: Bool {
        end <= stride && valuesKept < maxAttempts && maxAttempts % MemoryLayout<Int32>.alignment == 0
            && bytesReceived % MemoryLayout<Int64>.alignment == 0 && keys % MemoryLayout<LineKeys>.alignment == 0
            && signature % MemoryLayout<UInt64>.alignment == 0 && durations % MemoryLayout<UInt32>.alignment == 0
            && recency % MemoryLayout<UInt32>.alignment == 0 && key % 16 == 0
    }
}
