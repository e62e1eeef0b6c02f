/// The istio-proxy container's own log lines (not access records): pilot-agent messages and
/// Envoy application log messages, with the occasional multi-line debug header dump.
enum ProxyMessage: Int, CaseIterable {
    case xdsConnected, adsConnection, certificateGenerated, sdsPush, xdsUpstreamTerminated, proxyReady
    case cdsAdd, cdsUpdated, ldsUpdate, configStreamClosed, requestHeaders
    /// A continuation line of a header dump (no timestamp).
    case headerLine

    /// Written by Envoy (its application log; stderr), otherwise by pilot-agent (stdout).
    var isEnvoy: Bool { rawValue >= ProxyMessage.cdsAdd.rawValue }

    /// Relative frequency among proxy log groups.
    var weight: Int {
        switch self {
        case .xdsConnected: 10
        case .adsConnection: 6
        case .certificateGenerated: 8
        case .sdsPush: 8
        case .xdsUpstreamTerminated: 3
        case .proxyReady: 2
        case .cdsAdd: 10
        case .cdsUpdated: 14
        case .ldsUpdate: 8
        case .configStreamClosed: 4
        case .requestHeaders: 3
        case .headerLine: 0
        }
    }
}

/// One proxy log line waiting to be rendered.
struct ProxyLine {
    var message: ProxyMessage
    var timeUs: Int64
    /// The pod whose istio-proxy container printed it.
    var pod: Int
    /// Numbers the message mentions (counts, ids, seconds).
    var number: Int
    var number2: Int
    /// Envoy worker/main thread id.
    var thread: Int
    /// For `.headerLine`: which header (0…3); the last one carries the `thread=` suffix.
    var headerIndex = 0
}

extension TrafficGenerator {
    static let proxyMessageWeights = ProxyMessage.allCases.map(\.weight)
    static let proxyMessageTotal = proxyMessageWeights.reduce(0, +)
    /// Lines in a header dump after the debug line.
    static let headerDumpLines = 4

    /// Appends one proxy log message (a header dump adds its continuation lines).
    mutating func appendProxyLines() {
        var message = ProxyMessage(rawValue: rng.pick(TrafficGenerator.proxyMessageWeights,
                                                      total: TrafficGenerator.proxyMessageTotal)) ?? .cdsUpdated
        if message == .requestHeaders && dialect.proxyLog == .json { message = .cdsUpdated }
        let pod = MeshPods.withSidecar.lowerBound + rng.below(MeshPods.withSidecar.count)
        let line = ProxyLine(message: message, timeUs: clockUs, pod: pod, number: rng.range(1, 160),
                             number2: rng.range(0, 48), thread: message.isEnvoy ? rng.range(14, 33) : 0)
        queue.append(.proxy(line))
        if message == .requestHeaders {
            for index in 0..<TrafficGenerator.headerDumpLines {
                var header = line
                header.message = .headerLine
                header.headerIndex = index
                queue.append(.proxy(header))
            }
        }
    }
}
