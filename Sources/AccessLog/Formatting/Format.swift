/// The one home of human-readable numbers and times: counts with thousands separators, fixed
/// decimals, percentages (`12.0%`), durations, byte sizes and rates, UTC dates and clock times.
/// Findings (Analysis), the live view models and the text/JSON reports (Presentation), the progress
/// line (meshlog) and the generator's hand-made lines all print through it, so the same number
/// reads the same everywhere. One helper per file (`Format+*.swift`); Presentation adds the
/// display-width helpers (padding, bars, sparklines) in its own extensions.
public enum Format {}
