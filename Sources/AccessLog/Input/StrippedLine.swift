/// One line after its log-tool prefix was removed. Every buffer is empty when absent.
///
/// `content` points into the line given to `PrefixStripper.strip(_:)`, or into the stripper's own
/// storage when it had to be unescaped (docker JSON) or joined (CRI partial records); either way it
/// is valid only until the next call to the stripper (and while the line itself is alive).
public struct StrippedLine {
    /// The line as the container wrote it.
    public var content: UnsafeRawBufferPointer
    /// The pod (or docker compose service instance) the prefix named.
    public var pod: UnsafeRawBufferPointer
    /// The container the prefix named.
    public var container: UnsafeRawBufferPointer
    /// The namespace the prefix named (kail, stern with several namespaces).
    public var namespace: UnsafeRawBufferPointer
    /// Which prefix was found.
    public var style: PrefixStyle
    /// The line was a fragment (a CRI `P` record, a docker json-file entry without a final `\n`):
    /// its text was kept and will come out joined with the record that ends it; `content` is empty
    /// and there is nothing to parse yet.
    public var isPartial: Bool
    /// A joined record exceeded the stripper's cap and was cut.
    public var isTruncated: Bool
    /// How many earlier input lines (partial ones) this record was joined from; 0 for a line that
    /// stands alone. At the end of the input (`PrefixStripper.finishPartial`), all of its lines.
    public var joinedFragments: Int

    public init(content: UnsafeRawBufferPointer, pod: UnsafeRawBufferPointer = StrippedLine.empty,
                container: UnsafeRawBufferPointer = StrippedLine.empty,
                namespace: UnsafeRawBufferPointer = StrippedLine.empty,
                style: PrefixStyle = .none, isPartial: Bool = false, isTruncated: Bool = false,
                joinedFragments: Int = 0) {
        self.content = content
        self.pod = pod
        self.container = container
        self.namespace = namespace
        self.style = style
        self.isPartial = isPartial
        self.isTruncated = isTruncated
        self.joinedFragments = joinedFragments
    }

    /// An empty buffer.
    public static var empty: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: nil, count: 0) }

    /// True when the prefix named a pod or container.
    var hasSource: Bool { pod.count > 0 || container.count > 0 }
}
