import AccessLog
import Analysis

// A copy of AnalysisTests' TestLine (test targets cannot share files), plus the report fixture.

/// Builds an Istio 1.9+ text access line from named field values, plus the `AccessRecord` a parser
/// would produce for it (ranges into the line, decoded numbers). When `grpcStatus` or `attempts` are
/// set they are appended as two extra tokens (a custom format, as users add them).
struct TestLine {
    var startMs: Int64 = 1_714_557_600_000   // 2024-05-01T10:00:00.000Z
    var method = "GET"
    var path = "/api/items"
    var proto = "HTTP/1.1"
    var code: Int32 = 200
    var flags = "-"
    var details = "via_upstream"
    var termination = "-"
    var transport = "-"
    var bytesIn: Int64 = 0
    var bytesOut: Int64 = 120
    var duration: Int64 = 5
    var upstreamTime: Int64 = 4
    var userAgent = "curl/8.5.0"
    var requestID = "7f9c2c0e-9b1a-4c55-8d7e-3f2a1b0c9d8e"
    var authority = "items.shop:8080"
    var host = "10.1.0.1:8080"
    var cluster = "outbound|8080||items.shop.svc.cluster.local"
    var sni = "-"
    var route = "default"
    var downstreamLocal = "10.96.0.10:8080"
    var grpcStatus: Int16 = -1
    var attempts: Int32 = -1

    static func tcp(host: String = "10.1.0.7:5432", cluster: String = "outbound|5432||db.shop.svc.cluster.local",
                    flags: String = "-", duration: Int64 = 60_000) -> TestLine {
        var t = TestLine()
        t.method = "-"; t.path = "-"; t.proto = "-"; t.code = 0; t.flags = flags; t.details = "-"
        t.upstreamTime = -1; t.userAgent = "-"; t.requestID = "-"; t.authority = "-"; t.route = "-"
        t.host = host; t.cluster = cluster; t.duration = duration; t.bytesIn = 5_000; t.bytesOut = 90_000
        return t
    }

    static func grpc(_ method: String = "/shop.Orders/PlaceOrder", status: Int16 = 0, flags: String = "-",
                     host: String = "10.2.0.1:50051") -> TestLine {
        var t = TestLine()
        t.method = "POST"; t.path = method; t.proto = "HTTP/2"; t.flags = flags; t.grpcStatus = status
        t.authority = "orders.shop:50051"; t.host = host; t.cluster = "outbound|50051||orders.shop.svc.cluster.local"
        t.userAgent = "grpc-go/1.63.0"
        return t
    }

    /// The line bytes and the record.
    func build() -> (line: [UInt8], record: AccessRecord) {
        var bytes: [UInt8] = []
        var record = AccessRecord(format: grpcStatus >= 0 || attempts >= 0 ? .custom : .istio19Plus)
        func put(_ s: String) { bytes.append(contentsOf: Array(s.utf8)) }
        func field(_ f: AccessField?, _ value: String, quoted: Bool = false, space: Bool = true) {
            if quoted { put("\"") }
            let lo = bytes.count
            put(value)
            if let f { record[f] = FieldRange(lo, bytes.count) }
            if quoted { put("\"") }
            if space { put(" ") }
        }
        put("[")
        field(.startTime, TestLine.iso(startMs), space: false)
        put("] \"")
        field(.method, method)
        field(.path, path)
        field(.protocol, proto, space: false)
        put("\" ")
        field(.responseCode, String(code))
        field(.responseFlags, flags)
        field(.responseCodeDetails, details)
        field(.connectionTerminationDetails, termination)
        field(.upstreamTransportFailureReason, transport, quoted: true)
        field(.bytesReceived, String(bytesIn))
        field(.bytesSent, String(bytesOut))
        field(.duration, String(duration))
        field(.upstreamServiceTime, upstreamTime >= 0 ? String(upstreamTime) : "-")
        field(.xForwardedFor, "-", quoted: true)
        field(.userAgent, userAgent, quoted: true)
        field(.requestId, requestID, quoted: true)
        field(.authority, authority, quoted: true)
        field(.upstreamHost, host, quoted: true)
        field(.upstreamCluster, cluster)
        field(.upstreamLocalAddress, "10.1.0.99:41234")
        field(.downstreamLocalAddress, downstreamLocal)
        field(.downstreamRemoteAddress, "10.1.0.99:53422")
        field(.requestedServerName, sni)
        let extra = grpcStatus >= 0 || attempts >= 0
        field(.routeName, route, space: extra)
        if extra {
            field(.grpcStatus, grpcStatus >= 0 ? String(grpcStatus) : "-")
            field(.upstreamRequestAttemptCount, attempts >= 0 ? String(attempts) : "-", space: false)
        }
        record.startTimeMs = startMs
        record.responseCode = code
        record.flags = ResponseFlags.parse(flags) ?? []
        record.bytesReceived = bytesIn
        record.bytesSent = bytesOut
        record.durationMs = duration
        record.upstreamServiceTimeMs = upstreamTime
        record.grpcStatus = grpcStatus
        record.attemptCount = attempts
        return (bytes, record)
    }

