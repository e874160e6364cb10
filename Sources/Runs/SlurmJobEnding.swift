/// How Slurm's accounting (`sacct`) says a job, or a job array's element, ended: its state (`FAILED`, `TIMEOUT`,
/// `OUT_OF_MEMORY`, `CANCELLED by 1000`, `PREEMPTED`, `NODE_FAIL`, …) and exit code (`status:signal`, `1:0`).
/// `strainer status` adds it to a failed task's line, with what to do about it, since a job killed for its time or
/// memory leaves no error line in its log.
public struct SlurmJobEnding: Equatable, Sendable, CustomStringConvertible {
    public var state: String
    public var exitCode: String

    public init(state: String, exitCode: String) {
        self.state = state
        self.exitCode = exitCode
    }

    /// One row of `sacct --parsable2 --noheader --format JobID,State,ExitCode` (`1234_3|TIMEOUT|0:0`): the jobs it
    /// is about and their ending; `nil` for a row of another shape. A row of array elements that never ran on their
    /// own (`1234_[0-3,7]|CANCELLED by 0|0:0`, cancelled while pending) is about each of them.
    static func row(_ line: Substring) -> (jobs: [String], ending: SlurmJobEnding)? {
        let fields = line.split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count == 3, !fields[0].isEmpty, !fields[1].isEmpty else { return nil }
        return (elements(of: fields[0]), SlurmJobEnding(state: String(fields[1]), exitCode: String(fields[2])))
    }

    /// The jobs a sacct job id names: itself, or for `<array>_[a-b,c,…]` (a `%limit` after the ranges aside), each
    /// element `<array>_i`; an id that does not parse (or spans more than `maximumArraySize` elements) stays whole.
    private static func elements(of id: Substring, maximumArraySize: Int = 1 << 20) -> [String] {
        guard id.hasSuffix("]"), let open = id.firstIndex(of: "["), id[..<open].hasSuffix("_") else { return [String(id)] }
        let array = id[..<open]
        let list = id[id.index(after: open)..<id.index(before: id.endIndex)].split(separator: "%")[0]
        var indices: [Int] = []
        for part in list.split(separator: ",") {
            let bounds = part.split(separator: "-").map { Int($0) }
            guard let first = bounds.first ?? nil, let last = bounds.last ?? nil, bounds.count <= 2, first <= last,
                  indices.count + (last - first) < maximumArraySize else { return [String(id)] }
            indices += Array(first...last)
        }
        return indices.map { "\(array)\($0)" }
    }

    /// `Slurm: TIMEOUT, exit code 0:0; give it more --slurm-time, …`.
    public var description: String {
        let said = "Slurm: \(state), exit code \(exitCode)"
        let kind = state.split(separator: " ").first.map(String.init) ?? state
        let advice: String? = switch kind {
        case "TIMEOUT": "it reached its time limit; give more --slurm-time (--resume continues it from its kept state)"
        case "OUT_OF_MEMORY": "it ran out of memory; give more --slurm-mem"
        case "PREEMPTED", "NODE_FAIL", "BOOT_FAIL": "not its own fault; --resume submits it again"
        case "CANCELLED": "cancelled (scancel, or a training it waited for failed)"
        default: nil
        }
        return said + (advice.map { "; \($0)" } ?? "")
    }
}
