import CLibFuzzer
import Foundation
import HostileInput

/// Runs libFuzzer on one ``InputReader``: every input is read by ``InputReader/read(_:)``; a thrown error is the
/// expected refusal of bad input, so only traps, sanitizer reports, timeouts and memory beyond `-rss_limit_mb` are
/// findings (libFuzzer writes the input that caused one to a `crash-`, `timeout-`, `leak-` or `oom-` file).
public enum FuzzDriver {
    /// The reader the running fuzz target exercises (one per process).
    nonisolated(unsafe) fileprivate static var reader = InputReader.png

    /// Runs libFuzzer with the process's command-line options on `reader` and exits with its status.
    public static func run(_ reader: InputReader) -> Never {
        Self.reader = reader
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
    }
}

/// libFuzzer's per-input callback (also the symbol its runtime expects): reads the `size` bytes at `data` with
/// the target's reader, ignoring the error bad input throws. Always returns 0, as libFuzzer asks.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    _ = try? FuzzDriver.reader.read(data.map { Data(bytes: $0, count: size) } ?? Data())
    return 0
}
