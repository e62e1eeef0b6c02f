extension Format {
    /// `value` with a separator every three digits: `1234567` → `1,234,567`, `-1234` → `-1,234`.
    public static func thousands<Integer: BinaryInteger>(_ value: Integer, separator: Character = ",") -> String {
        let digits = String(value.magnitude)
        guard digits.count > 3 else { return value < 0 ? "-" + digits : digits }
        var out = value < 0 ? "-" : ""
        out.reserveCapacity(digits.count + digits.count / 3 + 1)
        let lead = digits.count % 3
        for (i, ch) in digits.enumerated() {
            if i > 0, (i - lead) % 3 == 0 { out.append(separator) }
            out.append(ch)
        }
        return out
    }

    /// `value` (with thousands separators when `grouped`) right-aligned in `width` columns.
    /// A number wider than `width` is returned whole rather than cut: a wrong number is worse
    /// than a ragged column.
    public static func rightAligned(_ value: Int, width: Int, grouped: Bool = true) -> String {
        let text = grouped ? thousands(value) : String(value)
        let gap = width - text.utf8.count
        return gap > 0 ? String(repeating: " ", count: gap) + text : text
    }
}
