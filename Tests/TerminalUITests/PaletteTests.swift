@preconcurrency import CNcurses
import Presentation
import Testing
@testable import TerminalUI

@Suite struct PaletteTests {
    let bold = attr_t(bitPattern: cnc_a_bold()), dim = attr_t(bitPattern: cnc_a_dim())
    let reverse = attr_t(bitPattern: cnc_a_reverse()), underline = attr_t(bitPattern: cnc_a_underline())

    @Test func colourModeUsesOnePairPerRole() {
        let palette = Palette(usesColor: true)
        #expect(palette.render(.plain) == (0, 0))
        #expect(palette.render(.bold) == (bold, 0))
        #expect(palette.render(.critical) == (bold, Int16(ColorRole.critical.rawValue) + 1))
        #expect(palette.render(.muted) == (dim, Int16(ColorRole.muted.rawValue) + 1))
        let pairs = Set(ColorRole.allCases.map { palette.render(Style($0)).pair })
        #expect(pairs.count == ColorRole.allCases.count)
    }

    @Test func monochromeModeUsesAttributesOnly() {
        let palette = Palette(usesColor: false)
        #expect(ColorRole.allCases.allSatisfy { palette.render(Style($0)).pair == 0 })
        #expect(palette.render(.selection).attributes == reverse)
        #expect(palette.render(.header).attributes == bold | reverse)
        #expect(palette.render(.critical).attributes == bold | underline)
        #expect(palette.render(Style(.warning, .dim)).attributes == bold | dim)
        #expect(palette.render(.ok).attributes == 0)
    }
}
