/// One Envoy response flag (`%RESPONSE_FLAGS%`), with its long name (`%RESPONSE_FLAGS_LONG%`) and meaning.
///
/// The raw value is the flag's bit in `ResponseFlags`. Order follows Envoy's own
/// (`source/common/stream_info/utility.h`), then the newest flags.
public enum ResponseFlag: Int, CaseIterable, Sendable {
    case failedLocalHealthCheck
    case noHealthyUpstream
    case upstreamRequestTimeout
    case localReset
    case upstreamRemoteReset
    case upstreamConnectionFailure
    case upstreamConnectionTermination
    case upstreamOverflow
    case noRouteFound
    case delayInjected
    case faultInjected
    case rateLimited
    case unauthorizedExternalService
    case rateLimitServiceError
    case downstreamConnectionTermination
    case upstreamRetryLimitExceeded
    case streamIdleTimeout
    case invalidEnvoyRequestHeaders
    case downstreamProtocolError
    case upstreamMaxStreamDurationReached
    case responseFromCacheFilter
    case noFilterConfigFound
    case durationTimeout
    case upstreamProtocolError
    case noClusterFound
    case overloadManagerTerminated
    case dnsResolutionFailed
    case dropOverload
    case downstreamRemoteReset
    case unconditionalDropOverload

    /// The short code Envoy prints in `%RESPONSE_FLAGS%` (`UF`, `URX`, …).
    public var shortName: String {
        switch self {
        case .failedLocalHealthCheck: "LH"
        case .noHealthyUpstream: "UH"
        case .upstreamRequestTimeout: "UT"
        case .localReset: "LR"
        case .upstreamRemoteReset: "UR"
        case .upstreamConnectionFailure: "UF"
        case .upstreamConnectionTermination: "UC"
        case .upstreamOverflow: "UO"
        case .noRouteFound: "NR"
        case .delayInjected: "DI"
        case .faultInjected: "FI"
        case .rateLimited: "RL"
        case .unauthorizedExternalService: "UAEX"
        case .rateLimitServiceError: "RLSE"
        case .downstreamConnectionTermination: "DC"
        case .upstreamRetryLimitExceeded: "URX"
        case .streamIdleTimeout: "SI"
        case .invalidEnvoyRequestHeaders: "IH"
        case .downstreamProtocolError: "DPE"
        case .upstreamMaxStreamDurationReached: "UMSDR"
        case .responseFromCacheFilter: "RFCF"
        case .noFilterConfigFound: "NFCF"
        case .durationTimeout: "DT"
        case .upstreamProtocolError: "UPE"
        case .noClusterFound: "NC"
        case .overloadManagerTerminated: "OM"
        case .dnsResolutionFailed: "DF"
        case .dropOverload: "DO"
        case .downstreamRemoteReset: "DR"
        case .unconditionalDropOverload: "UDO"
        }
    }

    /// The long name Envoy prints in `%RESPONSE_FLAGS_LONG%`.
    public var longName: String {
        switch self {
        case .failedLocalHealthCheck: "FailedLocalHealthCheck"
        case .noHealthyUpstream: "NoHealthyUpstream"
        case .upstreamRequestTimeout: "UpstreamRequestTimeout"
        case .localReset: "LocalReset"
        case .upstreamRemoteReset: "UpstreamRemoteReset"
        case .upstreamConnectionFailure: "UpstreamConnectionFailure"
        case .upstreamConnectionTermination: "UpstreamConnectionTermination"
        case .upstreamOverflow: "UpstreamOverflow"
        case .noRouteFound: "NoRouteFound"
        case .delayInjected: "DelayInjected"
        case .faultInjected: "FaultInjected"
        case .rateLimited: "RateLimited"
        case .unauthorizedExternalService: "UnauthorizedExternalService"
        case .rateLimitServiceError: "RateLimitServiceError"
        case .downstreamConnectionTermination: "DownstreamConnectionTermination"
        case .upstreamRetryLimitExceeded: "UpstreamRetryLimitExceeded"
        case .streamIdleTimeout: "StreamIdleTimeout"
        case .invalidEnvoyRequestHeaders: "InvalidEnvoyRequestHeaders"
        case .downstreamProtocolError: "DownstreamProtocolError"
        case .upstreamMaxStreamDurationReached: "UpstreamMaxStreamDurationReached"
        case .responseFromCacheFilter: "ResponseFromCacheFilter"
        case .noFilterConfigFound: "NoFilterConfigFound"
        case .durationTimeout: "DurationTimeout"
        case .upstreamProtocolError: "UpstreamProtocolError"
        case .noClusterFound: "NoClusterFound"
        case .overloadManagerTerminated: "OverloadManagerTerminated"
        case .dnsResolutionFailed: "DnsResolutionFailed"
        case .dropOverload: "DropOverload"
        case .downstreamRemoteReset: "DownstreamRemoteReset"
        case .unconditionalDropOverload: "UnconditionalDropOverload"
        }
    }

