/// A fix with `{token}`s, kept in the knowledge base.
struct FixTemplate: Sendable {
    var title: String
    var body: String
    var language: String
    init(_ title: String, _ body: String, language: String = "yaml") {
        self.title = title; self.body = body; self.language = language
    }
}
