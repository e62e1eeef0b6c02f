import Foundation
import Synchronization

/// Runs the built `meshlog` binary and captures what it does.
struct MeshlogProcess {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary next to the test bundle (`.build/<config>/meshlog`).
    static let binary: URL = {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidate = here.appendingPathComponent("meshlog")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/meshlog")
    }()

    /// Runs `meshlog args…` with `stdin` as its standard input (empty when nil).
    static func run(_ args: [String], stdin: Data? = nil, environment: [String: String] = [:]) throws -> Outcome {
        try runProcess(binary.path, args, stdin: stdin, environment: environment)
    }

    /// Runs a shell pipeline (`bash -o pipefail -c`), with `$MESHLOG` set to the binary.
    static func shell(_ script: String) throws -> Outcome {
        try runProcess("/bin/bash", ["-o", "pipefail", "-c", script], stdin: nil, environment: ["MESHLOG": binary.path])
    }

    private static func runProcess(_ path: String, _ args: [String], stdin: Data?,
                                   environment: [String: String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let group = DispatchGroup()
        let errorData = Mutex(Data())
        DispatchQueue.global().async(group: group) {
            if let stdin { input.fileHandleForWriting.write(stdin) }
            try? input.fileHandleForWriting.close()
        }
        DispatchQueue.global().async(group: group) {
            let data = errors.fileHandleForReading.readDataToEndOfFile()
            errorData.withLock { $0 = data }
        }
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        group.wait()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                       stderr: String(decoding: errorData.withLock { $0 }, as: UTF8.self))
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("meshlog-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

