import Foundation

/// Progress on stderr: on a terminal, one live line rewritten in place (lines marked `keep` stay); otherwise
/// plain lines — every kept line, and the others at most once per `interval` seconds — so logs stay short.
final class ProgressLine {
    private let live = isatty(STDERR_FILENO) != 0
    private let interval: Double
    private var lastPrinted = 0.0
    private let start = Date()

    init(interval: Double = 15) {
        self.interval = interval
    }

    /// Seconds since this progress line was created.
    var elapsed: Double { Date().timeIntervalSince(start) }

    /// Shows `text`; `keep` makes it a permanent line (a measurement, a finished stage).
    func show(_ text: String, keep: Bool = false) {
        if live {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + text + (keep ? "\n" : "")).utf8))
        } else if keep || elapsed - lastPrinted >= interval {
            lastPrinted = elapsed
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }

    /// "ETA 3m12s" for `done` of `total` units after `elapsed` seconds.
    func eta(done: Int, total: Int) -> String {
        guard done > 0, total > done else { return "" }
        return "ETA " + Self.duration(elapsed / Double(done) * Double(total - done))
    }

    /// 75 → "1m15s", 4000 → "1h06m".
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s >= 3600 { return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60) }
        if s >= 60 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return "\(s)s"
    }
}
