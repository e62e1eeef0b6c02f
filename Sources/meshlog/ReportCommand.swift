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

/// Reads, diagnoses, renders and judges; shared by `report` and the no-terminal default.
struct ReportRunner {
    var input: InputOptions
    var options: ReportOptions

    func run() throws {
        var ingest = ReportIngest(inputs: input.inputs, customFormat: input.customFormat, jobs: input.jobs)
        let progress = IngestProgress(totalBytes: IngestProgress.totalSize(of: input.inputs))
        let progressLine = ProgressLine.make(for: progress, quiet: input.quiet)
        if progressLine != nil { ingest.progress = progress }
        progressLine?.start()
        let read = Result { try ingest.run() }
        progressLine?.stop()
        let snapshot = try read.get().snapshot()
        let context = DiagnosisContext(expectedSplit: options.split)
        let findings = Diagnoser(context: context).diagnose(snapshot)
        let names = input.inputs.map { $0 == "-" ? "stdin" : $0 }

        if snapshot.lines.total == 0 {
            CommandErrors.printError("no input: 0 lines read from \(names.joined(separator: ", "))")
            if options.output == .text { return }
        }
        switch options.output {
        case .json:
            StandardOutput.shared.write(bytes: JSONReport.renderBytes(snapshot, findings: findings, inputs: names))
            StandardOutput.shared.write("\n")
        case .text:
            let textOptions = TextReportOptions(color: useColor, width: width, inputNames: names)
            StandardOutput.shared.write(TextReport.render(snapshot, findings: findings, options: textOptions))
        }
        StandardOutput.shared.flush()

        if let failOn = options.failOn.flatMap(Severity.init(name:)),
           findings.contains(where: { $0.trips(failOn: failOn) }) {
            throw ExitCode(1)
        }
    }

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
