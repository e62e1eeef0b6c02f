import AccessLog

/// One upstream host behaving differently from its siblings.
extension FindingKnowledgeBase {
    static let hosts: [FindingKnowledge] = [
        FindingKnowledge(
            id: .failingUpstreamHost,
            summary: "One pod of a service produces most of its errors.",
            titleTemplate: "{host} produces {errorShare} of the errors of {service} ({errors} of {clusterErrors}; error rate {rate} vs {otherRate})",
            signature: """
                A cluster with ≥ 2 hosts and ≥ 10 errors where one host holds ≥ 50 % of the errors, has an error \
                rate ≥ 5 %, and ≥ 3× the error rate of the other hosts (errors: 5xx, failure flags, gRPC server errors).
                """,
            thresholds: failureThresholds + " (the host's errors over the cluster's requests)",
            flags: [],
            causes: [
                Cause("bad-pod", "That pod is broken: a bad deploy, a full disk, a poisoned cache, a lost dependency connection."),
                Cause("node", "Its node has problems (network, DNS, noisy neighbour)."),
                Cause("version-skew", "It runs a different version or configuration than its siblings."),
            ],
            fixes: [IstioSnippets.outlierDetection],
            verify: [VerifyCommands.podByIP, VerifyCommands.endpoints, "kubectl logs <that-pod> -n {namespace}"]),
        FindingKnowledge(
            id: .slowUpstreamHost,
            summary: "One pod of a service is much slower than its siblings.",
            titleTemplate: "{host} p99 {hostP99} vs {siblingP99} on its siblings ({service})",
            signature: "On an outbound HTTP/gRPC cluster (not mostly TCP: connection lifetimes are no latency), a host whose p99 is ≥ 3× the median of its siblings' p99 and ≥ 100 ms above it; every compared host has ≥ 20 requests.",
            thresholds: "warning; info when the slow host takes < 5 % of the cluster's requests",
            flags: [],
            causes: [
                Cause("cpu-throttling", "CPU throttling or a noisy neighbour on its node."),
                Cause("warmup", "A fresh pod warming up (JIT, caches, connection pools)."),
                Cause("data", "It serves a hotter or larger share of the data (hash partitioning, sticky clients)."),
            ],
            fixes: [FixTemplate("Send fewer requests to slow hosts", """
                {drNote}
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata:
                  name: {service}
                  namespace: {namespace}
                spec:
                  host: {fqdn}
                  trafficPolicy:
                    loadBalancer:
                      simple: LEAST_REQUEST      # steers requests away from hosts with many in flight
                """)],
            verify: [VerifyCommands.podByIP, "kubectl top pod -n {namespace}", "kubectl describe node <node-of-that-pod>"]),
    ]
}
