import Foundation

/// A run handed to Slurm: its journal, where the jobs' scripts and logs are, and the jobs' ids.
public struct SlurmSubmission: Codable, Equatable {
    /// The run's journal folder (what `strainer run-task`, `strainer report` and `strainer status` take).
    public var journal: String
    /// The folder of the batch scripts and the jobs' logs (in the journal).
    public var folder: String
    /// The job array of the learned priors' trainings (`nil` when none was to be trained), its element indices being
    /// the plan's.
    public var trainingsJob: String?
    /// The plan indices of the trainings submitted.
    public var trainings: [Int]
    /// The job array of the fits (`nil` when every fit was already finished), its element indices being the plan's.
    public var fitsJob: String?
    /// The plan indices of the fits submitted.
    public var fits: [Int]
    /// The job that writes the report once the array has ended.
    public var reportJob: String
    /// The report's index in the plan.
    public var reportTask: Int

    /// The journal's file that keeps the submission (for `strainer status`).
    public static let fileName = "slurm-submission"

    /// What to print once submitted: the job ids and how to follow the run.
    public var summary: String {
        var lines: [String] = []
        if let trainingsJob {
            lines.append("submitted the learned priors' training: job array \(trainingsJob) (\(trainings.count) element(s), the plan's tasks "
                         + "\(Self.ranges(trainings))); the fits start once every prior is trained")
        }
        if let fitsJob {
            lines.append("submitted the fits: job array \(fitsJob) (\(fits.count) element(s), the plan's tasks \(Self.ranges(fits)))")
        } else {
            lines.append("every fit is finished already: no fits submitted")
        }
        let jobs = [trainingsJob, fitsJob].compactMap { $0 }
        lines.append("submitted the report: job \(reportJob)" + (jobs.isEmpty ? "" : ", after job array(s) \(jobs.joined(separator: ", ")) have ended"))
        lines += [
            "follow the run: squeue --jobs \((jobs + [reportJob]).joined(separator: ","))",
            "                strainer status \(journal)",
            "                strainer report \(journal)   (a provisional table of the fits finished so far)",
            "logs: \(folder)/logs/",
            "the report is written under the results folder when the last job ends; if a task fails, its log says why, and "
                + "the same command with --resume submits only what is unfinished",
        ]
        return lines.joined(separator: "\n")
    }

    /// "0-3,6,8-9", as sbatch's `--array` reads it.
    static func ranges(_ indices: [Int]) -> String {
        var parts: [String] = []
        var start = indices.first, previous = indices.first
        for index in indices.dropFirst() + [Int.min] {
            guard let first = start, let last = previous else { break }
            if index == last + 1 {
                previous = index
                continue
            }
            parts.append(first == last ? "\(first)" : "\(first)-\(last)")
            start = index
            previous = index
        }
        return parts.joined(separator: ",")
    }
}
