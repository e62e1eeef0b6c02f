/// Reads `%UPSTREAM_TRANSPORT_FAILURE_REASON%` / reset-reason text to tell connect failures apart.
/// The upstream-connect-failure and tls-handshake-failure rules both use `isTLS`, so a cluster's UF
/// is reported by exactly one of them.
enum TransportFailure {
    static let tlsMarkers = ["TLS_error", "TLS error", "CERTIFICATE_VERIFY_FAILED", "WRONG_VERSION_NUMBER",
                             "SSLV3_ALERT", "TLSV1_ALERT", "Secret_is_not_supplied_by_SDS", "SSL_routines",
                             "HANDSHAKE_FAILURE", "handshake"]
    static let refusedMarkers = ["_111", ": 111", "Connection_refused", "Connection refused", "connection_refused"]
    static let unreachableMarkers = ["_113", "_101", "No_route_to_host", "Host_is_unreachable", "Network_is_unreachable",
                                     "No route to host"]
    static let timeoutMarkers = ["connection_timeout", "_110", "Connection_timed_out", "connect_timeout"]

    static func contains(_ text: String, any markers: [String]) -> Bool {
        markers.contains { text.contains($0) }
    }

    static func isTLS(_ text: String) -> Bool { contains(text, any: tlsMarkers) }

    /// True when most of this occurrence's connect failures are TLS failures: judged on its own
    /// sample lines when there are any, else on the flag's logged reasons and details.
    static func isTLS(_ o: FlagOccurrence, in snapshot: Snapshot) -> Bool {
        let samples = o.samples(from: snapshot)
        if !samples.isEmpty {
            let tls = samples.filter(isTLS).count
            return tls * 2 > samples.count
        }
        let keys = o.transportFailureReasons + o.details
        let tls = keys.filter { isTLS($0.key) }.reduce(0) { $0 + $1.count }
        let other = o.transportFailureReasons.filter { !isTLS($0.key) }.reduce(0) { $0 + $1.count }
        return tls > 0 && tls >= other
    }

    /// How many reasons/details/samples of the occurrence carry one of the markers.
    static func count(_ o: FlagOccurrence, in snapshot: Snapshot, any markers: [String]) -> Int {
        let keys = (o.transportFailureReasons + o.details).filter { contains($0.key, any: markers) }
        if !keys.isEmpty { return keys.reduce(0) { $0 + $1.count } }
        return o.samples(from: snapshot).filter { contains($0, any: markers) }.count
    }
}
