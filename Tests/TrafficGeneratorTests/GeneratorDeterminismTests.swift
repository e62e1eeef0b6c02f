import Foundation
import Testing
import TrafficGenerator

@Suite struct GeneratorDeterminismTests {
    private func bytes(_ options: GeneratorOptions) -> [UInt8] {
        var generator = TrafficGenerator(options: options)
        var out: [UInt8] = []
        while generator.appendNextLine(to: &out) {}
        return out
    }

    @Test(arguments: [Scenario.healthy, .circuitBreakerOverflow, .connectionPinning, .grpcErrors])
    func sameOptionsGiveIdenticalBytes(scenario: Scenario) {
        let options = GeneratorOptions(lines: 3000, seed: 42, prefix: .kubectlBoth, scenario: scenario)
        let first = bytes(options)
        #expect(!first.isEmpty)
        #expect(first == bytes(options))
    }

    @Test func differentSeedsGiveDifferentBytes() {
        let a = bytes(GeneratorOptions(lines: 500, seed: 1))
        let b = bytes(GeneratorOptions(lines: 500, seed: 2))
        #expect(a != b)
        #expect(a.count > 50_000)
    }

    @Test(arguments: [0, 1, 2, 999, 4321])
    func lineCountIsExact(lines: Int) {
        for format in [OutputFormat.istio19, .jsonTyped] {
            let out = bytes(GeneratorOptions(lines: lines, output: format, scenario: .accessDenied))
            #expect(out.filter { $0 == UInt8(ascii: "\n") }.count == lines)
            if lines > 0 { #expect(out.last == UInt8(ascii: "\n")) }
            #expect(!out.contains(0))
        }
    }

    @Test func appendReturnsFalseOnceDoneAndAppendsNothing() {
        var generator = TrafficGenerator(options: GeneratorOptions(lines: 3))
        var out: [UInt8] = []
        var results: [Bool] = []
        for _ in 0..<4 { results.append(generator.appendNextLine(to: &out)) }
        #expect(results == [true, true, true, false])
        let count = out.count
        let more = generator.appendNextLine(to: &out)
        #expect(!more)
        #expect(out.count == count)
        #expect(generator.linesWritten == 3)
    }

    @Test func writeToFileDescriptorMatchesAppendedLines() throws {
        let options = GeneratorOptions(lines: 2500, seed: 9, output: .jsonStrings, prefix: .cri)
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("meshlog-generator-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).log").path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(fd >= 0)
        defer { unlink(path) }
        var generator = TrafficGenerator(options: options)
        try generator.write(to: fd)
        close(fd)
        let written = try #require(FileManager.default.contents(atPath: path))
        #expect([UInt8](written) == bytes(options))
    }

    @Test func writeToClosedPipeThrows() throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        close(fds[0])
        signal(SIGPIPE, SIG_IGN)
        var generator = TrafficGenerator(options: GeneratorOptions(lines: 100))
        #expect(throws: GeneratorError.writeFailed(errno: EPIPE)) { try generator.write(to: fds[1]) }
        close(fds[1])
    }

    @Test func startTimeOptionMovesTheClock() throws {
        let log = GeneratedLog(GeneratorOptions(lines: 200, startTimeMs: 1_700_000_000_000))
        let first = try #require(log.accessLines.first)
        // 1_700_000_000_000 ms = 2023-11-14T22:13:20Z; early requests start just before it.
        #expect(first.tokens[0].hasPrefix("[2023-11-14T22:1"))
    }
}
