import ArgumentParser
import AccessLog

/// Where the log comes from and how to read it; shared by every reading command.
struct InputOptions: ParsableArguments {
    @Argument(help: "Log files to read (plain or .gz). '-' or none: standard input.")
    var files: [String] = []

    @Option(name: .customLong("format"),
            help: ArgumentHelp("Your Envoy access-log format string (meshConfig.accessLogFormat or Telemetry logFormat), "
                + "text or a JSON object of \"key\": \"%OPERATOR%\".", valueName: "envoy-format"))
    var customFormat: String?

    @Option(help: ArgumentHelp("Threads used to read one large file (report mode): each reads a part of it, or, for a large mesh, "
                                   + "the lines of its share of the clusters; default: the CPUs this process may run on."))
    var jobs: Int = ProcessEnvironment.usableCPUs

    @Flag(name: [.customShort("q"), .long],
          help: "No progress line on stderr (meshlog report shows one on long runs while stderr is a terminal).")
    var quiet = false

    /// Inputs as given; empty means stdin.
    var inputs: [String] { files.isEmpty ? ["-"] : files }
}
