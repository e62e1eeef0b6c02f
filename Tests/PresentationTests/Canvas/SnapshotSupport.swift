import Foundation
import SnapshotTesting
import Testing

/// `assertSnapshot(of: text, as: .lines)`, but stored in the target's root `__Snapshots__/<File>/`
/// (the folder Package.swift excludes) rather than next to this subfolder's test file, where
/// SwiftPM would warn about unhandled files.
func assertLinesSnapshot(_ text: String, named name: String? = nil,
                         fileID: StaticString = #fileID, filePath: StaticString = #filePath,
                         testName: String = #function, line: UInt = #line, column: UInt = #column) {
    let file = URL(fileURLWithPath: "\(filePath)")
    let directory = file.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__")
        .appendingPathComponent(file.deletingPathExtension().lastPathComponent)
    let failure = verifySnapshot(of: text, as: .lines, named: name, snapshotDirectory: directory.path,
                                 fileID: fileID, file: filePath, testName: testName, line: line, column: column)
    if let failure {
        Issue.record(Comment(rawValue: failure),
                     sourceLocation: SourceLocation(fileID: "\(fileID)", filePath: "\(filePath)",
                                                    line: Int(line), column: Int(column)))
    }
}
