import AccessLog
import Analysis

extension FilterQuery {
    /// True when `line` satisfies every term.
    public func matches(_ line: SampleLine) -> Bool {
        terms.allSatisfy { $0.matches(line) }
    }

    /// True when a cluster row passes the terms that say something about clusters: `cluster:`,
    /// `host:` (the cluster has such a host), `flag:` (the cluster had the flag), `code:` and free
    /// text (in the name or a host). Terms about other things (pods, methods) do not hide clusters.
    public func matches(_ cluster: ClusterStats) -> Bool {
        terms.allSatisfy { term in
            let hit: Bool
            switch term.matcher {
            case .cluster(let s): hit = cluster.name.name.lowercased().contains(s)
            case .host(let s): hit = cluster.hosts.contains { $0.host.lowercased().contains(s) }
            case .flag(let f): hit = cluster.flags.contains { $0.flag == f && $0.count > 0 }
            case .text(let s):
                hit = cluster.name.name.lowercased().contains(s) || cluster.hosts.contains { $0.host.lowercased().contains(s) }
            case .unknownFlag: hit = false
            case .code(let c): hit = cluster.codes.contains { $0.code == c }
            case .codeClass(let d): hit = cluster.codes.contains { $0.code / 100 == d }
            case .noFlag, .method, .pod: return true
            }
            return hit != term.inverted
        }
    }

    /// True when a host row of `cluster` passes the terms that say something about hosts: `host:`
    /// (its address), `flag:` / `code:` (the host had them) and free text (in its address or the
    /// cluster's name). `cluster:` terms are left to the cluster; pods and methods do not hide hosts.
    /// The "other" row passes only terms that do not name a host.
    public func matches(_ host: HostStats, in cluster: ClusterStats) -> Bool {
        terms.allSatisfy { term in
            let hit: Bool
            switch term.matcher {
            case .host(let s): hit = !host.isOther && host.host.lowercased().contains(s)
            case .text(let s):
                hit = cluster.name.name.lowercased().contains(s) || (!host.isOther && host.host.lowercased().contains(s))
            case .flag(let f): hit = host.flags.contains { $0.flag == f && $0.count > 0 }
            case .unknownFlag: hit = false
            case .code(let c): hit = host.codes.contains { $0.code == c }
            case .codeClass(let d): hit = host.codes.contains { $0.code / 100 == d }
            case .cluster, .noFlag, .method, .pod: return true
            }
            return hit != term.inverted
        }
    }

    /// True when a client pod passes the `pod:` terms (others do not hide pods).
    public func matches(pod: String) -> Bool {
        terms.allSatisfy { term in
            guard case .pod(let s) = term.matcher else { return true }
            return pod.lowercased().contains(s) != term.inverted
        }
    }

    /// True when a flag row passes the `flag:`, `code:`, `cluster:` / `host:` terms (the flag
    /// occurred on such a cluster / host) and free text (its name or a cluster).
    public func matches(_ flag: FlagStats) -> Bool {
        terms.allSatisfy { term in
            let hit: Bool
            switch term.matcher {
            case .flag(let f): hit = flag.flag == f
            case .noFlag, .unknownFlag: hit = false
            case .cluster(let s): hit = flag.clusters.contains { $0.key.lowercased().contains(s) }
            case .host(let s): hit = flag.hosts.contains { $0.key.lowercased().contains(s) }
            case .code(let c): hit = flag.codes.contains { $0.code == c }
            case .codeClass(let d): hit = flag.codes.contains { $0.code / 100 == d }
            case .text(let s):
                hit = flag.flag.shortName.lowercased() == s || flag.flag.longName.lowercased().contains(s)
                    || flag.clusters.contains { $0.key.lowercased().contains(s) }
            case .method, .pod: return true
            }
            return hit != term.inverted
        }
    }

    /// True when a response-code row passes the `code:` terms.
    public func matches(code: Int) -> Bool {
        terms.allSatisfy { term in
            switch term.matcher {
            case .code(let c): return (code == c) != term.inverted
            case .codeClass(let d): return (code / 100 == d) != term.inverted
            default: return true
            }
        }
    }

    /// True when a finding passes the free-text and `cluster:` terms (matched in its title and
    /// subject) and the `flag:` terms (the flag's name appears in its title).
    public func matches(_ finding: Finding) -> Bool {
        let haystack = (finding.title + " " + finding.subject + " " + finding.id.rawValue).lowercased()
        return terms.allSatisfy { term in
            let hit: Bool
            switch term.matcher {
            case .text(let s), .cluster(let s), .host(let s): hit = haystack.contains(s)
            case .flag(let f):
                hit = haystack.contains(f.shortName.lowercased() + " ") || haystack.contains(f.longName.lowercased())
                    || (finding.id.rawValue == FlagFindings.finding(for: f))
            default: return true
            }
            return hit != term.inverted
        }
    }
}

extension FilterQuery.Term {
    /// True when `line` satisfies this term.
    public func matches(_ line: SampleLine) -> Bool {
        let hit: Bool
        switch matcher {
        case .flag(let f): hit = line.flags.contains(f)
        case .noFlag: hit = line.flags.isEmpty
        case .unknownFlag: hit = false
        case .code(let c): hit = line.code == c
        case .codeClass(let d): hit = line.code >= 0 && line.code / 100 == d
        case .cluster(let s): hit = Self.contains(line.cluster, s)
        case .host(let s): hit = Self.contains(line.host, s)
        case .method(let s): hit = Self.contains(line.method, s) || Self.contains(Self.requestLine(line.text), s)
        case .pod(let s): hit = Self.contains(line.source, s)
        case .text(let s): hit = Self.contains(line.text, s) || Self.contains(line.source, s)
        }
        return hit != inverted
    }

    private static func contains(_ value: String?, _ needle: String) -> Bool {
        guard let value else { return false }
        if TerminalSafe.isPlainASCII(value) && TerminalSafe.isPlainASCII(needle) {
            return value.utf8.count >= needle.utf8.count && value.lowercased().contains(needle)
        }
        return value.lowercased().contains(needle)
    }

    /// The quoted request line of a text access line (`GET /orders HTTP/1.1`), for `method:` on
    /// HTTP lines whose method/path the aggregator did not keep as a method.
    private static func requestLine(_ text: String) -> String? {
        guard let open = text.firstIndex(of: "\"") else { return nil }
        let rest = text[text.index(after: open)...]
        guard let close = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<close])
    }
}
