import AccessLog
import Analysis
import Foundation
import Testing

/// Following files like `tail -F`, driven one file operation at a time: every line is read exactly
/// once across appends, rename-and-recreate, copytruncate, a late-created file and a gzip file.
@Suite struct FollowSessionTests {
    static func line(_ k: Int) -> String {
        #"[2024-05-06T07:08:09.123Z] "GET /n/\#(k) HTTP/1.1" 200 - via_upstream - "-" 0 12 3 2 "-" "curl" "id" "a:80" "10.0.0.1:80" outbound|80||a.shop.svc.cluster.local 10.0.0.5:1 10.0.0.9:80 10.0.0.5:2 - default"#
    }

    final class Dir {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("meshlog-follow-\(UUID().uuidString)")
        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }

        /// Appends lines `range` (and an unfinished one when `partial`) through a handle, as a writer would.
        func append(_ name: String, _ range: Range<Int>, partial: String? = nil) throws {
            let path = path(name)
            if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
            let handle = try #require(FileHandle(forWritingAtPath: path))
            try handle.seekToEnd()
            let text = range.map { FollowSessionTests.line($0) + "\n" }.joined() + (partial ?? "")
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        }
    }

    /// The `/n/K` numbers of the access lines read so far.
    func numbers(_ session: FollowSession<CollectingSink>) -> [Int] {
        session.processor.sink.access.compactMap { $0.path.flatMap { Int($0.dropFirst(3)) } }
    }

    @Test func everyLineOnceAcrossRotations() throws {
        let dir = try Dir()
        try dir.append("b.log", 0..<3)
        var session = FollowSession(paths: [dir.path("a.log"), dir.path("b.log")],
                                    processor: LineProcessor(parser: LineParser(), sink: CollectingSink()))
        session.step()
        #expect(numbers(session) == [0, 1, 2])
        #expect(session.followed.map(\.state) == [.waiting, .following])
        #expect(session.step() == 0)

        // Appended lines, one of them still being written.
        try dir.append("b.log", 3..<5, partial: "[2024-05-06T07:08:09.123Z] \"GET /n/5")
        session.step()
        #expect(numbers(session) == [0, 1, 2, 3, 4])
        let rest = String(Self.line(5).dropFirst(#"[2024-05-06T07:08:09.123Z] "GET /n/5"#.count)) + "\n"
        let handle = try #require(FileHandle(forWritingAtPath: dir.path("b.log")))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(rest.utf8))
        try handle.close()
        session.step()
        #expect(numbers(session) == Array(0...5))

        // A file created later.
        try dir.append("a.log", 6..<8)
        session.step()
        #expect(numbers(session) == Array(0...7))
        #expect(session.followed.map(\.state) == [.following, .following])

        // Rename and recreate: the writer still adds a line to the old file before it switches.
        try FileManager.default.moveItem(atPath: dir.path("b.log"), toPath: dir.path("b.log.1"))
        try dir.append("b.log.1", 8..<9)
        try dir.append("b.log", 9..<11)
        session.step()
        #expect(numbers(session).sorted() == Array(0...10))

        // copytruncate: copied away, truncated in place, written again.
        try FileManager.default.copyItem(atPath: dir.path("a.log"), toPath: dir.path("a.log.1"))
        try FileHandle(forWritingAtPath: dir.path("a.log"))!.truncate(atOffset: 0)
        try dir.append("a.log", 11..<12)
        session.step()
        #expect(numbers(session).sorted() == Array(0...11))
        #expect(session.followed.map(\.rotations) == [1, 1])

        // Removed: waits for the name to come back.
        try FileManager.default.removeItem(atPath: dir.path("a.log"))
        session.step()
        #expect(session.followed.first?.state == .waiting)
        try dir.append("a.log", 12..<13, partial: Self.line(13))
        session.step()
        #expect(numbers(session).sorted() == Array(0...12))

        // At the end, a last line without its newline is read too.
        session.finish()
        #expect(numbers(session).sorted() == Array(0...13))
        let sink = session.processor.sink
        #expect(sink.total == 14 && sink.access.count == 14)
    }

    @Test func gzipFilesAreReadOnce() throws {
        let dir = try Dir()
        try dir.append("0.log", 0..<4)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-k", dir.path("0.log")]
        try gzip.run()
        gzip.waitUntilExit()
        try #require(gzip.terminationStatus == 0)
        var session = FollowSession(paths: [dir.path("0.log.gz")],
                                    processor: LineProcessor(parser: LineParser(), sink: CollectingSink()))
        session.step()
        session.step()
        session.finish()
        #expect(numbers(session) == [0, 1, 2, 3])
        #expect(session.followed.map(\.state) == [.readOnce])
        #expect(session.warnings.isEmpty)
    }

    /// Trailing garbage after a followed gzip file's data: its lines are read, and a warning says so.
    @Test func gzipTrailingGarbageIsAWarning() throws {
        let dir = try Dir()
        try dir.append("0.log", 0..<3)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", dir.path("0.log")]
        try gzip.run()
        gzip.waitUntilExit()
        try #require(gzip.terminationStatus == 0)
        let handle = try #require(FileHandle(forWritingAtPath: dir.path("0.log.gz")))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("not gzip".utf8))
        try handle.close()
        var session = FollowSession(paths: [dir.path("0.log.gz")],
                                    processor: LineProcessor(parser: LineParser(), sink: CollectingSink()))
        session.step()
        session.step()
        session.finish()
        #expect(numbers(session) == [0, 1, 2])
        #expect(session.warnings == [InputWarning(.trailingGarbage, path: dir.path("0.log.gz"))])
    }
}
