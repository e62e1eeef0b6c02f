import Foundation
import Testing
@testable import AccessLog

@Suite struct LineReaderTests {
    let istioLine = #"[2024-05-06T07:08:09.123Z] "POST /shop.Orders/PlaceOrder HTTP/2" 200 - via_upstream - "-" 112 45 12 11 "-" "grpc-go/1.62.1" "7f1c9a0e-4b7d-4d0e-9a59-3f2f0c8e1a11" "orders.shop.svc.cluster.local:50051" "10.244.1.17:50051" outbound|50051||orders.shop.svc.cluster.local 10.244.2.5:41822 10.96.12.34:50051 10.244.2.5:50312 - default"#

    @Test func linesStraddlingTinyChunksMatchInMemorySplit() throws {
        let dir = TemporaryDirectory()
        var random = SeededRandom(seed: 42)
        for round in 0..<40 {
            let text = randomText(length: Int(random.next() % 400), using: &random)
            let path = dir.write("r\(round).log", text)
            for chunk in [1, 2, 3, 7, 13, 64] {
                let lines = try readAllLines(try ByteSource(path: path), chunkSize: chunk)
                #expect(lines == expectedLines(text), "round \(round), chunk \(chunk)")
            }
        }
    }

    @Test func smallLineCapAtEveryChunkSize() throws {
        let dir = TemporaryDirectory()
        var random = SeededRandom(seed: 7)
        for round in 0..<30 {
            let text = randomText(length: 50 + Int(random.next() % 300), using: &random)
            let path = dir.write("c\(round).log", text)
            for chunk in [1, 4, 7, 32] {
                for cap in [1, 3, 8] {
                    let lines = try readAllLines(try ByteSource(path: path), chunkSize: chunk, maxLineLength: cap)
                    #expect(lines == expectedLines(text, maxLineLength: cap), "round \(round) chunk \(chunk) cap \(cap)")
                }
            }
        }
    }

    @Test func realLinesAcrossRandomPipeWrites() throws {
        var text: [UInt8] = []
        for k in 0..<300 { text += Array((k % 3 == 0 ? istioLine + "\r\n" : istioLine + "\n").utf8) }
        let payload = text
        let source = try pipeSource { fd in
            var random = SeededRandom(seed: 99)
            var offset = 0
            while offset < payload.count {
                let piece = min(payload.count - offset, 1 + Int(random.next() % 700))
                writeAll(fd, Array(payload[offset..<offset + piece]))
                offset += piece
            }
        }
        let lines = try readAllLines(source, chunkSize: 509)
        #expect(lines.count == 300)
        #expect(lines.allSatisfy { $0 == ReadLine(bytes: Array(istioLine.utf8), truncated: false) })
    }

    @Test func carriageReturnFinalLineAndEmptyLines() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("crlf.log", Array("one\r\n\r\n\ntwo\r\r\nlast without newline\r".utf8))
        let lines = try readAllLines(try ByteSource(path: path), chunkSize: 5).map { String(decoding: $0.bytes, as: UTF8.self) }
        #expect(lines == ["one", "", "", "two\r", "last without newline"])
    }

    @Test func emptyInputHasNoLines() throws {
        let dir = TemporaryDirectory()
        let source = try ByteSource(path: dir.write("empty.log", []))
        var reader = LineReader(source: source)
        var calls = 0
        let more = try reader.readChunk { _, _ in calls += 1 }
        #expect(more == false)
        #expect(calls == 0)
        #expect(reader.linesRead == 0 && reader.bytesRead == 0)
        #expect(try readAllLines(try ByteSource(path: dir.write("newline.log", [0x0A]))) == [ReadLine(bytes: [], truncated: false)])
    }

    @Test func nulBytesPassThroughUntouched() throws {
        let dir = TemporaryDirectory()
        let line: [UInt8] = Array("[2024-05-06T07:08:09.123Z] \"GET /a".utf8) + [0, 0, 0xFF, 0] + Array(" HTTP/1.1\" 200".utf8)
        let path = dir.write("nul.log", line + [0x0A] + line)
        let lines = try readAllLines(try ByteSource(path: path), chunkSize: 3)
        #expect(lines == [ReadLine(bytes: line, truncated: false), ReadLine(bytes: line, truncated: false)])
    }

    @Test func countsBytesAndLines() throws {
        let dir = TemporaryDirectory()
        let text = Array((istioLine + "\n" + istioLine + "\n" + "tail").utf8)
        var reader = LineReader(source: try ByteSource(path: dir.write("count.log", text)), chunkSize: 100)
        var chunks = 0
        while try reader.readChunk({ _, _ in }) { chunks += 1 }
        #expect(reader.linesRead == 3)
        #expect(reader.bytesRead == Int64(text.count))
        #expect(chunks == (text.count + 99) / 100)
    }

    /// A 64 MiB line is delivered once, cut, without being buffered; the lines around it survive.
    @Test func hugeLineIsCutOnceAndMemoryStaysBounded() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("huge.log")
        let handle = fopen(path, "wb")!
        fputs(istioLine + "\n", handle)
        let block = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<64 { _ = block.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) } }
        fputs("\n" + istioLine + "\n", handle)
        fclose(handle)

        let before = peakResidentBytes()
        var reader = LineReader(source: try ByteSource(path: path), chunkSize: 1 << 16, maxLineLength: 4096)
        #expect(reader.capacity == (1 << 16) + 4096 + 1)
        var lines: [ReadLine] = []
        try reader.forEachLine { line, truncated in lines.append(ReadLine(bytes: Array(line), truncated: truncated)) }
        let growth = peakResidentBytes() - before

        #expect(lines.count == 3)
        #expect(lines[0] == ReadLine(bytes: Array(istioLine.utf8), truncated: false))
        #expect(lines[1] == ReadLine(bytes: [UInt8](repeating: UInt8(ascii: "x"), count: 4096), truncated: true))
        #expect(lines[2] == ReadLine(bytes: Array(istioLine.utf8), truncated: false))
        #expect(reader.bytesRead == Int64(64 << 20) + Int64(2 * istioLine.utf8.count + 3))
        #expect(growth < 24 << 20, "peak RSS grew by \(growth) bytes")
    }

    @Test func lineExactlyAtTheCapIsNotTruncated() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("cap.log", Array("12345678\r\n123456789\n".utf8))
        for chunk in [1, 3, 8, 64] {
            let lines = try readAllLines(try ByteSource(path: path), chunkSize: chunk, maxLineLength: 8)
            #expect(lines == [ReadLine(bytes: Array("12345678".utf8), truncated: false),
                              ReadLine(bytes: Array("12345678".utf8), truncated: true)], "chunk \(chunk)")
        }
    }

    private func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }
}

@Suite struct LineReaderErrorTests {
    struct Stop: Error {}

    @Test func readerIsFinishedAfterTheCallbackThrows() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("t.log", Array("a\nb\nc\n".utf8))
        var reader = LineReader(source: try ByteSource(path: path), chunkSize: 2)
        var seen: [String] = []
        #expect(throws: Stop.self) {
            try reader.forEachLine { line, _ in
                seen.append(String(decoding: line, as: UTF8.self))
                if seen.count == 2 { throw Stop() }
            }
        }
        #expect(seen == ["a", "b"])
        #expect(try reader.readChunk { _, _ in Issue.record("a line after the reader finished") } == false)
    }
}
