import Foundation
import Testing
@testable import AccessLog

/// Plain files are read through `FileWindow` maps; pipes with read(2). Both must deliver the same
/// lines, whatever the window size, line cap, line endings and file growth.
@Suite struct MappedLineReaderTests {
    @Test func mappedFilesAndPipesDeliverTheSameLines() throws {
        let dir = TemporaryDirectory()
        var random = SeededRandom(seed: 2026)
        for round in 0..<25 {
            let text = randomText(length: 1 + Int(random.next() % 600), using: &random)
            let path = dir.write("m\(round).log", text)
            for chunk in [1, 3, 16] {
                for cap in [1, 5, 40, 1 << 20] {
                    let mapped = try readAllLines(try ByteSource(path: path), chunkSize: chunk, maxLineLength: cap)
                    let payload = text
                    let piped = try readAllLines(try pipeSource { writeAll($0, payload) }, chunkSize: chunk, maxLineLength: cap)
                    #expect(mapped == piped, "round \(round) chunk \(chunk) cap \(cap)")
                    #expect(mapped == expectedLines(text, maxLineLength: cap), "round \(round) chunk \(chunk) cap \(cap)")
                }
            }
        }
    }

    @Test func plainFilesAreMappableAndPipesAreNot() throws {
        let dir = TemporaryDirectory()
        let file = try ByteSource(path: dir.write("plain.log", Array("a\nb\n".utf8)))
        #expect(file.mappableRange()?.start == 0)
        #expect(file.mappableRange()?.end == 4)
        let ranged = try ByteSource(path: dir.write("range.log", Array("abcdef\n".utf8)), byteRange: 2..<5)
        #expect(ranged.mappableRange()?.start == 2)
        #expect(ranged.mappableRange()?.end == 5)
        #expect(try pipeSource { _ in }.mappableRange() == nil)
        #expect(try ByteSource(path: dir.write("empty.log", [])).mappableRange() == nil)
    }

    /// procfs files report a size of 0 but have content: they are read, not mapped (a map would
    /// see nothing).
    @Test func filesWithoutASizeAreRead() throws {
        let source = try ByteSource(path: "/proc/self/status")
        #expect(source.mappableRange() == nil)
        let lines = try readAllLines(source)
        #expect(lines.contains { $0.bytes.starts(with: Array("Name:".utf8)) })
    }

    /// A file that grows while it is read is followed to its new end (as read(2) would): here the
    /// reader is told the file ends after 10 bytes, and finds the rest when it gets there.
    @Test func aGrowingFileIsReadToItsNewEnd() throws {
        let dir = TemporaryDirectory()
        let text = Array("first line\nsecond line\nlast, without newline".utf8)
        var reader = LineReader(source: try ByteSource(path: dir.write("grow.log", text)), chunkSize: 2, maxLineLength: 8)
        var lines: [ReadLine] = []
        let mapped = try reader.forEachMappedLine(from: 0, to: 10) { line, truncated in
            lines.append(ReadLine(bytes: Array(line), truncated: truncated))
        }
        #expect(mapped)
        #expect(lines == expectedLines(text, maxLineLength: 8))
        #expect(reader.bytesRead == Int64(text.count))
        #expect(try reader.readChunk { _, _ in Issue.record("a line after the end") } == false)
    }

    /// The two halves of a split file, each read through its own maps, give the whole file's lines.
    @Test func byteRangesAreMappedIndependently() throws {
        let dir = TemporaryDirectory()
        var text: [UInt8] = []
        for k in 0..<2_000 { text += Array("line \(k) \(String(repeating: "x", count: k % 97))\n".utf8) }
        let path = dir.write("split.log", text)
        let ranges = try FileSplitter.ranges(path: path, parts: 2, minimumPartSize: 1)
        var lines: [ReadLine] = []
        for range in ranges {
            lines += try readAllLines(try ByteSource(path: path, byteRange: range), chunkSize: 256, maxLineLength: 200)
        }
        #expect(ranges.count == 2)
        #expect(lines == expectedLines(text, maxLineLength: 200))
    }
}
