/// Envoy's `%RESPONSE_FLAGS%` decoded from bytes: short codes through a `switch` on the packed
/// bytes (no hashing), long names (`%RESPONSE_FLAGS_LONG%`) by comparing bytes with each long name
/// of that length. No `String` is made. Unknown names are skipped.
enum ResponseFlagBytes {
    static func parse(_ bytes: UnsafeRawBufferPointer) -> ResponseFlags {
        var result: UInt32 = 0
        var start = 0
        let n = bytes.count
        var i = 0
        while i <= n {
            if i == n || bytes[i] == UInt8(ascii: ",") {
                result |= bits(UnsafeRawBufferPointer(rebasing: bytes[start..<i]))
                start = i + 1
            }
            i += 1
        }
        return ResponseFlags(rawValue: result)
    }

    /// The bit of one flag name, or 0 when it is unknown (or `-`).
    @inline(__always)
    private static func bits(_ name: UnsafeRawBufferPointer) -> UInt32 {
        if name.count > 5 { return longBits(name) }
        var key: UInt64 = 0
        for b in name { key = key << 8 | UInt64(b) }
        guard let bit = shortBit(key) else { return 0 }
        return 1 << bit
    }

    private static let longNames: [[UInt8]] = ResponseFlag.allCases.map { Array($0.longName.utf8) }

    private static func longBits(_ name: UnsafeRawBufferPointer) -> UInt32 {
        for (bit, long) in longNames.enumerated() where long.count == name.count {
            if long.withUnsafeBytes({ $0.elementsEqual(name) }) { return 1 << UInt32(bit) }
        }
        return 0
    }

    /// Bit positions follow `ResponseFlag`'s order (checked by a test).
    private static func shortBit(_ key: UInt64) -> UInt32? {
        switch key {
        case 0x4C48: 0   // LH
        case 0x5548: 1   // UH
        case 0x5554: 2   // UT
        case 0x4C52: 3   // LR
        case 0x5552: 4   // UR
        case 0x5546: 5   // UF
        case 0x5543: 6   // UC
        case 0x554F: 7   // UO
        case 0x4E52: 8   // NR
        case 0x4449: 9   // DI
        case 0x4649: 10   // FI
        case 0x524C: 11   // RL
        case 0x55414558: 12   // UAEX
        case 0x524C5345: 13   // RLSE
        case 0x4443: 14   // DC
        case 0x555258: 15   // URX
        case 0x5349: 16   // SI
        case 0x4948: 17   // IH
        case 0x445045: 18   // DPE
        case 0x554D534452: 19   // UMSDR
        case 0x52464346: 20   // RFCF
        case 0x4E464346: 21   // NFCF
        case 0x4454: 22   // DT
        case 0x555045: 23   // UPE
        case 0x4E43: 24   // NC
        case 0x4F4D: 25   // OM
        case 0x4446: 26   // DF
        case 0x444F: 27   // DO
        case 0x4452: 28   // DR
        case 0x55444F: 29   // UDO
        default: nil
        }
    }
}
