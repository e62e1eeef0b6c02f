import AccessLog
import Analysis
import TrafficGenerator

/// The shared hand-made line builder (TrafficGenerator), under its short test name.
public typealias TestLine = AccessLineBuilder

extension Aggregator {
    /// Adds a test line (with an optional pod/container prefix).
    public mutating func add(_ t: TestLine, pod: String = "", container: String = "") {
        let (line, record) = t.build()
        let podBytes = Array(pod.utf8), containerBytes = Array(container.utf8)
        line.withUnsafeBytes { l in
            podBytes.withUnsafeBytes { p in
                containerBytes.withUnsafeBytes { c in add(record, line: l, source: p, container: c) }
            }
        }
    }

    public mutating func addMalformed(_ reason: MalformedReason, _ text: String, lineNumber: Int) {
        Array(text.utf8).withUnsafeBytes { addMalformed(reason, line: $0, lineNumber: lineNumber) }
    }

    public mutating func addNonAccess(_ kind: NonAccessKind, _ text: String) {
        Array(text.utf8).withUnsafeBytes { addNonAccess(kind, line: $0) }
    }
}
