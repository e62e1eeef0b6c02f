// Replaced by real tests as the TerminalUITests module fills in.
