import AccessLog
import Analysis

/// Clusters, methods, client pods and findings.
extension JSONReport {
    static func clusters(_ s: Snapshot, _ w: inout JSONWriter) {
        w.key("clusters"); w.beginArray()
        for c in s.clusters {
            let n = c.name
            w.beginObject()
            w.field("name", n.name); w.field("other", c.isOther); w.field("direction", n.direction.rawValue)
            w.field("port", n.port); w.field("subset", n.subset); w.field("fqdn", n.fqdn); w.field("service", n.serviceName)
            w.field("namespace", n.namespace); w.field("special", n.special?.rawValue)
            w.field("requests", c.requests); w.field("errors", c.errors)
            w.field("error_rate", c.requests > 0 ? share(c.errors, c.requests) : nil, decimals: 4)
            w.field("client_errors", c.clientErrors)
            w.key("protocols"); w.beginObject()
            w.field("http1", c.http1); w.field("http2", c.http2); w.field("grpc", c.grpc); w.field("tcp", c.tcp)
            w.endObject()
            latency("latency_ms", c.latency, &w)
            latency("upstream_service_time_ms", c.upstreamServiceTime, &w)
            w.key("bytes_received"); w.int64(c.bytesReceived); w.key("bytes_sent"); w.int64(c.bytesSent)
            w.field("retried", c.retried)
            w.field("imbalance", c.imbalance, decimals: 4)
            w.key("hosts"); w.beginArray()
            for h in c.hosts { host(h, &w) }
            w.endArray()
            flagCounts("flags", c.flags, &w)
            codes("codes", c.codes, total: c.requests, &w)
            keyCounts("details", c.details, &w)
            keyCounts("methods", c.methods, &w)
            keyCounts("destinations", c.destinations, &w)
            w.endObject()
        }
        w.endArray()
    }

    private static func host(_ h: HostStats, _ w: inout JSONWriter) {
        w.beginObject()
        w.field("host", h.host); w.field("other", h.isOther); w.field("requests", h.requests)
        w.field("share", h.share, decimals: 4); w.field("errors", h.errors)
        latency("latency_ms", h.latency, &w)
        flagCounts("flags", h.flags, &w)
        codes("codes", h.codes, total: h.requests, &w)
        grpcStatuses(h.grpcStatuses, &w)
        w.endObject()
    }

    static func flagCounts(_ name: String, _ list: [FlagCount], _ w: inout JSONWriter) {
        w.key(name); w.beginArray()
        for f in list { w.beginObject(); w.field("flag", f.flag.shortName); w.field("count", f.count); w.endObject() }
        w.endArray()
    }

    static func grpcStatuses(_ list: [GrpcStatusCount], _ w: inout JSONWriter) {
        w.key("grpc_statuses"); w.beginArray()
        for g in list {
            w.beginObject(); w.field("status", g.status); w.field("name", GrpcStatus.name(g.status)); w.field("count", g.count)
            w.endObject()
        }
        w.endArray()
    }

    static func methods(_ s: Snapshot, _ w: inout JSONWriter) {
        w.key("methods"); w.beginArray()
        for m in s.methods {
            w.beginObject()
            w.field("method", m.method); w.field("grpc", m.isGRPC); w.field("requests", m.requests); w.field("errors", m.errors)
            w.field("error_rate", m.requests > 0 ? share(m.errors, m.requests) : nil, decimals: 4)
            latency("latency_ms", m.latency, &w)
            w.field("retried", m.retried); w.field("max_attempts", m.maxAttempts > 0 ? m.maxAttempts : nil)
            grpcStatuses(m.grpcStatuses, &w)
            keyCounts("clusters", m.clusters, &w)
            w.endObject()
        }
        w.endArray()
    }

    static func sources(_ s: Snapshot, _ w: inout JSONWriter) {
        w.key("sources"); w.beginArray()
        for p in s.sources {
            w.beginObject()
            w.field("pod", p.pod); w.field("container", p.container); w.field("requests", p.requests); w.field("errors", p.errors)
            w.key("clusters"); w.beginArray()
            for c in p.clusters {
                w.beginObject(); w.field("cluster", c.cluster); w.field("requests", c.requests)
                keyCounts("hosts", c.hosts, &w); w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
    }

    static func findingList(_ findings: [Finding], _ w: inout JSONWriter) {
        w.key("findings"); w.beginArray()
        for f in FindingOrder.ranked(findings) {
            w.beginObject()
            w.field("id", f.id.rawValue); w.field("severity", f.severity.name); w.field("title", f.title)
            w.field("subject", f.subject)
            w.key("evidence"); w.beginObject()
            w.key("facts"); w.beginArray()
            for fact in f.evidence.facts {
                w.beginObject(); w.field("label", fact.label); w.field("value", fact.value); w.endObject()
            }
            w.endArray()
            w.field("window", f.evidence.window)
            w.key("samples"); w.beginArray(); for line in f.evidence.samples { w.string(line) }; w.endArray()
            w.endObject()
            w.key("explanation"); w.beginArray(); for e in f.explanation { w.string(e) }; w.endArray()
            w.key("fixes"); w.beginArray()
            for fix in f.fixes {
                w.beginObject(); w.field("title", fix.title); w.field("language", fix.language); w.field("body", fix.body)
                w.endObject()
            }
            w.endArray()
            w.key("verify"); w.beginArray(); for v in f.verify { w.string(v) }; w.endArray()
            w.field("impact", f.impact, decimals: 4)
            w.endObject()
        }
        w.endArray()
    }
}
