import Glibc
import ArgumentParser
import AccessLog
import Analysis
import Presentation
import TerminalUI

/// `meshlog tui [FILES…]`: the live view, or a clear error when there is no terminal.
struct TuiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Open the live terminal view (keys from /dev/tty, the log from stdin or files).",
        discussion: """
            kubectl logs -f deploy/frontend -c istio-proxy | meshlog tui
            Keys: ↑↓/jk move, Enter drill in, Esc back, Tab panel, / filter, s sort, w window, \
            space pause, l lines, ? help, q quit. Exits 2 when /dev/tty cannot be opened or TERM is unusable.
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var live: LiveOptions
    @OptionGroup var options: ReportOptions

    func run() throws {
        try LiveRunner(input: input, live: live, options: options).run(forced: true)
    }
}

/// Options of the live view.
struct LiveOptions: ParsableArguments {
    @Flag(help: "After quitting the live view, print the report of everything read to stdout.")
    var summaryOnExit = false

    @Flag(help: "No colours in the live view (also when NO_COLOR is set).")
    var monochrome = false

    @Flag(name: [.customShort("f"), .long],
          help: ArgumentHelp("Follow the files like tail -F: read to the end, then what is appended, across rotation "
              + "(rename-and-recreate, copytruncate) and files that do not exist yet; .gz files are read once."))
    var follow = false
}

/// Chooses between the live view and the report, runs the live view and restores the terminal.
struct LiveRunner {
    var input: InputOptions
    var live: LiveOptions
    var options: ReportOptions

    /// `forced` (`meshlog tui`): fail with exit 2 when the live view cannot start. Otherwise (the
    /// default command) fall back to the report when there is no terminal or stdout is not one.
    func run(forced: Bool) throws {
        if let problem = TerminalCheck.problem() {
            guard forced else { return try reporter.run() }
            throw CommandFailure.usage(problem.description)
        }
        if !forced && !TerminalCheck.standardOutputIsTerminal { return try reporter.run() }
        if live.follow && input.inputs.contains("-") {
            throw CommandFailure.usage("--follow follows files by name: give files, not standard input")
        }
        if input.inputs == ["-"] && isatty(0) == 1 {
            throw CommandFailure.usage("standard input is the terminal: pipe a log in "
                + "(kubectl logs -f deploy/NAME -c istio-proxy | meshlog) or give files")
        }
        var ingest = LiveIngest(inputs: input.inputs, customFormat: input.customFormat)
        ingest.follow = live.follow
        let store = try ingest.start()
        let terminal: Terminal
        switch Terminal.open(monochrome: live.monochrome) {
        case .success(let opened):
            terminal = opened
        case .failure(let error):
            guard !forced else {
                store.requestStop()
                throw CommandFailure.usage(error.description)
            }
            // No usable terminal after all: read to the end and print the report instead.
            // A followed file never ends, so there is no report to fall back to.
            guard !live.follow else {
                store.requestStop()
                throw CommandFailure.usage(error.description)
            }
            let state = store.waitUntilEnded()
            store.requestStop()
            state.warnings.forEach(CommandErrors.warn)
            return try reporter.emit(state.total)
        }
        let exit = LiveApp(store: store, sources: sourceNames, customFormat: input.customFormat,
                           diagnoser: diagnoser).run(on: terminal)
        terminal.close()
        store.requestStop()
        let state = store.current
        state.warnings.forEach(CommandErrors.warn)
        if live.summaryOnExit { try reporter.emit(state.total) }
        if case .signal(let number?) = exit { throw CommandFailure.signal(number) }
    }

    private var sourceNames: [String] { input.inputs.map { $0 == "-" ? "stdin" : $0 } }
    private var diagnoser: Diagnoser { Diagnoser(context: DiagnosisContext(expectedSplit: options.split)) }
    /// The report path `meshlog report` takes, also for `--summary-on-exit`.
    private var reporter: ReportRunner { ReportRunner(input: input, options: options) }
}
