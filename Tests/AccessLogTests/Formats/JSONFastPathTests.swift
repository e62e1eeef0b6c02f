import Testing
import TestSupport
@testable import AccessLog

/// The JSON scanner's fast path (compact members, 16-byte quote search, SWAR numbers) against the
/// general grammar and plain byte loops, on lines placed against an inaccessible page.
@Suite struct JSONFastPathTests {
    static let typed = Array(#"{"start_time":"2026-11-20T09:59:59.973Z","method":"POST","path":"/shop.orders.v1.OrderService/CreateOrder","response_code":200,"response_flags":"-","bytes_received":527,"duration":27.5,"x_forwarded_for":null,"user_agent":"grpc-go/1.62.1 \"x\" \\","upstream_cluster":"outbound|50051||orders.shop.svc.cluster.local","requested_server_name":null}"#.utf8)

    /// Members as "key=value(kind)" plus how the object ended, read with `next` (fast path).
    static func fastMembers(_ line: UnsafeRawBufferPointer) -> [String] {
        var scanner = JSONObjectScanner(line)
        guard scanner.begin() else { return ["no object"] }
        var member = JSONMember()
        var out: [String] = []
        while true {
            let step = scanner.next(&member)
            guard step == .member else { return out + ["\(step) at \(scanner.position)"] }
            out.append(describe(member, line))
        }
    }

    /// The same with only the general grammar (`keyOfNextMember` + `valueAfterKey`).
    static func generalMembers(_ line: UnsafeRawBufferPointer) -> [String] {
        var scanner = JSONObjectScanner(line)
        guard scanner.begin() else { return ["no object"] }
        var member = JSONMember()
        var out: [String] = []
        while true {
            var step = scanner.keyOfNextMember(&member)
            if step == .member { step = scanner.valueAfterKey(&member) }
            guard step == .member else { return out + ["\(step) at \(scanner.position)"] }
            out.append(describe(member, line))
        }
    }

    static func describe(_ member: JSONMember, _ line: UnsafeRawBufferPointer) -> String {
        let key = String(decoding: line[member.keyLo..<member.keyHi], as: UTF8.self)
        let value = member.value.isAbsent ? "∅" : String(decoding: line.bytes(member.value), as: UTF8.self)
        return "\(key)=\(value)(\(member.kind))"
    }

    @Test func fastPathAgreesWithTheGeneralGrammarOnEveryTruncation() {
        for length in 0...Self.typed.count {
            GuardedLine.withEach(Array(Self.typed[0..<length])) { line in
                #expect(Self.fastMembers(line) == Self.generalMembers(line), "length \(length)")
            }
        }
        GuardedLine.withEach(Self.typed) { line in
            let members = Self.fastMembers(line)
            #expect(members.count == 12)
            #expect(members[1] == "method=POST(string)")
            #expect(members[3] == "response_code=200(number)")
            #expect(members[6] == "duration=27.5(number)")
            #expect(members[7] == "x_forwarded_for=∅(null)")
            #expect(members[8] == #"user_agent=grpc-go/1.62.1 \"x\" \\(string)"#)
            #expect(members[11] == "end at \(Self.typed.count)")
        }
    }

    @Test func fastPathAgreesWithTheGeneralGrammarOnEverySingleByteChange() {
        for position in 0..<Self.typed.count {
            for byte in Array(#" "\,:}{[0n-"#.utf8) {
                var bytes = Self.typed
                bytes[position] = byte
                GuardedLine.withEach(bytes) { line in
                    #expect(Self.fastMembers(line) == Self.generalMembers(line), "\(position): \(byte)")
                }
            }
        }
    }

    @Test func typedDetectionFollowsTheValues() {
        func sawNonString(_ json: String) -> Bool {
            Array(json.utf8).withUnsafeBytes { line in
                var scanner = JSONObjectScanner(line)
                var member = JSONMember()
                _ = scanner.begin()
                while scanner.next(&member) == .member {}
                return scanner.sawNonString
            }
        }
        #expect(!sawNonString(#"{"a":"1","b":"x"}"#))
        #expect(sawNonString(#"{"a":"1","b":2}"#))
        #expect(sawNonString(#"{"a":"1","b":null}"#))
        #expect(sawNonString(#"{"a":"1", "b" : true }"#))
        #expect(sawNonString(#"{"a":{"b":"c"}}"#))
    }

    @Test func stringEndMatchesAByteLoop() {
        var random = SplitMix(seed: 7)
        let alphabet = Array(#"a"\"#.utf8)
        for length in 1...48 {
            for _ in 0..<12 {
                let bytes = (0..<length).map { _ in alphabet[Int(random.next() % 3)] }
                GuardedLine.withEach(bytes) { line in
                    let base = line.baseAddress!.assumingMemoryBound(to: UInt8.self)
                    // `find` is called just past an opening quote.
                    for from in 1...length where bytes[from - 1] == UInt8(ascii: "\"") {
                        #expect(JSONStringEnd.find(base, from: from, count: length)
                                == Self.referenceStringEnd(bytes, from: from), "\(bytes) from \(from)")
                    }
                }
            }
        }
    }

    /// The first quote at or after `from` not preceded by an odd run of backslashes (from `from` on).
    static func referenceStringEnd(_ bytes: [UInt8], from: Int) -> Int? {
        var j = from
        while j < bytes.count {
            if bytes[j] == UInt8(ascii: "\"") {
                var run = 0
                while j - run - 1 >= from, bytes[j - run - 1] == UInt8(ascii: "\\") { run += 1 }
                if run % 2 == 0 { return j }
            }
            j += 1
        }
        return nil
    }

    @Test func numberEndMatchesAByteLoop() {
        var random = SplitMix(seed: 11)
        let alphabet = Array("0123456789012345.eE+-x\",}".utf8)
        for length in 1...40 {
            for _ in 0..<20 {
                let bytes = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
                GuardedLine.withEach(bytes) { line in
                    let scanner = JSONObjectScanner(line)
                    for from in 0...length {
                        var expected = from
                        while expected < length, JSONObjectScanner.isNumberByte(bytes[expected]) { expected += 1 }
                        #expect(scanner.numberEnd(from: from) == expected, "\(bytes) from \(from)")
                    }
                }
            }
        }
    }

    @Test func byteClassesMatchTheirDefinitions() {
        for b in UInt8.min...UInt8.max {
            let scalar = Character(Unicode.Scalar(b))
            #expect(JSONObjectScanner.isSpace(b) == " \t\n\r".contains(scalar), "\(b)")
            #expect(JSONObjectScanner.isNumberByte(b) == "0123456789.eE+-".contains(scalar), "\(b)")
        }
    }

    @Test func wholeLinesNeverReadOutsideTheirBytes() {
        var parser = LineParser()
        var record = AccessRecord()
        for length in 0...Self.typed.count {
            GuardedLine.withEach(Array(Self.typed[0..<length])) { line in
                let lineClass = parser.parse(line, into: &record)
                if length == Self.typed.count {
                    #expect(lineClass == .access)
                } else {
                    #expect(lineClass != .access, "a truncated object is no record (length \(length))")
                }
            }
        }
        for short in [#"{"a":1}"#, #"{"msg":"x"}"#, #"{"path":"/"}"#, "{}", "{", #"{"a""#, #"{"method":"GET","path":1}"#] {
            GuardedLine.withEach(Array(short.utf8)) { line in
                _ = parser.parse(line, into: &record)
                #expect(Self.fastMembers(line) == Self.generalMembers(line), "\(short)")
            }
        }
    }
}

/// A small seeded generator, so that the random cases are the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = (state ^ (state >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
