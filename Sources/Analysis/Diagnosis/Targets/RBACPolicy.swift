/// The policy named in `rbac_access_denied_matched_policy[ns[NS]-policy[NAME]-rule[N]]`.
struct RBACPolicy: Equatable {
    var namespace: String?
    var name: String?
    var isNone: Bool

    init(detail: String) {
        namespace = RBACPolicy.bracketed(after: "ns[", in: detail)
        name = RBACPolicy.bracketed(after: "-policy[", in: detail)
        isNone = detail.hasSuffix("[none]")
    }

    var label: String {
        if let name { return namespace.map { "\($0)/\(name)" } ?? name }
        return isNone ? "none (no ALLOW policy matched)" : "unnamed policy"
    }

    static func bracketed(after marker: String, in text: String) -> String? {
        guard let start = text.firstRange(of: marker)?.upperBound,
              let end = text[start...].firstIndex(of: "]") else { return nil }
        let value = String(text[start..<end])
        return value.isEmpty ? nil : value
    }
}
