#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A deterministic generator of realistic istio-proxy logs: a small mesh (namespace `shop`) with
/// gRPC, HTTP/1.1 and TCP traffic seen from client and server sidecars, a trace of common flags,
/// ~2 % non-access proxy lines, and optionally one scenario's signature mixed in. With
/// `GeneratorOptions.scale` it writes a large mesh instead (many clusters, hosts and client pods).
///
/// ```swift
/// var generator = TrafficGenerator(options: GeneratorOptions(lines: 1000, scenario: .upstreamTimeout))
/// var bytes: [UInt8] = []
/// while generator.appendNextLine(to: &bytes) {}
/// ```
/// The same options always produce the same bytes. Lines are built from literals and hand-formatted
/// numbers in a reused buffer (well over a million lines per second in release builds).
public struct TrafficGenerator {
    /// The options as given.
    public let options: GeneratorOptions
    /// The format actually written (`options.effectiveOutput`).
    public let format: OutputFormat
    /// The prefix actually written (`options.effectivePrefix`).
    public let prefix: GeneratedPrefix

    let dialect: Dialect
    var rng: RandomSource
    /// Lines written so far.
    public private(set) var linesWritten = 0
    /// The log clock (when the proxies write), in microseconds since the epoch.
    var clockUs: Int64
    var queue: [PendingLine] = []
    var queueHead = 0
    let scratch = LineScratch()
    let renderer: LineRenderer
    let flows: [Flow]
    let flowWeights: [Int]
    let flowTotal: Int
    let operationWeights: [[Int]]
    let operationTotals: [Int]
    /// The large mesh of `options.scale` (nil for the `shop` mesh).
    let scaleMesh: ScaleMesh?
    /// Running average of lines per request group (calibrates the non-access share).
    var linesPerRequestGroup = 1.8
    /// Prefix timestamp of the previous line (nanoseconds).
    var lastLineNs: Int64 = 0

    public init(options: GeneratorOptions) {
        self.options = options
        format = options.effectiveOutput
        prefix = options.effectivePrefix
        dialect = Dialect(format: format)
        renderer = LineRenderer(format: format, prefix: prefix, dialect: dialect)
        rng = RandomSource(seed: options.seed)
        clockUs = options.startTimeMs * 1000
        let plan = TrafficGenerator.flowPlan(for: options.scenario)
        flows = plan.map(\.0)
        flowWeights = plan.map(\.1)
        flowTotal = max(1, flowWeights.reduce(0, +))
        let weights = Target.allCases.map { MeshOperations.operations($0).map(\.weight) }
        operationWeights = weights
        operationTotals = weights.map { max(1, $0.reduce(0, +)) }
        scaleMesh = options.scale.map { ScaleMesh(options: $0, seed: options.seed) }
        queue.reserveCapacity(16)
    }

    /// Appends the next line (with its `\n`) to `buffer`. Returns false, appending nothing, once
    /// `options.lines` lines have been produced.
    public mutating func appendNextLine(to buffer: inout [UInt8]) -> Bool {
        var writer = scratch.writer()
        guard renderNextLine(into: &writer) else { return false }
        buffer.append(contentsOf: writer.bytes)
        return true
    }

    /// Writes all remaining lines to a file descriptor in writes of about 1 MiB.
    /// Throws `GeneratorError.writeFailed` when `write(2)` fails (e.g. `EPIPE` on a closed pipe).
    public mutating func write(to fd: Int32) throws {
        let chunk = 1 << 20
        let capacity = chunk + LineScratch.capacity
        let base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { base.deallocate() }
        var more = true
        while more {
            var used = 0
            while used < chunk {
                var writer = LineWriter(base: base + used, capacity: capacity - used)
                if !renderNextLine(into: &writer) { more = false; break }
                used += writer.count
            }
            try TrafficGenerator.writeAll(UnsafeRawBufferPointer(start: base, count: used), to: fd)
        }
    }

    /// Renders the next line, with its newline, at the writer's position.
    private mutating func renderNextLine(into writer: inout LineWriter) -> Bool {
        guard linesWritten < options.lines else { return false }
        if queueHead >= queue.count {
            queue.removeAll(keepingCapacity: true)
            queueHead = 0
            while queue.isEmpty { produceGroup() }
        }
        let line = queue[queueHead]
        queueHead += 1
        // Log tools stamp lines as they arrive: never earlier than the previous line.
        lastLineNs = max(line.writtenNs, lastLineNs + 1 + Int64(line.writtenNs & 0x7F))
        renderer.render(line, timeNs: lastLineNs, into: &writer)
        writer.byte(UInt8(ascii: "\n"))
        linesWritten += 1
        return true
    }

    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) throws {
        guard let start = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let n = systemWrite(fd, start + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw GeneratorError.writeFailed(errno: errno)
            }
            offset += n
        }
    }
}

/// `write(2)` (named apart from `TrafficGenerator.write(to:)`).
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, bytes, count)
    #else
    Darwin.write(fd, bytes, count)
    #endif
}

/// Errors from `TrafficGenerator.write(to:)`.
public enum GeneratorError: Error, Equatable, CustomStringConvertible {
    case writeFailed(errno: Int32)

    public var description: String {
        switch self {
        case .writeFailed(let code): "write failed: \(String(cString: strerror(code)))"
        }
    }
}

/// A line waiting to be rendered.
enum PendingLine {
    case access(AccessEvent)
    case proxy(ProxyLine)

    /// When the proxy wrote it, in nanoseconds since the epoch.
    var writtenNs: Int64 {
        switch self {
        case .access(let event): event.writtenNs
        case .proxy(let line): line.timeUs * 1000 + Int64(line.number2 * 17 + line.headerIndex * 3) % 1000
        }
    }
}
