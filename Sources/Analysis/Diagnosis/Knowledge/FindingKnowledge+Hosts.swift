import AccessLog

/// One upstream host behaving differently from its siblings.
extension FindingKnowledgeBase {
    static let hosts: [FindingKnowledge] = [
        FindingKnowledge(
            id: .failingUpstreamHost,
            summary: "One pod of a service produces most of its errors.",
            titleTemplate: "{host} produces {errorShare} of the errors of {service} ({errors} of {clusterErrors}; error rate {rate} vs {otherRate})",
            signature: """
                A cluster with ≥ 2 hosts and ≥ 10 errors where one host holds ≥ 50% of the errors, has an error \
                rate ≥ 5%, and ≥ 3× the error rate of the other hosts, a difference chance does not explain \
                (two-proportion z ≥ 3) (errors: 5xx, failure flags, gRPC server errors).
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
            titleTemplate: "{host} {percentile} {hostValue} vs {siblingValue} on its siblings ({service})",
            signature: """
                On an outbound HTTP/gRPC cluster (not mostly TCP: connection lifetimes are no latency), a host whose \
                p50, p90 or p99 is ≥ 3× the median of its siblings' same percentile and ≥ 25 ms above it. A \
                percentile is compared only between hosts with ≥ 10 requests above it (p50: ≥ 20 requests, p90: \
                ≥ 100, p99: ≥ 1,000): over a few dozen requests the p99 is the maximum, one GC pause; and only \
                on hosts whose failed, cancelled or fault-delayed requests are under half of those above it \
                (p90: < 5%), else it shows where timeouts or injected delays land, not speed. The highest percentile that shows the slowness is \
                reported.
                """,
            thresholds: "warning; info when the slow host takes < 5% of the cluster's requests",
            flags: [],
            causes: [
                Cause("cpu-throttling", "CPU throttling or a noisy neighbour on its node."),
                Cause("warmup", "A fresh pod warming up (JIT, caches, connection pools)."),
                Cause("data", "It serves a hotter or larger share of the data (hash partitioning, sticky clients)."),
            ],
            fixes: [FixTemplate.destinationRule("Send fewer requests to slow hosts", spec: """
                trafficPolicy:
                  loadBalancer:
                    simple: LEAST_REQUEST      # steers requests away from hosts with many in flight
                """)],
            verify: [VerifyCommands.podByIP, "kubectl top pod -n {namespace}", "kubectl describe node <node-of-that-pod>"]),
    ]
}
