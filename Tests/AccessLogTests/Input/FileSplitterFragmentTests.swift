import Foundation
import Testing
@testable import AccessLog

/// A part never starts inside a record that CRI or docker json-file split into fragments, so each
/// core joins whole records.
@Suite struct FileSplitterFragmentTests {
    /// Records of 1 to 5 lines: CRI `P…P F`, or docker entries of which only the last ends in `\n`.
    static func fragmentedLog(docker: Bool, records: Int, seed: UInt64) -> [UInt8] {
        var random = SeededRandom(seed: seed)
        var text = ""
        for r in 0..<records {
            let pieces = 1 + Int(random.next() % 5)
            for p in 0..<pieces {
                let last = p == pieces - 1
                let piece = "record \(r) piece \(p) " + String(repeating: "x", count: Int(random.next() % 40))
                if docker {
                    text += #"{"log":"\#(piece)\#(last ? "\\n" : "")","stream":"stdout","time":"2024-05-06T07:08:09.1Z"}"# + "\n"
                } else {
                    text += "2024-05-06T07:08:09.100000000Z stdout \(last ? "F" : "P") \(piece)\n"
                }
            }
        }
        return Array(text.utf8)
    }

    @Test(arguments: [false, true])
    func partsStartAtRecordStarts(docker: Bool) throws {
        let dir = TemporaryDirectory()
        for seed in 0..<6 as Range<UInt64> {
            let text = Self.fragmentedLog(docker: docker, records: 300, seed: seed)
            let path = dir.write("f\(seed).log", text)
            for parts in [2, 3, 7] {
                let ranges = try FileSplitter.ranges(path: path, parts: parts, minimumPartSize: 1)
                #expect(ranges.count > 1)
                for range in ranges.dropFirst() {
                    // The line before the part's first line ends a record.
                    let before = text[..<Int(range.lowerBound - 1)]
                    let previous = Array(before[((before.lastIndex(of: 0x0A) ?? -1) + 1)...])
                    var stripper = PrefixStripper()
                    #expect(!previous.withUnsafeBytes { stripper.strip($0).isPartial }, "seed \(seed), parts \(parts), at \(range.lowerBound)")
                }
                // Joined per part, the records are those of the whole file.
                #expect(joinedRecords(path, ranges) == joinedRecords(path, [0..<Int64(text.count)]))
            }
        }
    }

    /// The records a stripper joins from the lines of `ranges`, read one range after another.
    func joinedRecords(_ path: String, _ ranges: [Range<Int64>]) -> [String] {
        var records: [String] = []
        for range in ranges {
            var stripper = PrefixStripper()
            guard let source = try? ByteSource(path: path, byteRange: range) else { return [] }
            var reader = LineReader(source: source)
            try? reader.forEachLine { line, _ in
                let s = stripper.strip(line)
                if !s.isPartial { records.append(String(decoding: s.content, as: UTF8.self)) }
            }
            while let rest = stripper.finishPartial() { records.append("unfinished: " + String(decoding: rest.content, as: UTF8.self)) }
        }
        return records
    }
}
