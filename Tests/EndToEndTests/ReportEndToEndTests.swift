import Foundation
import Testing

/// Drives the real binary: the report, its JSON schema, exit codes and input edge cases.
@Suite struct ReportEndToEndTests {
    /// Generated traffic as a file in a temp dir.
    func generated(_ args: [String], in dir: URL, name: String) throws -> URL {
        let file = dir.appendingPathComponent(name)
        let outcome = try MeshlogProcess.run(["generate"] + args + ["--output", file.path])
        #expect(outcome.status == 0, "generate failed: \(outcome.stderr)")
        return file
    }

    func json(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }

    @Test func jsonReportHasTheSchemaAndTotalsAddUp() throws {
        let dir = try MeshlogProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try generated(["--lines", "3000", "--seed", "3"], in: dir, name: "a.log")
        let outcome = try MeshlogProcess.run(["report", "--output", "json", log.path])
        #expect(outcome.status == 0)
        let report = try json(outcome.stdout)
        #expect(report["schema"] as? String == "meshlog.report/v1")
        let lines = try #require(report["lines"] as? [String: Any])
        let total = try #require(lines["total"] as? Int)
        let access = try #require(lines["access"] as? Int)
        let nonAccess = try #require(lines["non_access"] as? Int)
        let malformed = try #require(lines["malformed"] as? Int)
        #expect(total == 3000)
        #expect(access + nonAccess + malformed == total)
        #expect(malformed == 0)
        #expect(nonAccess > 0, "the generator mixes in ~2% proxy lines")
        let clusters = try #require(report["clusters"] as? [[String: Any]])
        #expect(!clusters.isEmpty)
        let first = try #require(clusters.first)
        #expect(first["latency_ms"] is [String: Any])
        #expect(first["hosts"] is [[String: Any]])
        #expect(report["findings"] is [Any])
        #expect(report["response_flags"] is [Any])
    }

