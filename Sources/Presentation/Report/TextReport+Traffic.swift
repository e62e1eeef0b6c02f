import AccessLog
import Analysis

/// Lines, formats, time range, response flags, codes and details.
extension TextReportBuilder {
    typealias F = ReportFormat

    mutating func lines() {
        let l = s.lines
        section("LINES")
        emitCut("\(F.count(l.total)) read: \(F.count(l.access)) access · \(F.count(l.nonAccess)) non-access · "
                + "\(F.count(l.malformed)) malformed")
        if !l.nonAccessByKind.isEmpty {
            emitCut("non-access: " + l.nonAccessByKind.map { "\($0.kind.title) \(F.count($0.count))" }.joined(separator: " · "))
        }
        if !l.malformedByReason.isEmpty {
            emitCut("malformed: " + l.malformedByReason.map { "\($0.kind.title) \(F.count($0.count))" }.joined(separator: " · "),
                    code: .yellow)
            for sample in l.malformedSamples {
                emitCut("line \(F.count(sample.lineNumber)) (\(sample.reason.title)): " + Self.safe(sample.text), indent: 4, code: .dim)
            }
        }
    }

    mutating func formatsAndTime() {
        if !s.formats.isEmpty {
            section("FORMATS")
            let total = max(1, s.formats.reduce(0) { $0 + $1.count })
            emitCut(s.formats.map { "\($0.format.title) \(F.count($0.count)) (\(F.percent(Double($0.count) / Double(total))))" }
                .joined(separator: " · "))
        }
        section("TIME RANGE")
        guard let range = s.timeRange else {
            emit("  No start times in the records.")
            return
        }
        let seconds = range.seconds
        var parts = ["\(F.timestamp(ms: range.firstMs)) → \(F.timestamp(ms: range.lastMs)) (\(F.span(seconds: seconds)))"]
        if seconds > 0 { parts.append(F.fixed(Double(s.requests) / seconds, 1) + " req/s") }
        if s.requests > 0 { parts.append(F.percent(Double(s.errors) / Double(s.requests)) + " errors") }
        emitCut(parts.joined(separator: " · "))
    }

    mutating func flags() {
        section("RESPONSE FLAGS")
        guard !s.flags.isEmpty else { emit("  No response flags: every request completed without an Envoy-side event."); return }
        var t = TextTable([.init(title: "FLAG"), .init(title: "COUNT", rightAligned: true),
                           .init(title: "SHARE", rightAligned: true), .init(title: "LONG NAME", flexible: true, minWidth: 12),
                           .init(title: "MEANING", flexible: true, minWidth: 16)])
        for f in s.flags {
            let code: TextStyle.Code? = errorFlag(f.flag) ? .red : nil
            t.add([f.flag.shortName, F.count(f.count), F.percent(f.share), f.flag.longName, f.flag.meaning],
                  styles: [code, nil, nil, nil, nil])
        }
        output += t.render(width: width, style: style)
        let combos = s.flagCombinations.filter { $0.flags.flags.count > 1 }
        if !combos.isEmpty {
            emitCut("together: " + combos.prefix(5).map { "\($0.flags.description) \(F.count($0.count))" }.joined(separator: " · "),
                    code: .dim)
        }
    }

    private func errorFlag(_ flag: ResponseFlag) -> Bool {
        flag.isFailure && flag != .downstreamConnectionTermination && flag != .downstreamRemoteReset
    }

    mutating func codes() {
        section("RESPONSE CODES")
        guard !s.responseCodes.isEmpty else { emit("  None."); return }
        var t = TextTable([.init(title: "CODE", rightAligned: true), .init(title: "COUNT", rightAligned: true),
                           .init(title: "SHARE", rightAligned: true), .init(title: "MEANING", flexible: true)])
        let total = max(1, s.requests)
        for c in s.responseCodes.prefix(12) {
            let code: TextStyle.Code? = c.code >= 500 ? .red : c.code >= 400 ? .yellow : nil
            t.add([c.code < 0 ? "other" : String(c.code), F.count(c.count), F.percent(Double(c.count) / Double(total)),
                   Self.codeMeaning(c.code)], styles: [code])
        }
        output += t.render(width: width, style: style)
        if s.responseCodes.count > 12 { emitCut("… \(s.responseCodes.count - 12) more codes", code: .dim) }
        guard !s.codeDetails.isEmpty else { return }
        emit()
        var d = TextTable([.init(title: "CODE DETAILS", flexible: true, minWidth: 20), .init(title: "COUNT", rightAligned: true),
                           .init(title: "SHARE", rightAligned: true)])
        for k in s.codeDetails.prefix(10) { d.add([Self.safe(k.key), F.count(k.count), F.percent(Double(k.count) / Double(total))]) }
        output += d.render(width: width, style: style)
        let failures = s.transportFailureReasons.filter { !$0.isOther }
        if !failures.isEmpty {
            emitCut("transport failures: " + failures.prefix(3).map { "\(Self.safe($0.key)) \(F.count($0.count))" }
                .joined(separator: " · "), code: .yellow)
        }
    }

    static func codeMeaning(_ code: Int) -> String {
        switch code {
        case 0: "no response sent (TCP connection, or the client left first)"
        case 200..<300: "success"
        case 300..<400: "redirect"
        case 400: "bad request"
        case 401, 403: "unauthorised / forbidden"
        case 404: "not found (or no route)"
        case 408: "request timeout"
        case 429: "rate limited"
        case 400..<500: "client error"
        case 502: "bad gateway"
        case 503: "service unavailable (Envoy: no upstream, overflow, connect failure …)"
        case 504: "gateway timeout"
        case 500..<600: "server error"
        default: ""
        }
    }
}
