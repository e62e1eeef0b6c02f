import Foundation
import Testing
@testable import AccessLog

/// Bytes after the last complete gzip member that do not start another member are ignored with a
/// warning, as `gzip -d` does: every valid member is read. Damage inside a member stays an error.
@Suite struct GzipTrailingGarbageTests {
    let text = Array(String(repeating: "[2024-05-06T07:08:09.123Z] \"GET / HTTP/1.1\" 200\n", count: 300).utf8)

    func file(_ members: Int, garbage: [UInt8]) throws -> (TemporaryDirectory, String) {
        let dir = TemporaryDirectory()
        let path = dir.writeGzip("g.gz", members: Array(repeating: text, count: members))
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes += garbage
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (dir, path)
    }

    @Test(arguments: [
        Array("not gzip at all\n".utf8),
        [0x1F],                                   // a lone first magic byte
        [0x1F, 0x8B],                             // a header that ends at once
        [0x78, 0x9C, 0x01, 0x02, 0x03],           // looks like a zlib header, is not
        Array(repeating: 0xAB, count: 300_000),   // more garbage than one read
    ])
    func validMembersAreReadThenAWarning(garbage: [UInt8]) throws {
        let (dir, path) = try file(2, garbage: garbage)
        _ = dir
        let source = try ByteSource(path: path)
        let lines = try readAllLines(source)
        #expect(lines.count == 600)
        #expect(source.warnings == [InputWarning(.trailingGarbage, path: path)])
        #expect(source.warnings.first?.description == "\(path): trailing garbage after the gzip data ignored")
    }

    @Test func throughAPipeToo() throws {
        let (dir, path) = try file(1, garbage: Array("garbage".utf8))
        _ = dir
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let source = try pipeSource { fd in writeAll(fd, bytes) }
        #expect(try readAllLines(source, chunkSize: 64).count == 300)
        #expect(source.warnings.map(\.kind) == [.trailingGarbage])
    }

    @Test func cleanFilesHaveNoWarning() throws {
        let (dir, path) = try file(2, garbage: [0, 0, 0])   // zero padding is not garbage
        _ = dir
        let source = try ByteSource(path: path)
        #expect(try readAllLines(source).count == 600)
        #expect(source.warnings.isEmpty)
    }

    @Test func garbageBeforeAnyCompleteMemberIsStillAnError() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("only-header.gz", [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03] + Array("junk".utf8))
        #expect(throws: InputError.self) { try readAllLines(try ByteSource(path: path)) }
    }

    @Test func aDamagedSecondMemberIsStillAnError() throws {
        let dir = TemporaryDirectory()
        let path = dir.writeGzip("two.gz", members: [text, text])
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count - 6] ^= 0xFF   // the second member's CRC
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: InputError.self) { try readAllLines(try ByteSource(path: path)) }
    }
}
