import Foundation
import Imaging
import Reporting
import Solver

/// Hands a run to Slurm and returns at once: the batch scripts go into the run's journal (`slurm/`), the fits the
/// journal does not hold yet are one job array (element `i` runs `strainer run-task JOURNAL i`, each on its own
/// node or cores), and a last job, after the array has ended however it ended, writes the report — or, when a fit
/// failed, prints the provisional table and fails, naming the unfinished tasks. Learned priors are prepared
/// (trained or reused) before anything is submitted, so every element reads the same prior files.
public struct SlurmExecutor: Executor {
    public var settings: SlurmSettings
    /// The `strainer` executable the jobs run (this one: same build, same bits).
    public var strainer: URL
    /// A running fit keeps its state in the journal at most this often (and when Slurm sends SIGTERM).
    public var checkpointSeconds: Double

    public init(settings: SlurmSettings, strainer: URL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(),
                checkpointSeconds: Double = 60) {
        self.settings = settings
        self.strainer = strainer
        self.checkpointSeconds = checkpointSeconds
    }

    public func execute(_ prepared: PreparedRun, _ configuration: RunConfiguration, resumption: Resumption) throws -> Execution {
        guard SlurmClient.isAvailable("sbatch") else {
            throw RunError("--executor slurm: sbatch is not on PATH; expected Slurm's client commands (a cluster's login node), "
                           + "or --executor local")
        }
        var journal = try prepared.journal(of: configuration, resumption: resumption)
        if let warning = SharedFileSystem.warning(for: journal.folder) { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
        let plan = RunPlan(prepared)
        let pending = plan.fitIndices.filter { !journal.contains(image: plan.imageName(of: $0), method: plan.methodName(of: $0)) }
        if !resumption.resumes && (pending.count < plan.fitIndices.count || journal.unfinishedCount > 0) {
            throw RunError("an interrupted run of this configuration left its work in \(journal.folder.path); add --resume to submit only "
                           + "what is unfinished, or remove that folder to start afresh")
        }
        let folder = journal.folder.appendingPathComponent("slurm")
        do {
            return try submit(plan, pending: pending, journal: &journal, folder: folder, prepared: prepared, configuration: configuration)
        } catch {
            // Nothing half-written: a journal that holds no work goes, else only the scripts of this submission.
            if journal.finishedCount + journal.unfinishedCount == 0 { journal.discard() } else { try? FileManager.default.removeItem(at: folder) }
            throw error
        }
    }

    /// Writes the batch scripts into `folder` and submits the fits `pending` and the report; keeps the submission in
    /// `journal`. A report that cannot be submitted cancels the fits' array.
    private func submit(_ plan: RunPlan, pending: [Int], journal: inout RunJournal, folder: URL, prepared: PreparedRun,
                        configuration: RunConfiguration) throws -> Execution {
        try journal.create()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("logs"), withIntermediateDirectories: true)
        let name = RunFolder.fileSafe(prepared.name)
        let memory = SlurmSettings.defaultMemory(for: prepared.images.map { image in
            let shape = image.problem.reconstructionShape
            var architecture = prepared.architecture
            architecture.dimensions[architecture.dimensions.count - 1] = shape.channels
            return FitMemory(pixels: shape.pixelCount, channels: shape.channels, architecture: architecture)
        })
        let reportTask = plan.tasks.count - 1
        var fitsJob: String?
        if !pending.isEmpty {
            let script = folder.appendingPathComponent("fits.sbatch")
            try write(script, name: "strainer-fits-\(name)", extra: ["--array=\(SlurmSubmission.ranges(pending))",
                                                                    "--output=\(folder.path)/logs/task-%a.log"],
                      memory: memory, configuration: configuration,
                      body: "exec \(quoted(strainer.path)) run-task \(quoted(journal.folder.path)) \"$SLURM_ARRAY_TASK_ID\" "
                          + "--checkpoint-seconds \(checkpointSeconds)")
            fitsJob = try SlurmClient.submit(script, what: "the fits' job array")
        }
        let script = folder.appendingPathComponent("report.sbatch")
        try write(script, name: "strainer-report-\(name)", extra: ["--output=\(folder.path)/logs/report.log"], memory: memory,
                  configuration: configuration,
                  body: """
                      \(quoted(strainer.path)) run-task \(quoted(journal.folder.path)) \(reportTask) && exit 0
                      echo "the report is provisional: some fits did not finish (their logs: \(folder.path)/logs/)" >&2
                      \(quoted(strainer.path)) report \(quoted(journal.folder.path))
                      exit 1
                      """)
        let reportJob: String
        do {
            reportJob = try SlurmClient.submit(script, arguments: fitsJob.map { ["--dependency=afterany:\($0)"] } ?? [], what: "the report's job")
        } catch {
            if let fitsJob { SlurmClient.cancel([fitsJob]) }
            throw error
        }
        let submission = SlurmSubmission(journal: journal.folder.path, folder: folder.path, fitsJob: fitsJob, fits: pending,
                                         reportJob: reportJob, reportTask: reportTask)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try journal.keepFile(try encoder.encode(submission), named: SlurmSubmission.fileName)
        return .submitted(submission)
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
