/// Reads text lines of an unknown token count that still start like Envoy's formats
/// (`[ISO] "METHOD PATH PROTO" CODE FLAGS …`), e.g. Istio's default plus `%DOWNSTREAM_PEER_URI_SAN%`
/// (23 tokens) or Envoy's default plus `%RESPONSE_CODE_DETAILS%` (14 tokens).
///
/// The four leading fields are always taken. The rest is aligned on the block every Istio and Envoy
/// format shares: four unquoted numbers (bytes received/sent, duration, upstream service time)
/// followed by five quoted fields (XFF, user agent, request id, authority, upstream host). Tokens
/// between the flags and that block are details (unquoted) or the transport failure reason (the last
/// quoted one); after it come the Istio address fields and, when more tokens follow, the route name
/// as the last token. The record is labelled with the nearest known layout: `.istio19Plus` when the
/// Istio address fields are present, `.envoyDefault` otherwise.
enum TextFallback {
    static func fill(_ t: TextTokens, ranges: UnsafeMutablePointer<FieldRange>, line: UnsafeRawBufferPointer,
                     into record: inout AccessRecord) -> Bool {
        let n = min(t.count, TextTokenizer.capacity)
        guard n >= 4, looksLikeFlags(ranges[3], line) else { return false }
        record.format = .envoyDefault
        record[.startTime] = ranges[0]
        TextLineParser.splitRequestLine(ranges[1], line: line, into: &record)
        guard looksLikeRequestLine(record, line) else { return false }
        record[.responseCode] = ranges[2]
        record[.responseFlags] = ranges[3]

        guard let block = sharedBlockStart(t, count: n) else {
            // No shared block: keep the head, plus details when the next token looks like them.
            if n > 4, !t.isQuoted(4), FormatBytes.integer(line, ranges[4]) == nil {
                record[.responseCodeDetails] = ranges[4]
            }
            return true
        }
        fillMiddle(t, ranges: ranges, from: 4, to: block - 4, into: &record)
        for (k, field) in timings.enumerated() { record[field] = ranges[block - 4 + k] }
        for (k, field) in quoted.enumerated() { record[field] = ranges[block + k] }

        var i = block + 5
        for field in addresses where i < n && !t.isQuoted(i) {
            record[field] = ranges[i]
            i += 1
        }
        if i == block + 10 {
            record.format = .istio19Plus
            if n > i, !t.isQuoted(n - 1) { record[.routeName] = ranges[n - 1] }
        }
        return true
    }

    /// `METHOD PATH PROTOCOL` with an upper-case method (or `-`) and an `HTTP/…` protocol (or `-`).
    private static func looksLikeRequestLine(_ record: AccessRecord, _ line: UnsafeRawBufferPointer) -> Bool {
        let method = record[.method], proto = record[.protocol]
        guard method.count > 0, proto.count > 0 else { return false }
        for i in Int(method.lo)..<Int(method.hi) {
            let b = line[i]
            guard FormatBytes.isUpper(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") else { return false }
        }
        return FormatBytes.isDash(line, proto) || FormatBytes.hasPrefix(line, at: Int(proto.lo), "HTTP/")
    }

    /// `-` or comma-separated flag names (letters only).
    private static func looksLikeFlags(_ range: FieldRange, _ line: UnsafeRawBufferPointer) -> Bool {
        guard range.count > 0 else { return false }
        if FormatBytes.isDash(line, range) { return true }
        for i in Int(range.lo)..<Int(range.hi) {
            let b = line[i]
            guard FormatBytes.isLetter(b) || b == UInt8(ascii: ",") else { return false }
        }
        return true
    }

    private static let timings: [AccessField] = [.bytesReceived, .bytesSent, .duration, .upstreamServiceTime]
    private static let quoted: [AccessField] = [.xForwardedFor, .userAgent, .requestId, .authority, .upstreamHost]
    private static let addresses: [AccessField] = [.upstreamCluster, .upstreamLocalAddress, .downstreamLocalAddress,
                                                   .downstreamRemoteAddress, .requestedServerName]

    /// Index of the first of five quoted tokens preceded by four unquoted ones, after the flags.
    private static func sharedBlockStart(_ t: TextTokens, count n: Int) -> Int? {
        guard n >= 13 else { return nil }
        for start in 8...(n - 5) {
            var fits = true
            for k in 0..<5 where !t.isQuoted(start + k) { fits = false; break }
            for k in 1...4 where t.isQuoted(start - k) { fits = false; break }
            if fits { return start }
        }
        return nil
    }

    /// Tokens between the flags and the shared block: unquoted ones are the code details then the
    /// connection termination details; the last quoted one is the transport failure reason and an
    /// earlier quoted one the (Istio ≤1.7) mixer status.
    private static func fillMiddle(_ t: TextTokens, ranges: UnsafeMutablePointer<FieldRange>, from: Int, to: Int,
                                   into record: inout AccessRecord) {
        guard from < to else { return }
        var unquoted = 0
        var lastQuoted = -1
        for i in from..<to {
            if t.isQuoted(i) {
                if lastQuoted >= 0 {
                    record.extraFields.append(ExtraField(name: TextLayout.mixerStatusName, range: ranges[lastQuoted]))
                }
                lastQuoted = i
            } else {
                if unquoted == 0 { record[.responseCodeDetails] = ranges[i] }
                if unquoted == 1 { record[.connectionTerminationDetails] = ranges[i] }
                unquoted += 1
            }
        }
        if lastQuoted >= 0 { record[.upstreamTransportFailureReason] = ranges[lastQuoted] }
    }
}
