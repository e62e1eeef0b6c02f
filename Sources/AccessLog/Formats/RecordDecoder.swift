/// Decodes a record's numbers, flags and time once, from the field ranges a format parser set.
enum RecordDecoder {
    /// Fills the decoded values of `record` from its ranges over `line`. Also drops one trailing `;`
    /// from the upstream cluster (Istio ≥1.23 alt_stat_name). Leaves `startTimeMs` alone when
    /// `decodeStartTime` is false (a custom `START_TIME(fmt)` decoded it already).
    /// Returns false when the response code is neither a number nor `-` (the line did not fit).
    @discardableResult
    static func decode(_ record: inout AccessRecord, _ line: UnsafeRawBufferPointer,
                       minutes: inout ISO8601Bytes.MinuteCache, decodeStartTime: Bool = true) -> Bool {
        decode(&record, line, minutes: &minutes, decodeStartTime: decodeStartTime, numbers: AnyRanges.self)
    }

    /// `decode` for a record whose ranges all came from `TextTokenizer` (inside the line, so numbers
    /// are read with fewer bounds tests).
    static func decodeTokens(_ record: inout AccessRecord, _ line: UnsafeRawBufferPointer,
                             minutes: inout ISO8601Bytes.MinuteCache) -> Bool {
        decode(&record, line, minutes: &minutes, decodeStartTime: true, numbers: TokenRanges.self)
    }

    @inline(__always)
    private static func decode<Numbers: NumberReader>(_ record: inout AccessRecord, _ line: UnsafeRawBufferPointer,
                                                      minutes: inout ISO8601Bytes.MinuteCache, decodeStartTime: Bool,
                                                      numbers: Numbers.Type) -> Bool {
        var codeIsValid = true
        let code = record[.responseCode]
        if !code.isAbsent {
            if let value = Numbers.integer(code, line), value <= Int64(Int32.max) {
                record.responseCode = Int32(truncatingIfNeeded: value)
            } else if code.hi > code.lo && !FormatBytes.isDash(line, code) {
                codeIsValid = false
            }
        }
        let flags = record[.responseFlags]
        // Present (lo ≥ 0), not empty and not `-`.
        if flags.lo >= 0 && flags.hi > flags.lo && !FormatBytes.isDash(line, flags) {
            record.flags = ResponseFlagBytes.parse(line.bytes(flags))
        }
        record.bytesReceived = Numbers.integer(record[.bytesReceived], line) ?? -1
        record.bytesSent = Numbers.integer(record[.bytesSent], line) ?? -1
        record.durationMs = Numbers.integer(record[.duration], line) ?? -1
        record.upstreamServiceTimeMs = Numbers.integer(record[.upstreamServiceTime], line) ?? -1
        let attempts = record[.upstreamRequestAttemptCount]
        if !attempts.isAbsent, let value = Numbers.integer(attempts, line), value <= Int64(Int32.max) {
            record.attemptCount = Int32(value)
        }
        let grpc = record[.grpcStatus]
        if grpc.lo >= 0 && grpc.hi > grpc.lo { record.grpcStatus = GrpcStatusBytes.parse(line.bytes(grpc)) }
        if decodeStartTime {
            let start = record[.startTime]
            if start.lo >= 0 && start.hi > start.lo {
                record.startTimeMs = ISO8601Bytes.epochMillis(line, Int(start.lo), Int(start.hi), cache: &minutes) ?? -1
            }
        }
        let cluster = record[.upstreamCluster]
        if cluster.lo >= 0 && cluster.hi &- cluster.lo > 1 && line[Int(cluster.hi) &- 1] == UInt8(ascii: ";") {
            record[.upstreamCluster] = FieldRange(lo: cluster.lo, hi: cluster.hi - 1)
        }
        return codeIsValid
    }
}

/// How `RecordDecoder` reads an integer field: with every bounds test, or trusting that the
/// range came from the text tokenizer.
private protocol NumberReader {
    static func integer(_ range: FieldRange, _ line: UnsafeRawBufferPointer) -> Int64?
}

private enum AnyRanges: NumberReader {
    @inline(__always)
    static func integer(_ range: FieldRange, _ line: UnsafeRawBufferPointer) -> Int64? {
        FormatBytes.integer(line, range)
    }
}

private enum TokenRanges: NumberReader {
    @inline(__always)
    static func integer(_ range: FieldRange, _ line: UnsafeRawBufferPointer) -> Int64? {
        FormatBytes.integer(token: range, in: line)
    }
}
