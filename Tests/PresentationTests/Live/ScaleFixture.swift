import AccessLog
import Analysis
import TestSupport
@testable import Presentation

/// Mesh-scale live data from a real `Aggregator` fed with hand-made lines (`TestLine`): clusters
/// with 120 and 2,000 hosts, a skewed and a pinned cluster, and a snapshot past small bounds.
enum ScaleFixture {
    static let orders = "outbound|50051||orders.shop.svc.cluster.local"
    static let catalog = "outbound|8080||catalog.shop.svc.cluster.local"
    static let search = "outbound|9200||search.shop.svc.cluster.local"
    static let payments = "outbound|50051||payments.shop.svc.cluster.local"
    static let fleet = "outbound|8080||fleet.shop.svc.cluster.local"

    /// `10.8.0.10:50051` … `10.8.2.59:50051` for i = 0 … 149.
    static func ordersHost(_ i: Int) -> String { "10.8.\(i / 50).\(i % 50 + 10):50051" }

    /// orders: 120 hosts with 40–44 requests each (even), a few with errors and slow tails;
    /// catalog: 20 hosts, the first few far busier (skewed); payments: 10 hosts, 12 client pods each
    /// pinned to one host; search: 3 hosts (a bar, not a summary).
    static let mesh: LiveData = {
        var a = Aggregator()
        var t0: Int64 = 0
        func line(_ cluster: String, _ host: String, code: Int32 = 200, duration: Int64 = 5) -> TestLine {
            var t = TestLine()
            t.cluster = cluster; t.host = host; t.code = code; t.duration = duration
            t.upstreamTime = max(0, duration - 1); t.startMs += t0; t0 += 7
            if code >= 500 { t.flags = "UF"; t.details = "upstream_reset_before_response_started{connection_failure}" }
            return t
        }
        for round in 0..<44 {
            for i in 0..<120 where round < 40 + i % 5 {
                let errors = i % 17 == 3 && round % 4 == 0
                let slow = i % 23 == 5 && round % 10 == 0
                a.add(line(orders, ordersHost(i), code: errors ? 503 : 200,
                           duration: slow ? Int64(400 + i * 3) : Int64(3 + (i * 7 + round) % 40)))
            }
        }
        for i in 0..<20 {
            for r in 0..<(i < 3 ? 300 : 30) { a.add(line(catalog, "10.9.0.\(i + 10):8080", duration: Int64(5 + r % 9))) }
        }
        for pod in 0..<12 {
            for _ in 0..<20 {
                a.add(line(payments, "10.7.0.\(pod % 10 + 10):50051"), pod: "checkout-5d8f-\(pod)", container: "istio-proxy")
            }
        }
        for i in 0..<90 { a.add(line(search, "10.6.0.\(i % 3 + 10):9200", duration: 12)) }
        return data(a.snapshot())
    }()

    /// fleet: 2,000 hosts with 5–7 requests each; host i's p99 grows with i % 97.
    static let fleetData: LiveData = {
        var a = Aggregator()
        for i in 0..<2000 {
            for r in 0..<(5 + i % 3) {
                var t = TestLine()
                t.cluster = fleet
                t.host = "10.20.\(i / 200).\(i % 200 + 1):8080"
                t.duration = r == 0 ? Int64(10 + i % 97) : 4
                t.startMs += Int64(i * 8 + r)
                a.add(t)
            }
        }
        return data(a.snapshot())
    }()

    /// 1,500 clusters `svc-0` … `svc-1499` with 1,500 − i requests each over 2 hosts.
    static let manyClusters: LiveData = {
        var a = Aggregator()
        for c in 0..<1500 {
            for r in 0..<(1500 - c) where r < 3 || c < 20 {
                var t = TestLine()
                t.cluster = "outbound|8080||svc-\(c).shop.svc.cluster.local"; t.host = "10.\(c / 250).\(c % 250).\(r % 2 + 1):8080"
                t.startMs += Int64(c)
                a.add(t)
            }
        }
        return data(a.snapshot())
    }()

    /// Past small bounds (4 clusters, 24 cluster–host pairs): a busy cluster with 40 hosts (8 heavy
    /// ones with 240 requests each, above the heavy-hitter guarantee of 2 × total / bound), three
    /// medium clusters and a tail of small ones; lines interleaved as in a real log.
    static let approximate: LiveData = {
        var a = Aggregator(limits: AggregatorLimits(clusters: 4, hosts: 24))
        var t0: Int64 = 0
        for round in 0..<60 {
            for i in 0..<40 where i < 8 || round % 6 == 0 {
                for _ in 0..<(i < 8 ? 4 : 1) {
                    var t = TestLine()
                    t.cluster = orders; t.host = ordersHost(i); t.startMs += t0; t0 += 5
                    a.add(t)
                }
            }
            for (k, name) in ["catalog", "cart", "users"].enumerated() where round % (k + 1) == 0 {
                var t = TestLine()
                t.cluster = "outbound|8080||\(name).shop.svc.cluster.local"; t.host = "10.5.\(k).1:8080"
                t.startMs += t0; t0 += 5
                a.add(t)
            }
            var tail = TestLine()
            tail.cluster = "outbound|80||tail-\(round % 12).shop.svc.cluster.local"; tail.host = "10.4.0.\(round % 12 + 1):80"
            tail.startMs += t0; t0 += 5
            a.add(tail)
        }
        return data(a.snapshot())
    }()

    /// The snapshot as the live view gets it once the input ended.
    static func data(_ snapshot: Snapshot) -> LiveData {
        var state = LiveState()
        state.snapshot = snapshot
        state.total = snapshot
        state.linesRead = snapshot.lines.total
        state.generation = 1
        state.ended = true
        return LiveData(diagnosing: state, sources: ["stdin"])
    }
}
