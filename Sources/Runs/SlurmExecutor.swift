import Foundation
import Imaging
import Reporting
import Solver

/// Hands a run to Slurm and returns at once: the batch scripts go into the run's journal (`slurm/`); each learned
/// prior the run trains that is not trained yet is a job of its own (one element of a job array, `strainer run-task
/// JOURNAL i`, resumable from its checkpoint); the fits the journal does not hold yet are one job array, started
/// once every training has succeeded (`afterok`; a failed training cancels it), each element on its own node or
/// cores; and a last job, after the rest has ended however it ended, writes the report — or, when a task failed,
/// prints the provisional table and fails, naming the unfinished tasks.
public struct SlurmExecutor: Executor {
    public var settings: SlurmSettings
    /// The `strainer` executable the jobs run (this one: same build, same bits).
    public var strainer: URL
    /// A running fit or training keeps its state at most this often (and when Slurm sends SIGTERM).
    public var checkpointSeconds: Double

    public init(settings: SlurmSettings, strainer: URL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(),
                checkpointSeconds: Double = 60) {
        self.settings = settings
        self.strainer = strainer
        self.checkpointSeconds = checkpointSeconds
    }

    public func execute(_ configuration: RunConfiguration, resumption: Resumption) throws -> Execution {
        guard SlurmClient.isAvailable("sbatch") else {
            throw RunError("--executor slurm: sbatch is not on PATH; expected Slurm's client commands (a cluster's login node), "
                           + "or --executor local")
        }
        let prepared = try configuration.prepare(untrained: .leftToTheirTasks)
        var journal = try prepared.journal(of: configuration, resumption: resumption)
        if let warning = SharedFileSystem.warning(for: journal.folder) { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
        let plan = RunPlan(prepared)
        let pending = plan.fitIndices.filter { !journal.contains(image: plan.imageName(of: $0), method: plan.methodName(of: $0)) }
        if !resumption.resumes && (pending.count < plan.fitIndices.count || journal.unfinishedCount > 0) {
            throw RunError("an interrupted run of this configuration left its work in \(journal.folder.path); add --resume to submit only "
                           + "what is unfinished, or remove that folder to start afresh")
        }
        let untrained = plan.trainingIndices.filter { index in
            guard case let .train(prior, _) = plan.tasks[index] else { return false }
            return prepared.priors[prior].awaitsTraining
        }
        let folder = journal.folder.appendingPathComponent("slurm")
        do {
            return try submit(plan, trainings: untrained, fits: pending, journal: &journal, folder: folder, prepared: prepared,
                              configuration: configuration)
        } catch {
            // Nothing half-written: a journal that holds no work goes, else only the scripts of this submission.
            if journal.finishedCount + journal.unfinishedCount == 0 { journal.discard() } else { try? FileManager.default.removeItem(at: folder) }
            throw error
        }
    }

    /// Writes the batch scripts into `folder` and submits the learned priors' `trainings`, the `fits` after them, and
    /// the report after all; keeps the submission in `journal`. When a submission fails, the jobs already submitted
    /// are cancelled.
    private func submit(_ plan: RunPlan, trainings: [Int], fits: [Int], journal: inout RunJournal, folder: URL,
                        prepared: PreparedRun, configuration: RunConfiguration) throws -> Execution {
        try journal.create()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("logs"), withIntermediateDirectories: true)
        let name = RunFolder.fileSafe(prepared.name)
        let memory = SlurmSettings.defaultMemory(for: prepared.images.map { image in
            let shape = image.problem.reconstructionShape
            var architecture = prepared.architecture
            architecture.dimensions[architecture.dimensions.count - 1] = shape.channels
            return FitMemory(pixels: shape.pixelCount, channels: shape.channels, architecture: architecture)
        })
        var submitted: [String] = []
        do {
            var trainingsJob: String?
            if !trainings.isEmpty {
                let sets = trainings.compactMap { index -> FitMemory? in
                    guard case let .train(prior, _) = plan.tasks[index], let request = prepared.priors[prior].training?.request else { return nil }
                    let architecture = request.options.architecture
                    return FitMemory(pixels: request.trainingSet.coordinates.rows * request.trainingSet.count,
                                     channels: architecture.dimensions[architecture.dimensions.count - 1], architecture: architecture)
                }
                trainingsJob = try submitArray(trainings, script: folder.appendingPathComponent("trainings.sbatch"),
                                               name: "strainer-priors-\(name)", memory: SlurmSettings.defaultMemory(for: sets),
                                               dependency: [], journal: journal, configuration: configuration,
                                               what: "the learned priors' trainings")
                submitted += trainingsJob.map { [$0] } ?? []
            }
            var fitsJob: String?
            if !fits.isEmpty {
                fitsJob = try submitArray(fits, script: folder.appendingPathComponent("fits.sbatch"), name: "strainer-fits-\(name)",
                                          memory: memory,
                                          dependency: trainingsJob.map { ["--dependency=afterok:\($0)", "--kill-on-invalid-dep=yes"] } ?? [],
                                          journal: journal, configuration: configuration, what: "the fits' job array")
                submitted += fitsJob.map { [$0] } ?? []
            }
            let script = folder.appendingPathComponent("report.sbatch")
            try write(script, name: "strainer-report-\(name)", extra: ["--output=\(folder.path)/logs/report.log"], memory: memory,
                      configuration: configuration,
                      body: """
                          \(quoted(strainer.path)) run-task \(quoted(journal.folder.path)) \(plan.reportIndex) && exit 0
                          echo "the report is provisional: some tasks did not finish (their logs: \(folder.path)/logs/)" >&2
                          \(quoted(strainer.path)) report \(quoted(journal.folder.path))
                          exit 1
                          """)
            let reportJob = try SlurmClient.submit(script, arguments: submitted.isEmpty ? [] : ["--dependency=afterany:\(submitted.joined(separator: ":"))"],
                                                   what: "the report's job")
            let submission = SlurmSubmission(journal: journal.folder.path, folder: folder.path, trainingsJob: trainingsJob,
                                             trainings: trainings, fitsJob: fitsJob, fits: fits, reportJob: reportJob,
                                             reportTask: plan.reportIndex)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try journal.keepFile(try encoder.encode(submission), named: SlurmSubmission.fileName)
            return .submitted(submission)
        } catch {
            SlurmClient.cancel(submitted)
            throw error
        }
    }

