import AccessLog

/// What a `LineProcessor` keeps about one input between its lines: prefix fragments waiting for the
/// rest of their record, a JSON object still open over several lines, and the pod that the input's
/// path names (a kubelet log file). A reader of several inputs at once (`meshlog tui --follow`)
/// keeps one per input and swaps it in while it processes that input's lines.
struct InputState {
    var stripper = PrefixStripper()
    var joiner = JSONObjectJoiner()
    /// True while `joiner` holds an open object (a stored flag: one test per line).
    var joining = false
    /// Fragment lines whose record is not complete yet: counted when it is.
    var heldFragments = 0
    /// A followed input that was read once to its end (gzip) has been finished.
    var finishedOnce = false
    /// The source named by the input's path, used for records whose line named none.
    var pathPod: OwnedBytes?
    var pathContainer: OwnedBytes?

    /// State for an input read from `path` (`-` for stdin): the kubelet path layouts give the pod.
    init(path: String? = nil) {
        if let path, let names = KubeletPath(path: path) {
            pathPod = OwnedBytes(names.pod)
            pathContainer = OwnedBytes(names.container)
        }
    }

    /// The pod the path named, if any.
    var pathSource: String? {
        pathPod.map { String(decoding: $0.bytes, as: UTF8.self) }
    }
}

/// A string's UTF-8 bytes at a stable address, for as long as the object lives.
final class OwnedBytes {
    let bytes: UnsafeRawBufferPointer

    init(_ text: String) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, text.utf8.count), alignment: 1)
        buffer.copyBytes(from: text.utf8)
        bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<text.utf8.count])
    }

    deinit { bytes.baseAddress.map { UnsafeMutableRawPointer(mutating: $0).deallocate() } }
}
