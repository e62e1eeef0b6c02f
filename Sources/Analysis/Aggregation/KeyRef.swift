/// A compact, checkable reference to one entry of one of the aggregator's key tables.
///
/// Packs the table (4 bits), the entry's admission serial (36 bits) and its slot (24 bits). A slot is
/// reused after its key is evicted; the serial tells whether a reference still points at the key it
/// was made for (`KeyTable.isLive`). Stale references are counted as "other" when a snapshot is built.
struct KeyRef: Hashable, Sendable {
    var raw: UInt64

    /// Which table a reference points into.
    enum Table: UInt64, Sendable {
        case cluster = 1, host, detail, transportFailure, termination, route, authority, path, method,
             tcpDestination, source
    }

    static let none = KeyRef(raw: 0)
    static let serialMask: UInt64 = (1 << 36) - 1

    @inline(__always) init(raw: UInt64) { self.raw = raw }

    @inline(__always) init(table: Table, serial: UInt64, slot: Int32) {
        raw = table.rawValue << 60 | (serial & Self.serialMask) << 24 | UInt64(UInt32(bitPattern: slot) & 0xFF_FFFF)
    }

    @inline(__always) var table: Table? { Table(rawValue: raw >> 60) }
    @inline(__always) var serial: UInt64 { (raw >> 24) & Self.serialMask }
    @inline(__always) var slot: Int32 { Int32(truncatingIfNeeded: raw & 0xFF_FFFF) }
    @inline(__always) var isNone: Bool { raw == 0 }
}
