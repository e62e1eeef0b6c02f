/// An IPv4 `address:port`, or absent (printed as `-`).
struct Endpoint: Equatable {
    var ip: UInt32
    var port: UInt16

    static let none = Endpoint(ip: 0, port: 0)

    init(ip: UInt32, port: UInt16) {
        self.ip = ip
        self.port = port
    }

    /// `Endpoint(10, 244, 1, 23, port: 8080)`.
    init(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32, port: UInt16) {
        self.ip = a << 24 | b << 16 | c << 8 | d
        self.port = port
    }

    var isPresent: Bool { ip != 0 }

    func with(port: UInt16) -> Endpoint { Endpoint(ip: ip, port: port) }
}

/// IPv4 address from its four parts.
func ipv4(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32) -> UInt32 { a << 24 | b << 16 | c << 8 | d }
