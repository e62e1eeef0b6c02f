@testable import AccessLog
import Testing

/// Access lines that lost their leading `[START_TIME]`, or part of it, or just its `[`: parsed as the
/// format the rest matches, with the start time left as text (or absent), never non-access.
@Suite struct HeadlessLineTests {
    /// One line of every built-in text format.
    static let lines: [(LogFormat, String)] = [
        (.istio19Plus, #"[2024-05-14T09:21:33.412Z] "GET /api/v1/orders?limit=20 HTTP/1.1" 200 - via_upstream - "-" 0 1543 12 11 "10.244.0.1" "Mozilla/5.0 (X11; Linux x86_64)" "5d0f7c0e-3b0a" "orders.shop.svc.cluster.local:8080" "10.244.1.17:8080" outbound|8080||orders.shop.svc.cluster.local 10.244.2.5:53420 10.96.14.22:8080 10.244.2.5:41230 - default"#),
        (.istio13to17, #"[2020-08-12T10:15:30.123Z] "GET /productpage HTTP/1.1" 200 - "-" "-" 0 5183 42 41 "-" "curl/7.64.0" "8a3c1c2f-1111" "productpage:9080" "10.1.2.3:9080" outbound|9080||productpage.default.svc.cluster.local 10.1.0.5:43210 10.0.0.20:9080 10.1.0.5:43208 - default"#),
        (.istio18, #"[2021-01-20T08:00:00.000Z] "GET /status/418 HTTP/1.1" 418 - "-" 0 135 3 2 "-" "curl/7.74.0" "c0ffee00-aaaa" "httpbin:8000" "10.44.0.7:80" outbound|8000||httpbin.default.svc.cluster.local 10.44.0.5:40000 10.96.1.1:8000 10.44.0.5:39998 - default"#),
        (.istio12, #"[2019-07-01T12:00:00.000Z] "GET /reviews/0 HTTP/1.1" 503 UF "-" "connection_failure" 0 91 6 - "-" "Apache-CXF/3.1.18" "3e1f" "reviews:9080" "172.17.0.12:9080" outbound|9080|v2|reviews.default.svc.cluster.local - 10.106.1.1:9080 172.17.0.9:50000 -"#),
        (.istio11, #"[2019-03-20T16:40:11.054Z] "GET /ratings/0 HTTP/1.1" 200 - "-" 0 48 2 1 "-" "Apache-CXF/3.1.18" "9a8b" "ratings:9080" "172.17.0.15:9080" outbound|9080||ratings.default.svc.cluster.local - 10.0.0.30:9080 172.17.0.12:58852 -"#),
        (.istio11Snapshot, #"[2019-01-24T20:30:40.285Z] "GET /ip HTTP/1.1" 200 - 0 28 1 0 "-" "curl/7.60.0" "4bd7" "httpbin.org" "54.175.222.246:80" outbound|80||httpbin.org - 54.175.222.246:80 172.30.146.73:39434 -"#),
        (.envoyDefault, #"[2016-04-15T20:17:00.310Z] "POST /api/v1/locations HTTP/2" 204 - 154 0 226 100 "10.0.35.28" "nsq2http" "cc21d9b0-cf5c" "locations" "tcp://10.0.2.1:80""#),
        // Istio's format plus a field: read by the fallback.
        (.istio19Plus, #"[2024-05-14T09:21:33.412Z] "GET /x HTTP/1.1" 503 UO via_upstream - "-" 0 81 0 - "-" "curl/8.5.0" "9d2c" "orders:8080" "-" outbound|8080||orders.shop.svc.cluster.local - 10.96.14.22:8080 10.244.2.5:41230 - default spiffe://cluster.local/ns/shop/sa/frontend"#),
    ]

    /// The same line without `[`, without part of the time, and without the whole first field.
    static func headless(_ line: String) -> [(text: String, startTime: String?)] {
        let close = line.firstIndex(of: "]")!
        let time = String(line[line.index(after: line.startIndex)..<close])
        let afterBracket = String(line.dropFirst())
        let partial = String(afterBracket.dropFirst(14))   // "T…" cut inside the time
        let rest = String(line[line.index(close, offsetBy: 2)...])
        return [(afterBracket, time), (partial, String(time.dropFirst(14))), (rest, nil)]
    }

    @Test(arguments: lines.indices)
    func everyTextFormatParsesWithoutItsStart(index: Int) {
        let (format, line) = Self.lines[index]
        let whole = FormatFixture.parse(line)
        #expect(whole.lineClass == .access && whole.format == format)
        for (text, startTime) in Self.headless(line) {
            let cut = FormatFixture.parse(text)
            #expect(cut.lineClass == .access, "\(text)")
            #expect(cut.format == format)
            for field in AccessField.allCases where field != .startTime {
                #expect(cut.text(field) == whole.text(field), "\(field) of \(text)")
            }
            #expect(cut.extra(TextLayout.mixerStatusName) == whole.extra(TextLayout.mixerStatusName))
            #expect(cut.record.responseCode == whole.record.responseCode)
            #expect(cut.record.durationMs == whole.record.durationMs)
            #expect(cut.record.flags == whole.record.flags)
            #expect(cut.raw(.startTime) == startTime)
            // Only a whole time (the `[` alone is gone) still gives the time.
            #expect(cut.record.startTimeMs == (startTime?.count == 24 ? whole.record.startTimeMs : -1))
        }
    }

    @Test func customFormatWithABracketedStartTime() throws {
        let format = #"[%START_TIME%] "%REQ(:METHOD)% %REQ(:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS% %DURATION% "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER_RAW%"#
        let line = #"[2024-05-14T09:21:33.412Z] "GET /a HTTP/1.1" 503 UO 7 "10.0.0.1:80" outbound|80||a.shop.svc.cluster.local"#
        for (text, startTime) in Self.headless(line) {
            var parser = try LineParser(customFormat: format)
            let cut = FormatFixture(text, parser: &parser)
            #expect(cut.lineClass == .access && cut.format == .custom, "\(text)")
            #expect(cut.text(.upstreamHost) == "10.0.0.1:80")
            #expect(cut.text(.upstreamCluster) == "outbound|80||a.shop.svc.cluster.local")
            #expect(cut.record.durationMs == 7 && cut.record.responseCode == 503)
            #expect(cut.raw(.startTime) == startTime)
        }
    }

    /// A format with no space after its start time: the rebuilt line's inserted space goes into the
    /// next field, whose range must still lie inside the original line (found by the `format`
    /// fuzz target: the range ended four bytes past the line).
    @Test func formatWithoutSpaceAfterTheStartTimeKeepsRangesInTheLine() throws {
        var parser = try LineParser(customFormat: "[%START_TIME%]%REQ(X-TAIL):10%")
        for text in [":5 %%x %RE", "abc", "x] tail value", "2024-05-14T09:21:33.412Z] rest"] {
            let cut = FormatFixture(text, parser: &parser)
            guard cut.lineClass == .access else { continue }
            for extra in cut.record.extraFields where !extra.range.isAbsent {
                #expect(extra.range.lo >= 0 && extra.range.lo <= extra.range.hi && Int(extra.range.hi) <= text.utf8.count, "\(text)")
            }
            for i in 0..<AccessField.count where !cut.record.fields[i].isAbsent {
                #expect(Int(cut.record.fields[i].hi) <= text.utf8.count, "\(text) field \(i)")
            }
        }
    }

    /// Lines that only look a little like it stay what they were.
    @Test func otherLinesAreNotTakenForHeadlessAccessLines() {
        let cases: [(String, LineClass)] = [
            ("2024-01-02T03:04:05.123456Z\tinfo\txdsproxy\tconnected to upstream XDS server", .nonAccess(.istioAgent)),
            ("[2019-03-01 10:00:00.000][21][warning][config] gRPC config stream closed", .nonAccess(.envoyApplication)),
            (#""quoted" words and more words"#, .nonAccess(.continuation)),
            ("  x-request-id: 5d0f", .nonAccess(.continuation)),
            (#"12:00] "not an access line""#, .nonAccess(.other)),
        ]
        for (text, expected) in cases {
            #expect(FormatFixture.parse(text).lineClass == expected, "\(text)")
        }
    }
}
