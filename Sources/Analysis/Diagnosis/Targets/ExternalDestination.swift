/// A destination outside the mesh registry (`api.example.com`, `api.example.com:443`,
/// `93.184.216.34:443`, `[2001:db8::1]:443`), turned into ServiceEntry names.
struct ExternalDestination: Equatable {
    let host: String
    let port: Int?
    let isIP: Bool

    init(_ text: String) {
        var host = text
        var port: Int?
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if rest.hasPrefix(":") { port = Int(rest.dropFirst()) }
        } else if let colon = text.lastIndex(of: ":"), text.filter({ $0 == ":" }).count == 1 {
            host = String(text[..<colon])
            port = Int(text[text.index(after: colon)...])
        }
        self.host = host
        self.port = port
        isIP = host.contains(":") || (!host.isEmpty && host.allSatisfy { $0.isNumber || $0 == "." })
    }

    /// A DNS-label-safe name: `api-example-com`.
    var slug: String {
        let mapped = host.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        let trimmed = String(mapped).split(separator: "-").joined(separator: "-")
        return String(trimmed.prefix(50))
    }

    /// Fills the ServiceEntry tokens with the port and protocol the traffic used: `http` is true
    /// when the records to this destination were HTTP (plaintext, so the authority is readable),
    /// false when they were TCP (TLS or another protocol). Without a port in the destination, HTTP
    /// means 80 and TCP 443. `namespace` is where the client runs, when known.
    func placeholders(_ base: Placeholders, http: Bool = false, namespace: String? = nil) -> Placeholders {
        var p = base
        let port = self.port ?? (http ? 80 : 443)
        let proto: (String, String) = switch port {
        case 443, 8443: ("tls-\(port)", "TLS")
        case 80 where self.port != nil, 8080 where self.port != nil: ("http-\(port)", "HTTP")
        default: http ? ("http-\(port)", "HTTP") : ("tcp-\(port)", "TCP")
        }
        if let namespace { p.set("namespace", namespace) }
        p.set("destinationPort", String(port))
        p.set("destinationPortName", proto.0)
        p.set("destinationProtocol", proto.1)
        p.set("destinationName", slug.isEmpty ? "<external-name>" : slug)
        if isIP {
            p.set("destination", "\(slug).external   # any name; the address below is what matches")
            p.set("addressesBlock", "\n  addresses:\n  - \(host)\(host.contains(":") ? "/128" : "/32")")
            p.set("destinationResolution", "NONE")
        } else {
            p.set("destination", host)
        }
        return p
    }
}
