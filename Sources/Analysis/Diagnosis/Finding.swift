/// A diagnosis derived from the traffic: what happened, the evidence, likely causes, the fix and
/// the command that confirms it.
public struct Finding: Sendable, Equatable {
    public var id: FindingID
    public var severity: Severity
    /// One line, with numbers: "UO on 12.0% of requests to orders:50051 (1,204 of 10,033)".
    public var title: String
    /// What it is about: a cluster, host, route or pod name.
    public var subject: String
    public var evidence: Evidence
    /// Likely causes in plain words, most likely first given the evidence.
    public var explanation: [String]
    /// YAML snippets or configuration changes, filled with real names from the log.
    public var fixes: [Fix]
    /// Commands that confirm the diagnosis (`istioctl proxy-config cluster …`).
    public var verify: [String]
    /// Share of all requests affected (0…1); ranks findings of equal severity.
    public var impact: Double
    /// When this finding is a consequence of another one on the same subject (retries exhausted
    /// because of connect failures), that finding's id; the `Diagnoser` ranks this one after it.
    public var causedBy: FindingID?

    public init(id: FindingID, severity: Severity, title: String, subject: String, evidence: Evidence,
                explanation: [String], fixes: [Fix], verify: [String], impact: Double, causedBy: FindingID? = nil) {
        self.id = id; self.severity = severity; self.title = title; self.subject = subject
        self.evidence = evidence; self.explanation = explanation; self.fixes = fixes; self.verify = verify
        self.impact = impact; self.causedBy = causedBy
    }
}

/// How bad a finding is. Ordered: `info < warning < critical`.
public enum Severity: Int, Comparable, Sendable, CaseIterable {
    case info = 0, warning, critical
    public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
    /// `info`, `warning`, `critical` (JSON and `--fail-on` spelling).
    public var name: String {
        switch self {
        case .info: "info"
        case .warning: "warning"
        case .critical: "critical"
        }
    }
    public init?(name: String) {
        guard let s = Severity.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = s
    }
}

/// The numbers and lines behind a finding.
public struct Evidence: Sendable, Equatable {
    /// Label/value pairs: ("UO responses", "1,204 of 10,033 (12.0%)").
    public var facts: [Fact]
    /// The time window the evidence covers, as text, when known.
    public var window: String?
    /// Up to 5 raw sample lines.
    public var samples: [String]
    public init(facts: [Fact] = [], window: String? = nil, samples: [String] = []) {
        self.facts = facts; self.window = window; self.samples = samples
    }
}

public struct Fact: Sendable, Equatable {
    public var label: String
    public var value: String
    public init(_ label: String, _ value: String) { self.label = label; self.value = value }
}

/// One remedy: a title and the YAML (or other config text) to apply.
public struct Fix: Sendable, Equatable {
    public var title: String
    /// The snippet; `language` says how to read it ("yaml", "shell", "text").
    public var body: String
    public var language: String
    public init(title: String, body: String, language: String = "yaml") {
        self.title = title; self.body = body; self.language = language
    }
}
