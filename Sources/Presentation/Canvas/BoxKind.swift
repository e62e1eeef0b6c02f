/// The line characters of a box.
public struct BoxKind: Hashable, Sendable {
    public let horizontal: Unicode.Scalar, vertical: Unicode.Scalar
    public let topLeft: Unicode.Scalar, topRight: Unicode.Scalar
    public let bottomLeft: Unicode.Scalar, bottomRight: Unicode.Scalar
    /// `├` and `┤`: where a divider meets the sides.
    public let leftTee: Unicode.Scalar, rightTee: Unicode.Scalar

    public static let light = BoxKind(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐",
                                      bottomLeft: "└", bottomRight: "┘", leftTee: "├", rightTee: "┤")
    public static let rounded = BoxKind(horizontal: "─", vertical: "│", topLeft: "╭", topRight: "╮",
                                        bottomLeft: "╰", bottomRight: "╯", leftTee: "├", rightTee: "┤")
    public static let heavy = BoxKind(horizontal: "━", vertical: "┃", topLeft: "┏", topRight: "┓",
                                      bottomLeft: "┗", bottomRight: "┛", leftTee: "┣", rightTee: "┫")
    public static let double = BoxKind(horizontal: "═", vertical: "║", topLeft: "╔", topRight: "╗",
                                       bottomLeft: "╚", bottomRight: "╝", leftTee: "╠", rightTee: "╣")
}
