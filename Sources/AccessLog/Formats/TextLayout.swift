/// Where each token of a known Istio / Envoy text format goes (reference §1.2).
struct TextLayout: Sendable {
    /// What a token is.
    enum Slot: Sendable, Equatable {
        case field(AccessField)
        /// `"METHOD PATH PROTOCOL"`, split into three fields.
        case requestLine
        /// `"%DYNAMIC_METADATA(istio.mixer:status)%"` (Istio 1.1–1.7), kept as an extra field.
        case mixerStatus
    }

    let format: LogFormat
    /// Bit `i` set when token `i` is quoted in this format.
    let quotedMask: UInt64
    /// Number of tokens of the format.
    let tokenCount: Int
    /// Per token: an `AccessField` raw value, or `requestLineCode` / `mixerStatusCode`. Inline storage,
    /// so copying a layout out of its `static let` costs no reference counting.
    let codes: InlineArray<24, Int8>

    static let requestLineCode: Int8 = -1
    static let mixerStatusCode: Int8 = -2

    init(_ format: LogFormat, _ slots: [Slot]) {
        precondition(slots.count <= 24, "a text layout has at most 24 tokens")
        self.format = format
        var mask: UInt64 = 0
        for (i, slot) in slots.enumerated() where Self.isQuoted(slot) { mask |= 1 << UInt64(i) }
        self.quotedMask = mask
        self.tokenCount = slots.count
        var codes = InlineArray<24, Int8>(repeating: Self.mixerStatusCode)
        for (i, slot) in slots.enumerated() {
            switch slot {
            case .field(let field): codes[i] = Int8(field.rawValue)
            case .requestLine: codes[i] = Self.requestLineCode
            case .mixerStatus: codes[i] = Self.mixerStatusCode
            }
        }
        self.codes = codes
    }

    /// Mask of the first `count` tokens.
    func mask(first count: Int) -> UInt64 { quotedMask & ((1 << UInt64(count)) - 1) }

    private static func isQuoted(_ slot: Slot) -> Bool {
        switch slot {
        case .requestLine, .mixerStatus: true
        case .field(let f):
            switch f {
            case .upstreamTransportFailureReason, .xForwardedFor, .userAgent, .requestId, .authority,
                 .upstreamHost: true
            default: false
            }
        }
    }

    static let mixerStatusName = "DYNAMIC_METADATA(istio.mixer:status)"

    // MARK: the layouts

    private static let head: [Slot] = [.field(.startTime), .requestLine, .field(.responseCode), .field(.responseFlags)]
    private static let timings: [Slot] = [.field(.bytesReceived), .field(.bytesSent), .field(.duration),
                                          .field(.upstreamServiceTime)]
    private static let quotedFive: [Slot] = [.field(.xForwardedFor), .field(.userAgent), .field(.requestId),
                                             .field(.authority), .field(.upstreamHost)]
    private static let addresses: [Slot] = [.field(.upstreamCluster), .field(.upstreamLocalAddress),
                                            .field(.downstreamLocalAddress), .field(.downstreamRemoteAddress),
                                            .field(.requestedServerName)]
    private static let transport: Slot = .field(.upstreamTransportFailureReason)
    private static let route: Slot = .field(.routeName)

    /// `istio19.quotedMask` as a constant (no lazy global to touch per line): the request line,
    /// the transport failure reason and the five quoted fields (checked by a test).
    static let istio19QuotedMask: UInt64 = 1 << 1 | 1 << 6 | 0b11111 << 11

    /// Istio 1.9 → latest (22 tokens).
    static let istio19 = TextLayout(.istio19Plus, head + [.field(.responseCodeDetails),
        .field(.connectionTerminationDetails), transport] + timings + quotedFive + addresses + [route])
    /// Istio 1.3–1.7 (21 tokens).
    static let istio13 = TextLayout(.istio13to17, head + [.mixerStatus, transport] + timings + quotedFive
        + addresses + [route])
    /// Istio 1.8 (20 tokens).
    static let istio18 = TextLayout(.istio18, head + [transport] + timings + quotedFive + addresses + [route])
    /// Istio 1.2 (20 tokens).
    static let istio12 = TextLayout(.istio12, head + [.mixerStatus, transport] + timings + quotedFive + addresses)
    /// Istio 1.1 (19 tokens).
    static let istio11 = TextLayout(.istio11, head + [.mixerStatus] + timings + quotedFive + addresses)
    /// Istio 1.1 pre-release snapshot (18 tokens).
    static let istio11Snapshot = TextLayout(.istio11Snapshot, head + timings + quotedFive + addresses)
    /// Envoy's default format (13 tokens).
    static let envoyDefault = TextLayout(.envoyDefault, head + timings + quotedFive)

    /// The layout for a tokenized line, by token count and quoting (§1.2), and whether the line's
    /// `%ROUTE_NAME%` was empty and fell off the end (then the route gets an empty range).
    static func select(_ t: TextTokens) -> (TextLayout, emptyRoute: Bool)? {
        let mask = t.quotedMask
        switch t.count {
        case 22 where mask == istio19.quotedMask: return (istio19, false)
        case 21 where mask == istio13.quotedMask: return (istio13, false)
        case 21 where mask == istio19.mask(first: 21): return (istio19, true)
        case 20 where mask == istio12.quotedMask: return t.trailingSpace ? (istio13, true) : (istio12, false)
        case 20 where mask == istio18.quotedMask: return (istio18, false)
        case 19 where mask == istio11.quotedMask: return t.trailingSpace ? (istio18, true) : (istio11, false)
        case 18 where mask == istio11Snapshot.quotedMask: return (istio11Snapshot, false)
        case 13 where mask == envoyDefault.quotedMask: return (envoyDefault, false)
        default: return nil
        }
    }
}
