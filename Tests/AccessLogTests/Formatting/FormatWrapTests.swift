import Testing
import AccessLog

@Suite struct FormatWrapTests {
    @Test func breaksAtSpacesWithLeadAndHanging() {
        #expect(Format.wrap("aaa bbb ccc ddd", width: 8) == ["aaa bbb", "ccc ddd"])
        #expect(Format.wrap("aaa bbb ccc", width: 9, lead: "- ", hanging: "  ") == ["- aaa bbb", "  ccc"])
        #expect(Format.wrap("one  two", width: 20) == ["one two"])                       // runs of spaces collapse
        #expect(Format.wrap("", width: 10, lead: "> ") == ["> "])
    }

    @Test func aLineIsExactlyTheWidthAtMost() {
        let text = (1...40).map { "w\($0)" }.joined(separator: " ")
        for width in 5...30 {                                            // the longest word fits after the hanging indent
            let lines = Format.wrap(text, width: width, hanging: "  ")
            #expect(lines.allSatisfy { $0.count <= width })
            #expect(lines.joined(separator: " ").split(separator: " ") == text.split(separator: " "))
        }
    }

    @Test func longWordsStayWholeUnlessCut() {
        #expect(Format.wrap("ab abcdefghij cd", width: 5) == ["ab", "abcdefghij", "cd"])
        #expect(Format.wrap("ab abcdefghij cd", width: 5, cutLongWords: true) == ["ab", "abcde", "fghij", "cd"])
        #expect(Format.wrap("abcdefg", width: 4, hanging: "..", cutLongWords: true) == ["abcd", "..ef", "..g"])
    }

    @Test func measuresWithTheGivenColumns() {
        // Every "界" two columns wide, as a terminal shows it.
        let wide: (String) -> Int = { $0.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) } }
        #expect(Format.wrap("界界 界界", width: 4, columns: wide) == ["界界", "界界"])
        #expect(Format.wrap("界界界", width: 4, cutLongWords: true, columns: wide) == ["界界", "界"])
        #expect(Format.wrap("a 界", width: 3, columns: wide) == ["a", "界"])
    }
}
