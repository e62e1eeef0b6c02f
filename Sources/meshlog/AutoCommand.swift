import ArgumentParser

/// `meshlog [FILES…]` with no subcommand: the live view on a terminal, else the report.
struct AutoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auto",
        abstract: "Live view when a terminal is available, else the report (the default).",
        shouldDisplay: false)

    @OptionGroup var input: InputOptions
    @OptionGroup var live: LiveOptions
    @OptionGroup var options: ReportOptions

    func run() throws {
        try LiveRunner(input: input, live: live, options: options).run(forced: false)
    }
}
