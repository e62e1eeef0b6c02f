import CZlib
import Foundation
import Synchronization
import Testing
@testable import AccessLog

/// Whether a test's pipe writer has given up the pipe (set from its thread).
private final class WriterState: Sendable {
    let closed = Atomic<Bool>(false)
}

@Suite struct ByteSourceTests {
    let sample = Array("""
        [2024-05-06T07:08:09.123Z] "GET /productpage HTTP/1.1" 200 - via_upstream - "-" 0 5293 41 40 "10.244.0.1" "curl/8.5.0" "1f5e8c2a-6a0c-4a3a-9d5e-1c0b7d1f2e3a" "productpage:9080" "10.244.1.12:9080" outbound|9080||productpage.default.svc.cluster.local 10.244.2.5:40112 10.96.45.10:9080 10.244.2.5:35210 - default
        2024-05-06T07:08:10.000001Z\tinfo\txdsproxy\tconnected to upstream XDS server: istiod.istio-system.svc:15012
        [2024-05-06T07:08:11.456Z] "- - -" 0 UF,URX - - "-" 0 0 10001 - "-" "-" "-" "-" "10.244.3.9:5432" outbound|5432||pg.db.svc.cluster.local - 10.96.7.7:5432 10.244.2.5:51234 - -

        """.utf8)

    @Test func plainFileReadsWhole() throws {
        let dir = TemporaryDirectory()
        let source = try ByteSource(path: dir.write("a.log", sample))
        #expect(source.name == dir.file("a.log"))
        #expect(source.isCompressed == false)
        #expect(source.size == Int64(sample.count))
        #expect(try readAllLines(source, chunkSize: 11) == expectedLines(sample))
    }

    @Test func gzipFileReadsEqualToPlainText() throws {
        let dir = TemporaryDirectory()
        var random = SeededRandom(seed: 5)
        var big: [UInt8] = []
        for _ in 0..<2000 { big += sample + randomText(length: 40, using: &random) }
        let path = dir.writeGzip("a.log.gz", members: [big])
        let source = try ByteSource(path: path)
        #expect(source.isCompressed)
        #expect(source.size == nil)
        for chunk in [7, 4096, 1 << 20] {
            #expect(try readAllLines(try ByteSource(path: path), chunkSize: chunk) == expectedLines(big), "chunk \(chunk)")
        }
    }

    @Test func gzipDetectedByContentNotName() throws {
        let dir = TemporaryDirectory()
        let gz = dir.writeGzip("rotated.log.1", members: [sample])
        #expect(try ByteSource(path: gz).isCompressed)
        #expect(try readAllLines(try ByteSource(path: gz)) == expectedLines(sample))
        let plain = dir.write("plain.gz", sample)
        #expect(try ByteSource(path: plain).isCompressed == false)
        #expect(try readAllLines(try ByteSource(path: plain)) == expectedLines(sample))
    }

    @Test func bufferedGzipOutputIsReported() throws {
        let dir = TemporaryDirectory()
        let source = try ByteSource(path: dir.writeGzip("b.gz", members: [sample]))
        #expect(source.hasBufferedData == false)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 16, alignment: 1)
        defer { buffer.deallocate() }
        #expect(try source.read(into: buffer) == 16)
        #expect(source.hasBufferedData)  // the rest is inflated from memory, no poll(2) needed
        #expect(Array(buffer) == Array(sample.prefix(16)))
    }

    @Test func concatenatedGzipMembers() throws {
        let dir = TemporaryDirectory()
        let first = Array("first member line\n".utf8), second = Array("second member line\n".utf8)
        let path = dir.writeGzip("cat.gz", members: [first, second, sample])
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes.append(contentsOf: [0, 0, 0, 0])  // zero padding after the last member is ignored
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(try readAllLines(try ByteSource(path: path), chunkSize: 5) == expectedLines(first + second + sample))
    }

    @Test func gzipThroughAPipe() throws {
        let dir = TemporaryDirectory()
        let gz = Array(try Data(contentsOf: URL(fileURLWithPath: dir.writeGzip("p.gz", members: [sample, sample]))))
        let source = try pipeSource { fd in
            for byte in gz.prefix(3) { writeAll(fd, [byte]) }  // the magic arrives split
            writeAll(fd, Array(gz.dropFirst(3)))
        }
        #expect(try readAllLines(source, chunkSize: 64) == expectedLines(sample + sample))
        #expect(source.isCompressed)
    }

    @Test func plainPipeWithOneByteReads() throws {
        let text = sample
        let source = try pipeSource { fd in writeAll(fd, text) }
        #expect(try readAllLines(source, chunkSize: 1) == expectedLines(sample))
        #expect(source.isCompressed == false)
        #expect(source.size == nil)
    }

    /// Live mode: a read returns the bytes that are there, without waiting for the writer to close.
    @Test func pipeReadReturnsAvailableBytesWithoutWaiting() throws {
        let written = DispatchSemaphore(value: 0), consumed = DispatchSemaphore(value: 0)
        let writer = WriterState()
        let line = Array("[2024-05-06T07:08:09.123Z] \"GET / HTTP/1.1\" 200 -\n".utf8)
        let source = try pipeSource { fd in
            writeAll(fd, line)
            written.signal()
            _ = consumed.wait(timeout: .now() + 5)
            writer.closed.store(true, ordering: .sequentiallyConsistent)
        }
        written.wait()
        var reader = LineReader(source: source)
        var lines: [[UInt8]] = []
        while lines.isEmpty, try reader.readChunk({ bytes, _ in lines.append(Array(bytes)) }) {}
        // Delivered while the writer still held the pipe open (it waits for this signal).
        let deliveredBeforeClose = !writer.closed.load(ordering: .sequentiallyConsistent)
        consumed.signal()
        try reader.forEachLine { _, _ in }
        #expect(deliveredBeforeClose)
        #expect(lines == [Array(line.dropLast())])
    }

