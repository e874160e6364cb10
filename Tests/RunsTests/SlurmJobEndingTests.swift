@testable import Runs
import XCTest

/// Rows of `sacct --parsable2 --noheader --allocations --format JobID,State,ExitCode` in the forms Slurm's sacct
/// documentation gives (a job, an array element, the pending elements of an array listed as one row with their
/// ranges and an optional `%` limit), and the advice `strainer status` adds to each ending.
final class SlurmJobEndingTests: XCTestCase {
    func testRowsNameTheJobsTheyAreAbout() throws {
        let timeout = try XCTUnwrap(SlurmJobEnding.row("1234_3|TIMEOUT|0:15"))
        XCTAssertEqual(timeout.jobs, ["1234_3"])
        XCTAssertEqual(timeout.ending, SlurmJobEnding(state: "TIMEOUT", exitCode: "0:15"))
        XCTAssertEqual(SlurmJobEnding.row("77|COMPLETED|0:0")?.jobs, ["77"])
        let cancelled = try XCTUnwrap(SlurmJobEnding.row("965_[0-3,7]|CANCELLED by 0|0:0"))
        XCTAssertEqual(cancelled.jobs, ["965_0", "965_1", "965_2", "965_3", "965_7"])
        XCTAssertEqual(cancelled.ending.state, "CANCELLED by 0")
        XCTAssertEqual(SlurmJobEnding.row("12_[4-5%1]|PENDING|0:0")?.jobs, ["12_4", "12_5"], "the % limit aside")
        XCTAssertEqual(SlurmJobEnding.row("12_[5-2]|PENDING|0:0")?.jobs, ["12_[5-2]"], "a range that does not parse stays whole")
        XCTAssertEqual(SlurmJobEnding.row("12_[0-99999999]|PENDING|0:0")?.jobs, ["12_[0-99999999]"], "no unbounded expansion")
        XCTAssertNil(SlurmJobEnding.row("Slurm accounting storage is disabled"))
        XCTAssertNil(SlurmJobEnding.row("|FAILED|1:0"))
    }

    func testEachEndingSaysWhatToDo() {
        XCTAssertEqual("\(SlurmJobEnding(state: "TIMEOUT", exitCode: "0:0"))",
                       "Slurm: TIMEOUT, exit code 0:0; it reached its time limit; give more --slurm-time (--resume continues it from its kept state)")
        XCTAssertEqual("\(SlurmJobEnding(state: "OUT_OF_MEMORY", exitCode: "0:125"))",
                       "Slurm: OUT_OF_MEMORY, exit code 0:125; it ran out of memory; give more --slurm-mem")
        XCTAssertEqual("\(SlurmJobEnding(state: "FAILED", exitCode: "1:0"))", "Slurm: FAILED, exit code 1:0")
        XCTAssertTrue("\(SlurmJobEnding(state: "CANCELLED by 1000", exitCode: "0:0"))".hasSuffix("; cancelled (scancel, or a training it waited for failed)"))
    }
}
