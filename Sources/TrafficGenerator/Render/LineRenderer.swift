/// Renders a pending line — log-tool prefix, then the access record or proxy message — into the
/// scratch buffer, in the chosen format.
struct LineRenderer {
    let format: OutputFormat
    let prefix: GeneratedPrefix
    let dialect: Dialect

    /// Writes `line`; `timeNs` is the time the log tool saw it (prefix timestamps).
    func render(_ line: PendingLine, timeNs: Int64, into w: inout LineWriter) {
        switch line {
        case .access(let event):
            let name = event.loggerName.isEmpty ? MeshPods.all[event.loggerPod].name : event.loggerName
            writePrefix(pod: name, timeNs: timeNs, stderr: false, into: &w)
            if format.isJSON {
                JSONAccessRenderer(format: format).render(event, into: &w)
            } else {
                TextAccessRenderer(format: format).render(event, into: &w)
            }
        case .proxy(let proxy):
            writePrefix(pod: MeshPods.all[proxy.pod].name, timeNs: timeNs, stderr: proxy.message.isEnvoy, into: &w)
            ProxyLineRenderer(style: dialect.proxyLog).render(proxy, into: &w)
        }
    }

    /// `[pod/NAME/istio-proxy] `, RFC3339Nano timestamps, stern's `NAME istio-proxy `, or the CRI
    /// `TIME stdout F `.
    func writePrefix(pod name: Text, timeNs: Int64, stderr: Bool, into w: inout LineWriter) {
        switch prefix {
        case .none:
            return
        case .kubectlPrefix, .kubectlBoth:
            w.text("[pod/")
            w.text(name)
            w.byte(UInt8(ascii: "/"))
            w.text(MeshPods.container)
            w.text("] ")
            if prefix == .kubectlBoth {
                w.rfc3339Nano(ns: timeNs)
                w.byte(UInt8(ascii: " "))
            }
        case .kubectlTimestamps:
            w.rfc3339Nano(ns: timeNs)
            w.byte(UInt8(ascii: " "))
        case .stern:
            w.text(name)
            w.byte(UInt8(ascii: " "))
            w.text(MeshPods.container)
            w.byte(UInt8(ascii: " "))
        case .cri:
            w.rfc3339Nano(ns: timeNs)
            w.text(stderr ? " stderr F " : " stdout F ")
        }
    }
}

/// Envoy's `%GRPC_STATUS%` CAMEL_STRING names, indexed by code.
enum GrpcNames {
    static let camel: [Text] = [
        "OK", "Canceled", "Unknown", "InvalidArgument", "DeadlineExceeded", "NotFound", "AlreadyExists",
        "PermissionDenied", "ResourceExhausted", "FailedPrecondition", "Aborted", "OutOfRange",
        "Unimplemented", "Internal", "Unavailable", "DataLoss", "Unauthenticated",
    ]
}
