import Testing
@testable import AccessLog

@Suite struct FormatErrorTests {
    func error(_ format: String) -> FormatError? {
        do {
            _ = try LineParser(customFormat: format)
            return nil
        } catch {
            return error
        }
    }

    @Test func unterminatedOperatorNamesItsColumn() throws {
        let e = try #require(error(#"[%START_TIME%] "%REQ(:METHOD) %REQ(:PATH)%" %RESPONSE_CODE%"#))
        #expect(e.column == 17)
        #expect(e.description == "unterminated %REQ(:METHOD) at column 17")
    }

    @Test func unterminatedArgument() throws {
        let e = try #require(error("%RESPONSE_CODE% %REQ(USER-AGENT"))
        #expect(e.column == 17)
        #expect(e.description.hasPrefix("unterminated %REQ("))
    }

    @Test func percentWithoutOperatorName() throws {
        let e = try #require(error("%RESPONSE_CODE% 50% done"))
        #expect(e.column == 19)
        #expect(e.message == "expected an operator name after %")
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let e = try #require(error("é %RESPONSE_CODE"))
        #expect(e.column == 3)
    }

    @Test func emptyAndOperatorFreeFormats() throws {
        #expect(try #require(error("  \n")).message == "the format is empty")
        #expect(try #require(error("just text")).message == "the format has no %OPERATOR%")
    }

    @Test func invalidJSONObjectFormat() throws {
        let e = try #require(error(#"{"code": "%RESPONSE_CODE%" "flags": "%RESPONSE_FLAGS%"}"#))
        #expect(e.message == "invalid JSON format object")
        #expect(e.column == 28)
        let inner = try #require(error(#"{"code": "%RESPONSE_CODE"}"#))
        #expect(inner.message.hasPrefix("in key \"code\": unterminated %RESPONSE_CODE"))
    }

    @Test func validFormatsCompile() {
        #expect(error("%RESPONSE_CODE%\n") == nil)
        #expect(error(#"[%START_TIME%] %RESPONSE_CODE% %RESPONSE_FLAGS%\n"#) == nil)
        #expect(error(#"{"code":"%RESPONSE_CODE%"}"#) == nil)
    }
}
