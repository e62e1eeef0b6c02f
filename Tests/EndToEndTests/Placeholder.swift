// Replaced by real tests as the EndToEndTests module fills in.
