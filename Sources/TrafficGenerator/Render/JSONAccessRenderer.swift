/// Writes an access record as Istio's JSON encoding: the ≤1.7 key set with string values
/// (`jsonStrings`) or the 1.9+ key set with typed values and `null` (`jsonTyped`). The key order
/// varies between lines, as with Istio's map-built formats (reference §3.3).
struct JSONAccessRenderer {
    let format: OutputFormat

    enum Key: Int {
        case startTime, routeName, method, path, `protocol`, responseCode, responseFlags, responseCodeDetails
        case connectionTerminationDetails, bytesReceived, bytesSent, duration, upstreamServiceTime
        case xForwardedFor, userAgent, requestID, authority, upstreamHost, upstreamCluster, upstreamLocalAddress
        case downstreamLocalAddress, downstreamRemoteAddress, requestedServerName, upstreamTransportFailureReason
        case istioPolicyStatus

        var name: Text {
            switch self {
            case .startTime: "start_time"
            case .routeName: "route_name"
            case .method: "method"
            case .path: "path"
            case .protocol: "protocol"
            case .responseCode: "response_code"
            case .responseFlags: "response_flags"
            case .responseCodeDetails: "response_code_details"
            case .connectionTerminationDetails: "connection_termination_details"
            case .bytesReceived: "bytes_received"
            case .bytesSent: "bytes_sent"
            case .duration: "duration"
            case .upstreamServiceTime: "upstream_service_time"
            case .xForwardedFor: "x_forwarded_for"
            case .userAgent: "user_agent"
            case .requestID: "request_id"
            case .authority: "authority"
            case .upstreamHost: "upstream_host"
            case .upstreamCluster: "upstream_cluster"
            case .upstreamLocalAddress: "upstream_local_address"
            case .downstreamLocalAddress: "downstream_local_address"
            case .downstreamRemoteAddress: "downstream_remote_address"
            case .requestedServerName: "requested_server_name"
            case .upstreamTransportFailureReason: "upstream_transport_failure_reason"
            case .istioPolicyStatus: "istio_policy_status"
            }
        }
    }

    /// Istio 1.9+ keys in source order, sorted (Istio 1.22's `sort_properties`), and one Go-map order.
    static let typedOrders: [[Key]] = [
        [.startTime, .routeName, .method, .path, .protocol, .responseCode, .responseFlags, .responseCodeDetails,
         .connectionTerminationDetails, .bytesReceived, .bytesSent, .duration, .upstreamServiceTime, .xForwardedFor,
         .userAgent, .requestID, .authority, .upstreamHost, .upstreamCluster, .upstreamLocalAddress,
         .downstreamLocalAddress, .downstreamRemoteAddress, .requestedServerName, .upstreamTransportFailureReason],
        [.authority, .bytesReceived, .bytesSent, .connectionTerminationDetails, .downstreamLocalAddress,
         .downstreamRemoteAddress, .duration, .method, .path, .protocol, .requestID, .requestedServerName,
         .responseCode, .responseCodeDetails, .responseFlags, .routeName, .startTime, .upstreamCluster,
         .upstreamHost, .upstreamLocalAddress, .upstreamServiceTime, .upstreamTransportFailureReason, .userAgent,
         .xForwardedFor],
        [.upstreamCluster, .startTime, .responseCode, .authority, .downstreamRemoteAddress, .method, .path,
         .responseFlags, .bytesSent, .upstreamHost, .routeName, .duration, .requestID, .protocol,
         .upstreamServiceTime, .responseCodeDetails, .userAgent, .xForwardedFor, .bytesReceived,
         .upstreamLocalAddress, .requestedServerName, .downstreamLocalAddress, .connectionTerminationDetails,
         .upstreamTransportFailureReason],
    ]

    /// Istio 1.3–1.7 keys (23), in source order, sorted, and one Go-map order.
    static let stringOrders: [[Key]] = [
        [.startTime, .method, .path, .protocol, .responseCode, .responseFlags, .bytesReceived, .bytesSent,
         .duration, .upstreamServiceTime, .xForwardedFor, .userAgent, .requestID, .authority, .upstreamHost,
         .upstreamCluster, .upstreamLocalAddress, .downstreamLocalAddress, .downstreamRemoteAddress,
         .requestedServerName, .istioPolicyStatus, .upstreamTransportFailureReason, .routeName],
        [.authority, .bytesReceived, .bytesSent, .downstreamLocalAddress, .downstreamRemoteAddress, .duration,
         .istioPolicyStatus, .method, .path, .protocol, .requestID, .requestedServerName, .responseCode,
         .responseFlags, .routeName, .startTime, .upstreamCluster, .upstreamHost, .upstreamLocalAddress,
         .upstreamServiceTime, .upstreamTransportFailureReason, .userAgent, .xForwardedFor],
        [.responseFlags, .upstreamHost, .startTime, .bytesSent, .authority, .method, .upstreamCluster, .duration,
         .requestID, .path, .responseCode, .routeName, .protocol, .downstreamRemoteAddress, .userAgent,
         .istioPolicyStatus, .bytesReceived, .upstreamServiceTime, .xForwardedFor, .upstreamLocalAddress,
         .downstreamLocalAddress, .requestedServerName, .upstreamTransportFailureReason],
    ]

