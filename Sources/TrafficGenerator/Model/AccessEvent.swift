/// One access record, ready to render in any format: every field is a literal, a number or an
/// address. Built by the traffic model, rendered by the text and JSON renderers.
struct AccessEvent {
    /// `%START_TIME%`, epoch milliseconds.
    var startMs: Int64 = 0
    /// When the proxy wrote the line (epoch nanoseconds): the kubectl/CRI timestamp.
    var writtenNs: Int64 = 0
    /// Index into `Mesh.pods` of the pod whose sidecar wrote the line.
    var loggerPod = 0
    /// The name of that pod when it is not one of `MeshPods` (the scale mode); empty otherwise.
    var loggerName = Text.empty

    /// TCP proxy record (`"- - -"`, code 0).
    var isTCP = false
    var method: Text = "-"
    var pathHead: Text = "-"
    /// A number inserted into the path after `pathHead` (ids, page numbers); negative for none.
    var pathNumber = -1
    var pathTail: Text = ""
    var protocolName: Text = "-"

    var code = 0
    /// `%RESPONSE_FLAGS%` as printed (`-`, `UO`, `URX,UF`).
    var flags: Text = "-"
    var details: Text = "-"
    var terminationDetails: Text = "-"
    var transportFailure: Text = "-"
    var bytesReceived = 0
    var bytesSent = 0
    var durationMs = 0
    /// `x-envoy-upstream-service-time`; negative for `-`.
    var upstreamServiceMs = -1

    /// `x-forwarded-for`: up to two client addresses (0 = absent).
    var forwardedFor: UInt32 = 0
    var forwardedFor2: UInt32 = 0
    var userAgent: Text = "-"
    var hasRequestID = false
    var requestIDHigh: UInt64 = 0
    var requestIDLow: UInt64 = 0
    var authority: Text = "-"

    var upstreamHost = Endpoint.none
    var upstreamCluster: Text = "-"
    var upstreamLocal = Endpoint.none
    var downstreamLocal = Endpoint.none
    var downstreamRemote = Endpoint.none
    var serverName: Text = "-"
    /// `%ROUTE_NAME%`; empty means unset (Istio 1.8 prints it empty, later versions `-`).
    var routeName: Text = ""

    /// `%GRPC_STATUS%` code; negative for `-` (not a gRPC response).
    var grpcStatus = -1
    /// `%UPSTREAM_REQUEST_ATTEMPT_COUNT%`.
    var attempts = 1
}
