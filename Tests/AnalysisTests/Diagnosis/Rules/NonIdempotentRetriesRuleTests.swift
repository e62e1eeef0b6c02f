import AccessLog
import Testing
@testable import Analysis

@Suite struct NonIdempotentRetriesRuleTests {
    let rule = NonIdempotentRetriesRule()

    func snapshot(_ method: String, retried: Int, of requests: Int = 200, grpc: Bool = true, logged: Bool = true) -> Snapshot {
        let m = MethodStats(method: method, isGRPC: grpc, requests: requests, retried: retried, maxAttempts: retried > 0 ? 3 : 1,
                            clusters: [KeyCount(key: Fixture.orders, count: requests)])
        return Fixture.snapshot([Fixture.cluster(Fixture.orders, requests: requests)], methods: [m], attemptsLogged: logged)
    }

    @Test func createLikeNames() {
        #expect(NonIdempotentRetriesRule.isCreateLike("/orders.OrderService/CreateOrder"))
        #expect(NonIdempotentRetriesRule.isCreateLike("/payments.v1.Payments/Charge"))
        #expect(NonIdempotentRetriesRule.isCreateLike("/cart.Cart/AddItem"))
        #expect(NonIdempotentRetriesRule.isCreateLike("POST /orders"))
        #expect(!NonIdempotentRetriesRule.isCreateLike("/geo.Geo/AddressLookup"))
        #expect(!NonIdempotentRetriesRule.isCreateLike("/orders.OrderService/GetOrder"))
        #expect(!NonIdempotentRetriesRule.isCreateLike("PUT /orders/{id}"))
    }

    @Test func retriedCreatesAreAWarningWithAMethodScopedFix() throws {
        let f = try #require(run(rule, snapshot("/orders.OrderService/CreateOrder", retried: 3)).first)
        #expect(f.severity == .warning)
        #expect(f.title.hasPrefix("/orders.OrderService/CreateOrder retried on 3 of 200 requests (up to 3 attempts)"))
        #expect(f.fixText.contains("exact: /orders.OrderService/CreateOrder"))
        #expect(f.fixText.contains("retryOn: connect-failure,refused-stream"))
        #expect(f.fixText.contains("host: orders.shop.svc.cluster.local"))
    }

    @Test func thresholds() {
        #expect(run(rule, snapshot("/orders.OrderService/CreateOrder", retried: 2)).first?.severity == .info)
        // 1% of the method's requests is needed too: a few retries after rare connect failures are no policy.
        #expect(run(rule, snapshot("/orders.OrderService/CreateOrder", retried: 3, of: 300)).first?.severity == .warning)
        #expect(run(rule, snapshot("/orders.OrderService/CreateOrder", retried: 3, of: 301)).first?.severity == .info)
        #expect(run(rule, snapshot("/orders.OrderService/CreateOrder", retried: 6, of: 5_000)).first?.severity == .info)
        #expect(run(rule, snapshot("/orders.OrderService/CreateOrder", retried: 0)).isEmpty)
    }

    @Test func negatives() {
        #expect(run(rule, snapshot("/orders.OrderService/GetOrder", retried: 50)).isEmpty)
        #expect(run(rule, snapshot("/orders.OrderService/CreateOrder", retried: 50, logged: false)).isEmpty)
    }

    @Test func httpPostUsesThePath() throws {
        let f = try #require(run(rule, snapshot("POST /orders", retried: 5, grpc: false)).first)
        #expect(f.fixText.contains("exact: /orders"))
    }
}
