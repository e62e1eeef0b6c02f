import AccessLog

/// UF whose transport failure reason is a TLS error. The BoringSSL reason picks the cause:
/// WRONG_VERSION_NUMBER (TLS to plaintext), CERTIFICATE_VERIFY_FAILED (SAN / root CA), …
struct TLSHandshakeFailureRule: DiagnosisRule {
    public static let id = FindingID.tlsHandshakeFailure
    public init() {}

    /// Marker in the failure reason → cause key, checked in this order.
    static let reasonCauses: [(String, String)] = [
        ("WRONG_VERSION_NUMBER", "plaintext-server"),
        ("CERTIFICATE_VERIFY_FAILED", "verify"),
        ("CERTIFICATE_EXPIRED", "expired"),
        ("UNKNOWN_CA", "unknown-ca"),
        ("Secret_is_not_supplied_by_SDS", "sds-secret"),
        ("PROTOCOL_VERSION", "version"),
        ("HANDSHAKE_FAILURE", "version"),
    ]

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        FlagOccurrence.find([.upstreamConnectionFailure], in: snapshot)
            .ranked(limit: context.maxFindingsPerRule) { o in
                TransportFailure.isTLS(o, in: snapshot)
                    ? SeverityPolicy.failures(o.count, of: o.denominator, context.thresholds) : nil
            }
            .map { o, severity -> Finding in
                var counted: [(String, Int)] = []
                for (marker, key) in Self.reasonCauses {
                    let n = TransportFailure.count(o, in: snapshot, any: [marker])
                    if n > 0 && !counted.contains(where: { $0.0 == key }) { counted.append((key, n)) }
                }
                let keys = counted.sorted { $0.1 > $1.1 }.map(\.0) + ["mtls-mode"]
                let facts = counted.isEmpty ? [] : [Fact("TLS failure kinds", counted.map { "\($0.0) ×\(Format.thousands($0.1))" }.joined(separator: ", "))]
                let causes = FindingKnowledgeBase.entry(Self.id).causes(first: keys)
                let title = FlagFinding.title(o, label: "TLS handshake failures (UF)")
                return FlagFinding.make(Self.id, severity, o, snapshot, causes: causes, title: title, extraFacts: facts)
            }
    }
}
