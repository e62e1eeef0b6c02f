import Testing
@testable import AccessLog

@Suite struct PrefixStripperTests {
    let pod = "orders-7d9f8c6b5-x2kqp"

    @Test(arguments: ["2024-05-06T07:08:09.123456789Z", "2024-05-06T07:08:09.12345678Z", "2024-05-06T07:08:09.1Z",
                      "2024-05-06T07:08:09Z", "2024-05-06T09:08:09.5+02:00", "2024-05-06T02:08:09.123-05:00"])
    func kubectlTimestamps(stamp: String) {
        var stripper = PrefixStripper()
        for line in IstioLines.all + IstioLines.nonAccess {
            #expect(stripper.run("\(stamp) \(line)") == Stripped(content: line, style: .kubectlTimestamps))
        }
    }

    @Test func kubectlPrefix() {
        var stripper = PrefixStripper()
        for line in IstioLines.all + IstioLines.nonAccess {
            #expect(stripper.run("[pod/\(pod)/istio-proxy] \(line)")
                == Stripped(content: line, pod: pod, container: "istio-proxy", style: .kubectlPrefix))
        }
    }

    @Test func kubectlPrefixWithTimestamps() {
        var stripper = PrefixStripper()
        for line in IstioLines.all + [IstioLines.pilotAgent] {
            #expect(stripper.run("[pod/\(pod)/istio-proxy] 2024-05-06T07:08:09.987654321Z \(line)")
                == Stripped(content: line, pod: pod, container: "istio-proxy", style: .kubectlPrefixTimestamps))
        }
    }

    @Test func stern() {
        var stripper = PrefixStripper()
        for line in IstioLines.all + [IstioLines.pilotAgent, IstioLines.envoyEpoch] {
            #expect(stripper.run("\(pod) istio-proxy \(line)")
                == Stripped(content: line, pod: pod, container: "istio-proxy", style: .stern))
            let coloured = "\u{1B}[38;5;45m\(pod)\u{1B}[0m \u{1B}[32mistio-proxy\u{1B}[0m \(line)"
            #expect(stripper.run(coloured) == Stripped(content: line, pod: pod, container: "istio-proxy", style: .stern))
        }
    }

    @Test func sternWithNamespace() {
        var stripper = PrefixStripper()
        let expected = Stripped(content: IstioLines.grpc, pod: pod, container: "istio-proxy", namespace: "shop", style: .stern)
        #expect(stripper.run("shop \(pod) istio-proxy \(IstioLines.grpc)") == expected)
        #expect(stripper.run("\u{1B}[33mshop\u{1B}[0m \u{1B}[31m\(pod)\u{1B}[0m \u{1B}[36mistio-proxy\u{1B}[0m \(IstioLines.grpc)") == expected)
    }

    @Test func sternWithTimestamps() {
        var stripper = PrefixStripper()
        for stamp in ["2024-05-06T07:08:09.123456789Z", "2024-05-06T16:08:09.123456789+09:00", "05-06 07:08:09"] {
            for line in [IstioLines.grpc, IstioLines.json, IstioLines.pilotAgent] {
                #expect(stripper.run("\(pod) istio-proxy \(stamp) \(line)")
                    == Stripped(content: line, pod: pod, container: "istio-proxy", style: .sternTimestamps))
            }
        }
    }

    @Test func kail() {
        var stripper = PrefixStripper()
        for line in IstioLines.all + IstioLines.nonAccess {
            #expect(stripper.run("shop/\(pod)[istio-proxy]: \(line)")
                == Stripped(content: line, pod: pod, container: "istio-proxy", namespace: "shop", style: .kail))
        }
    }

    @Test func criFullRecords() {
        var stripper = PrefixStripper()
        for line in IstioLines.all + IstioLines.nonAccess {
            #expect(stripper.run("2024-05-06T07:08:09.123456789Z stdout F \(line)") == Stripped(content: line, style: .cri))
            #expect(stripper.run("2024-05-06T07:08:09.123456789+00:00 stderr F \(line)") == Stripped(content: line, style: .cri))
        }
        #expect(stripper.run("2024-05-06T07:08:09.123456789Z stdout F ") == Stripped(content: "", style: .cri))
    }

    @Test func criPartialRecordsAreJoinedPerStream() {
        var stripper = PrefixStripper()
        let line = IstioLines.json
        let a = line.prefix(100), b = line.dropFirst(100).prefix(150), c = line.dropFirst(250)
        let partial = Stripped(content: "", style: .cri, isPartial: true)
        #expect(stripper.run("2024-05-06T07:08:09.1Z stdout P \(a)") == partial)
        #expect(stripper.run("2024-05-06T07:08:09.1Z stderr P [2024-05-06 07:08:09.100][21][warn") == partial)
        #expect(stripper.run("2024-05-06T07:08:09.1Z stdout P \(b)") == partial)
        #expect(stripper.run("2024-05-06T07:08:09.2Z stderr F ing][main] slow") == Stripped(content: "[2024-05-06 07:08:09.100][21][warning][main] slow", style: .cri))
        #expect(stripper.run("2024-05-06T07:08:09.2Z stdout F \(c)") == Stripped(content: line, style: .cri))
        // After a joined record, the next record stands alone.
        #expect(stripper.run("2024-05-06T07:08:09.3Z stdout F \(IstioLines.grpc)") == Stripped(content: IstioLines.grpc, style: .cri))
    }

    @Test func criJoinedRecordIsCapped() {
        var stripper = PrefixStripper(maxJoinedLength: 64)
        for _ in 0..<10 { _ = stripper.run("2024-05-06T07:08:09.1Z stdout P 0123456789abcdef") }
        let joined = stripper.run("2024-05-06T07:08:09.2Z stdout F end")
        #expect(joined.content.count == 64 && joined.isTruncated)
        #expect(joined.content.hasPrefix("0123456789abcdef0123"))
        #expect(stripper.run("2024-05-06T07:08:09.3Z stdout F next") == Stripped(content: "next", style: .cri))
    }

    @Test func unfinishedPartialComesOutAtTheEnd() {
        var stripper = PrefixStripper()
        _ = stripper.run("2024-05-06T07:08:09.1Z stdout P [2024-05-06T07:08:09.123Z] \"GET /")
        _ = stripper.run("2024-05-06T07:08:09.1Z stdout P x HTTP/1.1\" 200")
        let rest = stripper.finishPartial()
        #expect(rest.map { String(decoding: $0.content, as: UTF8.self) } == "[2024-05-06T07:08:09.123Z] \"GET /x HTTP/1.1\" 200")
        #expect(stripper.finishPartial() == nil)
    }

    @Test func dockerJSON() {
        var stripper = PrefixStripper()
        for line in IstioLines.all + IstioLines.nonAccess {
            let wrapped = #"{"log":"\#(jsonEscaped(line))\n","stream":"stdout","time":"2024-05-06T07:08:09.123456789Z"}"#
            #expect(stripper.run(wrapped) == Stripped(content: line, style: .dockerJSON))
        }
        let escapes = #"{"log":"caf\u00e9 \u003cb\u003e \ud83d\ude00 tab\tq\"s\\/\r\n","stream":"stderr","time":"2024-05-06T07:08:09Z"}"#
        #expect(stripper.run(escapes) == Stripped(content: "café <b> 😀 tab\tq\"s\\/", style: .dockerJSON))
    }

    @Test func dockerCompose() {
        var stripper = PrefixStripper()
        for line in IstioLines.all + [IstioLines.envoyLegacy] {
            #expect(stripper.run("envoy-1  | \(line)") == Stripped(content: line, pod: "envoy-1", style: .dockerCompose))
            #expect(stripper.run("front-envoy_1 | 2024-05-06T07:08:09.123456789Z \(line)")
                == Stripped(content: line, pod: "front-envoy_1", style: .dockerCompose))
            #expect(stripper.run("\u{1B}[36mdemo-envoy-2  |\u{1B}[0m \(line)")
                == Stripped(content: line, pod: "demo-envoy-2", style: .dockerCompose))
        }
    }

    @Test func genericBrackets() {
        var stripper = PrefixStripper()
        for line in IstioLines.all {
            #expect(stripper.run("[\(pod) istio-proxy] \(line)")
                == Stripped(content: line, pod: pod, container: "istio-proxy", style: .generic))
            #expect(stripper.run("[istio-proxy] \(line)") == Stripped(content: line, container: "istio-proxy", style: .generic))
        }
    }

    @Test func everyStyleHasATitle() {
        let titles = Set(PrefixStyle.allCases.map(\.title))
        #expect(titles.count == PrefixStyle.allCases.count)
        #expect(!titles.contains(""))
    }
}
