/// One diagnosis: reads a `Snapshot` and returns the findings it supports (usually zero).
///
/// Rules are pure and cheap: the TUI runs every rule four times a second. A rule never reports
/// a cause another rule owns (see `Diagnoser` for the few cross-rule suppressions).
public protocol DiagnosisRule: Sendable {
    /// The finding id this rule produces.
    static var id: FindingID { get }
    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding]
}

/// Every rule meshlog runs, one per `FindingID`.
enum DiagnosisRules {
    /// One instance of each rule, in `FindingID` order.
    static let all: [any DiagnosisRule] = [
        ConnectionPinningRule(),
        ProtocolNotDetectedRule(),
        CircuitBreakerOverflowRule(),
        UpstreamTimeoutRule(),
        UpstreamResetRule(),
        UpstreamConnectionTerminationRule(),
        UpstreamConnectFailureRule(),
        TLSHandshakeFailureRule(),
        NoHealthyUpstreamRule(),
        NoRouteRule(),
        ClusterNotFoundRule(),
        RetriesExhaustedRule(),
        ClientCancelledRule(),
        LocalResetRule(),
        RateLimitedRule(),
        AccessDeniedRule(),
        FaultInjectionRule(),
        ProtocolErrorRule(),
        StreamIdleTimeoutRule(),
        MaxStreamDurationRule(),
        OverloadManagerRule(),
        DNSFailureRule(),
        PassthroughTrafficRule(),
        BlackholeTrafficRule(),
        FailingUpstreamHostRule(),
        SlowUpstreamHostRule(),
        GRPCErrorsRule(),
        GRPCStatusNotLoggedRule(),
        NonIdempotentRetriesRule(),
        TrafficSplitRule(),
    ]
}
