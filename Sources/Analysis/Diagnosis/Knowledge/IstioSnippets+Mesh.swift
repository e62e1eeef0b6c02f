/// Mesh-level templates: security, egress, telemetry, proxy tuning, and app-side settings.
extension IstioSnippets {
    static let peerAuthentication = FixTemplate("Make the server side accept the client's mTLS mode", """
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata:
          name: default
          namespace: {namespace}
        spec:
          mtls:
            mode: PERMISSIVE    # while migrating: accept plaintext and mTLS; STRICT once every client has a sidecar
        """)

    static let authorizationAllow = FixTemplate("Allow the caller in an AuthorizationPolicy (if the call is legitimate)", """
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata:
          name: allow-{service}-callers
          namespace: {namespace}
        spec:
          selector:
            matchLabels:
              app: {service}
          action: ALLOW
          rules:
          - from:
            - source:
                principals: ["cluster.local/ns/<client-namespace>/sa/<client-service-account>"]
            to:
            - operation:
                ports: ["{port}"]
        # Denied by a DENY policy ({policy})? Narrow that policy instead of adding an ALLOW.
        """)

    static let serviceEntry = FixTemplate("Register the external destination {destination}", """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: {destinationName}
          namespace: {namespace}
        spec:
          hosts:
          - {destination}{addressesBlock}
          location: MESH_EXTERNAL
          ports:
          - number: {destinationPort}
            name: {destinationPortName}
            protocol: {destinationProtocol}
          resolution: {destinationResolution}
        """)

    static let outboundTrafficPolicy = FixTemplate("Choose the outbound traffic policy deliberately", """
        # Mesh-wide (IstioOperator / Helm values):
        meshConfig:
          outboundTrafficPolicy:
            mode: REGISTRY_ONLY    # block destinations without a ServiceEntry; ALLOW_ANY lets them pass
        ---
        # Or per namespace, with a Sidecar resource:
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata:
          name: default
          namespace: {namespace}
        spec:
          outboundTrafficPolicy:
            mode: REGISTRY_ONLY
        """)

    static let telemetryGRPCStatus = FixTemplate("Log the gRPC status (Telemetry API + extension provider)", """
        # 1. meshConfig (IstioOperator / Helm values): a file access log whose format adds %GRPC_STATUS%.
        #    %UPSTREAM_CLUSTER_RAW% needs Istio ≥ 1.23; on Istio 1.22 write %UPSTREAM_CLUSTER% instead
        #    (the v1 Telemetry API below works from 1.22).
        meshConfig:
          extensionProviders:
          - name: envoy-grpc-status
            envoyFileAccessLog:
              path: /dev/stdout
              logFormat:
                text: |
                  [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS% %RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS% "%UPSTREAM_TRANSPORT_FAILURE_REASON%" %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER_RAW% %UPSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS% %REQUESTED_SERVER_NAME% %ROUTE_NAME% %GRPC_STATUS% %UPSTREAM_REQUEST_ATTEMPT_COUNT%
        ---
        # 2. Enable it (mesh-wide in istio-system, or in one namespace):
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata:
          name: mesh-default
          namespace: istio-system
        spec:
          accessLogging:
          - providers:
            - name: envoy-grpc-status
        # Then read the log with: meshlog --format '<the text above>'
        """)

    static let streamIdleTimeout = FixTemplate("Raise the stream idle timeout (EnvoyFilter), or add heartbeats", """
        # Prefer application heartbeats (gRPC keepalive pings do not count: send messages).
        # If streams must stay silent longer than 5 minutes:
        apiVersion: networking.istio.io/v1alpha3
        kind: EnvoyFilter
        metadata:
          name: stream-idle-timeout
          namespace: {namespace}
        spec:
          configPatches:
          - applyTo: NETWORK_FILTER
            match:
              context: ANY
              listener:
                filterChain:
                  filter:
                    name: envoy.filters.network.http_connection_manager
            patch:
              operation: MERGE
              value:
                typed_config:
                  "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
                  stream_idle_timeout: 1800s
        """)

    static let sidecarResources = FixTemplate("Give the sidecar more resources", """
        # Pod template annotations of the workload whose proxy is overloaded:
        metadata:
          annotations:
            sidecar.istio.io/proxyCPU: "500m"
            sidecar.istio.io/proxyMemory: "256Mi"
            sidecar.istio.io/proxyCPULimit: "2"
            sidecar.istio.io/proxyMemoryLimit: "1Gi"
        """)

    static let maxStreamDuration = FixTemplate("Lift the upstream cluster's max stream duration for {fqdn}", """
        # UMSDR comes from the upstream cluster's max_stream_duration, which Istio never sets itself: find
        # the EnvoyFilter that sets it (best fix: delete that patch for clusters with long-lived streams),
        #   kubectl get envoyfilter -A -o yaml | grep -n -B12 -A3 max_stream_duration
        # or clients sending x-envoy-upstream-stream-duration-ms. To override it for {fqdn}:
        apiVersion: networking.istio.io/v1alpha3
        kind: EnvoyFilter
        metadata:
          name: {service}-max-stream-duration
          namespace: {namespace}
        spec:
          configPatches:
          - applyTo: CLUSTER
            match:
              context: SIDECAR_OUTBOUND
              cluster:
                service: {fqdn}
                portNumber: {port}
            patch:
              operation: MERGE
              value:
                typed_extension_protocol_options:
                  envoy.extensions.upstreams.http.v3.HttpProtocolOptions:
                    "@type": type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions
                    common_http_protocol_options:
                      max_stream_duration: 0s   # 0s = no limit (Envoy's default)
        """)

    static let drainOnShutdown = FixTemplate("Let the proxy drain in-flight requests on shutdown", """
        # Pod template annotation (or meshConfig.defaultConfig for the whole mesh):
        metadata:
          annotations:
            proxy.istio.io/config: |
              terminationDrainDuration: 30s
              holdApplicationUntilProxyStarts: true
        """)

    static let grpcServerKeepalive = FixTemplate("Give the gRPC server's connection ageing a grace period", """
        // grpc-go server: rotate connections, but let in-flight RPCs finish.
        grpc.NewServer(grpc.KeepaliveParams(keepalive.ServerParameters{
            MaxConnectionAge:      5 * time.Minute,  // not seconds: each rotation costs a GOAWAY
            MaxConnectionAgeGrace: 30 * time.Second, // longer than the slowest RPC / stream
        }))
        // Java: NettyServerBuilder.maxConnectionAge(5, MINUTES).maxConnectionAgeGrace(30, SECONDS)
        """, language: "go")

    static let rateLimitTuning = FixTemplate("Size the limit for the real traffic, and fail open on limiter errors", """
        # In the EnvoyFilter that adds envoy.filters.http.local_ratelimit for {service}:
        token_bucket:
          max_tokens: 1000          # burst
          tokens_per_fill: 500      # sustained rate = tokens_per_fill / fill_interval, per proxy
          fill_interval: 1s
        # In the EnvoyFilter that adds envoy.filters.http.ratelimit (global service):
        failure_mode_deny: false    # a rate-limit service outage should not reject traffic (RLSE)
        """)
}
