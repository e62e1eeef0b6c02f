import AccessLog
import Analysis

/// Row builders shared by the drill-down screens.
enum DetailRows {
    /// `p50 15ms · p90 53ms · p99 110ms · max 271ms`, or `-` with no values.
    static func latency(_ l: LatencySummary) -> String {
        guard l.count > 0 else { return "-" }
        let d = { Format.duration(milliseconds: $0) }
        return "p50 " + d(l.p50) + " · p90 " + d(l.p90) + " · p99 " + d(l.p99) + " · max " + d(l.max)
    }

    /// A heading and one row per key: `key  count  share`, each leading to `target(key)`.
    static func keyCounts(_ title: String, _ items: [KeyCount], of total: Int, width: Int,
                          target: (KeyCount) -> Screen? = { _ in nil }) -> [ModelRow] {
        guard !items.isEmpty else { return [] }
        let keyWidth = max(12, min(70, width - 24))
        var rows = [ModelRow.blank, ModelRow.heading(title + " (\(items.count))")]
        for item in items {
            rows.append(ModelRow([TextSpan("  "), TextSpan(item.key, item.isOther ? .muted : .plain, width: keyWidth),
                                  TextSpan(Format.thousands(item.count), width: 10, align: .right),
                                  TextSpan(Format.percent(item.count, of: total), .muted, width: 8, align: .right)],
                                 target: target(item)))
        }
        return rows
    }

    /// Response codes with their shares, each leading to its lines.
    static func codes(_ codes: [CodeCount], of total: Int, scope: LineScope) -> [ModelRow] {
        guard !codes.isEmpty else { return [] }
        var rows = [ModelRow.blank, ModelRow.heading("Response codes (\(codes.count))")]
        for code in codes {
            var lineScope = scope
            lineScope.code = code.code
            rows.append(ModelRow([TextSpan("  "), TextSpan(LiveLabels.codeText(code.code), StatusStyle.codeStyle(code.code).adding(.bold), width: 6),
                                  TextSpan(Format.thousands(code.count), width: 10, align: .right),
                                  TextSpan(Format.percent(code.count, of: total), .muted, width: 8, align: .right)],
                                 target: .lines(lineScope)))
        }
        return rows
    }

    /// Flags with counts and long names, each leading to the flag.
    static func flags(_ flags: [FlagCount], of total: Int) -> [ModelRow] {
        let present = flags.filter { $0.count > 0 }
        guard !present.isEmpty else { return [] }
        var rows = [ModelRow.blank, ModelRow.heading("Response flags (\(present.count))")]
        for f in present {
            rows.append(ModelRow([TextSpan("  "), TextSpan(f.flag.shortName, StatusStyle.flagStyle(f.flag).adding(.bold), width: 6),
                                  TextSpan(Format.thousands(f.count), width: 10, align: .right),
                                  TextSpan(Format.percent(f.count, of: total), .muted, width: 8, align: .right),
                                  TextSpan("  " + f.flag.longName + ": " + f.flag.meaning, .muted)],
                                 target: .flag(f.flag)))
        }
        return rows
    }

    /// Raw sample lines, each opening the field inspector.
    static func samples(_ title: String, _ samples: [String]) -> [ModelRow] {
        guard !samples.isEmpty else { return [] }
        var rows = [ModelRow.blank, ModelRow.heading(title + " (\(samples.count))")]
        for sample in samples {
            rows.append(ModelRow.text(sample, .plain, target: .line(SampleLine(text: sample))))
        }
        return rows
    }

    /// Lines from the recent-lines ring, newest last, each opening the field inspector.
    static func lines(_ lines: [SampleLine]) -> [ModelRow] {
        lines.map { line in
            var spans: [TextSpan] = [TextSpan("  ")]
            if let source = line.source { spans.append(TextSpan(source + " ", .muted)) }
            spans.append(TextSpan(line.text, style(of: line)))
            return ModelRow(spans, target: .line(line))
        }
    }

    /// Failed (5xx or a failure flag) red, 4xx yellow, others plain.
    static func style(of line: SampleLine) -> Style {
        if line.code >= 500 || line.flags.flags.contains(where: { $0.isFailure && $0 != .downstreamConnectionTermination }) {
            return Style(.critical)
        }
        if line.code >= 400 && line.code < 500 { return .warning }
        return .plain
    }

    /// The cluster a host of a flag most likely belongs to (for drilling from a flag's host list).
    static func cluster(of host: String, in snapshot: Snapshot, flag: ResponseFlag? = nil) -> String? {
        let candidates = snapshot.clusters.filter { $0.hosts.contains { $0.host == host } }
        if let flag, let withFlag = candidates.first(where: { c in
            c.hosts.contains { $0.host == host && $0.flags.contains { $0.flag == flag && $0.count > 0 } }
        }) {
            return withFlag.name.name
        }
        return candidates.first?.name.name
    }

    /// A line for a missing subject (the window or the filter no longer contains it).
    static func gone(_ what: String) -> [ModelRow] {
        [ModelRow.text(what + " is not in the current data (another time window, or not seen yet).", .muted)]
    }
}
