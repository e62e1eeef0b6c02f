import Analysis
import Testing
@testable import Presentation

/// The command streams the JSON report in chunks instead of holding it whole (8 MB at mesh scale).
@Suite struct JSONReportStreamingTests {
    @Test func chunksAddUpToTheWholeReport() {
        let snapshot = ScaleFixture.mesh.snapshot
        let whole = JSONReport.renderBytes(snapshot, findings: [], inputs: ["mesh.log"])
        var chunks: [[UInt8]] = []
        JSONReport.write(snapshot, findings: [], inputs: ["mesh.log"], chunkBytes: 4096) { chunks.append($0) }
        #expect(Array(chunks.joined()) == whole)
        #expect(whole.count > 8 * 4096, "the fixture is large enough to need several chunks")
        #expect(chunks.count >= 8)
        #expect(chunks.dropLast().allSatisfy { $0.count >= 4096 && $0.count < 3 * 4096 })
        #expect(chunks.last.map { !$0.isEmpty } == true)
    }
}
