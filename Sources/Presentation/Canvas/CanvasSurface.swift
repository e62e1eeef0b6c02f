/// Something views draw into: a whole ``Canvas`` or a clipped ``CanvasRegion`` of one.
///
/// Coordinates are relative to the surface's top-left corner; anything outside it is clipped.
/// The drawing methods (`put`, `fill`, `hline`, `vline`, `box`, `withRegion`) are defined once for
/// both in extensions.
protocol CanvasSurface {
    /// Height of the surface.
    var rows: Int { get }
    /// Width of the surface.
    var cols: Int { get }
    /// Where the surface lies in the underlying canvas (absolute coordinates).
    var frame: Rect { get }
    /// Runs `body` with the underlying canvas (absolute coordinates).
    mutating func withCanvas<R>(_ body: (inout Canvas) throws -> R) rethrows -> R
}

extension CanvasSurface {
    /// The surface in its own coordinates: `Rect(rows: rows, cols: cols)`.
    var bounds: Rect { Rect(rows: rows, cols: cols) }

    /// Runs `body` with a region covering `rect` (in this surface's coordinates), clipped to this
    /// surface. The region's coordinates start at the top-left of the visible part of `rect`.
    @discardableResult
    mutating func withRegion<R>(_ rect: Rect, _ body: (inout CanvasRegion) throws -> R) rethrows -> R {
        let absolute = rect.offsetBy(rows: frame.row, cols: frame.col).intersection(frame)
        return try withCanvas { canvas in
            var region = CanvasRegion(base: Canvas(rows: 0, cols: 0), frame: absolute)
            swap(&region.base, &canvas)                       // move the storage: no copy-on-write
            defer { swap(&region.base, &canvas) }
            return try body(&region)
        }
    }
}

/// A clipped, translated view of part of a ``Canvas``; see ``CanvasSurface/withRegion(_:_:)``.
struct CanvasRegion: CanvasSurface, Sendable {
    var base: Canvas
    let frame: Rect

    init(base: Canvas, frame: Rect) {
        self.base = base
        self.frame = frame
    }

    var rows: Int { frame.rows }
    var cols: Int { frame.cols }

    mutating func withCanvas<R>(_ body: (inout Canvas) throws -> R) rethrows -> R {
        try body(&base)
    }
}
