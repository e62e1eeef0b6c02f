import AccessLog
import Testing

/// The pod names in kubelet log paths.
@Suite struct KubeletPathTests {
    @Test func podsDirectoryLayout() {
        let names = KubeletPath(path: "/var/log/pods/shop_frontend-6f7d9c8b54-7hj4n_0d3c1e52-8f0a-4b3e-9a71-2c6f1b7e4d90/istio-proxy/0.log")
        #expect(names == KubeletPath(namespace: "shop", pod: "frontend-6f7d9c8b54-7hj4n", container: "istio-proxy"))
        #expect(KubeletPath(path: "pods/shop_a-1_uid/istio-proxy/3.log.20240506-101112.gz")?.pod == "a-1")
        #expect(KubeletPath(path: "/tmp/x/shop_a-1_uid/istio-proxy/12.log")?.container == "istio-proxy")
    }

    @Test func containersDirectoryLayout() {
        let id = String(repeating: "0123456789abcdef", count: 4)
        let names = KubeletPath(path: "/var/log/containers/frontend-6f7d9c8b54-7hj4n_shop_istio-proxy-\(id).log")
        #expect(names == KubeletPath(namespace: "shop", pod: "frontend-6f7d9c8b54-7hj4n", container: "istio-proxy"))
    }

    @Test func otherPathsNameNoPod() {
        for path in ["access.log", "/var/log/pods/shop_a_uid/istio-proxy/access.log", "/tmp/0.log",
                     "/var/log/pods/shop_a/istio-proxy/0.log", "/var/log/containers/a_b_c.log",
                     "/var/log/containers/a_b_istio-proxy-xyz.log", "-"] {
            #expect(KubeletPath(path: path) == nil, "\(path)")
        }
    }
}
