/// Classifies a line that is not an access record from its first bytes (reference §10.2):
/// pilot-agent and Envoy application logs, ztunnel access lines, continuations (header dumps,
/// indented or bracketed dump lines, Go panics), other containers' lines, binary junk.
enum NonAccessClassifier {
    static func classify(_ line: UnsafeRawBufferPointer) -> LineClass {
        let n = line.count
        var i = 0
        while i < n, isBlank(line[i]) { i += 1 }
        if i == n { return .nonAccess(.blank) }
        let kind: NonAccessKind?
        if i > 0 {
            kind = .continuation
        } else {
            kind = classifyByFirstBytes(line)
        }
        if LineBytesCheck.isBinary(line) { return .malformed(.binary) }
        guard let kind else { return .malformed(.unrecognised) }
        return .nonAccess(kind)
    }

    private static func classifyByFirstBytes(_ line: UnsafeRawBufferPointer) -> NonAccessKind? {
        let b = line[0]
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return timestampedKind(line) ?? .other
        case UInt8(ascii: "["):
            if FormatBytes.hasPrefix(line, at: 0, "[Envoy (Epoch ") { return .envoyApplication }
            if isEnvoyBracketLog(line) { return .envoyApplication }
            return .other
        case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ","),
             UInt8(ascii: "{"):
            return .continuation
        case UInt8(ascii: "-"):
            // YAML list items and document markers.
            return line.count == 1 || line[1] == 0x20 || FormatBytes.hasPrefix(line, at: 0, "---")
                ? .continuation : .other
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            if FormatBytes.hasPrefix(line, at: 0, "goroutine ") || FormatBytes.hasPrefix(line, at: 0, "panic: ")
                || FormatBytes.hasPrefix(line, at: 0, "created by ") {
                return .continuation
            }
            return isYAMLKey(line) ? .continuation : .other
        default:
            return b >= 0x80 || b == UInt8(ascii: "#") || b == UInt8(ascii: "<") || b == UInt8(ascii: "/")
                || b == UInt8(ascii: "(") || b == UInt8(ascii: "*") || b == UInt8(ascii: "=")
                ? .other : nil
        }
    }

    /// `2024-01-02T03:04:05.123456Z<TAB or spaces>level<sep>…`: pilot-agent (zap), Envoy application
    /// log as Istio ≥1.6 configures it (`…\tinfo\tenvoy config\t…`), or ztunnel (`…\tinfo\taccess\t…`).
    private static func timestampedKind(_ line: UnsafeRawBufferPointer) -> NonAccessKind? {
        let n = line.count
        guard n >= 20, line[4] == UInt8(ascii: "-"), line[7] == UInt8(ascii: "-"),
              line[10] == UInt8(ascii: "T") || line[10] == UInt8(ascii: " ") else { return nil }
        var i = 11
        while i < n, !FormatBytes.isSpace(line[i]) { i += 1 }
        guard let (level, levelEnd) = word(line, after: i), isLevel(line, level) else { return nil }
        guard let (scope, _) = word(line, after: levelEnd) else { return .istioAgent }
        // Scopes are lower case; "Envoy proxy is ready" is an agent message, not the envoy scope.
        if equals(line, scope, "envoy", foldCase: false) { return .envoyApplication }
        if equals(line, scope, "access", foldCase: false) { return .ztunnel }
        return .istioAgent
    }

    /// The next word after the separator (TABs or spaces) that starts at `from`.
    private static func word(_ line: UnsafeRawBufferPointer, after from: Int) -> (FieldRange, Int)? {
        var i = from
        let n = line.count
        guard i < n, FormatBytes.isSpace(line[i]) else { return nil }
        while i < n, FormatBytes.isSpace(line[i]) { i += 1 }
        let start = i
        while i < n, !FormatBytes.isSpace(line[i]) { i += 1 }
        return i > start ? (FieldRange(start, i), i) : nil
    }

    private static func isLevel(_ line: UnsafeRawBufferPointer, _ r: FieldRange) -> Bool {
        for name in levels where equals(line, r, name) {
            return true
        }
        return false
    }

    private static let levels = ["debug", "info", "warn", "warning", "error", "fatal", "critical", "trace",
                                 "panic", "dpanic"]

    private static func equals(_ line: UnsafeRawBufferPointer, _ r: FieldRange, _ word: String,
                               foldCase: Bool = true) -> Bool {
        guard r.count == word.utf8.count else { return false }
        var k = Int(r.lo)
        for c in word.utf8 {
            guard (foldCase ? line[k] | 0x20 : line[k]) == c else { return false }
            k += 1
        }
        return true
    }

    /// Envoy's own default log format: `[2019-03-01 10:00:00.000][21][warning][config] …`.
    private static func isEnvoyBracketLog(_ line: UnsafeRawBufferPointer) -> Bool {
        guard line.count > 26, FormatBytes.isDigit(line[1]), line[5] == UInt8(ascii: "-") else { return false }
        let close = FormatBytes.find(UInt8(ascii: "]"), in: line, 1, min(line.count, 40))
        return close + 1 < line.count && line[close + 1] == UInt8(ascii: "[")
    }

    /// A YAML mapping line `key:` or `key: value` (config dumps), key in lower camel or snake case.
    private static func isYAMLKey(_ line: UnsafeRawBufferPointer) -> Bool {
        guard FormatBytes.isLower(line[0]) else { return false }
        var i = 1
        while i < line.count, FormatBytes.isLetter(line[i]) || FormatBytes.isDigit(line[i])
            || line[i] == UInt8(ascii: "_") { i += 1 }
        guard i < line.count, line[i] == UInt8(ascii: ":") else { return false }
        return i + 1 == line.count || line[i + 1] == 0x20
    }

    @inline(__always) private static func isBlank(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C
    }
}
