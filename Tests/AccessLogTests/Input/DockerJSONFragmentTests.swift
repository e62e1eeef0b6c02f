import Testing
@testable import AccessLog

/// Docker json-file splits a line longer than 16 KiB into several entries; only the last one's
/// `log` ends with `\n`. The stripper keeps the others (as partial lines) and joins them, per stream.
@Suite struct DockerJSONFragmentTests {
    func entry(_ text: String, stream: String = "stdout") -> String {
        #"{"log":"\#(jsonEscaped(text))","stream":"\#(stream)","time":"2024-05-06T07:08:09.123456789Z"}"#
    }

    /// An access line cut into entries at every pair of points comes out whole, once, from the entry
    /// that ends it, and parses as the same access record.
    @Test func fragmentsAreJoinedIntoTheLine() {
        let line = IstioLines.grpc
        let scalars = Array(line.unicodeScalars)
        var stripper = PrefixStripper()
        for first in stride(from: 1, to: scalars.count - 1, by: 37) {
            for second in stride(from: first + 1, to: scalars.count, by: 53) {
                let pieces = [scalars[..<first], scalars[first..<second], scalars[second...]].map { String(String.UnicodeScalarView($0)) }
                #expect(stripper.run(entry(pieces[0])) == Stripped(content: "", style: .dockerJSON, isPartial: true))
                #expect(stripper.run(entry(pieces[1])) == Stripped(content: "", style: .dockerJSON, isPartial: true))
                #expect(stripper.run(entry(pieces[2] + "\n")) == Stripped(content: line, style: .dockerJSON))
            }
        }
        #expect(stripper.finishPartial() == nil)
    }

    @Test func streamsAreJoinedSeparately() {
        var stripper = PrefixStripper()
        _ = stripper.run(entry("out-1 ", stream: "stdout"))
        _ = stripper.run(entry("err-1 ", stream: "stderr"))
        #expect(stripper.run(entry("out-2\n", stream: "stdout")) == Stripped(content: "out-1 out-2", style: .dockerJSON))
        #expect(stripper.run(entry("err-2\r\n", stream: "stderr")) == Stripped(content: "err-1 err-2", style: .dockerJSON))
    }

    /// A `\r\n` ending whose `\r` closed the previous entry is still removed.
    @Test func splitCarriageReturnNewline() {
        var stripper = PrefixStripper()
        _ = stripper.run(entry("text\r"))
        #expect(stripper.run(entry("\n")) == Stripped(content: "text", style: .dockerJSON))
    }

    @Test func joinedLineIsCapped() {
        var stripper = PrefixStripper(maxJoinedLength: 40)
        for _ in 0..<5 { _ = stripper.run(entry("0123456789abcdef")) }
        let joined = stripper.run(entry("end\n"))
        #expect(joined.content == "0123456789abcdef0123456789abcdef01234567" && joined.isTruncated)
        #expect(stripper.run(entry("next\n")) == Stripped(content: "next", style: .dockerJSON))
    }

    @Test func unfinishedFragmentsComeOutAtTheEnd() {
        var stripper = PrefixStripper()
        _ = stripper.run(entry("[2024-05-06T07:08:09.123Z] \"GET /"))
        _ = stripper.run(entry("x HTTP/1.1\" 200"))
        let rest = stripper.finishPartial()
        #expect(rest.map { String(decoding: $0.content, as: UTF8.self) } == "[2024-05-06T07:08:09.123Z] \"GET /x HTTP/1.1\" 200")
        #expect(rest?.style == .dockerJSON)
        #expect(stripper.finishPartial() == nil)
    }
}
