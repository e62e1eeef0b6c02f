import Testing
@testable import Analysis
#if canImport(Glibc)
import Glibc
#endif

@Suite struct DiagnosesDocumentTests {
    static let path: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(4)   // Tests/AnalysisTests/Diagnosis/<file>
        return parts.joined(separator: "/") + "/docs/diagnoses.md"
    }()

    @Test func documentMatchesTheKnowledgeBase() throws {
        let generated = DiagnosesDocument.markdown()
        if getenv("MESHLOG_WRITE_DOCS") != nil { try write(generated, to: Self.path) }
        let onDisk = try #require(read(Self.path), "docs/diagnoses.md is missing")
        #expect(onDisk == generated, "docs/diagnoses.md is stale: MESHLOG_WRITE_DOCS=1 swift test --filter DiagnosesDocumentTests")
    }

    @Test func documentCoversEveryFindingAndFlag() {
        let doc = DiagnosesDocument.markdown()
        for id in FindingID.allCases { #expect(doc.contains("### `\(id.rawValue)`")) }
        for k in FlagKnowledgeBase.all { #expect(doc.contains("| `\(k.flag.shortName)` |")) }
    }

    func read(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func write(_ text: String, to path: String) throws {
        guard let file = fopen(path, "w") else { throw WriteError() }
        defer { fclose(file) }
        let bytes = Array(text.utf8)
        _ = fwrite(bytes, 1, bytes.count, file)
    }

    struct WriteError: Error {}
}
