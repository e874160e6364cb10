import Foundation

/// How wide the terminal is that the CLI writes to.
public enum TerminalWidth {
    /// The width in columns of the terminal behind `descriptor` (from the kernel), else `$COLUMNS` when it is set
    /// (a shell exports it for scripts and pipes), else `nil`: a file or pipe has no width.
    public static func columns(of descriptor: Int32) -> Int? {
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
    }
}
