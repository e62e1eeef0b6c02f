/// Istio / Kubernetes configuration templates shared by the knowledge base.
/// Tokens such as `{fqdn}` are filled by `Placeholders` (real names in findings, `<…>` in explain).
/// API versions: `networking.istio.io/v1` and `security.istio.io/v1` need Istio ≥ 1.22
/// (use `v1beta1` on older meshes); `telemetry.istio.io/v1` needs Istio ≥ 1.22 (`v1alpha1` before).
///
/// This file: DestinationRule templates.
enum IstioSnippets {
    /// The limit that overflowed, raised to `{limitValue}` (from the observed demand, see
    /// `CircuitBreakerOverflowRule`); the other limits are not touched. `{limitPath}` is the block
    /// (`http` or `tcp`), `{limitField}` the field.
    static let connectionPoolLimit = FixTemplate.destinationRule("Raise only {limitField} for {fqdn}", spec: """
        trafficPolicy:
          connectionPool:
            {limitPath}:
              {limitField}: {limitValue}   # {limitBasis}
        """, trailer: """
        # Istio's default for {limitField} (like the other connection-pool limits) is 2^32-1 (4294967295,
        # unlimited): if your DestinationRule does not set it, it is not the limit that overflowed; raise
        # the one it does set instead (check which counter grows: {limitCounter} for this one).
        """)

    /// DT on TCP: the connection's maximum duration (`tcp.maxConnectionDuration`, unset = no limit).
    static let maxConnectionDuration = FixTemplate.destinationRule("Lift the max connection duration for {fqdn}", spec: """
        trafficPolicy:
          connectionPool:
            tcp:
              maxConnectionDuration: 24h     # above the longest legitimate connection; remove the field for no limit (the default)
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
