/// A fix with `{token}`s, kept in the knowledge base.
struct FixTemplate: Sendable {
    var title: String
    var body: String
    var language: String
    init(_ title: String, _ body: String, language: String = "yaml") {
        self.title = title; self.body = body; self.language = language
    }
}

extension FixTemplate {
    /// A DestinationRule for `{fqdn}`: the shared header (merge note, API version, metadata, host)
    /// followed by `spec`, the lines that belong under `spec:` after `host:` (written unindented;
    /// indented here), and `trailer`, comment lines after the YAML.
    static func destinationRule(_ title: String, spec: String, trailer: String = "") -> FixTemplate {
        let body = spec.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
        return FixTemplate(title, """
            {drNote}
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata:
              name: {service}
              namespace: {namespace}
            spec:
              host: {fqdn}
            \(body)
            """ + (trailer.isEmpty ? "" : "\n" + trailer))
    }
}