    /// Writes the batch script `script` of a job array whose element `i` runs task `i` of the plan (`strainer run-task
    /// JOURNAL i`, logging to `logs/task-i.log`), one element for each of `indices`, and submits it with `dependency`
    /// (sbatch options); the array's job id.
    private func submitArray(_ indices: [Int], script: URL, name: String, memory: String, dependency: [String], journal: RunJournal,
                             configuration: RunConfiguration, what: String) throws -> String {
        let logs = script.deletingLastPathComponent().appendingPathComponent("logs")
        try write(script, name: name, extra: ["--array=\(SlurmSubmission.ranges(indices))", "--output=\(logs.path)/task-%a.log"],
                  memory: memory, configuration: configuration,
                  body: "exec \(quoted(strainer.path)) run-task \(quoted(journal.folder.path)) \"$SLURM_ARRAY_TASK_ID\" "
                      + "--checkpoint-seconds \(checkpointSeconds)")
        return try SlurmClient.submit(script, arguments: dependency, what: what)
    }

    /// Writes the batch script `url` (atomically): the job's name, `extra` and the run's ``SlurmSettings`` (with `memory`
    /// where it gives none) as `#SBATCH` lines, the run's folder as the job's, the threads Slurm gives it as strainer's, then `body`.
    private func write(_ url: URL, name: String, extra: [String], memory: String, configuration: RunConfiguration, body: String) throws {
        let directives = ["--job-name=\(name)", "--chdir=\(configuration.workingDirectory)"] + extra
            + settings.directives(defaultMemory: memory)
        let script = ["#!/bin/bash"] + directives.map { "#SBATCH \($0)" } + [
            "# Written by strainer (\(configuration.command)); submitted with sbatch, it runs tasks of the run's plan.",
            "if [ -n \"${SLURM_CPUS_PER_TASK:-}\" ]; then export STRAINER_THREADS=$SLURM_CPUS_PER_TASK; fi",
            body,
        ]
        try AtomicFile.write(Data((script.joined(separator: "\n") + "\n").utf8), to: url)
    }

    /// `text` as one word of a shell command.
    private func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
