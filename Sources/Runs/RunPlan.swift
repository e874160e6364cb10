import Foundation
import Reporting

/// A run's work as a list of independent tasks with stable indices: each method (the baselines, then the priors, in
/// the order given) on each image, in the report's order; then the training of each learned prior the run trains
/// itself (whether or not it is trained already, so the indices stay put), which the fits from it need; then the
/// report, which needs every other task finished. The index is what `strainer run-task JOURNAL INDEX` and a Slurm
/// job array's element take.
public struct RunPlan: Codable, Equatable {
    /// One task of a run.
    public enum Task: Codable, Equatable {
        /// Method `method` (baselines first, then priors) on image `image` (indices into the prepared run's lists).
        case fit(image: Int, method: Int)
        /// The training of prior `prior` (an index into the prepared run's priors) into its `file`.
        case train(prior: Int, file: String)
        /// The report, from every fit's journal entry.
        case report
    }

    public var tasks: [Task]
    /// Names of the images and methods, as the tasks' descriptions give them.
    public var imageNames: [String]
    public var methodNames: [String]
    /// How many of the methods are baselines (they come first).
    public var baselineCount: Int

    /// The plan of `prepared`.
    public init(_ prepared: PreparedRun) {
        imageNames = prepared.images.map(\.name)
        methodNames = prepared.baselines.map(\.name) + prepared.priors.map(\.name)
        baselineCount = prepared.baselines.count
        let methods = methodNames.indices
        var files: Set<String> = []
        let trainings = prepared.priors.indices.compactMap { prior -> Task? in
            guard let file = prepared.priors[prior].training?.file.standardizedFileURL.path, files.insert(file).inserted else { return nil }
            return .train(prior: prior, file: file)
        }
        tasks = imageNames.indices.flatMap { image in methods.map { Task.fit(image: image, method: $0) } } + trainings + [.report]
    }

    /// The journal's file that keeps the plan (for `strainer status`, which reads it without preparing the run).
    public static let fileName = "run-plan"

    /// Keeps this plan in `journal`.
    func keep(in journal: inout RunJournal) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try journal.keepFile(try encoder.encode(self), named: Self.fileName)
    }

    /// The plan `journal` keeps; an error naming the journal when there is none or it cannot be read.
    public static func kept(in journal: RunJournal) throws -> RunPlan {
        let file = journal.folder.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: file.path), let plan = try? JSONDecoder().decode(RunPlan.self, from: data) else {
            throw RunError("\(journal.folder.path): no readable run plan (\(fileName)) in it; expected the journal of a run of "
                           + "`strainer compare`, `compare-priors` or `solve` made by this version")
        }
        return plan
    }

    /// The indices of the fits.
    public var fitIndices: [Int] {
        tasks.indices.filter { if case .fit = tasks[$0] { true } else { false } }
    }

    /// The indices of the learned priors' trainings.
    public var trainingIndices: [Int] {
        tasks.indices.filter { if case .train = tasks[$0] { true } else { false } }
    }

    /// The report's index: the last.
    public var reportIndex: Int { tasks.count - 1 }

    /// "random on image 2/3 face-003.png", "baseline tv on image 1/3 face-001.png", "training of the strainer prior
    /// (strainer-….safetensors)", or "the report".
    public func describe(_ index: Int) -> String {
        switch tasks[index] {
        case let .fit(image, method):
            let location = "image \(image + 1)/\(imageNames.count) \(imageNames[image])"
            return method < baselineCount ? "baseline \(methodNames[method]) on \(location)" : "\(methodNames[method]) on \(location)"
        case let .train(prior, file):
            return "training of the \(methodNames[baselineCount + prior]) prior (\(URL(fileURLWithPath: file).lastPathComponent))"
        case .report:
            return "the report"
        }
    }

    /// The image fit `index` works on (its name).
    public func imageName(of index: Int) -> String {
        guard case let .fit(image, _) = tasks[index] else { preconditionFailure("task \(index) is the report") }
        return imageNames[image]
    }

    /// The method fit `index` runs (its name).
    public func methodName(of index: Int) -> String {
        guard case let .fit(_, method) = tasks[index] else { preconditionFailure("task \(index) is the report") }
        return methodNames[method]
    }

    /// The task at `index`, or an error saying which indices there are.
    public func task(_ index: Int) throws -> Task {
        guard tasks.indices.contains(index) else {
            let trainings = trainingIndices.isEmpty ? "" : ", then \(trainingIndices.count) prior training(s)"
            throw RunError("task \(index) is out of range: this run's plan has \(tasks.count) tasks, 0–\(tasks.count - 1) "
                           + "(\(fitIndices.count) fits\(trainings), then the report at \(reportIndex))")
        }
        return tasks[index]
    }
}
