import Testing
@testable import Analysis

/// `PodLinkBuffer` on its own: keys round-trip, counts equal a dictionary's, and it refuses (rather
/// than loses) what it cannot hold.
@Suite struct PodLinkBufferTests {
    @Test func keysRoundTrip() throws {
        let withHost = try #require(PodLinkBuffer.key(pod: PodLinkBuffer.maxPodSlot, cluster: 7, host: PodLinkBuffer.maxTableSlot))
        let noHost = try #require(PodLinkBuffer.key(pod: 0, cluster: 0, host: nil))
        #expect(withHost != noHost)
        #expect(PodLinkBuffer.link(of: withHost.raw) == .init(pod: PodLinkBuffer.maxPodSlot, host: PodLinkBuffer.maxTableSlot, cluster: nil, isErrors: false))
        #expect(PodLinkBuffer.link(of: noHost.raw) == .init(pod: 0, host: nil, cluster: 0, isErrors: false))
        #expect(PodLinkBuffer.key(pod: PodLinkBuffer.maxPodSlot + 1, cluster: 0, host: 1) == nil)
        #expect(PodLinkBuffer.key(pod: 1, cluster: 0, host: PodLinkBuffer.maxTableSlot + 1) == nil)
        #expect(PodLinkBuffer.key(pod: 1, cluster: PodLinkBuffer.maxTableSlot + 1, host: nil) == nil)
    }

    /// Drained counts (through several growths) equal a dictionary of every link's requests and errors.
    @Test func drainedCountsEqualADictionary() throws {
        var buffer = PodLinkBuffer()
        var expected: [String: Int] = [:]
        var state: UInt64 = 3
        for _ in 0..<60_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let r = state >> 20
            let pod = Int32(r % 300), host = Int32((r / 300) % 90), isError = r % 13 == 0
            let hasHost = r % 29 != 0
            let key = try #require(PodLinkBuffer.key(pod: pod, cluster: host / 9, host: hasHost ? host : nil))
            let added1 = buffer.add(key, isError: isError, mayInsert: true)
            #expect(added1)
            let name = hasHost ? "\(pod) h\(host)" : "\(pod) c\(host / 9)"
            expected[name, default: 0] += 1
            if isError { expected[name + " errors", default: 0] += 1 }
        }
        var drained: [String: Int] = [:]
        buffer.drain { link, n in
            let name = link.host.map { "\(link.pod) h\($0)" } ?? "\(link.pod) c\(link.cluster!)"
            drained[link.isErrors ? name + " errors" : name, default: 0] += n
        }
        #expect(drained == expected)
        #expect(drained.count > 20_000)
        #expect(buffer.isEmpty)
    }

    @Test func aNewLinkIsRefusedWithoutRoomAndAnOldOneStillCounts() throws {
        var buffer = PodLinkBuffer()
        let old = try #require(PodLinkBuffer.key(pod: 1, cluster: 1, host: 2))
        let new = try #require(PodLinkBuffer.key(pod: 2, cluster: 1, host: 2))
        let added2 = buffer.add(old, isError: false, mayInsert: true)
        #expect(added2)
        let added3 = buffer.add(new, isError: false, mayInsert: false)
        #expect(!added3)
        let added4 = buffer.add(old, isError: false, mayInsert: false)
        #expect(added4)
        // An error of a link without an error entry needs room for it: refused whole.
        let added5 = buffer.add(old, isError: true, mayInsert: false)
        #expect(!added5)
        var counts: [Int] = []
        buffer.drain { _, n in counts.append(n) }
        #expect(counts == [2])
    }

    @Test func aCountAtItsLimitIsRefused() throws {
        var buffer = PodLinkBuffer()
        let key = try #require(PodLinkBuffer.key(pod: 3, cluster: 4, host: nil))
        var accepted = 0
        while buffer.add(key, isError: false, mayInsert: true) { accepted += 1 }
        #expect(accepted == (1 << 22) - 1)
        // An error of that link is refused whole: neither its request nor the error is counted.
        let errorAtLimit = buffer.add(key, isError: true, mayInsert: true)
        #expect(!errorAtLimit)
        var total = 0, entries = 0
        buffer.drain { link, n in
            total += n
            entries += 1
            #expect(!link.isErrors)
        }
        #expect(total == accepted && entries == 1)
        let added6 = buffer.add(key, isError: false, mayInsert: true)
        #expect(added6)
    }

    @Test func aFullBufferRefusesNewLinksAndKeepsCountingOldOnes() throws {
        var buffer = PodLinkBuffer()
        var pod: Int32 = 0
        while buffer.add(try #require(PodLinkBuffer.key(pod: pod, cluster: 0, host: 1)), isError: false, mayInsert: true) {
            pod += 1
        }
        #expect(buffer.count == Int(pod))
        #expect(buffer.count >= PodLinkBuffer.maxCapacity / 2)
        let added7 = buffer.add(try #require(PodLinkBuffer.key(pod: 0, cluster: 0, host: 1)), isError: false, mayInsert: true)
        #expect(added7)
        var total = 0
        buffer.drain { _, n in total += n }
        #expect(total == Int(pod) + 1)
    }
}
