extension Aggregator {
    /// Shifts the line numbers of kept malformed samples by `offset`: a part of a file parsed on
    /// its own thread numbers its lines from 1, and learns where it starts only when the parts
    /// before it have been counted.
    mutating func offsetLineNumbers(by offset: Int) {
        guard offset != 0 else { return }
        for i in malformedSamples.indices { malformedSamples[i].lineNumber += offset }
    }
}
