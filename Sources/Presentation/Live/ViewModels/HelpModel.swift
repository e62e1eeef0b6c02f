/// The help screen: what the current screen shows, every key, and the filter syntax.
enum HelpModel {
    static let keys: [(String, String)] = [
        ("↑ ↓  j k", "move the selection"),
        ("PgUp PgDn  ^B ^F", "move a page"),
        ("g G  Home End", "first / last row"),
        ("Tab  Shift-Tab", "next / previous dashboard panel"),
        ("Enter  →", "open the selected row (drill down)"),
        ("Esc  ←  Backspace", "back one level (on the dashboard: clear the filter)"),
        ("l", "recent raw lines of what is on screen (cluster, host, flag)"),
        ("/", "filter; Enter keeps it, Esc restores the previous one, ^U clears"),
        ("s", "sort clusters, hosts and flags: count → errors → p99"),
        ("w", "time window: all → last 1 min → last 5 min (of log time)"),
        ("space", "pause / resume the view (reading continues)"),
        ("? F1", "this help; any other key closes it"),
        ("^L", "repaint the screen"),
        ("q  Ctrl-C", "quit"),
    ]

    static let filterSyntax = [
        "flag:UO  cluster:orders  code:503  code:5xx  host:10.244.1.17  method:PlaceOrder  pod:frontend-1",
        "free text matches anywhere in the raw line; terms combine with AND; a leading ! inverts a term",
        "example: /flag:UF !host:10.244.1.17 timeout",
    ]

    static func rows(for screen: Screen, width: Int) -> [ModelRow] {
        var rows: [ModelRow] = [.heading("This screen")]
        rows += ModelRow.wrapped(description(screen), width: width)
        rows += [.blank, .heading("Keys")]
        for (key, meaning) in keys {
            rows.append(ModelRow([TextSpan("  "), TextSpan(key, Style(.accent, .bold), width: 22), TextSpan(meaning)]))
        }
        rows += [.blank, .heading("Filter (/)")]
        for line in filterSyntax { rows += ModelRow.wrapped(line, width: width) }
        rows += [.blank, .heading("Colours")]
        rows.append(ModelRow([TextSpan("  "), TextSpan("critical", .critical), TextSpan("  "), TextSpan("warning", Style(.warning, .bold)),
                              TextSpan("  "), TextSpan("info", .info), TextSpan("  "), TextSpan("ok", .ok),
                              TextSpan("  "), TextSpan("muted", .muted)]))
        rows += ModelRow.wrapped("Cluster host bars: one segment per upstream host, sized by its share of the requests; "
                                 + "a cluster whose requests go to one host shows one long segment (connection pinning). "
                                 + "With more than \(ClusterRows.barHosts) hosts: the balance verdict (even, skewed, pinned, "
                                 + "too few), the host count and the quietest–busiest host share.",
                                 width: width)
        rows += ModelRow.wrapped("≈ marks counts from a table past its bound (the header says so); its \"other\" row holds "
                                 + "the rest, with its share. Totals stay exact.", width: width)
        return rows
    }

    static func description(_ screen: Screen) -> String {
        switch screen {
        case .dashboard:
            return "Dashboard. Header: input, lines/s, parse health, time span and LIVE / PAUSED / ENDED. "
                + "Then requests and errors per second, and four panels: findings (ranked diagnoses), clusters "
                + "(requests, error %, p50/p99, spread over hosts), response flags and response codes. "
                + "Tab picks a panel, Enter opens the selected row."
        case .finding:
            return "A finding: the evidence behind it, sample lines, likely causes, the fix as Istio YAML and "
                + "the commands that confirm it. Enter on the subject opens its cluster; on a sample, its fields."
        case .flag:
            return "A response flag: what it means, how often it occurred, the clusters and upstream hosts it "
                + "occurred on, its codes, details and sample lines. Enter opens a cluster, host or sample."
        case .cluster:
            return "An upstream cluster: requests, errors, latency, the balance verdict (χ² test and CV of the "
                + "per-host counts), and how requests spread over its hosts (and, per client pod, which host each "
                + "one uses: pinning). Then subsets, methods, flags and codes. The host list scrolls through every "
                + "host; s sorts it by count, errors or p99, / narrows it (host:, flag:, code:; pod: the client pods). "
                + "Enter on a host opens it."
        case .host:
            return "One upstream host of a cluster: its requests, errors, latency, flags, codes, the client pods "
                + "that reach it and its recent raw lines. Enter on a line shows every field."
        case .lines:
            return "The recent raw access lines (newest at the bottom) that match the scope shown in the title "
                + "and the filter. The view follows new lines while the selection is on the last one. "
                + "Enter shows every parsed field of a line."
        case .line:
            return "Every field of one access line as parsed, with the meaning of each response flag, then the "
                + "raw line. Control characters are shown escaped."
        }
    }
}
