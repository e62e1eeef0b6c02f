/// The line characters of a box.
struct BoxKind: Hashable, Sendable {
    let horizontal: Unicode.Scalar, vertical: Unicode.Scalar
    let topLeft: Unicode.Scalar, topRight: Unicode.Scalar
    let bottomLeft: Unicode.Scalar, bottomRight: Unicode.Scalar
    /// `├` and `┤`: where a divider meets the sides.
    let leftTee: Unicode.Scalar, rightTee: Unicode.Scalar

    static let light = BoxKind(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐",
                                      bottomLeft: "└", bottomRight: "┘", leftTee: "├", rightTee: "┤")
    static let rounded = BoxKind(horizontal: "─", vertical: "│", topLeft: "╭", topRight: "╮",
                                        bottomLeft: "╰", bottomRight: "╯", leftTee: "├", rightTee: "┤")
    static let heavy = BoxKind(horizontal: "━", vertical: "┃", topLeft: "┏", topRight: "┓",
                                      bottomLeft: "┗", bottomRight: "┛", leftTee: "┣", rightTee: "┫")
    static let double = BoxKind(horizontal: "═", vertical: "║", topLeft: "╔", topRight: "╗",
                                       bottomLeft: "╚", bottomRight: "╝", leftTee: "╠", rightTee: "╣")
}
