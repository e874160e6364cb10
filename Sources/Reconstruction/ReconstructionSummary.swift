import Foundation
import Imaging
import Reporting
import Solver

extension Reconstruction.Outcome {
    /// The report of this outcome: `facts` first (the measurement, operator, noise, prior, machine…), then the
    /// table (the INR's kept iterate and every baseline; PSNR/SSIM when `reference` is given, with the iterate the
    /// reference itself would have picked for comparison), the curves that chose the iterate, and the images.
    public func report(title: String, facts: [(name: String, value: String)], measurement: Image,
                       reference: Image?) throws -> ReconstructionReport {
        var header = ["method", "iterate kept", "seconds"]
        if reference != nil { header += ["PSNR (dB)", "SSIM"] }
        func scores(_ image: Image) throws -> [String] {
            guard let reference else { return [] }
            return [String(format: "%.2f", try ImageMetrics.psnr(reference, image)),
                    String(format: "%.3f", try ImageMetrics.ssim(reference, image))]
        }
        let steps = solve.stepSeconds.reduce(0, +)
        var rows = [["INR (\(stop))", "step \(keptIteration)", String(format: "%.1f", steps)] + (try scores(kept))]
        if reference != nil, solve.best.psnr.isFinite {
            rows.append(["INR, best iterate by the reference (oracle)", "step \(solve.best.iteration)", "—",
                         String(format: "%.2f", solve.best.psnr), solve.best.ssim.map { String(format: "%.3f", $0) } ?? "—"])
        }
        rows += try baselines.map { [$0.name, "—", String(format: "%.2f", $0.seconds)] + (try scores($0.image)) }
        let legend = "Kept: \(reason). "
            + (reference == nil ? "No reference image was given, so no PSNR: the stopping rule chose the iterate without one."
                                : "PSNR/SSIM against the reference, computed after the fit; the reference chose nothing but the oracle row.")
        var panels: [(name: String, label: String, image: Image)] = []
        if [1, 3].contains(measurement.channels) {
            panels.append(("measurement", "measurement y (clipped to [0, 1] for display; exact in measurement.tif)", measurement))
        }
        panels.append(("reconstruction", "INR, \(stop), step \(keptIteration)", kept))
        panels += baselines.map { ($0.name, $0.name, $0.image) }
        if let reference { panels.append(("reference", "reference", reference)) }
        return ReconstructionReport(
            title: title, facts: facts, header: header, rows: rows, legend: legend, panels: panels, charts: charts(),
            trace: traceCSV, floatImages: [("measurement.tif", measurement), ("reconstruction.tif", kept)])
    }

    /// The discrepancy and held-out loss against the step, the kept iterate ringed; PSNR when it was measured.
    func charts() -> [LineChart] {
        var charts = [LineChart]()
        func chart(_ title: String, _ label: String, _ value: (SolverTraceEntry) -> Double?) {
            let points = solve.trace.compactMap { entry in value(entry).map { (Double(entry.iteration), $0) } }
            guard !points.isEmpty else { return }
            let marker = solve.trace.first { $0.iteration == keptIteration }.flatMap(value).map { (Double(keptIteration), $0) }
            var chart = LineChart(title: title, xLabel: "iteration", yLabel: label,
                                  series: [LineChart.Series(name: "INR", points: points, marker: marker)])
            (chart.width, chart.height) = (520, 320)
            charts.append(chart)
        }
        chart("Discrepancy of the fitted samples (1 = the noise level; cut at 10)", "discrepancy") { $0.discrepancy.map { min($0, 10) } }
        chart("Loss on the held-out measurements", "held-out NLL") { $0.heldOutLoss }
        if solve.evaluations.contains(where: { $0.psnr.isFinite }) {
            let points = solve.evaluations.map { (Double($0.iteration), $0.psnr) }
            var psnr = LineChart(title: "PSNR against the reference", xLabel: "iteration", yLabel: "PSNR (dB)",
                                 series: [LineChart.Series(name: "INR", points: points)])
            (psnr.width, psnr.height) = (520, 320)
            charts.append(psnr)
        }
        return charts
    }

    /// `iteration,loss,discrepancy,held_out_loss`, a row a step (empty cells for what was not measured).
    var traceCSV: String {
        func cell(_ value: Double?) -> String { value.map { "\($0)" } ?? "" }
        return (["iteration,loss,discrepancy,held_out_loss"]
            + solve.trace.map { "\($0.iteration),\($0.loss),\(cell($0.discrepancy)),\(cell($0.heldOutLoss))" })
            .joined(separator: "\n") + "\n"
    }
}
