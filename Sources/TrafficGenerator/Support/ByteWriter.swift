/// Writes one output line into a fixed scratch buffer: bytes, literals and hand-formatted numbers,
/// without allocating. Anything past the capacity is dropped (lines are far shorter than it).
struct ByteWriter {
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
        (base + count).update(from: t.start, count: n)
        count += n
    }

    /// `"text"` with the quotes.
    @inline(__always)
    mutating func quoted(_ t: Text) {
        byte(UInt8(ascii: "\""))
        text(t)
        byte(UInt8(ascii: "\""))
    }

    /// A decimal integer (negative values with a leading `-`).
    mutating func decimal(_ value: Int) {
        guard capacity - count >= 21 else { return }
        var v = value.magnitude
        if value < 0 { base[count] = UInt8(ascii: "-"); count += 1 }
        if v < 10 {
            base[count] = UInt8(truncatingIfNeeded: v) &+ 48
            count += 1
            return
        }
        var digits = 0
        var probe = v
        while probe > 0 { digits += 1; probe /= 10 }
        var i = count + digits - 1
        while v > 0 {
            base[i] = UInt8(truncatingIfNeeded: v % 10) &+ 48
            v /= 10
            i -= 1
        }
        count += digits
    }

    /// A non-negative integer left-padded with zeros to `width` digits.
    mutating func padded(_ value: Int, width: Int) {
        guard capacity - count >= width else { return }
        var v = max(value, 0)
        var i = count + width - 1
        while i >= count {
            base[i] = UInt8(truncatingIfNeeded: v % 10) &+ 48
            v /= 10
            i -= 1
        }
        count += width
    }

    /// `digits` lower-case hex digits of `value`, most significant first.
    mutating func hex(_ value: UInt64, digits: Int) {
        guard capacity - count >= digits else { return }
        var shift = (digits - 1) * 4
        while shift >= 0 {
            let nibble = UInt8(truncatingIfNeeded: (value >> UInt64(shift)) & 0xF)
            base[count] = nibble < 10 ? nibble &+ 48 : nibble &+ 87
            count += 1
            shift -= 4
        }
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
