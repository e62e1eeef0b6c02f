import Testing
@testable import AccessLog

/// The `--format` string is trimmed in one pass: long runs of trailing blanks (found by mutation
/// fuzzing; 100,000 spaces once took ~26 s) compile to the same parser as the bare format.
@Suite struct FormatTrimTests {
    static let blanks = String(repeating: " ", count: 100_000)
    static let tabs = String(repeating: "\t", count: 100_000)

    @Test(arguments: [blanks, tabs, blanks + "\\n" + tabs, "\\n" + blanks])
    func longTrailingBlanksAreTrimmed(tail: String) throws {
        let format = "%REQ(:METHOD)% %RESPONSE_CODE% %DURATION%" + tail
        #expect(CompiledFormat.trimmed(format) == "%REQ(:METHOD)% %RESPONSE_CODE% %DURATION%")
        var parser = try LineParser(customFormat: format)
        let p = FormatFixture("GET 503 12", parser: &parser)
        #expect(p.lineClass == .access)
        #expect(p.format == .custom)
        #expect(p.record.responseCode == 503)
        #expect(p.record.durationMs == 12)
    }

    @Test(arguments: [blanks, tabs, blanks + "\n" + tabs, "\\n" + blanks + "\\n"])
    func aFormatOfOnlyBlanksIsEmpty(format: String) {
        #expect(throws: FormatError.self) { try LineParser(customFormat: format) }
        #expect(CompiledFormat.trimmed(format).isEmpty)
        do {
            _ = try LineParser(customFormat: format)
        } catch {
            #expect(error.message == "the format is empty")
        }
    }

    @Test func trimmingKeepsWhatCharacterTrimmingKept() {
        #expect(CompiledFormat.trimmed("\n\r\n %A% \u{2029}\\n \\n\t") == " %A%")
        #expect(CompiledFormat.trimmed("%A%\\\\n") == "%A%\\")   // `\\n` ends with a written `\n`
        #expect(CompiledFormat.trimmed("%A%n") == "%A%n")
        #expect(CompiledFormat.trimmed("é%A%\u{00A0}") == "é%A%")
    }
}
