import Glibc
/// Why an input could not be opened or read. Its `description` names the file and is meant to be
/// shown to the user as is (`cannot open "x.log": No such file or directory`).
public struct InputError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The kinds of input failure.
    public enum Kind: Sendable, Equatable {
        /// open(2) failed; `detail` is the system's reason.
        case cannotOpen
        /// The path names a directory.
        case isDirectory
        /// read(2), pread(2) or fstat(2) failed; `detail` is the system's reason.
        case readFailed
        /// The gzip stream is damaged; `detail` is zlib's reason when it gave one.
        case corruptGzip
        /// The gzip stream ended in the middle of a member.
        case truncatedGzip
        /// A byte range was asked of something that cannot be read by offset (a pipe, a gzip file).
        case notSplittable
    }

    public var kind: Kind
    /// The path as the user gave it (`-` for standard input).
    public var path: String
    /// Extra detail (a system error text or zlib's message); may be empty.
    public var detail: String

    public init(_ kind: Kind, path: String, detail: String = "") {
        self.kind = kind
        self.path = path
        self.detail = detail
    }

    /// A one-line message naming the input.
    public var description: String {
        let name = path == "-" ? "standard input" : path
        let suffix = detail.isEmpty ? "" : " (\(detail))"
        switch kind {
        case .cannotOpen: return "cannot open \"\(name)\": \(detail.isEmpty ? "unknown error" : detail)"
        case .isDirectory: return "\(name): is a directory"
        case .readFailed: return "\(name): read error: \(detail.isEmpty ? "unknown error" : detail)"
        case .corruptGzip: return "\(name): corrupt gzip data\(suffix)"
        case .truncatedGzip: return "\(name): truncated gzip data (unexpected end of file)"
        case .notSplittable: return "\(name): cannot be read by byte range\(suffix)"
        }
    }

    /// An error built from the current `errno`.
    static func system(_ kind: Kind, path: String, errno code: Int32) -> InputError {
        InputError(kind, path: path, detail: String(cString: strerror(code)))
    }
}
