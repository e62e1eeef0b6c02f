import AccessLog
import Analysis
import TrafficGenerator
@testable import Presentation

/// Live data built the way the app builds it: generated istio-proxy lines → LineProcessor →
/// Aggregator → snapshot → Diagnoser. Input has ended, so the header is stable (no rate).
enum LiveFixture {
    static let pinning = make(scenario: .connectionPinning, lines: 3000)
    static let overflow = make(scenario: .circuitBreakerOverflow, lines: 3000)

    static func make(scenario: Scenario, lines: Int, seed: UInt64 = 7) -> LiveData {
        var generator = TrafficGenerator(options: GeneratorOptions(lines: lines, seed: seed, prefix: .kubectlPrefix,
                                                                   scenario: scenario))
        var bytes: [UInt8] = []
        while generator.appendNextLine(to: &bytes) {}
        return data(from: bytes)
    }

    /// Runs raw log bytes through the pipeline.
    static func data(from bytes: [UInt8]) -> LiveData {
        var processor = LineProcessor(parser: LineParser(), limits: .default)
        bytes.withUnsafeBytes { all in
            var start = 0
            for i in 0..<all.count where all[i] == 0x0A {
                processor.process(UnsafeRawBufferPointer(rebasing: all[start..<i]), truncated: false)
                start = i + 1
            }
            if start < all.count { processor.process(UnsafeRawBufferPointer(rebasing: all[start...]), truncated: false) }
        }
        var state = LiveState()
        state.snapshot = processor.aggregator.snapshot()
        state.total = state.snapshot
        state.linesRead = processor.lineNumber
        state.bytesRead = Int64(bytes.count)
        state.generation = 1
        state.ended = true
        return LiveData(diagnosing: state, sources: ["stdin"])
    }

    /// Builds, settles and draws one frame, as the app does.
    static func render(_ data: LiveData, _ app: inout AppState, rows: Int, cols: Int) -> Canvas {
        let model = LiveScreenModel.build(data, app: app, rows: rows, cols: cols)
        app.settle(model.context)
        var canvas = Canvas(rows: rows, cols: cols)
        LiveScreenView.draw(model, app: app, into: &canvas)
        return canvas
    }

    /// The app state with `screens` pushed on the dashboard.
    static func app(_ screens: Screen...) -> AppState {
        var app = AppState()
        for screen in screens { app.stack.append(ScreenEntry(screen)) }
        return app
    }
}
