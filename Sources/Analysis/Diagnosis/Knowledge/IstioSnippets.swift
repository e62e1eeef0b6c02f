/// Istio / Kubernetes configuration templates shared by the knowledge base.
/// Tokens such as `{fqdn}` are filled by `Placeholders` (real names in findings, `<…>` in explain).
/// API versions: `networking.istio.io/v1` and `security.istio.io/v1` need Istio ≥ 1.22
/// (use `v1beta1` on older meshes); `telemetry.istio.io/v1` needs Istio ≥ 1.22 (`v1alpha1` before).
///
/// This file: DestinationRule templates.
enum IstioSnippets {
    static let connectionPoolHTTP2 = FixTemplate.destinationRule("Raise the connection-pool limits for {fqdn}", spec: """
        trafficPolicy:
          connectionPool:
            http:
              http2MaxRequests: 1000          # max active requests to the service (HTTP/2 and HTTP/1.1)
              http1MaxPendingRequests: 1000   # max requests queued waiting for a connection
              maxRequestsPerConnection: 0     # 0 = unlimited; 1 disables keep-alive
              maxRetries: 100                 # max retries in flight across all hosts
            tcp:
              maxConnections: 1000            # per host, HTTP/1.1 and TCP
        """)

    static let connectionPoolTCP = FixTemplate.destinationRule("Raise the TCP connection limit for {fqdn}", spec: """
        trafficPolicy:
          connectionPool:
            tcp:
              maxConnections: 1000
              connectTimeout: 5s
        """)

    static let outlierDetection = FixTemplate.destinationRule("Eject failing endpoints of {fqdn} (outlier detection)", spec: """
        trafficPolicy:
          outlierDetection:
            consecutive5xxErrors: 5          # 5xx in a row; gRPC: only trailers-only errors count (as their HTTP code)
            consecutiveGatewayErrors: 3      # 502/503/504 and connect failures in a row
            interval: 10s                    # how often hosts are scanned
            baseEjectionTime: 30s            # ejection time grows with each ejection
            maxEjectionPercent: 50           # never eject more than half of the hosts
        """)

    static let idleTimeout = FixTemplate.destinationRule("Close idle upstream connections before the app does", spec: """
        trafficPolicy:
          connectionPool:
            http:
              idleTimeout: 30s               # below the app's keep-alive timeout (Envoy default 1h)
            tcp:
              tcpKeepalive:
                time: 60s
                interval: 20s
        """)

    static let destinationRuleIstioMutual = FixTemplate.destinationRule("Use Istio mTLS towards {fqdn}", spec: """
        trafficPolicy:
          tls:
            mode: ISTIO_MUTUAL   # in-mesh; DISABLE only for servers without a sidecar; SIMPLE/MUTUAL for external TLS
        """)

    static let noH2Upgrade = FixTemplate.destinationRule("Do not upgrade to HTTP/2 towards {fqdn}", spec: """
        trafficPolicy:
          connectionPool:
            http:
              h2UpgradePolicy: DO_NOT_UPGRADE   # or useClientProtocol: true to keep the client's protocol
        """)

    static let subsetDefinition = FixTemplate.destinationRule("Define subset {subset} with labels that match running pods", spec: """
        subsets:
        - name: {subset}
          labels:
            version: {subset}     # must equal the labels of running, ready pods of that version
        """)
}
