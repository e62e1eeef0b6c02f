/// Something wrong with an input that could still be read; its `description` names the input and
/// is meant to be shown to the user as is. The library only reports it; the executable decides.
public struct InputWarning: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Bytes after the last complete gzip member that are not another member: ignored, as
        /// `gzip -d` does ("decompression OK, trailing garbage ignored").
        case trailingGarbage
    }

    public var kind: Kind
    /// The path as the user gave it (`-` for standard input).
    public var path: String

    public init(_ kind: Kind, path: String) {
        self.kind = kind
        self.path = path
    }

    public var description: String {
        let name = path == "-" ? "standard input" : path
        switch kind {
        case .trailingGarbage: return "\(name): trailing garbage after the gzip data ignored"
        }
    }
}
