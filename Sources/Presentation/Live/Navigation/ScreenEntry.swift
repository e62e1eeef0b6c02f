/// One level of the navigation stack.
public struct ScreenEntry: Equatable, Sendable {
    public var screen: Screen
    public var view: ViewState
    public init(_ screen: Screen, view: ViewState = ViewState()) {
        self.screen = screen
        self.view = view
    }
}
