/// Values for `{token}`s in fix and verify templates (`{fqdn}`, `{port}`, `{pod}` …).
///
/// Templates live in the knowledge base; rules fill them with names from the log, `explain` with
/// generic `<placeholders>`. Unknown tokens are left as they are.
struct Placeholders: Sendable {
    private(set) var values: [String: String]

    init(target: ServiceTarget = .generic, pod: String? = nil) {
        let subsetLine = target.subset.map { "\n        subset: \($0)" } ?? ""
        var drNote = "# Merge into the DestinationRule for \(target.fqdn) if one exists (one per host)."
        if let subset = target.subset {
            drNote += "\n# Keep its subsets (traffic here went to subset \(subset)); a policy under"
            drNote += "\n# subsets[name: \(subset)].trafficPolicy applies to that subset only."
        }
        values = [
            "fqdn": target.fqdn, "service": target.service, "namespace": target.namespace,
            "port": target.port, "subset": target.subset ?? "<subset>",
            "cluster": target.clusterName ?? "outbound|\(target.port)||\(target.fqdn)",
            "pod": pod ?? "<client-pod>", "subsetLine": subsetLine, "drNote": drNote,
            "host": "<host-ip>:<port>", "hostIP": "<host-ip>", "method": "/<package>.<Service>/<Method>",
            "methodName": "<Method>", "destination": "<external-host>", "destinationPort": "443",
            "destinationName": "<external-name>", "destinationPortName": "tls", "destinationProtocol": "TLS",
            "addressesBlock": "", "destinationResolution": "DNS",
            "policy": "<policy>", "policyNamespace": target.namespace,
            "limitPath": "http", "limitField": "http2MaxRequests", "limitValue": "<4 × peak requests in flight>",
            "limitBasis": "from the observed demand; per client proxy",
            "limitCounter": "upstream_rq_pending_overflow",
        ]
    }

    /// Sets or replaces one token's value.
    mutating func set(_ token: String, _ value: String) { values[token] = value }

    func with(_ token: String, _ value: String) -> Placeholders {
        var copy = self
        copy.values[token] = value
        return copy
    }

    /// Replaces every `{token}` whose name is known; one pass over the UTF-8 bytes.
    func fill(_ template: String) -> String {
        let utf8 = Array(template.utf8)
        return utf8.withUnsafeBufferPointer { bytes -> String in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 128)
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "{") {
                    var j = i + 1
                    while j < bytes.count, j - i <= 32, bytes[j] != UInt8(ascii: "}"), bytes[j] != UInt8(ascii: "{") { j += 1 }
                    if j < bytes.count, bytes[j] == UInt8(ascii: "}"),
                       let value = values[String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 1)..<j]), as: UTF8.self)] {
                        out.append(contentsOf: value.utf8)
                        i = j + 1
                        continue
                    }
                }
                out.append(b)
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    func fill(_ template: FixTemplate) -> Fix {
        Fix(title: fill(template.title), body: fill(template.body), language: template.language)
    }
}
