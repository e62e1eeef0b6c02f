/// Routing and Service templates: VirtualService timeouts/retries/faults, Service ports.
extension IstioSnippets {
    static let virtualServiceTimeout = FixTemplate("Set the route timeout and per-try timeout for {fqdn}", """
        # A VirtualService for {fqdn} exists already? Do not apply this over it: it would replace all its
        # routes (matches, subsets, weights). Patch only the fields, e.g. on its first route:
        #   kubectl patch virtualservice <name> -n {namespace} --type json -p '[{"op":"add","path":"/spec/http/0/timeout","value":"15s"},{"op":"add","path":"/spec/http/0/retries","value":{"attempts":2,"perTryTimeout":"5s","retryOn":"connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes,503"}}]'
        # None yet? Apply this one:
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
                  number: {port}
            timeout: 15s                       # whole request including retries; 0s = no timeout (streams)
            retries:
              attempts: 2
              perTryTimeout: 5s                # each attempt; keep attempts × perTryTimeout ≤ timeout
              retryOn: connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes,503   # the codes must be listed
        """)

    static let virtualServiceRetryReset = FixTemplate("Retry requests whose upstream connection was reset before the request went out", """
        # A VirtualService for {fqdn} exists already? Do not apply this over it: it would replace all its
        # routes (matches, subsets, weights). Patch only the retries, e.g. on its first route:
        #   kubectl patch virtualservice <name> -n {namespace} --type json -p '[{"op":"add","path":"/spec/http/0/retries","value":{"attempts":2,"retryOn":"connect-failure,refused-stream,reset-before-request,unavailable"}}]'
        # None yet? Apply this one:
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
                  number: {port}
            retries:
              attempts: 2
              # reset-before-request (as Istio's inbound default) re-sends only requests that never reached
              # the app, so it is safe for every method; `reset` would also re-send started ones.
              retryOn: connect-failure,refused-stream,reset-before-request,unavailable
        """)

    static let virtualServiceCatchAll = FixTemplate("Route every request for the host (hosts + a catch-all route)", """
        # A VirtualService for {fqdn} exists already? Do not apply this over it: it would replace all its
        # routes. Add the missing host to its `hosts` and a catch-all route (no `match`) at the end instead.
        # None yet? Apply this one:
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

    // Service fixes are strategic-merge patches: the ports list merges by `port`, so only the named
    // field of port {port} changes; the selector and the other ports stay as they are (a full Service
    // applied with `kubectl apply` would drop them and the endpoints would vanish).

    static let servicePortGRPC = FixTemplate("Declare port {port} of the Service as gRPC (patch only its appProtocol)", """
        # Only appProtocol of port {port} changes (Kubernetes ≥ 1.20; or rename the port to grpc-…).
        kubectl patch service {service} -n {namespace} --type strategic -p '{"spec":{"ports":[{"port":{port},"appProtocol":"grpc"}]}}'
        """, language: "shell")

    static let servicePortHTTP = FixTemplate("Declare the protocol the app really speaks on port {port} (patch only its appProtocol)", """
        # HTTP/1.1 app: http; HTTP/2 app: http2; gRPC app: grpc (or rename the port to http-… / http2-… / grpc-…).
        kubectl patch service {service} -n {namespace} --type strategic -p '{"spec":{"ports":[{"port":{port},"appProtocol":"http"}]}}'
        """, language: "shell")

    static let serviceTargetPort = FixTemplate("Point port {port} of the Service at the port the app listens on (patch only its targetPort)", """
        # Replace 8080 by the containerPort the app really listens on; the selector and other ports stay.
        kubectl patch service {service} -n {namespace} --type strategic -p '{"spec":{"ports":[{"port":{port},"targetPort":8080}]}}'
        # The app must listen on 0.0.0.0 (or the pod IP), not 127.0.0.1: since Istio 1.10 the
        # sidecar forwards inbound traffic to the pod IP.
        """, language: "shell")
}
