/// Binary detection for lines that are not access records: a NUL byte or invalid UTF-8.
enum LineBytesCheck {
    /// True when `line` holds a NUL byte or is not valid UTF-8 (overlong forms, surrogates and
    /// code points above U+10FFFF are invalid).
    static func isBinary(_ line: UnsafeRawBufferPointer) -> Bool {
        let n = line.count
        var i = 0
        while i < n {
            let b = line[i]
            if b == 0 { return true }
            if b < 0x80 { i += 1; continue }
            let length: Int
            var lowerBound: UInt8 = 0x80
            var upperBound: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lowerBound = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upperBound = 0x9F
            case 0xF0: length = 4; lowerBound = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upperBound = 0x8F
            default: return true
            }
            guard i + length <= n else { return true }
            let second = line[i + 1]
            guard second >= lowerBound, second <= upperBound else { return true }
            for k in 2..<length where line[i + k] & 0xC0 != 0x80 { return true }
            i += length
        }
        return false
    }
}
