/// Makes sure one cause is reported once:
/// - upstream-connect-failure is dropped for a cluster already reported as tls-handshake-failure;
/// - a finding caused by another on the same subject (`causedBy`, e.g. retries exhausted because of
///   connect failures) is ranked right after it (severity no higher, impact just below) and says so;
///   gRPC statuses that Envoy wrote for a rate limit or a client's cancel follow that finding on
///   whatever subject it has;
/// - connection-pinning on a cluster reported as protocol-not-detected is folded into that finding
///   (the protocol is the cause, pinning the symptom).
enum FindingDeduplication {
    static func apply(_ input: [Finding]) -> [Finding] {
        var findings = input
        let tlsSubjects = Set(findings.filter { $0.id == .tlsHandshakeFailure }.map(\.subject))
        findings.removeAll { $0.id == .upstreamConnectFailure && tlsSubjects.contains($0.subject) }

        for i in findings.indices {
            guard let causeID = findings[i].causedBy else { continue }
            let subject = findings[i].subject
            // A connect failure may have been reported as a TLS failure instead.
            let ids: Set<FindingID> = causeID == .upstreamConnectFailure ? [causeID, .tlsHandshakeFailure] : [causeID]
            // Causes that Envoy decides for a whole listener or client (rate limit, client cancel) are
            // reported on a cluster while their symptom (gRPC statuses) is reported on a method.
            let anySubject: Set<FindingID> = [.rateLimited, .clientCancelled]
            guard let cause = findings.first(where: { ids.contains($0.id) && $0.subject == subject })
                    ?? (anySubject.contains(causeID) ? findings.filter({ $0.id == causeID }).max { $0.impact < $1.impact } : nil)
            else { continue }
            findings[i].severity = findings[i].severity.capped(at: cause.severity)
            findings[i].impact = min(findings[i].impact, cause.impact * 0.999)
            let note = cause.subject == subject ? "Secondary to \(cause.id.rawValue) on the same cluster: fix that cause first."
                : "Secondary to \(cause.id.rawValue) (\(cause.subject)): Envoy answered these itself; fix that cause first."
            if !findings[i].explanation.contains(where: { $0.contains(cause.id.rawValue) }) {
                findings[i].explanation.insert(note, at: 0)
            }
        }

        let protocolIndex = Dictionary(findings.indices.filter { findings[$0].id == .protocolNotDetected }
            .map { (findings[$0].subject, $0) }, uniquingKeysWith: { first, _ in first })
        var folded = Set<Int>()
        for i in findings.indices where findings[i].id == .connectionPinning {
            guard let p = protocolIndex[findings[i].subject] else { continue }
            findings[p].evidence.facts += findings[i].evidence.facts.map { Fact("Pinning: " + $0.label, $0.value) }
            findings[p].severity = max(findings[p].severity, findings[i].severity)
            findings[p].impact = max(findings[p].impact, findings[i].impact)
            folded.insert(i)
        }
        return findings.enumerated().filter { !folded.contains($0.offset) }.map(\.element)
    }
}
