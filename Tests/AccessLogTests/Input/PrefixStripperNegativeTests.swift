import Testing
@testable import AccessLog

/// Lines without a tool prefix must come out exactly as they went in.
@Suite struct PrefixStripperNegativeTests {
    @Test(arguments: IstioLines.all + IstioLines.nonAccess + [
        "",
        " ",
        "info ads all caches have been synced up in 37.6944ms, marking server ready",
        "2024-01-02T03:04:05.123456Z  info  Envoy proxy is ready",          // TABs turned into spaces
        "2024-01-02T03:04:05.123456Z info\tEnvoy proxy is ready",
        "2024-01-02T03:04:05.123456Z warning envoy config\tIgnoring unwatched type URL",
        "2024-01-02T03:04:05Z",
        "{\"log\":\"not docker\",\"level\":\"info\"}",                       // no "stream" key after log
        "{\"log\":\"unterminated",
        "[pod/UPPER/istio-proxy] [2024-05-06T07:08:09.123Z] \"GET / HTTP/1.1\" 200",
        "[pod/a-b/istio-proxy][2024-05-06T07:08:09.123Z] \"GET / HTTP/1.1\" 200",
        "[istio-proxy] hello",                                           // remainder is not a log line
        "[warning] [2024-05-06T07:08:09.123Z] foo bar",                   // `[container]` needs a log start… which this has
        "reviews-v1 istio-proxy hello world",                            // stern-like words, then plain text
        "GET /api/items 200",
        "Epoch 0 starting",
        "  at main.go:12",
        "goroutine 1 [running]:",
        "\u{1B}[31mred text\u{1B}[0m only",
        "- - [02/Jan/2024 10:00:00] \"GET / HTTP/1.1\" 200",
        "ns/pod[container] missing colon",
    ])
    func unprefixedLineIsUnchanged(line: String) {
        var stripper = PrefixStripper()
        let result = stripper.run(line)
        if line.hasPrefix("[warning] [2024") {
            // `[container] ` followed by an access-looking line is a generic prefix: documented behaviour.
            #expect(result == Stripped(content: "[2024-05-06T07:08:09.123Z] foo bar", container: "warning", style: .generic))
        } else {
            #expect(result == Stripped(content: line))
        }
    }

    @Test func fastPathReturnsTheSameBytes() {
        var stripper = PrefixStripper()
        for line in IstioLines.all {
            let bytes = Array(line.utf8)
            bytes.withUnsafeBytes { raw in
                let stripped = stripper.strip(raw)
                #expect(stripped.content.baseAddress == raw.baseAddress)
                #expect(stripped.content.count == raw.count)
                #expect(stripped.style == .none && !stripped.hasSource && !stripped.isPartial)
            }
        }
    }

    @Test func prefixStrippedOnlyOnce() {
        var stripper = PrefixStripper()
        // The access line itself starts with a timestamp-like token only after the prefix.
        let line = "2024-05-06T07:08:09.1Z 2024-05-06T07:08:09.2Z\tinfo\tEnvoy proxy is ready"
        #expect(stripper.run(line) == Stripped(content: "2024-05-06T07:08:09.2Z\tinfo\tEnvoy proxy is ready", style: .kubectlTimestamps))
    }

    @Test func nulAndBinaryBytesNeverCrash() {
        var stripper = PrefixStripper()
        var random = SeededRandom(seed: 3)
        let seeds: [[UInt8]] = [Array("[pod/".utf8), Array("{\"log\":\"".utf8), Array("2024-05-06T07:08:09.1Z stdout ".utf8),
                                Array("ns/pod[".utf8), [0x1B, 0x5B], Array("a b ".utf8), Array("[a ".utf8)]
        for k in 0..<3000 {
            var bytes = seeds[k % seeds.count]
            for _ in 0..<Int(random.next() % 24) { bytes.append(UInt8(truncatingIfNeeded: random.next())) }
            bytes.withUnsafeBytes { raw in
                let s = stripper.strip(raw)
                #expect(s.content.count <= raw.count)
            }
        }
    }
}
