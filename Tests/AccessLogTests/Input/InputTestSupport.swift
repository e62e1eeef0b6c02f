import CZlib
import Foundation
@testable import AccessLog

/// A temporary directory removed when released.
final class TemporaryDirectory {
    let path: String

    init() {
        var template = Array("\(NSTemporaryDirectory())/meshlog-input-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { "\(path)/\(name)" }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let target = file(name)
        _ = FileManager.default.createFile(atPath: target, contents: Data(bytes))
        return target
    }

    /// Writes `members` as consecutive gzip members of one file (a single member when one).
    @discardableResult
    func writeGzip(_ name: String, members: [[UInt8]]) -> String {
        let target = file(name)
        for (index, member) in members.enumerated() {
            let handle = gzopen(target, index == 0 ? "wb" : "ab")!
            member.withUnsafeBytes { _ = gzwrite(handle, $0.baseAddress, UInt32($0.count)) }
            gzclose(handle)
        }
        return target
    }
}

/// One line as a test sees it.
struct ReadLine: Equatable, CustomStringConvertible {
    var bytes: [UInt8]
    var truncated: Bool
    var description: String { "\(truncated ? "✂︎" : "")\(String(decoding: bytes, as: UTF8.self).debugDescription)" }
}

/// Reads every line of `source` with a `LineReader`.
func readAllLines(_ source: ByteSource, chunkSize: Int = 1 << 16, maxLineLength: Int = 1 << 20) throws -> [ReadLine] {
    var reader = LineReader(source: source, chunkSize: chunkSize, maxLineLength: maxLineLength)
    var lines: [ReadLine] = []
    try reader.forEachLine { line, truncated in lines.append(ReadLine(bytes: Array(line), truncated: truncated)) }
    return lines
}

/// What `LineReader` must produce for `text`, computed the obvious way in memory.
func expectedLines(_ text: [UInt8], maxLineLength: Int = 1 << 20) -> [ReadLine] {
    var pieces = text.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
    if pieces.last?.isEmpty == true { pieces.removeLast() }
    return pieces.map { piece in
        var line = piece
        if line.last == 0x0D { line.removeLast() }
        if line.count > maxLineLength { return ReadLine(bytes: Array(line.prefix(maxLineLength)), truncated: true) }
        return ReadLine(bytes: line, truncated: false)
    }
}

/// A small deterministic random generator (SplitMix64).
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random text rich in the bytes that matter to line splitting.
func randomText(length: Int, using random: inout SeededRandom) -> [UInt8] {
    let alphabet: [UInt8] = Array("ab [\"0\r\n\n".utf8) + [0x00, 0xC3, 0xA9]
    return (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
}

/// A pipe whose read end is opened as a `ByteSource` through /dev/fd, fed by `writer` on another
/// thread with the write end (closed when `writer` returns).
func pipeSource(writer: @escaping @Sendable (Int32) -> Void) throws -> ByteSource {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { throw InputError(.cannotOpen, path: "pipe") }
    let source = try ByteSource(path: "/dev/fd/\(fds[0])")
    close(fds[0])
    let writeEnd = fds[1]
    Thread {
        writer(writeEnd)
        close(writeEnd)
    }.start()
    return source
}

/// Writes all of `bytes` to `fd`.
func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
    bytes.withUnsafeBytes { raw in
        var done = 0
        while done < raw.count {
            let n = write(fd, raw.baseAddress! + done, raw.count - done)
            if n <= 0 { return }
            done += n
        }
    }
}
