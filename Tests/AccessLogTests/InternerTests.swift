import Testing
@testable import AccessLog

@Suite struct InternerTests {
    @Test func sameKeySameID() {
        var interner = Interner()
        let a = interner.intern("outbound|80||a.ns.svc.cluster.local")
        let b = interner.intern("outbound|80||b.ns.svc.cluster.local")
        #expect(a == 0 && b == 1)
        #expect(interner.intern("outbound|80||a.ns.svc.cluster.local") == 0)
        #expect(interner[1] == "outbound|80||b.ns.svc.cluster.local")
    }

    @Test func growsPastInitialCapacity() {
        var interner = Interner(initialCapacity: 4)
        for i in 0..<5000 { _ = interner.intern("key-\(i)") }
        #expect(interner.count == 5000)
        #expect(interner.lookup("key-4321") == 4321)
        #expect(interner.lookup("key-5000") == nil)
    }

    @Test func limitRefusesNewKeys() {
        var interner = Interner(limit: 2)
        #expect(interner.intern("a") == 0)
        #expect(interner.intern("b") == 1)
        #expect(interner.intern("c") == nil)
        #expect(interner.intern("a") == 0)
    }

    @Test func clusterNameDecomposes() {
        let c = ClusterName("outbound|9080|v2|reviews.default.svc.cluster.local;")
        #expect(c.direction == .outbound && c.port == 9080 && c.subset == "v2")
        #expect(c.serviceName == "reviews" && c.namespace == "default")
        #expect(ClusterName("InboundPassthroughClusterIpv4").special == .inboundPassthroughIPv4)
        #expect(ClusterName("inbound|8080||").fqdn == nil)
    }
}
