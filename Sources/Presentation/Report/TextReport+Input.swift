import Glibc
import AccessLog
import Analysis

extension TextReportWriter {
    mutating func inputSection() {
        let l = snapshot.lines
        section("Input")
        var kinds = l.nonAccessByKind.map { "\($0.kind.title) \(Format.thousands($0.count))" }.joined(separator: ", ")
        if !kinds.isEmpty { kinds = " (\(kinds))" }
        emitWrapped("\(Format.thousands(l.total)) lines: \(Format.thousands(l.access)) access · "
            + "\(Format.thousands(l.nonAccess)) non-access\(kinds) · \(Format.thousands(l.malformed)) malformed",
            lead: "  ", hanging: 4)
        if l.malformed > 0 {
            let reasons = l.malformedByReason.map { "\($0.kind.title) \(Format.thousands($0.count))" }
            emitWrapped(reasons.joined(separator: ", "), lead: "  malformed: ", hanging: 4)
            for sample in l.malformedSamples {
                emit("    line \(sample.lineNumber): " + Format.truncated(safe(sample.text), toWidth: max(20, width - 16)))
            }
        }
        if !snapshot.formats.isEmpty {
            emitWrapped(snapshot.formats.map { "\($0.format.title) \(Format.thousands($0.count))" }
                .joined(separator: ", "), lead: "  formats: ", hanging: 4)
        }
        if let range = snapshot.timeRange {
            let rate = range.seconds > 0 ? Double(snapshot.requests) / range.seconds : 0
            emitWrapped("\(Format.utcDateTime(range.firstMs)) → \(Format.utcDateTime(range.lastMs)) "
                + "(\(Format.duration(milliseconds: Int(range.lastMs - range.firstMs)))), "
                + "\(Format.fixed(rate, decimals: 1)) req/s", lead: "  time: ", hanging: 4)
        }
        if let note = TimelineNote.text(snapshot.timeline) { emitWrapped(note, lead: "  timeline: ", hanging: 4) }
        let errorShare = Format.percent(snapshot.errors, of: snapshot.requests)
        emitWrapped("\(Format.thousands(snapshot.requests)), errors \(Format.thousands(snapshot.errors)) (\(errorShare))"
            + (snapshot.grpcRequests > 0 ? ", gRPC \(Format.thousands(snapshot.grpcRequests))" : ""),
            lead: "  requests: ", hanging: 4)
        let tables = ApproximateTables.names(snapshot)
        if !tables.isEmpty {
            emitWrapped("approximate beyond bounds: " + tables.joined(separator: ", ")
                + " (marked ≈ below; totals stay exact)", lead: "  ≈ ", hanging: 4)
        }
    }
}
