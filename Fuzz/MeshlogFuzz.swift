import Glibc

// libFuzzer entry point for meshlog's input library (built by scripts/fuzz.sh together with the
// AccessLog sources into one module, so internal types are reachable). The target is chosen by
// MESHLOG_FUZZ_TARGET: text-line, prefix, json-scanner, format, gzip. Every target checks
// invariants and traps (a libFuzzer crash) when one fails; AddressSanitizer catches any read
// outside the line.

@_cdecl("LLVMFuzzerTestOneInput")
public func meshlogFuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    switch FuzzTarget.selected {
    case .textLine: FuzzTextLine.run(input)
    case .prefix: FuzzPrefix.run(input)
    case .jsonScanner: FuzzJSONScanner.run(input)
    case .format: FuzzFormat.run(input)
    case .gzip: FuzzGzip.run(input)
    }
    return 0
}

enum FuzzTarget: String {
    case textLine = "text-line", prefix, jsonScanner = "json-scanner", format, gzip

    static let selected: FuzzTarget = {
        guard let raw = getenv("MESHLOG_FUZZ_TARGET"), let target = FuzzTarget(rawValue: String(cString: raw)) else {
            fatalError("set MESHLOG_FUZZ_TARGET to text-line, prefix, json-scanner, format or gzip")
        }
        return target
    }()
}

/// Fails the run (libFuzzer saves the input) when an invariant does not hold.
func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("invariant: " + message()) }
}

/// Calls `body` for every `\n`-separated line of `input` (without the `\n`).
func forEachLine(_ input: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) {
    var start = 0
    for i in 0..<input.count where input[i] == 0x0A {
        body(UnsafeRawBufferPointer(rebasing: input[start..<i]))
        start = i + 1
    }
    if start < input.count { body(UnsafeRawBufferPointer(rebasing: input[start...])) }
}

/// Every field range of `record` lies inside a line of `count` bytes.
func checkRanges(_ record: AccessRecord, count: Int) {
    for k in 0..<26 {
        let r = record.fields[k]
        check(r.isAbsent || (r.lo >= 0 && r.lo <= r.hi && Int(r.hi) <= count), "field \(k) range \(r) in \(count) bytes")
    }
    for extra in record.extraFields {
        let r = extra.range
        check(r.isAbsent || (r.lo >= 0 && r.lo <= r.hi && Int(r.hi) <= count), "extra \(extra.name) range \(r)")
    }
}

/// The auto-detecting line parser (Istio text of every version, Envoy default, Istio JSON).
enum FuzzTextLine {
    nonisolated(unsafe) static var parser = LineParser()
    nonisolated(unsafe) static var record = AccessRecord()

    static func run(_ input: UnsafeRawBufferPointer) {
        forEachLine(input) { line in
            let first = parser.parse(line, into: &record)
            let firstRecord = record
            if case .access = first { checkRanges(record, count: line.count) }
            // Parsing is a function of the line: caches (minute, names) change nothing.
            let again = parser.parse(line, into: &record)
            check(again == first, "second parse gave \(again), first \(first)")
            if case .access = first {
                check(record.responseCode == firstRecord.responseCode && record.flags == firstRecord.flags
                      && record.durationMs == firstRecord.durationMs && record.startTimeMs == firstRecord.startTimeMs,
                      "second parse decoded other values")
                rerender(firstRecord)
            }
        }
    }

    /// A text record's decoded numbers, written as an Istio JSON line, parse back the same.
    static func rerender(_ r: AccessRecord) {
        guard r.responseCode >= 0, r.responseCode < 1000,
              r.durationMs >= 0, r.durationMs < 1_000_000_000 else { return }
        let flags = r.flags.sortedShortNames.joined(separator: ",")
        let json = #"{"response_code":\#(r.responseCode),"duration":\#(r.durationMs),"response_flags":"\#(flags.isEmpty ? "-" : flags)"}"#
        var parser = LineParser()
        var back = AccessRecord()
        let result = Array(json.utf8).withUnsafeBytes { parser.parse($0, into: &back) }
        check(result == .access, "re-rendered \(json) is \(result)")
        check(back.responseCode == r.responseCode && back.durationMs == r.durationMs && back.flags == r.flags,
              "re-rendered \(json) parsed to \(back.responseCode) \(back.durationMs) \(back.flags.sortedShortNames)")
    }
}

