@preconcurrency import CNcurses
import Presentation
import Testing
@testable import TerminalUI

@Suite struct KeyDecoderTests {
    @Test(arguments: [
        (KEY_UP, Key.up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
        (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown), (KEY_HOME, .home), (KEY_END, .end),
        (KEY_FIND, .home), (KEY_SELECT, .end), (KEY_ENTER, .enter), (KEY_BACKSPACE, .backspace),
        (KEY_DC, .delete), (KEY_BTAB, .backTab), (KEY_RESIZE, .resize),
        (KEY_F0 + 1, .function(1)), (KEY_F0 + 12, .function(12)), (KEY_F0 + 63, .function(63)),
        (KEY_IC, .unknown(KEY_IC)), (KEY_MOUSE, .unknown(KEY_MOUSE)),
    ] as [(Int32, Key)])
    func keyCodes(code: Int32, expected: Key) {
        #expect(KeyDecoder.decode(code, isKeyCode: true) == expected)
    }

    @Test(arguments: [
        (10, Key.enter), (13, .enter), (9, .tab), (27, .escape), (127, .backspace), (8, .backspace),
        (1, .ctrl("a")), (3, .ctrl("c")), (12, .ctrl("l")), (26, .ctrl("z")), (0, .ctrl(" ")),
        (28, .ctrl("\\")), (31, .ctrl("_")),
        (0x71, .character("q")), (0x20, .character(" ")), (0x2F, .character("/")), (0x3F, .character("?")),
        (0xE9, .character("é")), (0x65E5, .character("日")), (0x1F600, .character("😀")),
        (0x9B, .unknown(0x9B)), (0x202E, .unknown(0x202E)), (-5, .unknown(-5)), (0x110000, .unknown(0x110000)),
    ] as [(Int32, Key)])
    func characters(code: Int32, expected: Key) {
        #expect(KeyDecoder.decode(code, isKeyCode: false) == expected)
    }

    @Test func sameNumberMeansDifferentKeysDependingOnKind() {
        // KEY_UP is 0o403 = 259 = U+0103 "ă" when it arrives as a character.
        #expect(KeyDecoder.decode(KEY_UP, isKeyCode: true) == .up)
        #expect(KeyDecoder.decode(KEY_UP, isKeyCode: false) == .character("ă"))
    }
}
