import Testing
import TestSupport
@testable import AccessLog

/// Key lookups by bytes: every Istio key, near misses, short keys at the edges of a line, tables
/// with many similar keys, and a custom format's keys layered over Istio's.
@Suite struct JSONKeyTableTests {
    /// The code of `key` looked up as the key of `{"key":1}` placed against an inaccessible page.
    static func code(_ table: JSONKeyTable, _ key: String) -> [Int] {
        let line = Array("{\"\(key)\":1}".utf8)
        var codes: [Int] = []
        GuardedLine.withEach(line) { bytes in
            codes.append(table.fieldCode(bytes.baseAddress!, 2, 2 + key.utf8.count, count: bytes.count))
        }
        return codes
    }

    static let istioKeys: Set<String> = Set(AccessField.allCases.map(\.jsonKey))
        .union(["istio_policy_status", "level", "msg", "message"])

    @Test func everyIstioKeyIsFound() {
        for field in AccessField.allCases {
            #expect(Self.code(.istio, field.jsonKey) == [field.rawValue, field.rawValue], "\(field)")
        }
        let line = Array(#"{"istio_policy_status":"x","level":1,"message":2}"#.utf8)
        line.withUnsafeBytes { bytes in
            #expect(JSONKeyTable.istio.lookup(bytes, 2, 21) == .extra(name: "istio_policy_status"))
            #expect(JSONKeyTable.istio.lookup(bytes, 28, 33) == .appLevel)
            #expect(JSONKeyTable.istio.lookup(bytes, 38, 45) == .appMessage)
            #expect(JSONKeyTable.istio.fieldCode(bytes, 38, 45) == JSONKeyTable.otherTarget)
        }
    }

    @Test func nearMissesAreUnknown() {
        for key in Self.istioKeys {
            var variants = [String(key.dropLast()), key + "s", "_" + key, key.uppercased()]
            let bytes = Array(key.utf8)
            for i in bytes.indices {   // one byte changed anywhere: head, middle or tail word
                var changed = bytes
                changed[i] = changed[i] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
                variants.append(String(decoding: changed, as: UTF8.self))
            }
            for variant in variants where !Self.istioKeys.contains(variant) && !variant.isEmpty {
                #expect(Self.code(.istio, variant) == [JSONKeyTable.unknownKey, JSONKeyTable.unknownKey],
                        "\(variant)")
            }
        }
    }

    @Test func shortKeysAtTheEdgesOfShortLines() {
        let table = JSONKeyTable([("a", .field(.path)), ("msg", .appMessage), ("method", .field(.method))])
        for (line, lo, hi, expected) in [(#"{"a":1}"#, 2, 3, AccessField.path.rawValue),
                                         (#""a""#, 1, 2, AccessField.path.rawValue),
                                         ("a", 0, 1, AccessField.path.rawValue),
                                         ("msg", 0, 3, JSONKeyTable.otherTarget),
                                         ("xmethod", 1, 7, AccessField.method.rawValue),
                                         ("method", 0, 6, AccessField.method.rawValue),
                                         ("metho", 0, 5, JSONKeyTable.unknownKey),
                                         ("ab", 0, 2, JSONKeyTable.unknownKey),
                                         ("b", 0, 1, JSONKeyTable.unknownKey),
                                         ("a", 0, 0, JSONKeyTable.unknownKey)] {
            GuardedLine.withEach(Array(line.utf8)) { bytes in
                #expect(table.fieldCode(bytes.baseAddress!, lo, hi, count: bytes.count) == expected, "\(line)")
            }
        }
    }

    @Test func manySimilarKeys() {
        // Same length, same first eight bytes: only the tail tells them apart; they share hash slots.
        let names = (0..<128).map { "trace_id_" + String($0 + 1000) + "_attempt_count" }
        let table = JSONKeyTable(names.enumerated().map { ($1, $0 % 2 == 0 ? .field(.requestId) : .extra(name: $1)) })
        #expect(table.count == 128)
        for (i, name) in names.enumerated() {
            let expected = i % 2 == 0 ? AccessField.requestId.rawValue : JSONKeyTable.otherTarget
            #expect(Self.code(table, name) == [expected, expected], "\(name)")
        }
        #expect(Self.code(table, "trace_id_0999_attempt_count") == [JSONKeyTable.unknownKey, JSONKeyTable.unknownKey])
        #expect(Self.code(table, "trace_id_1000_attempt_counts") == [JSONKeyTable.unknownKey, JSONKeyTable.unknownKey])
    }

    @Test func repeatedKeysKeepTheLastTarget() {
        let table = JSONKeyTable([("k", .field(.path)), ("k", .field(.method)), ("", .field(.authority))])
        #expect(table.count == 1)
        #expect(Self.code(table, "k") == [AccessField.method.rawValue, AccessField.method.rawValue])
    }

    @Test func customKeysLayeredOverIstio() {
        let custom = JSONKeyTable([("code", .field(.responseCode)), ("method", .extra(name: "method")),
                                   ("upstream_cluster", .field(.path))])
        let layered = JSONKeyTable(layering: custom, over: .istio)
        let upper = JSONKeyTable.upperFieldBase
        #expect(Self.code(layered, "code") == [upper + 4, upper + 4])
        #expect(Self.code(layered, "upstream_cluster") == [upper + 2, upper + 2])
        #expect(Self.code(layered, "method") == [JSONKeyTable.upperOtherTarget, JSONKeyTable.upperOtherTarget])
        #expect(Self.code(layered, "path") == [2, 2])
        #expect(Self.code(layered, "msg") == [JSONKeyTable.otherTarget, JSONKeyTable.otherTarget])
        #expect(Self.code(layered, "cod") == [JSONKeyTable.unknownKey, JSONKeyTable.unknownKey])
        let line = Array(#"{"method":"GET","msg":"x"}"#.utf8)
        line.withUnsafeBytes { bytes in
            #expect(layered.lookup(bytes, 2, 8) == .extra(name: "method"))
            #expect(layered.lookup(bytes, 17, 20) == .appMessage)
        }
        #expect(layered.count == custom.count + JSONKeyTable.istio.count - 2)
    }
}
