/// Routing and Service templates: VirtualService timeouts/retries/faults, Service ports.
extension IstioSnippets {
    static let virtualServiceTimeout = FixTemplate("Set the route timeout and per-try timeout for {fqdn}", """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: {service}
          namespace: {namespace}
        spec:
          hosts:
          - {fqdn}
          http:
          - route:
            - destination:
                host: {fqdn}
                port:
                  number: {port}{subsetLine}
            timeout: 15s                       # whole request including retries; 0s = no timeout (streams)
            retries:
              attempts: 2
              perTryTimeout: 5s                # each attempt; keep attempts × perTryTimeout ≤ timeout
              retryOn: connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes
        """)

    static let virtualServiceRetryReset = FixTemplate("Retry requests whose upstream connection was reset", """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: {service}
          namespace: {namespace}
        spec:
          hosts:
          - {fqdn}
          http:
          - route:
            - destination:
                host: {fqdn}
                port:
                  number: {port}{subsetLine}
            retries:
              attempts: 2
              perTryTimeout: 5s
              # `reset` re-sends requests the app may have started: only for idempotent calls.
              retryOn: connect-failure,refused-stream,reset,unavailable
        """)

    static let virtualServiceCatchAll = FixTemplate("Route every request for the host (hosts + a catch-all route)", """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: {service}
          namespace: {namespace}
        spec:
          hosts:
          - {fqdn}                     # every name clients use: short name, FQDN, external host
          gateways:                    # only for ingress traffic; keep `mesh` for sidecars
          - mesh
          http:
          - match:
            - uri:
                prefix: /api           # your specific routes first …
            route:
            - destination:
                host: {fqdn}
          - route:                     # … then a catch-all without `match`
            - destination:
                host: {fqdn}
        """)

    static let removeFault = FixTemplate("Remove the fault injection from the VirtualService", """
        # kubectl edit virtualservice -n {namespace} <name>   (the one whose hosts include {fqdn})
        # Delete the whole `fault:` block of the route, e.g.:
        spec:
          http:
          - fault:                  # ← delete from here …
              abort:
                percentage:
                  value: 10
                httpStatus: 503
              delay:
                percentage:
                  value: 10
                fixedDelay: 5s      # … to here
            route:
            - destination:
                host: {fqdn}
        """)

    static let servicePortGRPC = FixTemplate("Declare the port's protocol on the Service", """
        apiVersion: v1
        kind: Service
        metadata:
          name: {service}
          namespace: {namespace}
        spec:
          ports:
          - name: grpc-{service}       # the name prefix `grpc-` (or `http2-`) selects the protocol…
            appProtocol: grpc         # …or appProtocol (Kubernetes ≥ 1.20); either is enough
            port: {port}
            targetPort: {port}
        """)

    static let servicePortHTTP = FixTemplate("Declare the protocol the app really speaks on the Service port", """
        apiVersion: v1
        kind: Service
        metadata:
          name: {service}
          namespace: {namespace}
        spec:
          ports:
          - name: http-{service}       # HTTP/1.1 app: `http-`; HTTP/2 or gRPC app: `http2-` / `grpc-`
            appProtocol: http         # http | http2 | grpc — must match the app
            port: {port}
            targetPort: {port}
        """)

    static let serviceTargetPort = FixTemplate("Point the Service at the port the app listens on", """
        apiVersion: v1
        kind: Service
        metadata:
          name: {service}
          namespace: {namespace}
        spec:
          ports:
          - name: http-{service}      # or grpc-… / tcp-…: the real protocol
            port: {port}
            targetPort: 8080          # must be the containerPort the app really listens on
        # The app must listen on 0.0.0.0 (or the pod IP), not 127.0.0.1: since Istio 1.10 the
        # sidecar forwards inbound traffic to the pod IP.
        """)
}
