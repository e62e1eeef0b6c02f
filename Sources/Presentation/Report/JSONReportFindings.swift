import Analysis

/// The `findings` array of the JSON report.
enum JSONReportFindings {
    static func write(_ findings: [Finding], _ w: inout JSONWriter) {
        w.key("findings"); w.beginArray()
        for f in findings {
            w.beginObject()
            w.field("id", f.id.rawValue); w.field("severity", f.severity.name); w.field("kind", f.kind.name)
            w.field("title", f.title); w.field("subject", f.subject)
            w.key("evidence"); w.beginObject()
            w.key("facts"); w.beginArray()
            for fact in f.evidence.facts { w.beginObject(); w.field("label", fact.label); w.field("value", fact.value); w.endObject() }
            w.endArray()
            w.field("window", f.evidence.window)
            w.key("samples"); w.beginArray(); f.evidence.samples.forEach { w.string($0) }; w.endArray()
            w.endObject()
            w.key("explanation"); w.beginArray(); f.explanation.forEach { w.string($0) }; w.endArray()
            w.key("fixes"); w.beginArray()
            for fix in f.fixes {
                w.beginObject(); w.field("title", fix.title); w.field("language", fix.language); w.field("body", fix.body); w.endObject()
            }
            w.endArray()
            w.key("verify"); w.beginArray(); f.verify.forEach { w.string($0) }; w.endArray()
            w.key("impact"); w.double(f.impact)
            w.field("caused_by", f.causedBy?.rawValue)
            w.endObject()
        }
        w.endArray()
    }
}
