/// Prefixes made of names: kail, docker compose, stern, `[pod container]`.
extension PrefixStripper {
    /// kail (`ns/pod[container]: `), docker compose (`web-1  | `) or stern (`pod container `).
    func stripToolPrefix(_ s: PrefixScanner) -> StrippedLine? {
        // One look at what ends the first name picks the candidates.
        let firstStart = s.skipANSI(at: 0)
        guard let firstEnd = s.composeNameEnd(at: firstStart) else { return nil }
        switch s.byte(firstEnd) {
        case 0x2F: return stripKail(s)                          // ns/pod[container]:
        case 0x20, 0x1B: return stripCompose(s, nameStart: firstStart, nameEnd: firstEnd) ?? stripStern(s)
        default: return nil
        }
    }

    /// kail: `NAMESPACE/POD[CONTAINER]: `.
    private func stripKail(_ s: PrefixScanner) -> StrippedLine? {
        guard let namespaceEnd = s.nameEnd(at: 0, dots: false), s.byte(namespaceEnd) == 0x2F,
              let podEnd = s.nameEnd(at: namespaceEnd + 1, dots: true), s.byte(podEnd) == 0x5B,
              let containerEnd = s.nameEnd(at: podEnd + 1, dots: false),
              s.matches("]:", at: containerEnd) else { return nil }
        let after = containerEnd + 2
        guard s.byte(after) == 0x20 || after == s.count else { return nil }
        return StrippedLine(content: s.rest(after + 1), pod: s.slice(namespaceEnd + 1, podEnd),
                            container: s.slice(podEnd + 1, containerEnd), namespace: s.slice(0, namespaceEnd),
                            style: .kail)
    }

    /// docker compose: `NAME<spaces>| ` (maybe coloured), maybe followed by `-t`'s timestamp.
    private func stripCompose(_ s: PrefixScanner, nameStart: Int, nameEnd: Int) -> StrippedLine? {
        guard s.byte(nameEnd) == 0x20 else { return nil }
        var bar = nameEnd
        while s.byte(bar) == 0x20 { bar += 1 }
        guard s.byte(bar) == 0x7C else { return nil }
        let afterBar = s.skipANSI(at: bar + 1)
        guard s.byte(afterBar) == 0x20 || afterBar == s.count else { return nil }
        var start = afterBar + 1
        if let afterStamp = timestampPrefixEnd(s, at: start) { start = afterStamp }
        return StrippedLine(content: s.rest(start), pod: s.slice(nameStart, nameEnd), style: .dockerCompose)
    }

    /// stern: `POD CONTAINER ` or `NAMESPACE POD CONTAINER `, names maybe wrapped in ANSI colours,
    /// then maybe stern's `--timestamps`. Taken as a prefix only when the names look like
    /// Kubernetes names and what follows starts like a log line.
    private func stripStern(_ s: PrefixScanner) -> StrippedLine? {
        guard let first = word(s, at: 0), let second = word(s, at: first.next) else { return nil }
        var pod = first, container = second, namespace: (start: Int, end: Int, next: Int)?
        if !(s.looksLikeLogStart(at: second.next) && isLabel(s, second)) {
            guard isLabel(s, first), let third = word(s, at: second.next), isLabel(s, third),
                  s.looksLikeLogStart(at: third.next) else { return nil }
            namespace = first
            pod = second
            container = third
        }
        var start = container.next
        var style = PrefixStyle.stern
        if let afterStamp = timestampPrefixEnd(s, at: start) {
            start = afterStamp
            style = .sternTimestamps
        } else if let shortEnd = s.shortTimestampEnd(at: start), s.byte(shortEnd) == 0x20 {
            start = shortEnd + 1
            style = .sternTimestamps
        }
        let namespaceText = namespace.map { s.slice($0.start, $0.end) } ?? StrippedLine.empty
        return StrippedLine(content: s.rest(start), pod: s.slice(pod.start, pod.end),
                            container: s.slice(container.start, container.end), namespace: namespaceText,
                            style: style)
    }

    /// `[POD CONTAINER] ` or `[CONTAINER] ` followed by something that starts like a log line.
    func stripGenericBrackets(_ s: PrefixScanner) -> StrippedLine? {
        guard let firstEnd = s.nameEnd(at: 1, dots: true) else { return nil }
        var pod = StrippedLine.empty
        var container = s.slice(1, firstEnd)
        var close = firstEnd
        if s.byte(firstEnd) == 0x20 {
            guard let secondEnd = s.nameEnd(at: firstEnd + 1, dots: false) else { return nil }
            pod = container
            container = s.slice(firstEnd + 1, secondEnd)
            close = secondEnd
        }
        guard s.byte(close) == 0x5D, s.byte(close + 1) == 0x20, s.looksLikeLogStart(at: close + 2) else { return nil }
        return StrippedLine(content: s.rest(close + 2), pod: pod, container: container, style: .generic)
    }

    /// A Kubernetes name at `i` (after any colour codes) and the position after the colour codes
    /// and the single space that follow it.
    private func word(_ s: PrefixScanner, at i: Int) -> (start: Int, end: Int, next: Int)? {
        let start = s.skipANSI(at: i)
        guard let end = s.nameEnd(at: start, dots: true) else { return nil }
        let space = s.skipANSI(at: end)
        guard s.byte(space) == 0x20 else { return nil }
        return (start, end, space + 1)
    }

    /// True when the word is a DNS label (no dots): a container or namespace name.
    private func isLabel(_ s: PrefixScanner, _ word: (start: Int, end: Int, next: Int)) -> Bool {
        s.nameEnd(at: word.start, dots: false) == word.end
    }
}
