import AccessLog
import Analysis
import Testing

/// Headless access lines through the whole line pipeline: counted once, as access lines.
@Suite struct HeadlessCountingTests {
    @Test func pastedLinesCountAsAccessOnce() {
        let line = #"[2024-05-06T07:08:09.123Z] "GET /d HTTP/1.1" 503 UF via_upstream - "-" 0 12 3 2 "-" "curl" "id" "a:80" "10.0.0.1:80" outbound|80||a.shop.svc.cluster.local 10.0.0.5:1 10.0.0.9:80 10.0.0.5:2 - default"#
        let lines = [line, String(line.dropFirst()), String(line.dropFirst(20)), String(line.dropFirst(27)),
                     "[pod/frontend-1/istio-proxy] " + String(line.dropFirst(27))]
        let out = CollectingSink.run(lines)
        #expect(out.total == lines.count && out.access.count == lines.count)
        #expect(out.access.allSatisfy { $0.responseCode == 503 && $0.path == "/d" })
        #expect(out.access.map { $0.startTimeMs > 0 } == [true, true, false, false, false])
        #expect(out.access.last?.source == "frontend-1")
    }
}
