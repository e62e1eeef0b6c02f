import AccessLog
import Analysis
import Testing

/// JSON records printed over several lines (Envoy JSON templates with newlines, `jq .` output):
/// one record each, the other physical lines counted as continuations.
@Suite struct MultiLineJSONTests {
    static let typed = """
        {
          "start_time": "2024-05-06T07:08:09.123Z",
          "method": "GET",
          "path": "/a/{id}",
          "response_code": 503,
          "response_flags": "UO",
          "duration": 3,
          "upstream_host": "10.0.0.1:80",
          "headers": { "x-a": ["1", "}"] }
        }
        """.split(separator: "\n").map(String.init)

    static let strings = """
        {
            "start_time": "2024-05-06T07:08:10.000Z",
            "method": "POST",
            "path": "/b",
            "response_code": "200",
            "response_flags": "-",
            "duration": "12",
            "upstream_host": "10.0.0.2:80"
        }
        """.split(separator: "\n").map(String.init)

    static let oneLine = #"{"start_time":"2024-05-06T07:08:11.000Z","method":"GET","path":"/c","response_code":200,"duration":1}"#
    static let text = #"[2024-05-06T07:08:09.123Z] "GET /d HTTP/1.1" 200 - via_upstream - "-" 0 12 3 2 "-" "curl" "id" "a:80" "10.0.0.1:80" outbound|80||a.shop.svc.cluster.local 10.0.0.5:1 10.0.0.9:80 10.0.0.5:2 - default"#

    @Test func typedAndStringRecordsAreOneRecordEach() {
        let lines = Self.typed + [Self.oneLine] + Self.strings + [Self.text]
        let out = CollectingSink.run(lines)
        #expect(out.total == lines.count)
        #expect(out.access.count == 4 && out.malformed.isEmpty)
        #expect(out.continuations == Self.typed.count - 1 + Self.strings.count - 1)
        let first = out.access[0]
        #expect(first.method == "GET" && first.path == "/a/{id}" && first.responseCode == 503 && first.durationMs == 3)
        #expect(first.flags == ResponseFlags(.upstreamOverflow) && first.upstreamHost == "10.0.0.1:80")
        #expect(first.startTimeMs > 0)
        #expect(out.access[1].path == "/c")
        #expect(out.access[2].method == "POST" && out.access[2].responseCode == 200 && out.access[2].durationMs == 12)
        #expect(out.access[3].path == "/d")
    }

    @Test func crlfLineEndsAsAFileWithCRLFGivesThem() {
        // LineReader removes the `\r` of `\r\n`; a stray `\r` left inside is whitespace to JSON.
        let lines = Self.typed.map { $0 + "\r" }
        let out = CollectingSink.run(lines)
        #expect(out.total == lines.count && out.access.count == 1 && out.access[0].responseCode == 503)
    }

    @Test func anObjectCutOffAtTheEndIsOneMalformedRecordPlusContinuations() {
        let lines = Self.strings + Array(Self.typed.prefix(4))
        let out = CollectingSink.run(lines)
        #expect(out.total == lines.count)
        #expect(out.access.count == 1)
        #expect(out.malformed == [.badJSON])
        #expect(out.continuations == Self.strings.count - 1 + 3)
    }

    @Test func anObjectCutOffByTheNextRecordEndsThere() {
        let lines = Array(Self.typed.prefix(3)) + [Self.text] + Self.strings
        let out = CollectingSink.run(lines)
        #expect(out.total == lines.count)
        #expect(out.access.map(\.path) == ["/d", "/b"])
        #expect(out.malformed == [.badJSON])
    }

    @Test func prefixedLinesKeepTheFirstLinesPod() {
        let lines = Self.typed.map { "[pod/frontend-1/istio-proxy] " + $0 }
        let out = CollectingSink.run(lines)
        #expect(out.total == lines.count && out.access.count == 1)
        #expect(out.access.first?.source == "frontend-1")
    }

    @Test func aLoneBraceLineIsStillCountedWhenNothingFollows() {
        let out = CollectingSink.run(["{"])
        #expect(out.total == 1)
    }
}