    /// Live mode with `… | gzip | meshlog`: a sync-flushed gzip stream is delivered before it ends.
    @Test func flushedGzipPipeDeliversBeforeTheEnd() throws {
        let consumed = DispatchSemaphore(value: 0)
        let writer = WriterState()
        let line = "[2024-05-06T07:08:09.123Z] \"GET / HTTP/1.1\" 200 -\n"
        let source = try pipeSource { fd in
            let handle = gzdopen(dup(fd), "wb")!
            _ = gzputs(handle, line)
            _ = gzflush(handle, Z_SYNC_FLUSH)
            _ = consumed.wait(timeout: .now() + 5)
            writer.closed.store(true, ordering: .sequentiallyConsistent)
            gzclose(handle)
        }
        var reader = LineReader(source: source)
        var lines: [String] = []
        while lines.isEmpty, try reader.readChunk({ bytes, _ in lines.append(String(decoding: bytes, as: UTF8.self)) }) {}
        let deliveredBeforeClose = !writer.closed.load(ordering: .sequentiallyConsistent)
        consumed.signal()
        // Read on to the end, so the writer's gzclose never writes into a closed pipe.
        try reader.forEachLine { _, _ in }
        #expect(deliveredBeforeClose)
        #expect(lines == [String(line.dropLast())])
        #expect(source.isCompressed)
    }

    @Test func byteRangeReadsOnlyItsSlice() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("r.log", sample)
        let source = try ByteSource(path: path, byteRange: 10..<50)
        #expect(source.size == 40)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1000, alignment: 1)
        defer { buffer.deallocate() }
        var got: [UInt8] = []
        while case let n = try source.read(into: buffer), n > 0 { got += buffer[0..<n] }
        #expect(got == Array(sample[10..<50]))
        let clamped = try ByteSource(path: path, byteRange: 100..<1_000_000)
        #expect(clamped.size == Int64(sample.count - 100))
    }

    @Test func gzipCanOnlyBeRangedWhole() throws {
        let dir = TemporaryDirectory()
        let path = dir.writeGzip("r.gz", members: [sample])
        let size = Int64(try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int)
        #expect(throws: InputError(.notSplittable, path: path, detail: "gzip data can only be read whole")) {
            try ByteSource(path: path, byteRange: 0..<(size / 2))
        }
        #expect(try readAllLines(try ByteSource(path: path, byteRange: 0..<size)) == expectedLines(sample))
    }

    @Test func standardInputIsNamedDash() throws {
        #expect(ByteSource.standardInput().name == "-")
        #expect(try ByteSource(path: "-").name == "-")
        #expect(try ByteSource(path: "-").fileDescriptor == STDIN_FILENO)
    }
}

@Suite struct InputErrorTests {
    @Test func missingFileNamesTheFile() {
        #expect(throws: InputError.self) { try ByteSource(path: "/nonexistent/x.log") }
        do {
            _ = try ByteSource(path: "/nonexistent/x.log")
        } catch {
            #expect(error.description == #"cannot open "/nonexistent/x.log": No such file or directory"#)
            #expect(error.kind == .cannotOpen)
        }
    }

    @Test func directoryIsRefused() {
        let dir = TemporaryDirectory()
        do {
            _ = try ByteSource(path: dir.path)
            Issue.record("a directory was opened")
        } catch {
            #expect(error.description == "\(dir.path): is a directory")
        }
    }

    @Test(.enabled(if: geteuid() != 0, "root can read any file"))
    func unreadableFile() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("secret.log", Array("x\n".utf8))
        chmod(path, 0)
        do {
            _ = try ByteSource(path: path)
            Issue.record("an unreadable file was opened")
        } catch {
            #expect(error.description == "cannot open \"\(path)\": Permission denied")
        }
    }

    @Test func corruptGzipNamesTheFile() throws {
        let dir = TemporaryDirectory()
        let path = dir.writeGzip("bad.log.gz", members: [Array(String(repeating: "[2024-05-06T07:08:09.123Z] line\n", count: 50).utf8)])
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[2] = 7  // compression method: not deflate
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        do {
            _ = try readAllLines(try ByteSource(path: path))
            Issue.record("corrupt gzip data was accepted")
        } catch let error as InputError {
            #expect(error.kind == .corruptGzip)
            #expect(error.description.hasPrefix("\(path): corrupt gzip data"))
        }
    }

    @Test func damagedChecksumIsCorrupt() throws {
        let dir = TemporaryDirectory()
        let path = dir.writeGzip("crc.gz", members: [Array("some text\n".utf8)])
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count - 6] ^= 0xFF  // inside the CRC32 trailer
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: InputError.self) { try readAllLines(try ByteSource(path: path)) }
    }

    @Test func truncatedGzipIsAnError() throws {
        let dir = TemporaryDirectory()
        let text = Array(String(repeating: "[2024-05-06T07:08:09.123Z] \"GET / HTTP/1.1\" 200\n", count: 400).utf8)
        let path = dir.writeGzip("cut.gz", members: [text])
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        try Data(bytes.prefix(bytes.count / 2)).write(to: URL(fileURLWithPath: path))
        #expect(throws: InputError(.truncatedGzip, path: path)) { try readAllLines(try ByteSource(path: path)) }
        #expect(InputError(.truncatedGzip, path: "cut.gz").description == "cut.gz: truncated gzip data (unexpected end of file)")
    }
}
