import ArgumentParser
import AccessLog
import Analysis
import Presentation

/// `meshlog report`: read everything, print the diagnosis once.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Read the logs to the end and print the diagnosis once (text or JSON).")

    @OptionGroup var input: InputOptions
    @OptionGroup var options: ReportOptions

    func run() throws {
        try ReportRunner(input: input, options: options).run()
    }
}

/// Reads, diagnoses, renders and judges: the one report-and-exit path, shared by `report`, the
/// no-terminal default and the live view's `--summary-on-exit`.
struct ReportRunner {
    var input: InputOptions
    var options: ReportOptions

    /// Reads every input to its end, then prints the report (warnings about inputs go to stderr).
    func run() throws {
        var ingest = ReportIngest(inputs: input.inputs, customFormat: input.customFormat, jobs: input.jobs)
        let progress = IngestProgress(totalBytes: IngestProgress.totalSize(of: input.inputs))
        let progressLine = ProgressLine.make(for: progress, quiet: input.quiet)
        if progressLine != nil { ingest.progress = progress }
        // Warnings wait until the progress line is erased, so the two never share a line.
        var warnings: [InputWarning] = []
        progressLine?.start()
        let read = Result { try ingest.run(warn: { warnings.append($0) }) }
        progressLine?.stop()
        warnings.forEach(CommandErrors.warn)
        try emit(try read.get().snapshot())
    }

    /// Prints the report of `snapshot` (read from `input`) and throws exit 1 when `--fail-on` is met.
    func emit(_ snapshot: Snapshot) throws {
        let findings = Diagnoser(context: DiagnosisContext(expectedSplit: options.split)).diagnose(snapshot)
        let names = input.inputs.map { $0 == "-" ? "stdin" : $0 }
        let out = StandardOutput.shared

        if snapshot.lines.total == 0 {
            CommandErrors.printError("no input: 0 lines read from \(names.joined(separator: ", "))")
            if options.output == .text { return }
        }
        switch options.output {
        case .json:
            // Streamed in chunks; the first failed write ends the writing and is thrown here.
            var failure: OutputError?
            JSONReport.write(snapshot, findings: findings, inputs: names) { chunk in
                guard failure == nil else { return }
                do throws(OutputError) { try out.write(bytes: chunk) } catch { failure = error }
            }
            if let failure { throw failure }
            try out.write("\n")
        case .text:
            let textOptions = TextReportOptions(color: useColor, width: width, inputNames: names)
            try out.write(TextReport.render(snapshot, findings: findings, options: textOptions))
        }
        try out.flush()

        if let failOn = options.failOn.flatMap(Severity.init(name:)),
           findings.contains(where: { $0.trips(failOn: failOn) }) {
            throw CommandFailure.findingAtOrAboveThreshold
        }
    }

    /// `--color auto`: only on a terminal, and not when NO_COLOR is set or TERM is `dumb`.
    private var useColor: Bool {
        switch options.color {
        case .always: return true
        case .never: return false
        case .auto:
            let env = ProcessEnvironment.self
            return StandardOutput.isTerminal && env.value("NO_COLOR") == nil && env.value("TERM") != "dumb"
        }
    }

    private var width: Int {
        if let width = options.width { return max(40, width) }
        return ProcessEnvironment.terminalColumns ?? 100
    }
}
