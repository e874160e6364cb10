import ArgumentParser
import Foundation
import Reporting

/// `strainer report RUN_DIR`: renders a run's `report.md` and `report.html` again from its records.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render report.md and report.html of a run folder again from its summary.json, metrics.csv and images/.")

    @Argument(help: "A run folder under Results/.", completion: .directory)
    var runFolder: String

    func run() throws {
        let folder = URL(fileURLWithPath: runFolder)
        try ReportRenderer.render(runFolder: folder)
        print(folder.appendingPathComponent("report.html").path)
    }
}
