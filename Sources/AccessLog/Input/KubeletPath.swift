/// The pod, namespace and container that a kubelet log file's path names, so that a node's files
/// give per-pod views as `kubectl logs --prefix` would:
///
///     /var/log/pods/<namespace>_<pod>_<uid>/<container>/<N>.log   (also rotated: N.log.20240506-…, .gz)
///     /var/log/containers/<pod>_<namespace>_<container>-<container id>.log
///
/// Only the last path components are looked at, so a copy of a node's tree elsewhere works too.
public struct KubeletPath: Sendable, Equatable {
    public var namespace: String
    public var pod: String
    public var container: String

    public init(namespace: String, pod: String, container: String) {
        self.namespace = namespace
        self.pod = pod
        self.container = container
    }

    /// The names in `path`, or nil when it is not laid out like a kubelet log file.
    public init?(path: String) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let file = parts.last else { return nil }
        if parts.count >= 3, Self.isNumberedLog(file) {
            let podDir = parts[parts.count - 3].split(separator: "_", omittingEmptySubsequences: false)
            let container = parts[parts.count - 2]
            if podDir.count == 3, podDir.allSatisfy({ !$0.isEmpty }), Self.isName(container) {
                self.init(namespace: String(podDir[0]), pod: String(podDir[1]), container: container)
                return
            }
        }
        guard file.hasSuffix(".log") else { return nil }
        let fields = file.dropLast(4).split(separator: "_", omittingEmptySubsequences: false)
        guard fields.count == 3, !fields[0].isEmpty, !fields[1].isEmpty,
              let dash = fields[2].lastIndex(of: "-") else { return nil }
        let container = fields[2][..<dash]
        let id = fields[2][fields[2].index(after: dash)...]
        guard !container.isEmpty, id.count >= 12, id.allSatisfy(\.isHexDigit) else { return nil }
        self.init(namespace: String(fields[1]), pod: String(fields[0]), container: String(container))
    }

    /// `0.log`, `12.log`, `0.log.20240506-101112` (rotated), `0.log.20240506-101112.gz`.
    private static func isNumberedLog(_ name: String) -> Bool {
        let digits = name.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return false }
        let rest = name.dropFirst(digits.count)
        return rest == ".log" || rest.hasPrefix(".log.")
    }

    /// A container name (DNS label).
    private static func isName(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { FormatBytes.isLower($0) || FormatBytes.isDigit($0) || $0 == UInt8(ascii: "-") }
    }
}
