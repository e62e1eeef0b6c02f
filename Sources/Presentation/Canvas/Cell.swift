/// One terminal column of a ``Canvas``.
///
/// Invariants kept by `Canvas` (its cells cannot be written from outside the module):
/// `scalar` is always printable and never a control character; a 2-column scalar is stored in its
/// left cell and the right cell is a continuation (`isContinuation == true`, scalar `" "`).
public struct Cell: Hashable, Sendable {
    public var scalar: Unicode.Scalar
    public var style: Style
    /// True for the right half of a 2-column (wide) character; the backend skips it.
    public var isContinuation: Bool

    public init(scalar: Unicode.Scalar, style: Style = .plain, isContinuation: Bool = false) {
        self.scalar = scalar
        self.style = style
        self.isContinuation = isContinuation
    }

    /// An unstyled space.
    public static let blank = Cell(scalar: " ")
}
