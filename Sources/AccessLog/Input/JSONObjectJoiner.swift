/// Joins a JSON access record printed over several lines back into one line: Envoy with a JSON
/// template that holds newlines, and pretty-printed captures (`jq .`, copies from log UIs):
///
///     {
///       "start_time": "2024-05-06T07:08:09.123Z",
///       "response_code": 200,
///       …
///     }
///
/// A line that starts with `{` and leaves the object open begins a record (`begin`); the lines that
/// follow are appended, joined by a space, until its braces balance (strings and escapes are
/// skipped). A following line that cannot be inside an object (one that does not start with
/// whitespace, `"`, `}`, `]` or `,`) ends the record early, cut off, as does the end of the input
/// or the length cap. The pod/container/namespace of the first line's prefix are kept with it.
///
/// Only lines that failed to parse on their own reach `begin`, so complete one-line records pay
/// nothing. Not thread-safe: one per reading thread.
public final class JSONObjectJoiner {
    /// What `append` did with a line.
    public enum Step: Equatable {
        /// The line was kept; the object is still open.
        case open
        /// The line was kept and closed the object: `joined` holds it.
        case closed
        /// The line cannot continue the object: it was not kept (the caller ends the object as cut
        /// off with `joined`, then handles the line on its own).
        case rejected
    }

    /// Longest joined record; a longer one is ended where it was cut.
    let maxLength: Int
    /// Physical lines held for the current object (0 when none is open).
    public private(set) var lines = 0
    private let text = ByteScratch()
    private let pod = ByteScratch(capacity: 64)
    private let container = ByteScratch(capacity: 64)
    private let namespace = ByteScratch(capacity: 64)
    private var style = PrefixStyle.none
    private var depth = 0
    private var inString = false
    private var escaped = false

    public init(maxLength: Int = 1 << 20) {
        self.maxLength = max(16, maxLength)
    }

    /// True while an object is open.
    var isOpen: Bool { lines > 0 }

    /// Starts holding `line` when its content begins with `{` and leaves the object open; returns
    /// false (and keeps nothing) otherwise.
    public func begin(_ line: StrippedLine) -> Bool {
        let content = line.content
        guard lines == 0, content.count > 0, content.count < maxLength, content[0] == UInt8(ascii: "{") else {
            return false
        }
        depth = 0
        inString = false
        escaped = false
        scan(content)
        guard depth > 0 else { return false }
        text.reset()
        text.append(content, limit: maxLength)
        for (scratch, bytes) in [(pod, line.pod), (container, line.container), (namespace, line.namespace)] {
            scratch.reset()
            scratch.append(bytes, limit: 4096)
        }
        style = line.style
        lines = 1
        return true
    }

    /// Adds the next line's content to the open object.
    public func append(_ content: UnsafeRawBufferPointer) -> Step {
        if content.count > 0 {
            let b = content[0]
            let fits = b == 0x20 || b == 0x09 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "}")
                || b == UInt8(ascii: "]") || b == UInt8(ascii: ",")
            guard fits || inString else { return .rejected }
        }
        guard text.count + 1 + content.count <= maxLength else { return .rejected }
        text.reserve(text.count + 1)
        text.appendReserved(0x20)
        text.append(content, limit: maxLength)
        lines += 1
        scan(content)
        return depth == 0 ? .closed : .open
    }

    /// The record joined so far (complete after `.closed`, cut off otherwise), with the first line's
    /// source; valid until the next `begin`. Ends the object: `lines` tells how many physical lines
    /// it took, and is reset by `reset()`.
    public var joined: StrippedLine {
        StrippedLine(content: text.bytes, pod: pod.bytes, container: container.bytes,
                     namespace: namespace.bytes, style: style)
    }

    /// Forgets the object (after its `joined` text was used).
    public func reset() {
        lines = 0
        depth = 0
        inString = false
        escaped = false
    }

    /// Tracks brace depth over `bytes`, skipping strings.
    private func scan(_ bytes: UnsafeRawBufferPointer) {
        for b in bytes {
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == 0x22 {
                    inString = false
                }
                continue
            }
            switch b {
            case 0x22: inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
            if depth == 0 { return }
        }
    }
}
