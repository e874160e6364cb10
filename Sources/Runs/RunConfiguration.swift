import Foundation
import Reporting

/// How a comparison run was asked for, as its journal keeps it (`run-configuration`, JSON): enough for any process
/// of the same build to prepare the run again and run one of its tasks (`strainer run-task JOURNAL INDEX`).
public struct RunConfiguration: Codable, Equatable {
    /// The command and its arguments, as config.yaml records them (`strainer compare`, `ct-faces-60 --size 64`).
    public var command: String
    public var arguments: [String]
    /// The folder the command ran in: the request's relative paths (`--out`, `--image`, prior files) start there.
    public var workingDirectory: String
    /// What the command asked for.
    public var request: RunRequest

    public init(command: String, arguments: [String], workingDirectory: String = FileManager.default.currentDirectoryPath,
                request: RunRequest) {
        self.command = command
        self.arguments = arguments
        self.workingDirectory = workingDirectory
        self.request = request
    }

    /// The run prepared again (in ``workingDirectory``, which becomes the process's), its untrained learned priors
    /// trained or left to their tasks as `untrained` says.
    public func prepare(untrained: UntrainedPriors = .trainHere) throws -> PreparedRun {
        guard FileManager.default.changeCurrentDirectoryPath(workingDirectory) else {
            throw RunError("\(workingDirectory): the folder the run was started in is not reachable from here; expected the same path on every node")
        }
        return try request.prepare(untrained: untrained)
    }

    /// The journal's file that keeps a run's configuration.
    public static let fileName = "run-configuration"

    /// Keeps this configuration in `journal`.
    public func keep(in journal: inout RunJournal) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try journal.keepFile(try encoder.encode(self), named: Self.fileName)
    }

    /// The configuration `journal` keeps; an error naming the file when there is none or it cannot be read.
    public static func kept(in journal: RunJournal) throws -> RunConfiguration {
        let file = journal.folder.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw RunError("\(journal.folder.path): no run configuration (\(fileName)) in it; expected the journal of a run of "
                           + "`strainer compare`, `compare-priors` or `solve` (Results/.journal/<run>/)")
        }
        do {
            return try JSONDecoder().decode(RunConfiguration.self, from: data)
        } catch {
            throw RunError("\(file.path): not a run configuration this build reads (\(error)); expected the file strainer wrote")
        }
    }
}