    /// Milliseconds since the epoch as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    static func iso(_ ms: Int64) -> String {
        let days = Int(ms / 86_400_000), rest = Int(ms % 86_400_000)
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = z / 146_097, doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func pad(_ v: Int, _ n: Int) -> String { String(repeating: "0", count: max(0, n - String(v).count)) + String(v) }
        return "\(y)-\(pad(m, 2))-\(pad(d, 2))T\(pad(rest / 3_600_000, 2)):\(pad(rest / 60_000 % 60, 2)):"
            + "\(pad(rest / 1000 % 60, 2)).\(pad(rest % 1000, 3))Z"
    }
}

extension ResponseFlags {
    static func parse(_ s: String) -> ResponseFlags? {
        var s = s
        return s.withUTF8 { ResponseFlags.parse(UnsafeRawBufferPointer($0)) }
    }
}

extension Aggregator {
    /// Adds a test line (with an optional pod/container prefix).
    mutating func add(_ t: TestLine, pod: String = "", container: String = "") {
        let (line, record) = t.build()
        let podBytes = Array(pod.utf8), containerBytes = Array(container.utf8)
        line.withUnsafeBytes { l in
            podBytes.withUnsafeBytes { p in
                containerBytes.withUnsafeBytes { c in add(record, line: l, source: p, container: c) }
            }
        }
    }

    mutating func addMalformed(_ reason: MalformedReason, _ text: String, lineNumber: Int) {
        Array(text.utf8).withUnsafeBytes { addMalformed(reason, line: $0, lineNumber: lineNumber) }
    }

    mutating func addNonAccess(_ kind: NonAccessKind, _ text: String) {
        Array(text.utf8).withUnsafeBytes { addNonAccess(kind, line: $0) }
    }
}

/// A small aggregated fixture for the report tests.
enum ReportFixture {
    static let escapedPath = "/orders/x\u{1b}[31mred"

    static func snapshot() -> Snapshot {
        var a = Aggregator()
        for i in 0..<1500 {
            var t = TestLine()
            t.host = i % 3 == 0 ? "10.1.0.2:8080" : "10.1.0.1:8080"
            t.startMs += Int64(i) * 100
            t.duration = Int64(3 + i % 40)
            a.add(t, pod: i % 2 == 0 ? "web-7d9f-abcde" : "web-7d9f-fghij", container: "istio-proxy")
        }
        for i in 0..<30 {
            var uf = TestLine()
            uf.code = 503; uf.flags = "UF,URX"; uf.host = "10.1.0.2:8080"; uf.upstreamTime = -1
            uf.details = "upstream_reset_before_response_started{connection_failure}"
            uf.transport = "delayed_connect_error:_Connection_refused"
            uf.startMs += Int64(i) * 1000
            a.add(uf, pod: "web-7d9f-abcde", container: "istio-proxy")
        }
        for _ in 0..<20 { a.add(.grpc(status: 14, flags: "UO")) }
        for _ in 0..<80 { a.add(.grpc(status: 0)) }
        var post = TestLine()
        post.method = "POST"; post.path = escapedPath; post.code = 201
        a.add(post)
        a.add(.tcp())
        a.addNonAccess(.istioAgent, "2024-05-01T10:00:00.000000Z\tinfo\tEnvoy proxy is ready")
        a.addNonAccess(.envoyApplication, "2024-05-01T10:00:00.000000Z\twarning\tenvoy config\tx")
        a.addMalformed(.unrecognised, "garbage \u{1b}]0;pwned\u{07} line", lineNumber: 42)
        return a.snapshot()
    }

    static func findings() -> [Finding] {
        [
            Finding(id: .upstreamConnectFailure, severity: .warning,
                    title: "UF on 1.9 % of requests to items:8080 (30 of 1,632)",
                    subject: "outbound|8080||items.shop.svc.cluster.local",
                    evidence: Evidence(facts: [Fact("UF responses", "30 of 1,632 (1.9 %)")], window: "10:00:00–10:00:29",
                                       samples: ["[2024-05-01T10:00:00.000Z] \"GET /api/items HTTP/1.1\" 503 UF,URX"]),
                    explanation: ["The app is not listening on the target port."],
                    fixes: [Fix(title: "Check the Service targetPort", body: "apiVersion: v1\nkind: Service")],
                    verify: ["kubectl get endpoints items -n shop"], impact: 0.019),
            Finding(id: .circuitBreakerOverflow, severity: .critical, title: "UO on 20 of 100 gRPC calls to orders:50051",
                    subject: "outbound|50051||orders.shop.svc.cluster.local", evidence: Evidence(),
                    explanation: [], fixes: [], verify: [], impact: 0.012),
            Finding(id: .trafficSplit, severity: .info, title: "traffic split", subject: "items", evidence: Evidence(),
                    explanation: [], fixes: [], verify: [], impact: 0.5),
        ]
    }
}
