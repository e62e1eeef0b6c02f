// swift-tools-version:6.0
// Swift 6 language mode (tools version 6.0 defaults to it).
import PackageDescription

let package = Package(
    name: "meshlog",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "meshlog", targets: ["meshlog"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
    ],
    targets: [
        // System libraries: a module map plus one shim header each.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncursesw5-dev"])]),

        // A prefetch hint for the aggregator's batched writes (Swift has none).
        .target(name: "CPrefetch"),

        // bytes → lines → records: input, prefixes, formats, parsers, record model.
        .target(name: "AccessLog", dependencies: ["CZlib"]),
        // records → aggregates → findings.
        // Latency percentiles are computed as HdrHistogram computes them (LatencyHistogram); the
        // library itself is the tests' reference.
        .target(name: "Analysis", dependencies: ["AccessLog", "CPrefetch"]),
        // Deterministic synthetic traffic (tests, benchmarks, SampleLogs, demos).
        .target(name: "TrafficGenerator", dependencies: ["AccessLog"]),
        // view models, Canvas, views, report renderers.
        .target(name: "Presentation", dependencies: ["Analysis"]),
        // the terminal: the only module that imports ncurses.
        .target(name: "TerminalUI", dependencies: ["Presentation", "CNcurses"]),

        .executableTarget(name: "meshlog", dependencies: [
            "AccessLog", "Analysis", "Presentation", "TerminalUI", "TrafficGenerator",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Stage benchmark without I/O (split / parse / parse + aggregate); see docs/performance.md.
        .executableTarget(name: "meshlog-bench", dependencies: ["AccessLog", "Analysis", "TrafficGenerator"]),

        // Test helpers shared by the test targets (hand-made lines into an Aggregator).
        .target(name: "TestSupport", dependencies: ["Analysis", "TrafficGenerator"], path: "Tests/TestSupport"),

        .testTarget(name: "AccessLogTests", dependencies: ["AccessLog", "TrafficGenerator", "TestSupport"]),
        .testTarget(name: "TrafficGeneratorTests", dependencies: ["TrafficGenerator", "AccessLog"]),
        .testTarget(name: "AnalysisTests", dependencies: [
            "Analysis", "TrafficGenerator", "TestSupport",
            .product(name: "Histogram", package: "hdrhistogram-swift"),
        ]),
        .testTarget(name: "PresentationTests", dependencies: [
            "Presentation", "TrafficGenerator", "TestSupport",
            .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
        ], exclude: ["__Snapshots__"]),
        .testTarget(name: "TerminalUITests", dependencies: [
            "TerminalUI",
            .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
        ], exclude: ["__Snapshots__"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TrafficGenerator"]),
    ]
)
