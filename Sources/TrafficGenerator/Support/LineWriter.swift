/// Writes one output line into a fixed scratch buffer: bytes, literals and hand-formatted numbers,
/// without allocating. Anything past the capacity is dropped (lines are far shorter than it).
struct LineWriter {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    private(set) var count = 0

    init(base: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        guard count < capacity else { return }
        base[count] = b
        count += 1
    }

    @inline(__always)
    mutating func text(_ t: Text) {
        let n = min(t.count, capacity - count)
        guard n > 0 else { return }
        if n <= 16 {
            // Short literals: a byte loop beats a call to memmove.
            for i in 0..<n { base[count + i] = t.start[i] }
        } else {
            (base + count).update(from: t.start, count: n)
        }
        count += n
    }

    /// `"text"` with the quotes.
    @inline(__always)
    mutating func quoted(_ t: Text) {
        byte(UInt8(ascii: "\""))
        text(t)
        byte(UInt8(ascii: "\""))
    }

    /// "00" … "99", for writing two digits at a time.
    private static let digitPairs: Text =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// A decimal integer (negative values with a leading `-`).
    @inline(__always)
    mutating func decimal(_ value: Int) {
        guard capacity - count >= 21 else { return }
        if value < 0 { base[count] = UInt8(ascii: "-"); count += 1 }
        var v = UInt(value.magnitude)
        if v < 10 {
            base[count] = UInt8(truncatingIfNeeded: v) &+ 48
            count += 1
            return
        }
        let digits = LineWriter.digitCount(v)
        let pairs = LineWriter.digitPairs.start
        var i = count + digits
        while v >= 100 {
            let pair = Int(v % 100) &* 2
            v /= 100
            i -= 2
            base[i] = pairs[pair]
            base[i + 1] = pairs[pair + 1]
        }
        if v >= 10 {
            let pair = Int(v) &* 2
            base[i - 2] = pairs[pair]
            base[i - 1] = pairs[pair + 1]
        } else {
            base[i - 1] = UInt8(truncatingIfNeeded: v) &+ 48
        }
        count += digits
    }

    @inline(__always)
    private static func digitCount(_ v: UInt) -> Int {
        if v < 100 { return v < 10 ? 1 : 2 }
        if v < 10_000 { return v < 1000 ? 3 : 4 }
        if v < 1_000_000 { return v < 100_000 ? 5 : 6 }
        if v < 100_000_000 { return v < 10_000_000 ? 7 : 8 }
        var n = 9
        var rest = v / 1_000_000_000
        while rest > 0 { n += 1; rest /= 10 }
        return n
    }

    /// A non-negative integer left-padded with zeros to `width` digits.
    @inline(__always)
    mutating func padded(_ value: Int, width: Int) {
        guard capacity - count >= width else { return }
        var v = max(value, 0)
        if width == 2 && v < 100 {
            let pairs = LineWriter.digitPairs.start
            base[count] = pairs[v &* 2]
            base[count + 1] = pairs[v &* 2 + 1]
            count += 2
            return
        }
        var i = count + width - 1
        while i >= count {
            base[i] = UInt8(truncatingIfNeeded: v % 10) &+ 48
            v /= 10
            i -= 1
        }
        count += width
    }

    private static let hexDigits: Text = "0123456789abcdef"

    /// `digits` lower-case hex digits of `value`, most significant first.
    @inline(__always)
    mutating func hex(_ value: UInt64, digits: Int) {
        guard capacity - count >= digits else { return }
        let table = LineWriter.hexDigits.start
        var v = value
        var i = count + digits - 1
        while i >= count {
            base[i] = table[Int(v & 0xF)]
            v >>= 4
            i -= 1
        }
        count += digits
    }

    /// Dotted IPv4 address.
    mutating func ipv4(_ ip: UInt32) {
        decimal(Int(ip >> 24))
        byte(UInt8(ascii: "."))
        decimal(Int(ip >> 16 & 0xFF))
        byte(UInt8(ascii: "."))
        decimal(Int(ip >> 8 & 0xFF))
        byte(UInt8(ascii: "."))
        decimal(Int(ip & 0xFF))
    }

    /// `IP:port`, or `-` for the absent endpoint.
    mutating func endpoint(_ e: Endpoint) {
        guard e.isPresent else { byte(UInt8(ascii: "-")); return }
        ipv4(e.ip)
        byte(UInt8(ascii: ":"))
        decimal(Int(e.port))
    }

    /// An RFC 4122 version-4 UUID built from two random words (`x-request-id`).
    mutating func uuid(_ hi: UInt64, _ lo: UInt64) {
        hex(hi >> 32, digits: 8)
        byte(UInt8(ascii: "-"))
        hex(hi >> 16, digits: 4)
        byte(UInt8(ascii: "-"))
        hex(0x4000 | (hi & 0x0FFF), digits: 4)
        byte(UInt8(ascii: "-"))
        hex(0x8000 | (lo >> 48 & 0x3FFF), digits: 4)
        byte(UInt8(ascii: "-"))
        hex(lo, digits: 12)
    }
}