    /// One line: what happened, in plain words.
    public var meaning: String {
        switch self {
        case .failedLocalHealthCheck: "the health check failed (often Envoy itself: /healthcheck/fail, draining)"
        case .noHealthyUpstream: "no healthy upstream host: no endpoints, or all ejected by outlier detection"
        case .upstreamRequestTimeout: "the upstream did not answer within the route or per-try timeout"
        case .localReset: "Envoy reset the stream itself (local reset)"
        case .upstreamRemoteReset: "the upstream reset the stream (RST_STREAM, refused stream); a closed connection is UC"
        case .upstreamConnectionFailure: "Envoy could not connect to the upstream (refused, timeout or TLS failure)"
        case .upstreamConnectionTermination: "the upstream closed the connection while the request was in flight"
        case .upstreamOverflow: "circuit breaker overflow: a connectionPool limit was reached"
        case .noRouteFound: "no route (or no filter chain) matched the request"
        case .delayInjected: "the request was delayed by fault injection"
        case .faultInjected: "the request was aborted by fault injection"
        case .rateLimited: "the request was rate limited locally"
        case .unauthorizedExternalService: "the external authorization service denied the request"
        case .rateLimitServiceError: "the rate-limit service failed and the request was rejected"
        case .downstreamConnectionTermination: "the downstream connection ended before the response completed (the client, or Envoy itself)"
        case .upstreamRetryLimitExceeded: "retries were exhausted (HTTP) or connect attempts used up (TCP)"
        case .streamIdleTimeout: "the stream was idle longer than the stream idle timeout"
        case .invalidEnvoyRequestHeaders: "the request had an invalid x-envoy-* header"
        case .downstreamProtocolError: "the client spoke invalid HTTP (codec error, bad or too-large headers)"
        case .upstreamMaxStreamDurationReached: "the upstream cluster's max stream duration (or x-envoy-upstream-stream-duration-ms) expired"
        case .responseFromCacheFilter: "the response was served from the cache filter"
        case .noFilterConfigFound: "a filter's configuration was not delivered (ECDS); request terminated"
        case .durationTimeout: "a connection exceeded its max duration (TCP; HTTP only before its first request)"
        case .upstreamProtocolError: "the upstream's response broke the HTTP protocol"
        case .noClusterFound: "the route points at a cluster that does not exist"
        case .overloadManagerTerminated: "Envoy's overload manager terminated the request"
        case .dnsResolutionFailed: "DNS resolution failed (dynamic forward proxy)"
        case .dropOverload: "dropped by the load-balancer drop-overload policy"
        case .downstreamRemoteReset: "the client reset the stream (gRPC cancel or deadline)"
        case .unconditionalDropOverload: "dropped unconditionally by a 100% drop-overload policy"
        }
    }

    /// True for flags that Envoy also sets on TCP proxy connections.
    public var appliesToTCP: Bool {
        switch self {
        case .noHealthyUpstream, .upstreamConnectionFailure, .upstreamOverflow, .noRouteFound,
             .upstreamRetryLimitExceeded, .noClusterFound, .durationTimeout: true
        default: false
        }
    }

    /// True when the flag means the request failed (as opposed to informational flags such as DI or RFCF).
    public var isFailure: Bool {
        switch self {
        case .delayInjected, .responseFromCacheFilter: false
        default: true
        }
    }

    /// Finds a flag by its short or long name (case-sensitive as Envoy prints them, also accepts lower case).
    public init?(name: String) {
        for flag in ResponseFlag.allCases
        where flag.shortName == name || flag.longName == name
            || flag.shortName.lowercased() == name.lowercased() || flag.longName.lowercased() == name.lowercased() {
            self = flag
            return
        }
        return nil
    }
}
