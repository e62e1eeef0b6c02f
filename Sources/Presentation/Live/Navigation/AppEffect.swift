import Analysis

/// What the live app must do after a key, besides redrawing.
public enum AppEffect: Equatable, Sendable {
    case none
    case quit
    /// Ask the reader for another time window (`LiveStore.setWindow`).
    case setWindow(LiveWindow)
}
