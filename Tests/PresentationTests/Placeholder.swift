// Replaced by real tests as the PresentationTests module fills in.
