import AccessLog
import Analysis
import Testing

/// Lines of a kubelet log file take the pod its path names, unless their own prefix names one.
@Suite struct KubeletSourceTests {
    static let access = #"[2024-05-06T07:08:09.123Z] "GET /d HTTP/1.1" 200 - via_upstream - "-" 0 12 3 2 "-" "curl" "id" "a:80" "10.0.0.1:80" outbound|80||a.shop.svc.cluster.local 10.0.0.5:1 10.0.0.9:80 10.0.0.5:2 - default"#

    @Test func theRecordsSourceIsThePodOfThePath() {
        let cri = "2024-05-06T07:08:09.200000000Z stdout F " + Self.access
        let out = CollectingSink.run([Self.access, cri, "[pod/other-1/istio-proxy] " + Self.access],
                                     path: "/var/log/pods/shop_frontend-1_uid-1/istio-proxy/0.log")
        #expect(out.access.map(\.source) == ["frontend-1", "frontend-1", "other-1"])
        #expect(out.access.first?.container == "istio-proxy")
    }

    @Test func otherPathsGiveNoSource() {
        let out = CollectingSink.run([Self.access], path: "/tmp/access.log")
        #expect(out.access.map(\.source) == [""])
    }
}
