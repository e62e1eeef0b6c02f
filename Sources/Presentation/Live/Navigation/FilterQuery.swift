import AccessLog
import Analysis

/// The `/` filter: space-separated terms, all of which must hold.
///
/// A term is `key:value` with key `flag`, `cluster`, `code`, `host`, `method` or `pod`, or free
/// text (matched anywhere in the raw line). A leading `!` inverts a term. Values match without
/// regard to case: `flag:` a short or long flag name (`UO`, `upstreamoverflow`, or `-` for none);
/// `code:` an exact code (`503`), a class (`5xx`, `5`) or `0`; the others a substring.
/// An unknown key is read as free text (`foo:bar`).
public struct FilterQuery: Equatable, Sendable {
    /// The keys a `key:value` term may use.
    public enum Field: String, CaseIterable, Sendable {
        case flag, cluster, code, host, method, pod
    }

    /// What one term tests.
    public enum Matcher: Equatable, Sendable {
        case flag(ResponseFlag)
        case noFlag
        /// A flag name that is not a known flag: matches nothing (inverted: everything).
        case unknownFlag(String)
        case code(Int)
        /// `5xx`: codes 500…599.
        case codeClass(Int)
        case cluster(String)
        case host(String)
        case method(String)
        case pod(String)
        case text(String)
    }

    /// One term: what it tests, and whether `!` inverted it.
    public struct Term: Equatable, Sendable {
        var matcher: Matcher
        /// Written with a leading `!`: matches what the matcher does not.
        var inverted: Bool
        public init(_ matcher: Matcher, inverted: Bool = false) {
            self.matcher = matcher
            self.inverted = inverted
        }
    }

    /// The terms, in the order typed; all must hold.
    public var terms: [Term]

    public init(terms: [Term] = []) { self.terms = terms }

    /// Parses the text typed after `/`.
    public init(parsing text: String) {
        terms = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { Self.term(String($0)) }
    }

    /// True when nothing is filtered.
    public var isEmpty: Bool { terms.isEmpty }

    private static func term(_ raw: String) -> Term? {
        var word = Substring(raw)
        var inverted = false
        while word.hasPrefix("!") { inverted.toggle(); word = word.dropFirst() }
        guard !word.isEmpty else { return nil }
        guard let colon = word.firstIndex(of: ":"),
              let field = Field(rawValue: word[..<colon].lowercased()) else {
            return Term(.text(word.lowercased()), inverted: inverted)
        }
        let value = String(word[word.index(after: colon)...])
        guard !value.isEmpty else { return nil }
        return Term(matcher(field, value), inverted: inverted)
    }

    private static func matcher(_ field: Field, _ value: String) -> Matcher {
        let lower = value.lowercased()
        switch field {
        case .flag:
            if value == "-" { return .noFlag }
            return ResponseFlag(name: value).map(Matcher.flag) ?? .unknownFlag(value)
        case .code:
            if let code = Int(value) {
                return value.count == 1 && code > 0 ? .codeClass(code) : .code(code)
            }
            if lower.count == 3, lower.hasSuffix("xx"), let digit = Int(lower.prefix(1)) { return .codeClass(digit) }
            return .text(lower)
        case .cluster: return .cluster(lower)
        case .host: return .host(lower)
        case .method: return .method(lower)
        case .pod: return .pod(lower)
        }
    }
}