    func render(_ e: AccessEvent, into w: inout LineWriter) {
        let typed = format == .jsonTyped
        let orders = typed ? JSONAccessRenderer.typedOrders : JSONAccessRenderer.stringOrders
        let keys = orders[Int(UInt64(bitPattern: e.writtenNs / 1000) % UInt64(orders.count))]
        w.byte(UInt8(ascii: "{"))
        for (i, key) in keys.enumerated() {
            if i > 0 { w.byte(UInt8(ascii: ",")) }
            w.byte(UInt8(ascii: "\""))
            w.text(key.name)
            w.text("\":")
            writeValue(key, e, typed: typed, into: &w)
        }
        w.byte(UInt8(ascii: "}"))
    }

    private func writeValue(_ key: Key, _ e: AccessEvent, typed: Bool, into w: inout LineWriter) {
        switch key {
        case .startTime:
            w.byte(UInt8(ascii: "\"")); w.startTime(ms: e.startMs); w.byte(UInt8(ascii: "\""))
        case .routeName: text(e.routeName.isEmpty ? Text.dash : e.routeName, typed, &w)
        case .method: text(e.method, typed, &w)
        case .path:
            if e.isTCP || e.pathHead.isDash { text(Text.dash, typed, &w); return }
            w.byte(UInt8(ascii: "\"")); writePath(e, into: &w); w.byte(UInt8(ascii: "\""))
        case .protocol: text(e.protocolName, typed, &w)
        case .responseCode: number(e.code, typed, &w)
        case .responseFlags: w.byte(UInt8(ascii: "\"")); w.text(e.flags); w.byte(UInt8(ascii: "\""))
        case .responseCodeDetails: text(e.details, typed, &w)
        case .connectionTerminationDetails: text(e.terminationDetails, typed, &w)
        case .bytesReceived: number(e.bytesReceived, typed, &w)
        case .bytesSent: number(e.bytesSent, typed, &w)
        case .duration: number(e.durationMs, typed, &w)
        case .upstreamServiceTime:
            if e.upstreamServiceMs < 0 { text(Text.dash, typed, &w); return }
            w.byte(UInt8(ascii: "\"")); w.decimal(e.upstreamServiceMs); w.byte(UInt8(ascii: "\""))
        case .xForwardedFor:
            if e.forwardedFor == 0 { text(Text.dash, typed, &w); return }
            w.byte(UInt8(ascii: "\"")); writeForwardedFor(e, into: &w); w.byte(UInt8(ascii: "\""))
        case .userAgent: text(e.userAgent, typed, &w)
        case .requestID:
            if !e.hasRequestID { text(Text.dash, typed, &w); return }
            w.byte(UInt8(ascii: "\"")); w.uuid(e.requestIDHigh, e.requestIDLow); w.byte(UInt8(ascii: "\""))
        case .authority: text(e.authority, typed, &w)
        case .upstreamHost: endpoint(e.upstreamHost, typed, &w)
        case .upstreamCluster: text(e.upstreamCluster, typed, &w)
        case .upstreamLocalAddress: endpoint(e.upstreamLocal, typed, &w)
        case .downstreamLocalAddress: endpoint(e.downstreamLocal, typed, &w)
        case .downstreamRemoteAddress: endpoint(e.downstreamRemote, typed, &w)
        case .requestedServerName: text(e.serverName, typed, &w)
        case .upstreamTransportFailureReason: text(e.transportFailure, typed, &w)
        case .istioPolicyStatus: text(Text.dash, typed, &w)
        }
    }

    /// A string value; `-` becomes `null` in typed JSON and stays `"-"` in string JSON. Every value
    /// is one of the generator's own literals, none of which needs JSON escaping.
    private func text(_ t: Text, _ typed: Bool, _ w: inout LineWriter) {
        if typed && t.isDash { w.text("null"); return }
        w.byte(UInt8(ascii: "\""))
        w.text(t)
        w.byte(UInt8(ascii: "\""))
    }

    private func number(_ value: Int, _ typed: Bool, _ w: inout LineWriter) {
        if typed { w.decimal(value); return }
        w.byte(UInt8(ascii: "\"")); w.decimal(value); w.byte(UInt8(ascii: "\""))
    }

    private func endpoint(_ e: Endpoint, _ typed: Bool, _ w: inout LineWriter) {
        if !e.isPresent { text(Text.dash, typed, &w); return }
        w.byte(UInt8(ascii: "\"")); w.endpoint(e); w.byte(UInt8(ascii: "\""))
    }
}
