import Testing
@testable import AccessLog

@Suite struct GRPCRequestTests {
    func line(_ method: String, _ path: String, _ proto: String) -> String {
        #"[2024-05-14T09:21:33.412Z] "\#(method) \#(path) \#(proto)" 200 - via_upstream - "-" 5 7 3 2 "-" "grpc-go/1.60.0" "id" "cart:7070" "10.244.1.4:7070" outbound|7070||cart.shop.svc.cluster.local 10.244.2.5:1 10.96.0.9:7070 10.244.2.5:2 - default"#
    }

    @Test func postOverHTTP2WithServicePath() {
        #expect(FormatFixture.parse(line("POST", "/shop.Cart/AddItem", "HTTP/2")).grpcMethod == "/shop.Cart/AddItem")
        #expect(FormatFixture.parse(line("POST", "/grpc.health.v1.Health/Check?x=1", "HTTP/2")).grpcMethod
            == "/grpc.health.v1.Health/Check")
    }

    @Test func notGRPC() {
        #expect(FormatFixture.parse(line("GET", "/shop.Cart/AddItem", "HTTP/2")).grpcMethod == nil)
        #expect(FormatFixture.parse(line("POST", "/shop.Cart/AddItem", "HTTP/1.1")).grpcMethod == nil)
        #expect(FormatFixture.parse(line("POST", "/api/v1/items", "HTTP/2")).grpcMethod == nil)
        #expect(FormatFixture.parse(line("POST", "/a.b/c/d", "HTTP/2")).grpcMethod == nil)
        #expect(FormatFixture.parse(line("-", "-", "-")).grpcMethod == nil)
    }

    @Test func loggedGRPCStatusMakesItGRPC() throws {
        var parser = try LineParser(customFormat: #""%REQ(:METHOD)% %REQ(:PATH)% %PROTOCOL%" %RESPONSE_CODE% %GRPC_STATUS%"#)
        let p = FormatFixture(#""POST /shop.Cart/AddItem HTTP/1.1" 200 DeadlineExceeded"#, parser: &parser)
        #expect(p.record.grpcStatus == 4)
        #expect(p.grpcMethod == "/shop.Cart/AddItem")
    }
}
