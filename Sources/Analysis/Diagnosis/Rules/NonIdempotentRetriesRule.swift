import AccessLog

/// Create-like methods (`CreateOrder`, `POST /orders`) sent more than once: retries may duplicate
/// side effects. Needs `%UPSTREAM_REQUEST_ATTEMPT_COUNT%` in the format.
struct NonIdempotentRetriesRule: DiagnosisRule {
    public static let id = FindingID.nonIdempotentRetries
    public init() {}

    /// Method-name prefixes that usually create or change something.
    static let createPrefixes = ["Create", "Post", "Insert", "Add", "Submit", "Send", "Charge", "Pay", "Place",
                                 "Transfer", "Book", "Reserve", "Publish", "Append", "Increment", "Purchase",
                                 "Debit", "Credit", "Enqueue", "Register", "Checkout"]

    /// True for `/pkg.Svc/CreateOrder` (a prefix followed by an upper-case letter, digit or the end)
    /// and for HTTP `POST …` operations.
    static func isCreateLike(_ method: String) -> Bool {
        if method.hasPrefix("POST ") { return true }
        let name = method.split(separator: "/").last.map(String.init) ?? method
        return createPrefixes.contains { prefix in
            guard name.hasPrefix(prefix) else { return false }
            guard let next = name.dropFirst(prefix.count).first else { return true }
            return next.isUppercase || next.isNumber || next == "_"
        }
    }

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        guard snapshot.hasAttemptCountField else { return [] }
        return snapshot.methods.filter { $0.retried > 0 && Self.isCreateLike($0.method) }.map { m in
            let t = context.thresholds
            let severity: Severity = m.retried >= t.nonIdempotentRetriesWarningCount
                && SeverityPolicy.share(m.retried, of: m.requests) >= t.nonIdempotentRetriesWarningShare ? .warning : .info
            let cluster = m.clusters.first.map { ClusterName($0.key) }
            var facts = [
                Fact("Retried requests", "\(Format.thousands(m.retried)) of \(Format.thousands(m.requests)) (\(Format.percent(SeverityPolicy.share(m.retried, of: m.requests))))"),
                Fact("Most attempts for one request", String(m.maxAttempts)),
            ]
            if let cluster { facts.append(Fact("Cluster", cluster.name)) }
            let grpcPath = m.isGRPC ? m.method : (m.method.split(separator: " ").dropFirst().first.map(String.init) ?? m.method)
            let p = Placeholders(target: cluster.map(ServiceTarget.init) ?? .generic, pod: snapshot.clientPod(for: cluster?.name))
                .with("method", grpcPath)
            let k = FindingKnowledgeBase.entry(Self.id)
            let samples = snapshot.recentLines.reversed().filter { $0.method == m.method || $0.text.contains(grpcPath) }
                .prefix(5).map(\.text)
            return Finding(
                id: Self.id, severity: severity,
                title: "\(m.method) retried on \(Format.thousands(m.retried)) of \(Format.thousands(m.requests)) requests (up to \(m.maxAttempts) attempts): side effects may be duplicated",
                subject: m.method,
                evidence: Evidence(facts: facts, window: nil, samples: Array(samples)),
                explanation: k.causes(first: ["default-policy", "retry-on-reset", "app-5xx"]), fixes: k.fixes(p),
                verify: k.verify(p), impact: SeverityPolicy.share(m.retried, of: snapshot.requests))
        }
    }
}
