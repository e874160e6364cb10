import Foundation
import XCTest

/// The cluster the Slurm tests run on takes a batch job and runs it (in CI: `Scripts/slurm-localhost.sh`'s).
final class SlurmLocalhostTests: XCTestCase {
    /// A job submitted with `sbatch --parsable --wait` runs in its working directory, under the id sbatch printed.
    func testABatchJobRunsUnderTheIdSbatchPrinted() throws {
        try SlurmCluster.requireAvailable()
        let folder = try scratchFolder()
        let submitted = try SlurmCluster.run("sbatch", [
            "--parsable", "--wait", "--chdir", folder.path, "--output", "job.out", "--time", "1",
            "--wrap", "echo \"$SLURM_JOB_ID\" > id.txt",
        ])
        XCTAssertEqual(submitted.status, 0, submitted.output)
        let id = submitted.output.split(separator: "\n").first.map { $0.split(separator: ";")[0] }.map(String.init) ?? ""
        let written = try String(contentsOf: folder.appendingPathComponent("id.txt"), encoding: .utf8)
        XCTAssertEqual(written.trimmingCharacters(in: .whitespacesAndNewlines), id)
        XCTAssertFalse(id.isEmpty)
    }
}
