import Foundation
import Testing
@testable import AccessLog

@Suite struct FileSplitterTests {
    @Test func rangesCoverTheFileAndStartAtLineStarts() throws {
        let dir = TemporaryDirectory()
        var random = SeededRandom(seed: 11)
        for round in 0..<20 {
            let text = randomText(length: 200 + Int(random.next() % 2000), using: &random)
            let path = dir.write("s\(round).log", text)
            for parts in 1...6 {
                let ranges = try FileSplitter.ranges(path: path, parts: parts, minimumPartSize: 16)
                #expect(!ranges.isEmpty && ranges.count <= parts)
                #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == Int64(text.count))
                for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound == b.lowerBound && !a.isEmpty) }
                for range in ranges.dropFirst() { #expect(text[Int(range.lowerBound) - 1] == 0x0A) }
                // Reading the parts one after another gives exactly the lines of the whole file.
                var lines: [ReadLine] = []
                for range in ranges { lines += try readAllLines(try ByteSource(path: path, byteRange: range), chunkSize: 13) }
                #expect(lines == expectedLines(text), "round \(round), parts \(parts)")
            }
        }
    }

    @Test func splitsIntoTheRequestedNumberOfParts() throws {
        let dir = TemporaryDirectory()
        let line = #"[2024-05-06T07:08:09.123Z] "GET /api/v1/items HTTP/1.1" 200 - via_upstream - "-" 0 120 3 2 "-" "curl/8.5.0" "-" "items:8080" "10.244.1.3:8080" outbound|8080||items.shop.svc.cluster.local 10.244.2.5:40000 10.96.1.1:8080 10.244.2.5:40001 - default"#
        let text = Array(String(repeating: line + "\n", count: 1000).utf8)
        let path = dir.write("big.log", text)
        let ranges = try FileSplitter.ranges(path: path, parts: 4, minimumPartSize: 1024)
        #expect(ranges.count == 4)
        let sizes = ranges.map { $0.count }
        #expect(sizes.max()! - sizes.min()! <= line.utf8.count + 1)
    }

    @Test func smallEmptyAndOneLineFiles() throws {
        let dir = TemporaryDirectory()
        let small = dir.write("small.log", Array("a\nb\nc\n".utf8))
        #expect(try FileSplitter.ranges(path: small, parts: 8) == [0..<6])
        #expect(try FileSplitter.ranges(path: dir.write("empty.log", []), parts: 4, minimumPartSize: 1) == [0..<0])
        let one = dir.write("one.log", [UInt8](repeating: 0x61, count: 1000))
        #expect(try FileSplitter.ranges(path: one, parts: 4, minimumPartSize: 10) == [0..<1000])
    }

    @Test func gzipIsOneWholeRangeAndPipesAreRefused() throws {
        let dir = TemporaryDirectory()
        let gz = dir.writeGzip("x.gz", members: [Array(String(repeating: "line\n", count: 5000).utf8)])
        let size = Int64(try FileManager.default.attributesOfItem(atPath: gz)[.size] as! Int)
        #expect(try FileSplitter.ranges(path: gz, parts: 4, minimumPartSize: 1) == [0..<size])
        #expect(throws: InputError.self) { try FileSplitter.ranges(path: "-", parts: 2) }
        #expect(throws: InputError.self) { try FileSplitter.ranges(path: dir.file("missing.log"), parts: 2) }
        #expect(throws: InputError(.isDirectory, path: dir.path)) { try FileSplitter.ranges(path: dir.path, parts: 2) }
        // A named pipe is refused without being opened (opening it would block until a writer came).
        let fifo = dir.file("fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: InputError(.notSplittable, path: fifo, detail: "not a regular file")) {
            try FileSplitter.ranges(path: fifo, parts: 2)
        }
    }
}
