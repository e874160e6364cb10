import Dispatch
import Foundation

/// Ctrl-C (SIGINT) or SIGTERM (a batch scheduler's time limit) while a comparison's fits or a prior's training
/// run: they keep their state (in the run's journal, in the prior's checkpoint) and stop, and the command ends saying
/// how to continue (`--resume`), so an interruption costs nothing of the work done. Elsewhere, and on a second
/// signal, the process ends at once as it would without this handler (a report is assembled under a hidden name, so
/// it is never half-written).
public enum StopRequest {
    /// The error a comparison or a training ends with when asked to stop; exit status 128 + the signal's number.
    public struct Interrupted: Error, CustomStringConvertible {
        public var signal: Int32
        /// What was kept and where, e.g. "the training's state at step 300 is kept in prior.safetensors.checkpoint".
        public var kept: String

        public init(signal: Int32, kept: String) {
            self.signal = signal
            self.kept = kept
        }

        public var description: String {
            let name = signal == SIGINT ? "Ctrl-C (SIGINT)" : signal == SIGTERM ? "SIGTERM" : "signal \(signal)"
            return "stopped by \(name): \(kept); repeat the command with --resume to continue from there"
        }
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var scopes = 0
    nonisolated(unsafe) private static var received: Int32?
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    nonisolated(unsafe) private static var listening = false

    /// Runs `body` (a comparison, a training) with SIGINT and SIGTERM turned into a request to stop, which it reads
    /// through ``signal``. A request outlives no outermost `handling`: work started afterwards in the same process
    /// (an in-process test's next run) starts unasked.
    public static func handling<T>(_ body: () throws -> T) rethrows -> T {
        lock.withLock {
            if !listening {
                sources = [SIGINT, SIGTERM].compactMap(listen)
                listening = true
            }
            scopes += 1
        }
        defer {
            lock.withLock {
                scopes -= 1
                if scopes == 0 { received = nil }
            }
        }
        return try body()
    }

    /// The signal that asked the running comparison to stop, if one did.
    public static var signal: Int32? { lock.withLock { received } }

    /// Turns signal `number` into stop requests; `nil`, leaving it ignored, when the process was started with it
    /// ignored (a job a shell script put in the background keeps ignoring the terminal's Ctrl-C).
    private static func listen(_ number: Int32) -> DispatchSourceSignal? {
        let previous = Foundation.signal(number, SIG_IGN)  // delivered to the source below instead
        if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { return nil }
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler { handle(number) }
        source.resume()
        return source
    }

    /// What signal `number` does: inside ``handling(_:)`` and the first time, a request to stop; otherwise the
    /// signal's default action.
    static func handle(_ number: Int32) {
        let graceful = lock.withLock { () -> Bool in
            guard scopes > 0, received == nil else { return false }
            received = number
            return true
        }
        guard graceful else {
            Foundation.signal(number, SIG_DFL)  // as without the handler: the signal ends the process
            raise(number)
            return
        }
        FileHandle.standardError.write(Data(
            "\nstopping: keeping the state of the work under way (signal again to stop at once)\n".utf8))
    }
}
