import AccessLog

/// Where each flag's explanation can be checked in Envoy's own documentation (paths in the
/// envoyproxy/envoy repository; rendered under https://www.envoyproxy.io/docs/envoy/latest/).
/// `docs/diagnoses.md` prints them in its flag table.
enum FlagSources {
    /// `%RESPONSE_FLAGS%` in the substitution formatter: every flag's short and long name and meaning.
    static let formatter = "docs/root/configuration/advanced/substitution_formatter.rst (%RESPONSE_FLAGS%)"
    /// `%RESPONSE_CODE_DETAILS%` values.
    static let details = "docs/root/configuration/http/http_conn_man/response_code_details.rst"

    /// The documents for one flag: the formatter entry, plus the detail values and the setting named
    /// in its explanation where Envoy documents them.
    static func citation(_ flag: ResponseFlag) -> String {
        let extra: String? = switch flag {
        case .upstreamRemoteReset, .upstreamConnectionTermination, .localReset:
            details + " (upstream_reset_before_response_started{…})"
        case .streamIdleTimeout:
            details + " (stream_idle_timeout); docs/root/faq/configuration/timeouts.rst"
        case .upstreamMaxStreamDurationReached:
            "api/envoy/config/core/v3/protocol.proto (HttpProtocolOptions.max_stream_duration); "
                + "api/envoy/config/route/v3/route_components.proto (RouteAction.MaxStreamDuration: max_duration_timeout, no flag)"
        case .durationTimeout:
            "api/envoy/config/core/v3/protocol.proto (HttpProtocolOptions.max_connection_duration); "
                + "api/envoy/extensions/filters/network/tcp_proxy/v3/tcp_proxy.proto (max_downstream_connection_duration)"
        case .downstreamConnectionTermination, .downstreamRemoteReset:
            details + " (downstream_remote_disconnect, http2.remote_reset); "
                + "docs/root/configuration/advanced/substitution_formatter.rst (%CONNECTION_TERMINATION_DETAILS%: downstream_local_disconnect(…))"
        case .upstreamRequestTimeout:
            details + " (response_timeout, upstream_per_try_timeout); api/envoy/config/route/v3/route_components.proto (max_grpc_timeout)"
        case .upstreamOverflow:
            "docs/root/intro/arch_overview/upstream/circuit_breaking.rst"
        case .failedLocalHealthCheck:
            "docs/root/configuration/http/http_filters/health_check_filter.rst; docs/root/operations/admin.rst (/healthcheck/fail)"
        case .noRouteFound, .noClusterFound, .upstreamConnectionFailure, .noHealthyUpstream, .upstreamProtocolError,
             .downstreamProtocolError, .overloadManagerTerminated, .dropOverload, .unconditionalDropOverload:
            details
        default: nil
        }
        return extra.map { formatter + "; " + $0 } ?? formatter
    }
}
