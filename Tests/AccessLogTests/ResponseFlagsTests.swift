import Testing
@testable import AccessLog

@Suite struct ResponseFlagsTests {
    func parse(_ s: String) -> ResponseFlags? {
        var s = s
        return s.withUTF8 { ResponseFlags.parse(UnsafeRawBufferPointer($0)) }
    }

    @Test func flagsAreAnUnorderedSet() {
        #expect(parse("UF,URX") == parse("URX,UF"))
        #expect(parse("UF,URX")?.sortedShortNames == ["UF", "URX"])
    }

    @Test func dashIsEmpty() {
        #expect(parse("-") == [])
    }

    @Test func longNamesParse() {
        #expect(parse("UpstreamConnectionFailure,UpstreamRetryLimitExceeded") == parse("UF,URX"))
    }

    @Test func unknownNameFails() {
        #expect(parse("UF,XYZ") == nil)
    }

    @Test func everyFlagRoundTripsByBothNames() {
        #expect(ResponseFlag.allCases.count == 30)
        for flag in ResponseFlag.allCases {
            #expect(parse(flag.shortName) == ResponseFlags(flag))
            #expect(parse(flag.longName) == ResponseFlags(flag))
            #expect(ResponseFlag(name: flag.shortName) == flag)
        }
    }
}
