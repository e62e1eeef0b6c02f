/// A key press, decoded by the terminal backend. Views and navigation reducers only see this type.
public enum Key: Hashable, Sendable {
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    /// The terminal changed size; redraw at the new size.
    case resize
    /// A printable character (already decoded from UTF-8).
    case character(Character)
    /// Control plus a letter, as its lower-case letter: Ctrl-A is `.ctrl("a")`.
    case ctrl(Character)
    /// F1…F12 (and beyond, when the terminal reports them) as 1…n.
    case function(Int)
    /// Anything the decoder does not know, with the raw code.
    case unknown(Int32)
}
