/// A set of Envoy response flags. `UF,URX` and `URX,UF` are the same set.
public struct ResponseFlags: OptionSet, Sendable, Hashable {
    public var rawValue: UInt32
    @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }
    @inlinable public init(_ flag: ResponseFlag) { self.rawValue = 1 << UInt32(flag.rawValue) }

    /// The flags in Envoy's order.
    public var flags: [ResponseFlag] {
        ResponseFlag.allCases.filter { contains(ResponseFlags($0)) }
    }

    @inlinable public func contains(_ flag: ResponseFlag) -> Bool {
        rawValue & (1 << UInt32(flag.rawValue)) != 0
    }

    /// Short codes, sorted alphabetically (the `meshlog parse` representation).
    public var sortedShortNames: [String] { flags.map(\.shortName).sorted() }

    /// `UF,URX` or `-`, in Envoy's order.
    public var description: String {
        rawValue == 0 ? "-" : flags.map(\.shortName).joined(separator: ",")
    }

    /// Parses Envoy's comma-joined short or long names. Returns nil when a name is unknown;
    /// `-` and the empty field are the empty set.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> ResponseFlags? {
        let n = bytes.count
        if n == 0 || (n == 1 && bytes[0] == UInt8(ascii: "-")) { return [] }
        var result: UInt32 = 0
        var start = 0
        var i = 0
        while i <= n {
            if i == n || bytes[i] == UInt8(ascii: ",") {
                guard let bit = bit(for: UnsafeRawBufferPointer(rebasing: bytes[start..<i])) else { return nil }
                result |= 1 << bit
                start = i + 1
            }
            i += 1
        }
        return ResponseFlags(rawValue: result)
    }

    /// Parses flags given as text (`UF,URX`, `-`, long names); nil when a name is unknown.
    public static func parse(_ text: String) -> ResponseFlags? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// Bit for one flag name (short or long) given as bytes.
    static func bit(for name: UnsafeRawBufferPointer) -> UInt32? {
        if name.count <= 5 {
            var key: UInt64 = 0
            for b in name { key = key << 8 | UInt64(b) }
            if let bit = shortNameBits[key] { return bit }
            return nil
        }
        return longNameBits[String(decoding: name, as: UTF8.self)]
    }

    private static let shortNameBits: [UInt64: UInt32] = {
        var table: [UInt64: UInt32] = [:]
        for flag in ResponseFlag.allCases {
            var key: UInt64 = 0
            for b in flag.shortName.utf8 { key = key << 8 | UInt64(b) }
            table[key] = UInt32(flag.rawValue)
        }
        return table
    }()

    private static let longNameBits: [String: UInt32] = {
        var table: [String: UInt32] = [:]
        for flag in ResponseFlag.allCases { table[flag.longName] = UInt32(flag.rawValue) }
        return table
    }()
}
