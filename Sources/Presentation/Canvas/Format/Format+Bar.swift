import AccessLog

extension Format {
    /// A horizontal bar exactly `width` columns wide for a share 0…1, in eighth-column steps
    /// (`█▉▊▋▌▍▎▏`), padded with spaces. A non-zero share always shows at least `▏`, so a host
    /// with a little traffic is told apart from one with none. Out-of-range shares are clamped.
    public static func bar(_ share: Double, width: Int) -> String {
        guard width > 0 else { return "" }
        let s = share.isNaN ? 0 : min(1, max(0, share))
        var eighths = Int((s * Double(width * 8)).rounded())
        if s > 0, eighths == 0 { eighths = 1 }
        let full = eighths / 8, rest = eighths % 8
        var out = String(repeating: "█", count: full)
        if rest > 0 { out.unicodeScalars.append(partialBlocks[rest]) }
        let used = full + (rest > 0 ? 1 : 0)
        return out + String(repeating: " ", count: width - used)
    }

    /// Index n: a block n/8 of a column wide.
    private static let partialBlocks: [Unicode.Scalar] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
}
