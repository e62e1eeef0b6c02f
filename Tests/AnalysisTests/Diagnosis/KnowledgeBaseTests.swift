import AccessLog
import Testing
@testable import Analysis

@Suite struct KnowledgeBaseTests {
    @Test func everyFlagHasOneCompleteEntry() {
        #expect(FlagKnowledgeBase.all.map(\.flag) == ResponseFlag.allCases)
        for k in FlagKnowledgeBase.all {
            #expect(k.meaning.count > k.flag.meaning.count, "\(k.flag.shortName): meaning should be longer than the one-liner")
            #expect(!k.causes.isEmpty, "\(k.flag.shortName)")
            #expect(!k.checks.isEmpty, "\(k.flag.shortName)")
            #expect(!k.verify.isEmpty, "\(k.flag.shortName)")
        }
    }

    @Test func everyFindingHasOneCompleteEntry() {
        #expect(FindingKnowledgeBase.all.map(\.id) == FindingID.allCases)
        for k in FindingKnowledgeBase.all {
            #expect(!k.summary.isEmpty && !k.signature.isEmpty && !k.thresholds.isEmpty && !k.titleTemplate.isEmpty, "\(k.id)")
            #expect(!k.causes.isEmpty, "\(k.id)")
            #expect(!k.verify.isEmpty, "\(k.id)")
            #expect(Set(k.causes.map(\.key)).count == k.causes.count, "\(k.id): duplicate cause keys")
        }
    }

    @Test func flagsAndFindingsPointAtEachOther() {
        for k in FindingKnowledgeBase.all {
            for flag in k.flags {
                let named = FlagKnowledgeBase.entry(flag).finding
                #expect(named.map { FindingKnowledgeBase.entry($0).flags.contains(flag) } == true,
                        "\(flag.shortName) is listed by \(k.id) but names \(String(describing: named))")
            }
        }
        for k in FlagKnowledgeBase.all {
            if let id = k.finding { #expect(FindingKnowledgeBase.entry(id).flags.contains(k.flag), "\(id) should list \(k.flag.shortName)") }
        }
    }

    @Test func findingIDsWinOverFlagNamesWrittenTheSameWay() {
        #expect(Explain.text(for: "local-reset")?.hasPrefix("local-reset\n") == true)
        #expect(Explain.text(for: "LocalReset")?.hasPrefix("LR — LocalReset") == true)
        #expect(Explain.text(for: "no-healthy-upstream")?.hasPrefix("no-healthy-upstream\n") == true)
    }

    @Test func causesCanBeReordered() {
        let k = FindingKnowledgeBase.entry(.upstreamTimeout)
        let ordered = k.causes(first: ["route", "nonexistent"])
        #expect(ordered.count == k.causes.count)
        #expect(ordered.first == k.causes.first { $0.key == "route" }?.text)
    }

    @Test func istioFieldNamesAreSpelledAsIstioDoes() {
        let all = FindingKnowledgeBase.all.flatMap { $0.fixes.map(\.body) }.joined(separator: "\n")
        for field in ["idleTimeout", "maxConnectionDuration", "tcpKeepalive", "consecutive5xxErrors", "consecutiveGatewayErrors",
                      "baseEjectionTime", "maxEjectionPercent", "perTryTimeout", "retryOn", "appProtocol", "h2UpgradePolicy",
                      "mode: ISTIO_MUTUAL", "kind: PeerAuthentication", "kind: ServiceEntry", "outboundTrafficPolicy",
                      "kind: AuthorizationPolicy", "kind: Telemetry", "envoyFileAccessLog", "%GRPC_STATUS%", "MaxConnectionAgeGrace"] {
            #expect(all.contains(field), "missing \(field)")
        }
    }
}
