import Testing
@testable import Presentation

@Suite struct CharacterWidthTests {
    @Test(arguments: [
        ("a", 1), ("~", 1), ("é", 1), ("µ", 1), ("\u{AD}", 1), ("─", 1), ("█", 1), ("…", 1), ("→", 1),
        ("✓", 1), ("Ω", 1), ("я", 1), ("\u{1F1E9}", 1),
        ("日", 2), ("語", 2), ("한", 2), ("カ", 2), ("Ａ", 2), ("　", 2), ("😀", 2), ("🚀", 2), ("✅", 2),
        ("⌚", 2), ("\u{20000}", 2), ("\u{4DC0}", 2), ("\u{3248}", 2), ("\u{600}", 1),
        ("\u{301}", 0), ("\u{20DD}", 0), ("\u{200B}", 0), ("\u{200D}", 0), ("\u{FE0F}", 0),
        ("\u{1160}", 0), ("\u{3099}", 0), ("\u{E0041}", 0), ("\u{FEFF}", 0),
    ] as [(Unicode.Scalar, Int)])
    func scalarWidth(scalar: Unicode.Scalar, expected: Int) {
        #expect(CharacterWidth.columns(scalar) == expected, "U+\(String(scalar.value, radix: 16))")
    }

    @Test func stringWidthCountsEscapesAndWideCharacters() {
        #expect(CharacterWidth.columns(of: "") == 0)
        #expect(CharacterWidth.columns(of: "p99") == 3)
        #expect(CharacterWidth.columns(of: "日本語 ok") == 9)
        #expect(CharacterWidth.columns(of: "e\u{301}") == 1)
        #expect(CharacterWidth.columns(of: "a\u{1B}b") == 6)          // a\x1bb
        #expect(CharacterWidth.columns(of: "👍🏽") == 4)                // emoji + skin tone modifier (wide)
    }

    @Test func exceedsStopsAtTheLimit() {
        #expect(CharacterWidth.columns(of: "abc", exceeds: 2))
        #expect(!CharacterWidth.columns(of: "abc", exceeds: 3))
        #expect(CharacterWidth.columns(of: "日本", exceeds: 3))
        #expect(!CharacterWidth.columns(of: "日本", exceeds: 4))
    }
}
