import TrafficGenerator

/// Test helper: runs the generator and splits its output into lines and tokens the way the format
/// reference (§1.2) describes, so the tests check the bytes, not the generator's internals.
struct GeneratedLog {
    let options: GeneratorOptions
    let lines: [String]

    init(_ options: GeneratorOptions) {
        self.options = options
        var generator = TrafficGenerator(options: options)
        var bytes: [UInt8] = []
        while generator.appendNextLine(to: &bytes) {}
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        lines = text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    init(lines: Int = 6000, seed: UInt64 = 7, output: OutputFormat = .istio19, prefix: GeneratedPrefix = .none,
         scenario: Scenario = .healthy) {
        self.init(GeneratorOptions(lines: lines, seed: seed, output: output, prefix: prefix, scenario: scenario))
    }

    /// Text access lines (prefix removed), tokenised.
    var accessLines: [AccessLine] {
        lines.compactMap { line in
            let (pod, rest) = GeneratedLog.stripPodPrefix(line)
            guard GeneratedLog.isTextAccess(rest) else { return nil }
            return AccessLine(pod: pod, tokens: GeneratedLog.tokenize(rest))
        }
    }

    /// `[2026-11-20T…` (Envoy's own app log starts `[2026-11-20 10:…`, without the `T`).
    static func isTextAccess<S: StringProtocol>(_ line: S) -> Bool {
        line.hasPrefix("[20") && line.count > 11 && line[line.index(line.startIndex, offsetBy: 11)] == "T"
    }

    /// `[pod/NAME/istio-proxy] rest` → (NAME, rest).
    static func stripPodPrefix(_ line: String) -> (String?, Substring) {
        guard line.hasPrefix("[pod/"), let close = line.firstIndex(of: "]") else { return (nil, Substring(line)) }
        let inside = line[line.index(line.startIndex, offsetBy: 5)..<close]
        let pod = inside.split(separator: "/").first.map(String.init)
        let restStart = line.index(close, offsetBy: 2, limitedBy: line.endIndex) ?? line.endIndex
        return (pod, line[restStart...])
    }

    /// `[…]` first, then `"…"` or a run of non-spaces; a trailing space yields a trailing empty token.
    static func tokenize(_ line: Substring) -> [String] {
        var tokens: [String] = []
        var i = line.startIndex
        if line.first == "[", let close = line.firstIndex(of: "]") {
            tokens.append(String(line[i...close]))
            i = line.index(after: close)
        }
        while i < line.endIndex {
            if line[i] == " " {
                i = line.index(after: i)
                if i == line.endIndex { tokens.append("") }
                continue
            }
            if line[i] == "\"" {
                let start = line.index(after: i)
                let end = line[start...].firstIndex(of: "\"") ?? line.endIndex
                tokens.append(String(line[i..<min(line.index(after: end), line.endIndex)]))
                i = end < line.endIndex ? line.index(after: end) : end
            } else {
                let end = line[i...].firstIndex(of: " ") ?? line.endIndex
                tokens.append(String(line[i..<end]))
                i = end
            }
        }
        return tokens
    }
}

/// One access line of the Istio 1.9+ layout (also the first 22 tokens of `customGrpc`).
struct AccessLine {
    let pod: String?
    let tokens: [String]

    private func unquoted(_ i: Int) -> String {
        guard i < tokens.count else { return "" }
        let t = tokens[i]
        return t.hasPrefix("\"") && t.count >= 2 ? String(t.dropFirst().dropLast()) : t
    }

    var requestLine: String { unquoted(1) }
    var method: String { String(requestLine.split(separator: " ").first ?? "") }
    var path: String { requestLine.split(separator: " ").dropFirst().first.map(String.init) ?? "" }
    var isTCP: Bool { requestLine == "- - -" }
    var isHTTP2: Bool { requestLine.hasSuffix("HTTP/2") }
    var code: Int { Int(tokens[2]) ?? -1 }
    var flags: String { tokens[3] }
    var details: String { tokens[4] }
    var transportFailure: String { unquoted(6) }
    var bytesReceived: Int { Int(tokens[7]) ?? -1 }
    var bytesSent: Int { Int(tokens[8]) ?? -1 }
    var duration: Int { Int(tokens[9]) ?? -1 }
    var authority: String { unquoted(14) }
    var host: String { unquoted(15) }
    var cluster: String { tokens[16] }
    var downstreamRemote: String { tokens[19] }
    var route: String { tokens.count > 21 ? tokens[21] : "" }
    var grpcStatus: String { tokens.count > 22 ? tokens[22] : "" }
    var attempts: Int { tokens.count > 23 ? Int(tokens[23]) ?? -1 : -1 }
    var isOutbound: Bool { cluster.hasPrefix("outbound|") }
    var isInbound: Bool { cluster.hasPrefix("inbound|") }
    var flagSet: Set<Substring> { flags == "-" ? [] : Set(flags.split(separator: ",")) }
}

extension Array where Element == AccessLine {
    func outbound(_ service: String) -> [AccessLine] { filter { $0.isOutbound && $0.cluster.hasSuffix("|\(service).shop.svc.cluster.local") } }
    func share(_ predicate: (AccessLine) -> Bool) -> Double {
        isEmpty ? 0 : Double(filter(predicate).count) / Double(count)
    }
}

/// p-th percentile (0…1) of integers, nearest rank.
func percentile(_ values: [Int], _ p: Double) -> Int {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}
