import Foundation
import Testing

/// A node's kubelet log files (`/var/log/pods/…`, `/var/log/containers/…`): the pod comes from the
/// path, so the per-pod rules work with no kubectl prefix.
@Suite struct NodeFilesEndToEndTests {
    /// `meshlog generate --scenario connection-pinning` output split per pod into a node-shaped tree
    /// of CRI files (prefixes removed: only the paths name the pods). Returns the files.
    func nodeTree(in dir: URL, containersLayout: Bool) throws -> [URL] {
        let outcome = try MeshlogProcess.run(["generate", "--lines", "1500", "--seed", "7",
                                              "--scenario", "connection-pinning", "--prefix", "kubectlPrefix"])
        #expect(outcome.status == 0)
        var perPod: [String: [String]] = [:]
        for line in outcome.stdout.split(separator: "\n") {
            guard line.hasPrefix("[pod/"), let close = line.firstIndex(of: "]") else { continue }
            let pod = line[line.index(line.startIndex, offsetBy: 5)..<close].split(separator: "/")[0]
            let text = line[line.index(close, offsetBy: 2)...]
            perPod[String(pod), default: []].append("2026-11-20T10:00:00.000000000Z stdout F \(text)")
        }
        #expect(perPod.count >= 4)
        var files: [URL] = []
        for (index, (pod, lines)) in perPod.sorted(by: { $0.key < $1.key }).enumerated() {
            let file: URL
            if containersLayout {
                let id = String(format: "%064x", index + 1)
                file = dir.appendingPathComponent("var/log/containers/\(pod)_shop_istio-proxy-\(id).log")
            } else {
                file = dir.appendingPathComponent("var/log/pods/shop_\(pod)_uid-\(index)/istio-proxy/0.log")
            }
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
            files.append(file)
        }
        return files
    }

    func findingIds(_ files: [URL]) throws -> (ids: [String], sources: Int) {
        let outcome = try MeshlogProcess.run(["report", "--output", "json"] + files.map(\.path))
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        let sources = (report["sources"] as? [Any])?.count ?? 0
        return (findings.compactMap { $0["id"] as? String }, sources)
    }

    @Test(arguments: [false, true])
    func pinningIsFoundFromThePathsAlone(containersLayout: Bool) throws {
        let dir = try MeshlogProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = try nodeTree(in: dir, containersLayout: containersLayout)
        let (ids, sources) = try findingIds(files)
        #expect(ids.contains("connection-pinning"))
        #expect(sources >= 4)

        // The same lines in files whose paths name no pod: no per-pod view, no pinning finding.
        let plain = try files.enumerated().map { index, file in
            let copy = dir.appendingPathComponent("plain-\(index).log")
            try FileManager.default.copyItem(at: file, to: copy)
            return copy
        }
        #expect(try !findingIds(plain).ids.contains("connection-pinning"))
    }
}
