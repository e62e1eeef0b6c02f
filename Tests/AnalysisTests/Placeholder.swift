// Replaced by real tests as the AnalysisTests module fills in.
