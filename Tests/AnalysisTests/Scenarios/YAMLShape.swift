import Foundation

/// A structural check of the YAML that fixes carry. The package has no YAML library (Yams is not
/// in the dependency set), so this reads the block-style subset the knowledge base writes:
/// `key: value`, `key:`, `- item`, `- key: value`, block scalars (`|`), comments and `---`
/// separators, with indentation that only grows by nesting. It reports the first problem of each
/// document, or nothing.
enum YAMLShape {
    struct Line { let indent: Int; let text: String; let number: Int }

    /// Problems found ("line 3: tab in indentation"), empty when the text reads as YAML.
    static func problems(_ text: String) -> [String] {
        var problems: [String] = []
        var blockIndent: Int?     // inside a `|` block scalar deeper than this
        var stack: [Int] = [0]    // open mapping indents
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = String(raw)
            if line.contains("\t") { problems.append("line \(number): tab"); continue }
            let indent = line.prefix { $0 == " " }.count
            let body = stripComment(String(line.dropFirst(indent)))
            if let block = blockIndent {
                if body.isEmpty || indent > block { continue }
                blockIndent = nil
            }
            if body.isEmpty { continue }
            if body == "---" { stack = [0]; continue }
            while let top = stack.last, indent < top, stack.count > 1 { stack.removeLast() }
            var content = body
            var childIndent = indent
            if content.hasPrefix("- ") || content == "-" {
                content = String(content.dropFirst(2))
                childIndent = indent + 2
                if content.isEmpty { continue }
            }
            guard let colon = keyColon(content) else {
                // A bare scalar is only valid as a list item.
                if childIndent == indent { problems.append("line \(number): not `key: value`: \(body)") }
                continue
            }
            let key = content[..<colon]
            if key.isEmpty || key.hasPrefix(" ") { problems.append("line \(number): empty key"); continue }
            let value = content[content.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value == "|" || value == ">" || value.hasPrefix("|") { blockIndent = indent }
            if value.hasPrefix("{") || value.hasPrefix("[") {
                if !balanced(value) { problems.append("line \(number): unbalanced flow value: \(value)") }
            }
            if value.isEmpty { stack.append(childIndent + 1) }
        }
        return problems
    }

    /// `text` without a trailing ` # comment` (outside quotes); a line that is only a comment → "".
    static func stripComment(_ text: String) -> String {
        if text.hasPrefix("#") { return "" }
        var quote: Character?
        var previous: Character = " "
        for (offset, ch) in text.enumerated() {
            if let q = quote { if ch == q { quote = nil } }
            else if ch == "\"" || ch == "'" { quote = ch }
            else if ch == "#", previous == " " {
                return String(text.prefix(offset)).trimmingCharacters(in: .whitespaces)
            }
            previous = ch
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// The `:` that ends a key (followed by a space or the end), outside quotes.
    static func keyColon(_ text: String) -> String.Index? {
        var quote: Character?
        var i = text.startIndex
        while i < text.endIndex {
            let ch = text[i]
            if let q = quote { if ch == q { quote = nil } }
            else if ch == "\"" || ch == "'" { quote = ch }
            else if ch == ":" {
                let next = text.index(after: i)
                if next == text.endIndex || text[next] == " " { return i }
            }
            i = text.index(after: i)
        }
        return nil
    }

    static func balanced(_ text: String) -> Bool {
        var depth = 0
        for ch in text {
            if ch == "{" || ch == "[" { depth += 1 }
            if ch == "}" || ch == "]" { depth -= 1; if depth < 0 { return false } }
        }
        return depth == 0
    }

    /// The JSON payloads of `kubectl patch … -p '<json>'` commands in the text (also in comments).
    static func patchPayloads(_ text: String) -> [String] {
        var payloads: [String] = []
        for line in text.split(separator: "\n") where line.contains("kubectl patch") {
            guard let start = line.range(of: " -p '")?.upperBound,
                  let end = line[start...].firstIndex(of: "'") else { continue }
            payloads.append(String(line[start..<end]))
        }
        return payloads
    }
}
