@preconcurrency import Glibc
import Presentation
import Testing
@testable import TerminalUI

/// Created once, never freed or changed: safe to share between test threads.
nonisolated(unsafe) private let utf8Locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil)

/// ncurses places glyphs by the C library's `wcwidth`; the canvas lays them out by
/// `CharacterWidth`. Where they disagree `RowEncoder` substitutes, so they should agree almost
/// everywhere. Uses a thread-local C.UTF-8 locale (`uselocale`), leaving the process locale alone.
@Suite(.enabled(if: utf8Locale != nil && LibC.wcwidth != nil))
struct LibcWidthAgreementTests {

    static func libcWidth(_ scalar: Unicode.Scalar) -> Int {
        let previous = uselocale(utf8Locale)
        defer { uselocale(previous) }
        return Int(LibC.wcwidth!(wchar_t(bitPattern: scalar.value)))
    }

    @Test func charactersTheViewsAndLogsUseAgreeExactly() {
        let samples = "abcXYZ019 ~|{}éüßñµ°±×÷─│┌┐└┘├┤┬┴┼╭╮╰╯━┃═║╔╗╚╝█▉▊▋▌▍▎▏▁▂▃▄▅▆▇…·•→←↑↓›‹✓✗⚠" +
            "日本語中文한국어カタカナひらがなＡＢＣ　、。😀🚀✅❌⌚🔥👍" + "e\u{301}\u{200B}\u{200D}\u{FE0F}"
        for scalar in samples.unicodeScalars {
            #expect(CharacterWidth.columns(scalar) == Self.libcWidth(scalar), "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test func wholeTableAgreesWithLibcWhereLibcKnowsTheCharacter() {
        var mismatches: [UInt32] = []
        for value in UInt32(0xA0)...0x3FFFF {
            guard let scalar = Unicode.Scalar(value), TerminalSafe.isSafe(scalar) else { continue }
            let libc = Self.libcWidth(scalar)
            if libc >= 0, libc != CharacterWidth.columns(scalar) { mismatches.append(value) }
        }
        // glibc 2.36 differs on 1 scalar (U+1171E); allow a few for other glibc/Unicode versions.
        #expect(mismatches.count <= 10, "\(mismatches.prefix(20).map { String($0, radix: 16) })")
    }
}
