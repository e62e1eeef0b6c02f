import Analysis

/// What the live view shows: the reader's latest state and its diagnosis.
public struct LiveData: Sendable, Equatable {
    public var state: LiveState
    public var findings: [Finding]
    /// Input names for the header (`stdin`, file names).
    public var sources: [String]
    /// The user's `--format`, so the field inspector parses lines as the reader did.
    public var customFormat: String?

    public init(state: LiveState = LiveState(), findings: [Finding] = [], sources: [String] = [],
                customFormat: String? = nil) {
        self.state = state
        self.findings = findings
        self.sources = sources
        self.customFormat = customFormat
    }

    /// Diagnoses `state.snapshot` (the selected window).
    public init(diagnosing state: LiveState, sources: [String], customFormat: String? = nil, diagnoser: Diagnoser = Diagnoser()) {
        self.init(state: state, findings: diagnoser.diagnose(state.snapshot), sources: sources, customFormat: customFormat)
    }

    public var snapshot: Snapshot { state.snapshot }
}
