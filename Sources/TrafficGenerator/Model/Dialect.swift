/// What changes with the Istio/Envoy version behind an output format, beyond the field list:
/// flag order, reset-reason spellings, inbound cluster names, the shape of proxy log lines.
struct Dialect {
    /// Envoy generation: 0 = Istio ≤1.8 era, 1 = Istio 1.9–1.22 (Envoy ≈1.28), 2 = Istio 1.23+.
    let generation: Int
    /// Shape of the pilot-agent / Envoy application log lines.
    let proxyLog: ProxyLogStyle

    init(format: OutputFormat) {
        switch format {
        case .envoyDefault:
            generation = 0; proxyLog = .envoyBracketed
        case .istio11Pre, .istio11, .istio12, .istio13:
            generation = 0; proxyLog = .envoyBracketed
        case .istio18, .jsonStrings:
            generation = 0; proxyLog = .tabbed16
        case .istio19:
            generation = 1; proxyLog = .tabbed117
        case .istio123, .customGrpc:
            generation = 2; proxyLog = .tabbed117
        case .jsonTyped:
            generation = 2; proxyLog = .json
        }
    }

    /// Older Envoy printed flags in table order (`UF,URX`), Envoy ≥1.30 in the order set (`URX,UF`).
    var connectFailureRetried: Text { generation == 2 ? "URX,UF" : "UF,URX" }

    /// `%RESPONSE_CODE_DETAILS%` of a refused connection.
    var connectRefusedDetails: Text {
        switch generation {
        case 0: "upstream_reset_before_response_started{connection_failure,delayed_connect_error:_111}"
        case 1: "upstream_reset_before_response_started{remote_connection_failure,delayed_connect_error:_111}"
        default: "upstream_reset_before_response_started{remote_connection_failure|delayed_connect_error:_Connection_refused}"
        }
    }

    var connectRefusedReason: Text {
        generation == 2 ? "delayed_connect_error:_Connection_refused" : "delayed_connect_error:_111"
    }

    /// Body of the local reply for a refused connection (its length is `%BYTES_SENT%`).
    var connectRefusedBody: Text {
        switch generation {
        case 0: "upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: delayed connect error: 111"
        case 1: "upstream connect error or disconnect/reset before headers. reset reason: remote connection failure, transport failure reason: delayed connect error: 111"
        default: "upstream connect error or disconnect/reset before headers. reset reason: remote connection failure, transport failure reason: delayed connect error: Connection refused"
        }
    }

    var tlsFailureDetails: Text {
        generation == 2
            ? "upstream_reset_before_response_started{remote_connection_failure|TLS_error:|268435581:SSL_routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end}"
            : "upstream_reset_before_response_started{remote_connection_failure,TLS_error:|268435581:SSL_routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end}"
    }

    var tlsFailureBody: Text {
        generation == 0
            ? "upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end"
            : "upstream connect error or disconnect/reset before headers. reset reason: remote connection failure, transport failure reason: TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end"
    }

    var tlsFailureRetriedBody: Text {
        generation == 0
            ? "upstream connect error or disconnect/reset before headers. retried and the latest reset reason: connection failure, transport failure reason: TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end"
            : "upstream connect error or disconnect/reset before headers. retried and the latest reset reason: remote connection failure, transport failure reason: TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end"
    }

    /// Body after retries (`retried and the latest reset reason: …`).
    var connectRefusedRetriedBody: Text {
        switch generation {
        case 0: "upstream connect error or disconnect/reset before headers. retried and the latest reset reason: connection failure, transport failure reason: delayed connect error: 111"
        case 1: "upstream connect error or disconnect/reset before headers. retried and the latest reset reason: remote connection failure, transport failure reason: delayed connect error: 111"
        default: "upstream connect error or disconnect/reset before headers. retried and the latest reset reason: remote connection failure, transport failure reason: delayed connect error: Connection refused"
        }
    }

    /// Inbound clusters: `inbound|8080|http|catalog.shop.svc.cluster.local` before Istio 1.10,
    /// `inbound|8080||` after.
    var usesShortInboundClusters: Bool { generation >= 1 }

    /// Inbound upstream connections come from 127.0.0.6 since Istio 1.10 (127.0.0.1 before), and
    /// the inbound upstream host is the pod IP (127.0.0.1 before).
    var inboundLocalIP: UInt32 { generation >= 1 ? ipv4(127, 0, 0, 6) : ipv4(127, 0, 0, 1) }

    /// A gRPC client's cancel shows on the server side as `DR` in the newest Envoy, `DC` before.
    var serverSideCancelFlag: Text { generation == 2 ? "DR" : "DC" }
    var serverSideCancelDetails: Text { generation == 2 ? "http2.remote_reset" : "downstream_remote_disconnect" }
}

/// How the proxy's own (non-access) log lines look in a given Istio version.
enum ProxyLogStyle {
    /// `[2026-11-20 10:00:00.123][21][warning][config] [file:line] msg` (Envoy default, Istio ≤1.5).
    case envoyBracketed
    /// `TS\tlevel\tenvoy name\tmsg` (Istio 1.6–1.16).
    case tabbed16
    /// `TS\tlevel\tenvoy name file:line\tmsg\tthread=N` (Istio 1.17+).
    case tabbed117
    /// `{"level":…,"time":…,"scope":…,"msg":…}` (`global.logAsJson`).
    case json
}
