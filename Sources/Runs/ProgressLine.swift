import Foundation

/// Progress on stderr: on a terminal, one live line rewritten in place (lines marked `keep` stay), cut to the
/// terminal's width so that it never wraps (``fitted(_:columns:)``); otherwise plain lines — every kept line, the
/// first update and the first after each kept line at once, the others at most once per `interval` seconds — so
/// logs say at once what is starting and stay short.
///
/// A line is made of fields separated by two spaces, the most important first and an ETA, when there is one, last.
public final class ProgressLine {
    private let live = isatty(STDERR_FILENO) != 0
    private let interval: Double
    private var lastPrinted: Double
    private let start = Date()

    public init(interval: Double = 15) {
        self.interval = interval
        lastPrinted = -interval
    }

    /// Seconds since this progress line was created.
    public var elapsed: Double { Date().timeIntervalSince(start) }

    /// Shows `text`; `keep` makes it a permanent line (a measurement, a finished stage).
    public func show(_ text: String, keep: Bool = false) {
        if live {
            let shown = keep ? text : Self.fitted(text, columns: TerminalWidth.columns(of: STDERR_FILENO) ?? 80)
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + shown + (keep ? "\n" : "")).utf8))
        } else if keep || elapsed - lastPrinted >= interval {
            // After a kept line (a stage finished) the next stage's first update is written at once.
            lastPrinted = keep ? -interval : elapsed
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }

    /// `text` cut to fit `columns − 1` characters (a line that reaches the last column wraps on some terminals, and
    /// then `\r` no longer returns to its start): the field before the last is dropped while more than two remain, then
    /// the first field loses its beginning to an ellipsis — a fit's step, its PSNR and the ETA are the last to go.
    public static func fitted(_ text: String, columns: Int) -> String {
        let limit = max(columns - 1, 8)
        var fields = text.components(separatedBy: "  ")
        func joined() -> String { fields.joined(separator: "  ") }
        while joined().count > limit && fields.count > 2 { fields.remove(at: fields.count - 2) }
        var line = joined()
        if line.count > limit { line = "…" + line.suffix(limit - 1) }
        return line
    }

    /// "ETA 3m12s" for `done` of `total` units after `elapsed` seconds.
    public func eta(done: Int, total: Int) -> String {
        guard done > 0, total > done else { return "" }
        return "ETA " + Self.duration(elapsed / Double(done) * Double(total - done))
    }

    /// 75 → "1m15s", 4000 → "1h06m".
    public static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s >= 3600 { return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60) }
        if s >= 60 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return "\(s)s"
    }
}
