import AccessLog
import Testing
@testable import Analysis

@Suite struct ExplainTests {
    @Test(arguments: ResponseFlag.allCases)
    func knowsEveryFlagByShortAndLongName(flag: ResponseFlag) throws {
        let short = try #require(Explain.text(for: flag.shortName))
        #expect(short.hasPrefix("\(flag.shortName) — \(flag.longName)"))
        #expect(Explain.text(for: flag.longName) == short)
        #expect(Explain.text(for: flag.shortName.lowercased()) == short)
        #expect(Explain.text(for: flag.longName.uppercased()) == short)
        #expect(short.contains("Usual causes:"))
        #expect(short.contains("Verify:"))
    }

    @Test(arguments: FindingID.allCases)
    func knowsEveryFindingID(id: FindingID) throws {
        let text = try #require(Explain.text(for: id.rawValue))
        #expect(text.hasPrefix(id.rawValue + "\n"))
        #expect(text.contains("Signature:"))
        #expect(text.contains("Thresholds:"))
        #expect(text.contains("Likely causes:"))
        #expect(text.contains("Verify:"))
        #expect(Explain.text(for: id.rawValue.uppercased()) == text)
    }

    @Test func explainFillsEveryTokenWithAPlaceholder() {
        for name in Explain.allNames {
            let text = Explain.text(for: name) ?? ""
            for token in ["{fqdn}", "{service}", "{namespace}", "{port}", "{pod}", "{cluster}", "{drNote}", "{subsetLine}",
                          "{destination}", "{method}", "{host}", "{hostIP}", "{policy}", "{subset}"] {
                #expect(!text.contains(token), "\(name) leaves \(token)")
            }
        }
        #expect(Explain.text(for: "UO")?.contains("host: <service>.<namespace>.svc.cluster.local") == true)
        #expect(Explain.text(for: "UO")?.contains("istioctl proxy-config cluster <client-pod>") == true)
    }

    @Test func acceptsPercentSignsSpacesAndUnderscores() {
        #expect(Explain.text(for: " UF ") != nil)
        #expect(Explain.text(for: "upstream_overflow") == Explain.text(for: "UO"))
        #expect(Explain.text(for: "connection_pinning") == Explain.text(for: "connection-pinning"))
    }

    @Test func unknownNamesGetSuggestions() {
        #expect(Explain.text(for: "XYZ") == nil)
        #expect(Explain.text(for: "") == nil)
        #expect(Explain.suggestions(for: "UFX").contains("UF"))
        #expect(Explain.suggestions(for: "upstream-timout").contains("upstream-timeout"))
        #expect(Explain.suggestions(for: "pinning").contains("connection-pinning"))
        #expect(Explain.suggestions(for: "qqqqqqqqqq").isEmpty)
    }

    @Test func listNamesEveryFlagAndFinding() {
        let list = Explain.list()
        for flag in ResponseFlag.allCases {
            #expect(list.contains("  \(flag.shortName) "))
            #expect(list.contains(flag.longName))
        }
        for id in FindingID.allCases { #expect(list.contains("  \(id.rawValue) ")) }
    }

    @Test func flagsPointAtTheirFinding() {
        #expect(Explain.text(for: "UO")?.contains("Diagnosed from traffic as: circuit-breaker-overflow") == true)
        #expect(Explain.text(for: "RFCF")?.contains("informational") == true)
    }
}