/// The prefix stripper (kubectl, stern, kail, CRI P/F, docker JSON fragments): every line comes
/// out once, every held fragment is released exactly once, and plain content stays inside its line.
enum FuzzPrefix {
    static func run(_ input: UnsafeRawBufferPointer) {
        var stripper = PrefixStripper(maxJoinedLength: 4096)
        var lines = 0, emitted = 0, held = 0, released = 0
        forEachLine(input) { line in
            lines += 1
            let s = stripper.strip(line)
            if s.isPartial {
                held += 1
                check(s.content.count == 0, "a partial line has content")
                return
            }
            emitted += 1
            released += s.joinedFragments
            check(s.content.count <= max(line.count, 4096 + line.count), "content longer than line and cap")
            if s.joinedFragments == 0, s.style != .dockerJSON, s.content.count > 0 {
                let lo = line.baseAddress!, hi = lo + line.count
                let c = s.content.baseAddress!
                check(c >= lo && c + s.content.count <= hi, "stripped content outside its line")
            }
            if s.pod.count > 0 { check(s.pod.count <= line.count, "pod longer than the line") }
        }
        while let rest = stripper.finishPartial() {
            released += rest.joinedFragments - 1   // the record itself counts as its last fragment
            emitted += 1
            held -= 1
        }
        check(emitted + held == lines, "lines \(lines), emitted \(emitted), held \(held)")
        check(released == held, "held \(held) fragments, released \(released)")
    }
}

/// The flat JSON object scanner: terminates, and every key and value lies inside the line, in order.
enum FuzzJSONScanner {
    static func run(_ input: UnsafeRawBufferPointer) {
        forEachLine(input) { line in
            var scanner = JSONObjectScanner(line)
            guard scanner.begin() else { return }
            var member = JSONMember()
            var previousEnd = 0
            var steps = 0
            loop: while true {
                steps += 1
                check(steps <= line.count + 2, "scanner does not advance")
                switch scanner.next(&member) {
                case .end, .error: break loop
                case .member:
                    check(member.keyLo >= previousEnd && member.keyLo <= member.keyHi && member.keyHi <= line.count,
                          "key \(member.keyLo)..<\(member.keyHi) after \(previousEnd) in \(line.count)")
                    let v = member.value
                    if v.isAbsent {
                        check(member.kind == .null, "no value range for a \(member.kind) value")
                        previousEnd = member.keyHi
                    } else {
                        check(v.lo >= Int32(member.keyHi) && v.lo <= v.hi && Int(v.hi) <= line.count, "value \(v)")
                        previousEnd = Int(v.hi)
                    }
                }
            }
        }
    }
}

/// `--format`: the first line is the format, the others are parsed with it. Compiling either
/// succeeds or throws a FormatError with a sane column; parsed records stay inside their line.
enum FuzzFormat {
    static func run(_ input: UnsafeRawBufferPointer) {
        let newline = input.firstIndex(of: 0x0A) ?? input.count
        let format = String(decoding: UnsafeRawBufferPointer(rebasing: input[..<newline]), as: UTF8.self)
        var parser: LineParser
        do {
            parser = try LineParser(customFormat: format)
        } catch {
            check(error.column == nil || error.column! >= 1, "column \(String(describing: error.column))")
            return
        }
        guard newline < input.count else { return }
        var record = AccessRecord()
        forEachLine(UnsafeRawBufferPointer(rebasing: input[(newline + 1)...])) { line in
            if case .access = parser.parse(line, into: &record) { checkRanges(record, count: line.count) }
        }
    }
}

/// gzip input: inflating arbitrary bytes, fed in pieces, ends (output, an InputError, or the end
/// of input) and never writes outside its buffer.
enum FuzzGzip {
    static func run(_ input: UnsafeRawBufferPointer) {
        guard input.count > 1, let inflater = try? GzipInflater(inputCapacity: 64) else { return }
        let piece = 1 + Int(input[0] % 61)
        let data = UnsafeRawBufferPointer(rebasing: input[1...])
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: 257, alignment: 1)
        defer { output.deallocate() }
        var offset = 0
        var produced = 0
        do {
            while true {
                if !inflater.needsInput || inflater.mayHaveOutput {
                    let n = try inflater.inflate(into: output, path: "fuzz")
                    check(n >= 0 && n <= output.count, "inflate returned \(n)")
                    produced += n
                    check(produced <= 64 << 20, "runaway output")
                    if n > 0 { continue }
                }
                if inflater.sawTrailingGarbage || offset >= data.count { break }
                let end = min(data.count, offset + piece)
                inflater.setInput(copying: UnsafeRawBufferPointer(rebasing: data[offset..<end]))
                offset = end
            }
        } catch {
            check(error.kind == .corruptGzip, "unexpected error \(error)")
        }
    }
}
