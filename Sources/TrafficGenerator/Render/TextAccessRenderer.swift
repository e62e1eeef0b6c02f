/// Writes an access record in one of the text formats, field by field in the order of that
/// version's format string (`OutputFormat.formatString`).
struct TextAccessRenderer {
    let format: OutputFormat

    func render(_ e: AccessEvent, into w: inout LineWriter) {
        let space = UInt8(ascii: " ")
        w.byte(UInt8(ascii: "["))
        w.startTime(ms: e.startMs)
        w.text("] \"")
        writeRequestLine(e, into: &w)
        w.text("\" ")
        w.decimal(e.code)
        w.byte(space)
        w.text(e.flags)
        switch format {
        case .istio11, .istio12, .istio13:
            w.text(" \"-\"")
        default: break
        }
        switch format {
        case .istio12, .istio13, .istio18:
            w.byte(space)
            w.quoted(e.transportFailure)
        case .istio19, .istio123, .customGrpc:
            w.byte(space)
            w.text(e.details)
            w.byte(space)
            w.text(e.terminationDetails)
            w.byte(space)
            w.quoted(e.transportFailure)
        default: break
        }
        w.byte(space)
        w.decimal(e.bytesReceived)
        w.byte(space)
        w.decimal(e.bytesSent)
        w.byte(space)
        w.decimal(e.durationMs)
        w.byte(space)
        if e.upstreamServiceMs >= 0 { w.decimal(e.upstreamServiceMs) } else { w.byte(UInt8(ascii: "-")) }
        w.text(" \"")
        writeForwardedFor(e, into: &w)
        w.text("\" ")
        w.quoted(e.userAgent)
        w.text(" \"")
        if e.hasRequestID { w.uuid(e.requestIDHigh, e.requestIDLow) } else { w.byte(UInt8(ascii: "-")) }
        w.text("\" ")
        w.quoted(e.authority)
        w.text(" \"")
        w.endpoint(e.upstreamHost)
        w.byte(UInt8(ascii: "\""))
        guard format != .envoyDefault else { return }
        w.byte(space)
        w.text(e.upstreamCluster)
        w.byte(space)
        w.endpoint(e.upstreamLocal)
        w.byte(space)
        w.endpoint(e.downstreamLocal)
        w.byte(space)
        w.endpoint(e.downstreamRemote)
        w.byte(space)
        w.text(e.serverName)
        switch format {
        case .istio11Pre, .istio11, .istio12, .envoyDefault, .jsonStrings, .jsonTyped:
            return
        case .istio18:
            // Istio 1.8 printed an unset route name as an empty string.
            w.byte(space)
            w.text(e.routeName)
        case .istio13, .istio19, .istio123, .customGrpc:
            w.byte(space)
            w.text(e.routeName.isEmpty ? Text.dash : e.routeName)
        }
        guard format == .customGrpc else { return }
        w.byte(space)
        if e.grpcStatus >= 0 && e.grpcStatus < GrpcNames.camel.count {
            w.text(GrpcNames.camel[e.grpcStatus])
        } else if e.grpcStatus >= 0 {
            w.decimal(e.grpcStatus)
        } else {
            w.byte(UInt8(ascii: "-"))
        }
        w.byte(space)
        w.decimal(e.attempts)
    }

    /// `METHOD PATH PROTOCOL` (`- - -` for TCP).
    private func writeRequestLine(_ e: AccessEvent, into w: inout LineWriter) {
        w.text(e.method)
        w.byte(UInt8(ascii: " "))
        writePath(e, into: &w)
        w.byte(UInt8(ascii: " "))
        w.text(e.protocolName)
    }
}

/// Shared pieces of the text and JSON renderers.
func writePath(_ e: AccessEvent, into w: inout LineWriter) {
    w.text(e.pathHead)
    if e.pathNumber >= 0 { w.decimal(e.pathNumber) }
    w.text(e.pathTail)
}

/// `x-forwarded-for` value without quotes (`-` when absent).
func writeForwardedFor(_ e: AccessEvent, into w: inout LineWriter) {
    guard e.forwardedFor != 0 else { w.byte(UInt8(ascii: "-")); return }
    w.ipv4(e.forwardedFor)
    if e.forwardedFor2 != 0 {
        w.text(", ")
        w.ipv4(e.forwardedFor2)
    }
}
