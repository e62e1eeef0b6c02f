import AccessLog
import Analysis

/// The traffic sections of the JSON report: flags, codes, details, clusters, methods, routes, sources.
enum JSONReportTraffic {
    static func write(_ s: Snapshot, _ w: inout JSONWriter) {
        w.key("response_flags"); w.beginArray()
        for f in s.flags {
            w.beginObject()
            w.field("flag", f.flag.shortName); w.field("long_name", f.flag.longName); w.field("meaning", f.flag.meaning)
            w.field("count", f.count); w.key("share"); w.double(f.share)
            keyCounts("clusters", f.clusters, &w); keyCounts("hosts", f.hosts, &w); keyCounts("details", f.details, &w)
            w.endObject()
        }
        w.endArray()
        w.key("flag_combinations"); w.beginArray()
        for c in s.flagCombinations {
            w.beginObject()
            w.key("flags"); w.beginArray(); c.flags.sortedShortNames.forEach { w.string($0) }; w.endArray()
            w.field("count", c.count)
            w.endObject()
        }
        w.endArray()
        w.key("response_codes"); w.beginArray()
        for c in s.responseCodes { w.beginObject(); w.field("code", c.code); w.field("count", c.count); w.endObject() }
        w.endArray()
        keyCounts("code_details", s.codeDetails, &w)
        keyCounts("transport_failure_reasons", s.transportFailureReasons, &w)
        keyCounts("termination_details", s.terminationDetails, &w)
        writeAccuracy(s.accuracy, &w)
        w.key("clusters"); w.beginArray()
        for c in s.clusters { cluster(c, &w) }
        w.endArray()
        w.key("methods"); w.beginArray()
        for m in s.methods {
            w.beginObject()
            w.field("method", m.method); w.key("grpc"); w.bool(m.isGRPC)
            w.field("requests", m.requests); w.field("errors", m.errors); latency("latency_ms", m.latency, &w)
            w.key("grpc_statuses"); w.beginArray()
            for g in m.grpcStatuses {
                w.beginObject(); w.field("status", g.status); w.field("name", GrpcStatus.name(g.status)); w.field("count", g.count); w.endObject()
            }
            w.endArray()
            w.field("retried", m.retried)
            w.endObject()
        }
        w.endArray()
        keyCounts("routes", s.routes, &w)
        keyCounts("authorities", s.authorities, &w)
        keyCounts("paths", s.paths, &w)
        w.key("sources"); w.beginArray()
        for p in s.sources {
            w.beginObject()
            w.field("pod", p.pod); w.field("container", p.container); w.field("requests", p.requests); w.field("errors", p.errors)
            w.key("clusters"); w.beginArray()
            for c in p.clusters {
                w.beginObject(); w.field("cluster", c.cluster); w.field("requests", c.requests); w.field("errors", c.errors)
                keyCounts("hosts", c.hosts, &w); w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
    }

    private static func cluster(_ c: ClusterStats, _ w: inout JSONWriter) {
        w.beginObject()
        w.field("name", c.name.name); w.key("other"); w.bool(c.isOther)
        w.field("direction", c.name.direction.rawValue)
        w.field("port", c.name.port); w.field("subset", c.name.subset); w.field("fqdn", c.name.fqdn)
        w.field("service", c.name.serviceName); w.field("namespace", c.name.namespace)
        w.field("special", c.name.special?.rawValue)
        w.field("requests", c.requests); w.field("errors", c.errors)
        w.key("error_rate")
        if c.requests > 0 { w.double(Double(c.errors) / Double(c.requests)) } else { w.null() }
        w.field("client_errors", c.clientErrors)
        w.key("protocols"); w.beginObject()
        w.field("http1", c.http1); w.field("http2", c.http2); w.field("grpc", c.grpc); w.field("tcp", c.tcp)
        w.endObject()
        latency("latency_ms", c.latency, &w)
        latency("upstream_service_time_ms", c.upstreamServiceTime, &w)
        w.field("bytes_received", c.bytesReceived); w.field("bytes_sent", c.bytesSent)
        w.field("retried", c.retried)
        w.key("imbalance"); w.double(c.imbalance)
        balance(c.balance, &w)
        w.field("requests_without_host", c.requestsWithoutHost)
        accuracy("hosts_table", c.hostTable, &w)
        w.key("hosts"); w.beginArray()
        for h in c.hosts {
            w.beginObject()
            w.field("host", h.host); w.key("other"); w.bool(h.isOther)
            w.field("requests", h.requests); w.key("share"); w.double(h.share)
            w.field("errors", h.errors); latency("latency_ms", h.latency, &w)
            w.field("bytes_received", h.bytesReceived); w.field("bytes_sent", h.bytesSent)
            flagCounts(h.flags, &w); codeCounts(h.codes, &w)
            w.endObject()
        }
        w.endArray()
        flagCounts(c.flags, &w)
        codeCounts(c.codes, &w)
        keyCounts("details", c.details, &w)
        keyCounts("methods", c.methods, &w)
        keyCounts("destinations", c.destinations, &w)
        w.endObject()
    }

    /// `{hosts, cv, p_value, verdict, judged_pods, pinned_pods}`.
    private static func balance(_ b: HostBalance, _ w: inout JSONWriter) {
        w.key("balance"); w.beginObject()
        w.field("hosts", b.hosts); w.key("cv"); w.double(b.cv)
        w.key("p_value"); if let p = b.pValue { w.double(p) } else { w.null() }
        w.field("verdict", b.verdict.rawValue)
        w.field("judged_pods", b.judgedPods); w.field("pinned_pods", b.pinnedPods)
        w.endObject()
    }

    /// `{approximate, other, other_share, error_bound}` of one keyed table.
    static func accuracy(_ name: String, _ a: TableAccuracy, _ w: inout JSONWriter) {
        w.key(name); w.beginObject()
        w.key("approximate"); w.bool(a.approximate)
        w.field("other", a.otherCount); w.key("other_share"); w.double(a.otherShare)
        w.field("error_bound", a.errorBound)
        w.endObject()
    }

    /// The accuracy of every bounded table of the snapshot.
    static func writeAccuracy(_ a: SnapshotAccuracy, _ w: inout JSONWriter) {
        w.key("accuracy"); w.beginObject()
        accuracy("clusters", a.clusters, &w); accuracy("hosts", a.hosts, &w); accuracy("methods", a.methods, &w)
        accuracy("sources", a.sources, &w); accuracy("pod_links", a.podLinks, &w); accuracy("paths", a.paths, &w)
        w.endObject()
    }

    private static func flagCounts(_ flags: [FlagCount], _ w: inout JSONWriter) {
        w.key("flags"); w.beginArray()
        for f in flags { w.beginObject(); w.field("flag", f.flag.shortName); w.field("count", f.count); w.endObject() }
        w.endArray()
    }

    private static func codeCounts(_ codes: [CodeCount], _ w: inout JSONWriter) {
        w.key("codes"); w.beginArray()
        for c in codes { w.beginObject(); w.field("code", c.code); w.field("count", c.count); w.endObject() }
        w.endArray()
    }

    /// Requests and errors per bucket: `{"bucket_seconds", "start", "requests": [...], "errors": [...],
    /// "outside_range"}` (records left out as isolated outliers).
    static func writeTimeline(_ t: Timeline, _ w: inout JSONWriter) {
        w.key("timeline"); w.beginObject()
        w.field("bucket_seconds", t.bucketSeconds)
        w.key("start")
        if t.requests.isEmpty { w.null() } else { w.string(Format.iso8601(t.startSecond * 1000)) }
        w.key("requests"); w.beginArray(); t.requests.forEach { w.int($0) }; w.endArray()
        w.key("errors"); w.beginArray(); t.errors.forEach { w.int($0) }; w.endArray()
        w.field("outside_range", t.outsideRange)
        w.endObject()
    }

    static func latency(_ name: String, _ l: LatencySummary, _ w: inout JSONWriter) {
        w.key(name)
        guard l.count > 0 else { w.null(); return }
        w.beginObject()
        w.field("count", l.count)
        w.field("p50", l.p50); w.field("p90", l.p90); w.field("p99", l.p99); w.field("max", l.max)
        w.key("mean"); w.double(l.mean, decimals: 2)
        w.endObject()
    }

    static func keyCounts(_ name: String, _ list: [KeyCount], _ w: inout JSONWriter) {
        w.key(name); w.beginArray()
        for k in list {
            w.beginObject(); w.field("key", k.key); w.field("count", k.count)
            if k.isOther { w.key("other"); w.bool(true) }
            w.endObject()
        }
        w.endArray()
    }
}
