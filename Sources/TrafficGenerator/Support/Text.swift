#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A piece of constant UTF-8 text (a string literal) that the renderers copy into lines.
///
/// It points at the literal's static storage, so holding one costs no allocation and no reference
/// counting — the generator builds every line from these and from numbers.
struct Text: @unchecked Sendable, ExpressibleByStringLiteral, Equatable {
    let start: UnsafePointer<UInt8>
    let count: Int

    init(_ literal: StaticString) {
        if literal.hasPointerRepresentation {
            start = literal.utf8Start
            count = literal.utf8CodeUnitCount
        } else {
            start = Text.emptyStorage.utf8Start
            count = 0
        }
    }

    init(stringLiteral value: StaticString) { self.init(value) }

    /// Bytes the caller keeps alive and unchanged while the text is used (`TextArena`).
    init(start: UnsafePointer<UInt8>, count: Int) {
        self.start = start
        self.count = count
    }

    private static let emptyStorage: StaticString = ""

    static let dash: Text = "-"
    static let empty: Text = ""

    var isEmpty: Bool { count == 0 }
    var isDash: Bool { count == 1 && start[0] == UInt8(ascii: "-") }

    /// The text as a Swift string (for tests and documentation, not for the hot path).
    var string: String { String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self) }

    static func == (a: Text, b: Text) -> Bool {
        a.count == b.count && (a.start == b.start || memcmp(a.start, b.start, a.count) == 0)
    }
}
