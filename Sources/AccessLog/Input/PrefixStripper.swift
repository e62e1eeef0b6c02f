/// Removes the prefixes that log tools put in front of istio-proxy's lines (kubectl `--timestamps`
/// and `--prefix`, stern, kail, CRI node files, docker json-file, docker compose, `[pod container]`)
/// and reports the pod/container they named.
///
/// It never alters a line that has no prefix: Istio text access lines (`[2024-…`), JSON access
/// lines (`{"…`), pilot-agent and Envoy application lines (`2024-…Z<TAB>info…`) come out unchanged.
/// Runs per line without allocating (its buffers grow to the largest line seen, then are reused).
/// Not thread-safe: one stripper per reading thread.
public struct PrefixStripper {
    /// The cap on a record joined from fragments (CRI `P` records, docker json-file entries without
    /// a final newline); longer records are cut (`isTruncated`).
    let maxJoinedLength: Int
    /// Unescaped docker json-file text.
    let unescaped = ByteScratch()
    /// CRI `P` fragments waiting for their final `F` record, per stream.
    let stdoutFragments = ByteScratch()
    let stderrFragments = ByteScratch()
    /// Docker json-file entries without a final `\n`, waiting for the entry that ends the line.
    let dockerStdoutFragments = ByteScratch()
    let dockerStderrFragments = ByteScratch()

    public init(maxJoinedLength: Int = 1 << 20) {
        self.maxJoinedLength = max(1, maxJoinedLength)
    }

    /// Strips `line`'s prefix. The result points into `line` or into the stripper's storage and is
    /// valid until the next call.
    public mutating func strip(_ line: UnsafeRawBufferPointer) -> StrippedLine {
        let s = PrefixScanner(line)
        let first = s.byte(0)
        switch first {
        case 0x5B:  // [
            if s.isDigit(1) { return StrippedLine(content: line) }  // Istio text access line: fast path
            if s.matches("[pod/", at: 0), let stripped = stripKubectlPrefix(s) { return stripped }
            return stripGenericBrackets(s) ?? StrippedLine(content: line)
        case 0x7B:  // {
            if s.matches("{\"log\":\"", at: 0), let stripped = stripDockerJSON(s) { return stripped }
            return StrippedLine(content: line)
        default:
            if s.isDigit(0), let stripped = stripLeadingTimestamp(s) { return stripped }
            return stripToolPrefix(s) ?? StrippedLine(content: line)
        }
    }

    /// At the end of the input: a record whose final fragment never came, joined from the fragments
    /// kept so far (call until nil; stdout first). Valid until the next call.
    public mutating func finishPartial() -> StrippedLine? {
        let pending: [(ByteScratch, PrefixStyle)] = [(stdoutFragments, .cri), (stderrFragments, .cri),
                                                     (dockerStdoutFragments, .dockerJSON), (dockerStderrFragments, .dockerJSON)]
        for (fragments, style) in pending where fragments.fragments > 0 {
            let joined = StrippedLine(content: fragments.bytes, style: style, isTruncated: fragments.overflowed,
                                      joinedFragments: fragments.fragments)
            fragments.reset()
            return joined
        }
        return nil
    }

    // MARK: - kubectl and CRI

    /// `[pod/NAME/CONTAINER] ` and, with `--timestamps`, a timestamp after it.
    private func stripKubectlPrefix(_ s: PrefixScanner) -> StrippedLine? {
        guard let podEnd = s.nameEnd(at: 5, dots: true), s.byte(podEnd) == 0x2F,
              let containerEnd = s.nameEnd(at: podEnd + 1, dots: false),
              s.byte(containerEnd) == 0x5D, s.byte(containerEnd + 1) == 0x20 else { return nil }
        var start = containerEnd + 2
        var style = PrefixStyle.kubectlPrefix
        if let after = timestampPrefixEnd(s, at: start) {
            start = after
            style = .kubectlPrefixTimestamps
        }
        return StrippedLine(content: s.rest(start), pod: s.slice(5, podEnd),
                            container: s.slice(podEnd + 1, containerEnd), style: style)
    }

    /// A line that starts with a timestamp: CRI (`TS stdout F msg`) or `kubectl --timestamps`.
    /// A timestamp followed by a TAB (pilot-agent, Envoy application log) is not a prefix.
    private mutating func stripLeadingTimestamp(_ s: PrefixScanner) -> StrippedLine? {
        guard let stamp = s.timestampEnd(at: 0), s.byte(stamp) == 0x20 else { return nil }
        let stream = stamp + 1
        let isStdout = s.matches("stdout ", at: stream)
        if isStdout || s.matches("stderr ", at: stream) {
            let tag = s.byte(stream + 7)
            if (tag == 0x46 || tag == 0x50), s.byte(stream + 8) == 0x20 || stream + 8 == s.count {
                return criRecord(s.rest(stream + 9), fragments: isStdout ? stdoutFragments : stderrFragments,
                                 isPartial: tag == 0x50)
            }
        }
        guard let start = textStart(afterTimestampEndingAt: stamp, s) else { return nil }
        return StrippedLine(content: s.rest(start), style: .kubectlTimestamps)
    }

    /// Where the text after a `TIMESTAMP ` prefix at `i` starts, or nil when there is none. A
    /// timestamp followed by a TAB, by more blanks, or by a log level (`info `, a pilot-agent line
    /// whose TABs became spaces) is the line's own timestamp and is kept.
    func timestampPrefixEnd(_ s: PrefixScanner, at i: Int) -> Int? {
        guard let stamp = s.timestampEnd(at: i) else { return nil }
        return textStart(afterTimestampEndingAt: stamp, s)
    }

    /// `timestampPrefixEnd` for a timestamp already found to end at `stamp`.
    private func textStart(afterTimestampEndingAt stamp: Int, _ s: PrefixScanner) -> Int? {
        guard s.byte(stamp) == 0x20 else { return nil }
        let next = s.byte(stamp + 1)
        if stamp + 1 < s.count, next == 0x20 || next == 0x09 || s.startsWithLogLevel(at: stamp + 1) { return nil }
        return stamp + 1
    }

    /// One CRI record: `F` ends a record (joined with earlier `P` fragments), `P` is kept.
    private func criRecord(_ message: UnsafeRawBufferPointer, fragments: ByteScratch, isPartial: Bool) -> StrippedLine {
        if isPartial {
            fragments.append(message, limit: maxJoinedLength)
            fragments.fragments += 1
            return StrippedLine(content: StrippedLine.empty, style: .cri, isPartial: true)
        }
        guard fragments.fragments > 0 else { return StrippedLine(content: message, style: .cri) }
        fragments.append(message, limit: maxJoinedLength)
        // The bytes stay in place until the next call; only the count is reset.
        let joined = StrippedLine(content: fragments.bytes, style: .cri, isTruncated: fragments.overflowed,
                                  joinedFragments: fragments.fragments)
        fragments.reset()
        return joined
    }
}