    /// `taskset -c 0 meshlog report …` must not start a second parsing thread on the one CPU.
    @Test func defaultJobsFollowTheCPUAffinity() throws {
        let pinned = try MeshlogProcess.shell(#"taskset -c 0 "$MESHLOG" report --help | tr -s ' \n' ' '"#)
        #expect(pinned.status == 0)
        #expect(pinned.stdout.contains("run on. (default: 1)"), "\(pinned.stdout)")
        let all = try MeshlogProcess.shell(#""$MESHLOG" report --help | tr -s ' \n' ' '"#)
        let cpus = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        #expect(all.stdout.contains("run on. (default: \(cpus))"), "\(all.stdout)")
    }

    @Test func emptyInputSaysSoAndExitsZero() throws {
        let outcome = try MeshlogProcess.run(["report"], stdin: Data())
        #expect(outcome.status == 0)
        #expect(outcome.stderr.contains("no input"))
        #expect(outcome.stderr.split(separator: "\n").count == 1)
    }

    @Test func unreadableFileNamesTheFileAndExitsTwo() throws {
        let outcome = try MeshlogProcess.run(["report", "/nonexistent/istio-proxy.log"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("/nonexistent/istio-proxy.log"))
    }

    @Test func gzipInputReadsLikePlainText() throws {
        let dir = try MeshlogProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try generated(["--lines", "2000", "--seed", "5"], in: dir, name: "b.log")
        _ = try MeshlogProcess.shell("gzip -k '\(log.path)'")
        let plain = try MeshlogProcess.run(["report", "--output", "json", log.path])
        let zipped = try MeshlogProcess.run(["report", "--output", "json", log.path + ".gz"])
        let piped = try MeshlogProcess.shell("cat '\(log.path).gz' | \"$MESHLOG\" report --output json")
        #expect(plain.status == 0 && zipped.status == 0 && piped.status == 0)
        let a = try json(plain.stdout), b = try json(zipped.stdout), c = try json(piped.stdout)
        #expect(NSDictionary(dictionary: a["lines"] as! [String: Any]) == NSDictionary(dictionary: b["lines"] as! [String: Any]))
        #expect(NSDictionary(dictionary: a["lines"] as! [String: Any]) == NSDictionary(dictionary: c["lines"] as! [String: Any]))
        #expect(a["requests"] as? Int == b["requests"] as? Int)
    }

    /// Like `gzip -d`: the valid members are read, the garbage after them is named in a warning.
    @Test func gzipWithTrailingGarbageIsReadWithAWarning() throws {
        let dir = try MeshlogProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try generated(["--lines", "1000", "--seed", "3"], in: dir, name: "t.log")
        _ = try MeshlogProcess.shell("gzip -k '\(log.path)' && printf 'trailing junk' >> '\(log.path).gz'")
        let plain = try MeshlogProcess.run(["report", "--output", "json", log.path])
        let zipped = try MeshlogProcess.run(["report", "--output", "json", log.path + ".gz"])
        #expect(zipped.status == 0)
        #expect(zipped.stderr == "meshlog: warning: \(log.path).gz: trailing garbage after the gzip data ignored\n")
        #expect(try json(zipped.stdout)["requests"] as? Int == json(plain.stdout)["requests"] as? Int)
        let parsed = try MeshlogProcess.run(["parse", log.path + ".gz"])
        #expect(parsed.status == 0 && parsed.stderr.contains("trailing garbage"))
    }

    /// Every error comes out as one `meshlog: …` line with its exit status.
    @Test func errorsHaveOneShapeAndStatus() throws {
        let explain = try MeshlogProcess.run(["explain", "NOPE\u{1B}[31m"])
        #expect(explain.status == 2)
        #expect(explain.stderr.hasPrefix("meshlog: unknown flag or finding id 'NOPE?[31m'."))
        #expect(!explain.stderr.contains("\u{1B}"))
        let format = try MeshlogProcess.run(["report", "--format", "   "], stdin: Data())
        #expect(format.status == 2 && format.stderr == "meshlog: bad --format: the format is empty\n")
        let generate = try MeshlogProcess.run(["generate", "--lines", "1", "--output", "/nonexistent/dir/x.log"])
        #expect(generate.status == 2 && generate.stderr.hasPrefix("meshlog: generate: cannot write /nonexistent/dir/x.log"))
        let full = try MeshlogProcess.shell("\"$MESHLOG\" explain --list > /dev/full")
        #expect(full.status == 2 && full.stderr.hasPrefix("meshlog: cannot write output: "))
        let closed = try MeshlogProcess.shell("\"$MESHLOG\" generate --lines 100000 | head -1")
        #expect(closed.status == 0 && closed.stderr.isEmpty && closed.stdout.split(separator: "\n").count == 1)
    }

    @Test func closedPipeEndsQuietly() throws {
        let dir = try MeshlogProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try generated(["--lines", "20000"], in: dir, name: "c.log")
        let outcome = try MeshlogProcess.shell("\"$MESHLOG\" parse '\(log.path)' | head -1")
        #expect(outcome.status == 0)
        #expect(outcome.stderr.isEmpty)
        #expect(outcome.stdout.split(separator: "\n").count == 1)
    }

    @Test func badInputIsCountedNeverLost() throws {
        let dir = try MeshlogProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = try generated(["--lines", "500", "--seed", "9"], in: dir, name: "good.log")
        var data = try Data(contentsOf: good)
        var random = SystemRandomNumberGenerator()
        var junk = Data((0..<20_000).map { _ in UInt8.random(in: 0...255, using: &random) })
        junk.removeAll { $0 == 0x0A }
        data.append(junk)                                   // one long binary line
        data.append(contentsOf: [0x0A, 0x00, 0x00, 0x41, 0x0A])  // NUL bytes
        data.append(contentsOf: [0xC3, 0x28, 0xFF, 0x0A])   // invalid UTF-8
        data.append(Data(repeating: UInt8(ascii: "x"), count: 3 << 20))  // a 3 MB line, over the cap
        data.append(contentsOf: Array("\nno newline at the end".utf8))
        let file = dir.appendingPathComponent("bad.log")
        try data.write(to: file)
        let outcome = try MeshlogProcess.run(["report", "--output", "json", file.path])
        #expect(outcome.status == 0)
        let lines = try #require(try json(outcome.stdout)["lines"] as? [String: Any])
        let total = try #require(lines["total"] as? Int)
        #expect(total == 500 + 5)
        #expect((lines["access"] as! Int) + (lines["non_access"] as! Int) + (lines["malformed"] as! Int) == total)
        #expect((lines["malformed"] as! Int) >= 4)
        let samples = try #require(lines["malformed_samples"] as? [Any])
        #expect(!samples.isEmpty)
    }

    @Test func failOnGatesOnSeverity() throws {
        let dir = try MeshlogProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let broken = try generated(["--lines", "5000", "--scenario", "circuit-breaker-overflow"], in: dir, name: "uo.log")
        let healthy = try generated(["--lines", "5000", "--scenario", "healthy"], in: dir, name: "ok.log")
        #expect(try MeshlogProcess.run(["report", "--fail-on", "warning", broken.path]).status == 1)
        #expect(try MeshlogProcess.run(["report", "--fail-on", "warning", healthy.path]).status == 0)
        #expect(try MeshlogProcess.run(["report", "--fail-on", "bogus", healthy.path]).status != 0)
    }
}
