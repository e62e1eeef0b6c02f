import AccessLog

/// The access-log format the generator writes. Raw values are the `meshlog generate --format` names.
///
/// Each text format follows Istio's default format string of that version exactly (see
/// `formatString`); the JSON formats use Istio's key sets and value typing.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Istio 1.1 pre-release snapshots: Envoy default + 5 Istio fields (18 tokens).
    case istio11Pre
    /// Istio 1.1: adds the mixer status (19 tokens).
    case istio11
    /// Istio 1.2: adds the upstream transport failure reason (20 tokens).
    case istio12
    /// Istio 1.3–1.7: adds `%ROUTE_NAME%` (21 tokens).
    case istio13
    /// Istio 1.8: mixer status removed; an unset route name prints as an empty string (20 tokens,
    /// 19 plus a trailing space when the route is empty).
    case istio18
    /// Istio 1.9–1.22: adds response code details and connection termination details (22 tokens).
    case istio19
    /// Istio 1.23 and later: `%UPSTREAM_CLUSTER_RAW%`, newest Envoy spellings (22 tokens).
    case istio123
    /// Envoy's own default format (13 tokens), as plain Envoy and Istio ≤1.0 write it.
    case envoyDefault
    /// Istio ≤1.7 JSON encoding: 23 keys, every value a string, `"-"` when empty.
    case jsonStrings
    /// Istio ≥1.8 JSON encoding (1.9+ key set, 24 keys): numbers typed, `null` when empty, key order
    /// varying between lines.
    case jsonTyped
    /// A user's text format: the Istio 1.23 default plus `%GRPC_STATUS%` and
    /// `%UPSTREAM_REQUEST_ATTEMPT_COUNT%` at the end (24 tokens). Parse it with `customFormatString`.
    case customGrpc

    /// Human description.
    public var title: String {
        switch self {
        case .istio11Pre: "Istio 1.1 pre-release text"
        case .istio11: "Istio 1.1 text"
        case .istio12: "Istio 1.2 text"
        case .istio13: "Istio 1.3–1.7 text"
        case .istio18: "Istio 1.8 text"
        case .istio19: "Istio 1.9–1.22 text"
        case .istio123: "Istio 1.23+ text"
        case .envoyDefault: "Envoy default text"
        case .jsonStrings: "Istio JSON (≤1.7, string values)"
        case .jsonTyped: "Istio JSON (≥1.8, typed values)"
        case .customGrpc: "custom text with gRPC status and attempt count"
        }
    }

    /// The format meshlog's detector should report for these lines.
    public var logFormat: LogFormat {
        switch self {
        case .istio11Pre: .istio11Snapshot
        case .istio11: .istio11
        case .istio12: .istio12
        case .istio13: .istio13to17
        case .istio18: .istio18
        case .istio19, .istio123: .istio19Plus
        case .envoyDefault: .envoyDefault
        case .jsonStrings: .istioJSONStrings
        case .jsonTyped: .istioJSONTyped
        case .customGrpc: .custom
        }
    }

    public var isJSON: Bool { self == .jsonStrings || self == .jsonTyped }

    /// True when lines carry `%GRPC_STATUS%` and `%UPSTREAM_REQUEST_ATTEMPT_COUNT%`.
    var logsGrpcStatusAndAttempts: Bool { self == .customGrpc }

    /// The Envoy format string for `customGrpc` (without the trailing newline), for
    /// `meshlog … --format`. Nil for every other format.
    public var customFormatString: String? {
        self == .customGrpc ? formatString : nil
    }

    /// The Envoy format string (without the trailing newline) that produces this format's text
    /// lines; nil for the JSON formats.
    public var formatString: String? {
        let head = #"[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" "#
            + "%RESPONSE_CODE% %RESPONSE_FLAGS% "
        let counters = #"%BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "#
            + #""%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%""#
        let addresses = " %UPSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS% "
            + "%REQUESTED_SERVER_NAME%"
        let mixer = #""%DYNAMIC_METADATA(istio.mixer:status)%" "#
        let transport = #""%UPSTREAM_TRANSPORT_FAILURE_REASON%" "#
        let details = "%RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS% "
        switch self {
        case .envoyDefault: return head + counters
        case .istio11Pre: return head + counters + " %UPSTREAM_CLUSTER%" + addresses
        case .istio11: return head + mixer + counters + " %UPSTREAM_CLUSTER%" + addresses
        case .istio12: return head + mixer + transport + counters + " %UPSTREAM_CLUSTER%" + addresses
        case .istio13: return head + mixer + transport + counters + " %UPSTREAM_CLUSTER%" + addresses + " %ROUTE_NAME%"
        case .istio18: return head + transport + counters + " %UPSTREAM_CLUSTER%" + addresses + " %ROUTE_NAME%"
        case .istio19:
            return head + details + transport + counters + " %UPSTREAM_CLUSTER%" + addresses + " %ROUTE_NAME%"
        case .istio123:
            return head + details + transport + counters + " %UPSTREAM_CLUSTER_RAW%" + addresses + " %ROUTE_NAME%"
        case .customGrpc:
            return head + details + transport + counters + " %UPSTREAM_CLUSTER_RAW%" + addresses
                + " %ROUTE_NAME% %GRPC_STATUS% %UPSTREAM_REQUEST_ATTEMPT_COUNT%"
        case .jsonStrings, .jsonTyped: return nil
        }
    }
}
