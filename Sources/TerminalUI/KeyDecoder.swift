@preconcurrency import CNcurses
import Presentation

/// Maps what `wget_wch` returns to a ``Key``. Pure, so every mapping is unit-tested.
enum KeyDecoder {
    /// `code` is the value `wget_wch` stored; `isKeyCode` is true when it returned `KEY_CODE_YES`
    /// (a function key such as `KEY_UP`), false for a character.
    static func decode(_ code: Int32, isKeyCode: Bool) -> Key {
        isKeyCode ? decodeKeyCode(code) : decodeCharacter(code)
    }

    private static func decodeKeyCode(_ code: Int32) -> Key {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME, KEY_FIND, KEY_A1: return .home           // vt220 "Find" and keypad 7 act as Home
        case KEY_END, KEY_SELECT, KEY_C1, KEY_LL: return .end   // vt220 "Select" and keypad 1 act as End
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        case KEY_F0 + 1 ... KEY_F0 + 63: return .function(Int(code - KEY_F0))
        default: return .unknown(code)
        }
    }

    private static func decodeCharacter(_ code: Int32) -> Key {
        switch code {
        case 10, 13: return .enter
        case 9: return .tab
        case 27: return .escape
        case 8, 127: return .backspace
        case 0: return .ctrl(" ")                                // Ctrl-Space / Ctrl-@
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(code) + 0x60)))   // Ctrl-A → "a"
        case 28...31: return .ctrl(Character(Unicode.Scalar(UInt8(code) + 0x40)))  // Ctrl-\ ] ^ _
        default:
            guard code > 31, let scalar = Unicode.Scalar(UInt32(code)), TerminalSafe.isSafe(scalar) else {
                return .unknown(code)
            }
            return .character(Character(scalar))
        }
    }
}
