@preconcurrency import Glibc

/// C library functions that the Glibc module does not declare without `_XOPEN_SOURCE` /
/// `_GNU_SOURCE` (which SwiftPM cannot pass), looked up once by name in the running process.
enum LibC {
    typealias WidthFunction = @Sendable @convention(c) (wchar_t) -> Int32

    /// `wcwidth(3)`: columns the terminal will use for a character in the current locale.
    static let wcwidth: WidthFunction? = symbol("wcwidth", as: WidthFunction.self)

    private static func symbol<F>(_ name: String, as type: F.Type) -> F? {
        guard let process = dlopen(nil, RTLD_NOW), let address = dlsym(process, name) else { return nil }
        return unsafeBitCast(address, to: type)
    }
}
