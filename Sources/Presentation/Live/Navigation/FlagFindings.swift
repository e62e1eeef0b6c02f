import AccessLog
import Analysis

/// Which finding a flag is diagnosed by, for filtering findings with `flag:`.
enum FlagFindings {
    static func finding(for flag: ResponseFlag) -> String? {
        switch flag {
        case .upstreamOverflow: FindingID.circuitBreakerOverflow.rawValue
        case .upstreamRequestTimeout: FindingID.upstreamTimeout.rawValue
        case .upstreamRemoteReset: FindingID.upstreamReset.rawValue
        case .upstreamConnectionTermination: FindingID.upstreamConnectionTermination.rawValue
        case .upstreamConnectionFailure: FindingID.upstreamConnectFailure.rawValue
        case .noHealthyUpstream: FindingID.noHealthyUpstream.rawValue
        case .noRouteFound: FindingID.noRoute.rawValue
        case .noClusterFound: FindingID.clusterNotFound.rawValue
        case .upstreamRetryLimitExceeded: FindingID.retriesExhausted.rawValue
        case .downstreamConnectionTermination, .downstreamRemoteReset: FindingID.clientCancelled.rawValue
        case .localReset: FindingID.localReset.rawValue
        case .rateLimited: FindingID.rateLimited.rawValue
        case .unauthorizedExternalService: FindingID.accessDenied.rawValue
        case .faultInjected, .delayInjected: FindingID.faultInjection.rawValue
        case .upstreamProtocolError, .downstreamProtocolError: FindingID.protocolError.rawValue
        case .streamIdleTimeout: FindingID.streamIdleTimeout.rawValue
        case .upstreamMaxStreamDurationReached, .durationTimeout: FindingID.maxStreamDuration.rawValue
        case .overloadManagerTerminated: FindingID.overloadManager.rawValue
        case .dnsResolutionFailed: FindingID.dnsFailure.rawValue
        default: nil
        }
    }
}
