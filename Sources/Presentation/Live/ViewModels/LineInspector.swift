import AccessLog
import Analysis

/// Every parsed field of one line, with the meaning of each response flag, then the raw line.
/// The line is parsed again here (the recent-lines ring keeps only its text).
enum LineInspector {
    static func rows(_ line: SampleLine, customFormat: String?, width: Int) -> [ModelRow] {
        var rows: [ModelRow] = []
        if let source = line.source { rows.append(.fact("pod", source, Style(.accent))) }
        var parser = customFormat.flatMap { try? LineParser(customFormat: $0) } ?? LineParser()
        var stripper = PrefixStripper()
        var record = AccessRecord()
        var bytes = Array(line.text.utf8)
        if bytes.last == 0x0A { bytes.removeLast() }
        bytes.withUnsafeBytes { raw in
            let stripped = stripper.strip(raw)
            let content = stripped.content
            if stripped.pod.count > 0, line.source == nil {
                rows.append(.fact("pod", String(decoding: stripped.pod, as: UTF8.self), Style(.accent)))
            }
            switch parser.parse(content, into: &record) {
            case .access:
                rows.append(.fact("format", record.format.title, .muted))
                rows += fields(record, content, width: width)
            case .nonAccess(let kind):
                rows.append(.fact("line class", "not an access record: " + kind.title, .warning))
            case .malformed(let reason):
                rows.append(.fact("line class", "malformed: " + reason.title, .warning))
            }
        }
        rows += [.blank, .heading("Raw line")]
        rows += ModelRow.wrapped(line.text, width: width)
        return rows
    }

    /// A fact whose value wraps onto further rows instead of running off the screen.
    private static func wrappedFact(_ label: String, _ value: String, _ style: Style, width: Int) -> [ModelRow] {
        ScreenText.wrap(value, width: max(10, width - 37)).enumerated().map { i, part in
            .fact(i == 0 ? label : "", part, style, labelWidth: 34)
        }
    }

    private static func fields(_ record: AccessRecord, _ content: UnsafeRawBufferPointer, width: Int) -> [ModelRow] {
        var rows: [ModelRow] = [.blank, .heading("Fields")]
        for field in AccessField.allCases where record.has(field) {
            let value = record.text(field, in: content) ?? "-"
            rows += wrappedFact(field.jsonKey, value, style(field, record), width: width)
            if field == .responseFlags {
                for flag in record.flags.flags {
                    var meaning = wrappedFact("", flag.shortName + " " + flag.longName + ": " + flag.meaning,
                                              StatusStyle.flagStyle(flag), width: width)
                    for i in meaning.indices { meaning[i].target = .flag(flag) }
                    rows += meaning
                }
            }
            if field == .upstreamCluster, let name = record.text(field, in: content) {
                let cluster = ClusterName(name)
                if cluster.direction != .other {
                    rows.append(.fact("", LiveLabels.clusterLabel(cluster), .muted, labelWidth: 34, target: .cluster(cluster.name)))
                }
            }
        }
        for extra in record.extraFields {
            let value = FieldText.decode(content.bytes(extra.range), escaped: record.escaped)
            rows += wrappedFact(extra.name, value, .plain, width: width)
        }
        if record.durationMs >= 0 { rows.append(.fact("duration (parsed)", Format.duration(milliseconds: Int(record.durationMs)), .muted, labelWidth: 34)) }
        if record.startTimeMs >= 0 { rows.append(.fact("start time (parsed, UTC)", Format.utcDateTime(record.startTimeMs), .muted, labelWidth: 34)) }
        return rows
    }

    private static func style(_ field: AccessField, _ record: AccessRecord) -> Style {
        switch field {
        case .responseCode: StatusStyle.codeStyle(Int(record.responseCode)).adding(.bold)
        case .responseFlags: record.flags.isEmpty ? .muted : Style(.critical, .bold)
        default: .plain
        }
    }
}
