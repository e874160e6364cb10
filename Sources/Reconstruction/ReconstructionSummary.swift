import Foundation
import Imaging
import Reporting
import Solver

extension Reconstruction.Outcome {
    /// The report of this outcome alone (``Reporting/ReconstructionReport/init(title:facts:measurement:reference:fits:baselines:)``).
    public func report(title: String, facts: [(name: String, value: String)], measurement: Image,
                       reference: Image?) throws -> ReconstructionReport {
        try ReconstructionReport(title: title, facts: facts, measurement: measurement, reference: reference,
                                 fits: [(nil, self)], baselines: baselines)
    }

    /// Wall time of each step taken: the fit's, then under validation the refit's.
    public var stepSeconds: [Double] { solve.stepSeconds + (refit?.stepSeconds ?? []) }

    /// Wall time of every step taken.
    public var seconds: Double { stepSeconds.reduce(0, +) }
}

extension ReconstructionReport {
    /// The report of one measurement's reconstructions: `facts` first (the measurement, operator, noise, priors,
    /// machine…), then the table (each fit's kept iterate and every baseline; PSNR/SSIM when `reference` is given,
    /// with the iterate the reference itself would have picked for comparison), the curves that chose the iterates,
    /// and the images. Each fit carries its prior's label, or nil when the report shows a single fit.
    public init(title: String, facts: [(name: String, value: String)], measurement: Image, reference: Image?,
                fits: [(label: String?, outcome: Reconstruction.Outcome)], baselines: [Reconstruction.BaselineResult]) throws {
        var header = ["method", "iterate kept", "seconds"]
        if reference != nil { header += ["PSNR (dB)", "SSIM"] }
        func scores(_ image: Image) throws -> [String] {
            guard let reference else { return [] }
            return [String(format: "%.2f", try ImageMetrics.psnr(reference, image)),
                    String(format: "%.3f", try ImageMetrics.ssim(reference, image))]
        }
        func inr(_ label: String?) -> String { label.map { "INR from \($0)" } ?? "INR" }
        var rows: [[String]] = []
        for (label, outcome) in fits {
            rows.append(["\(inr(label)) (\(outcome.stop))", "step \(outcome.keptIteration)", String(format: "%.1f", outcome.seconds)]
                + (try scores(outcome.kept)))
            let best = outcome.solve.best
            if reference != nil, best.psnr.isFinite {
                // Under validation the watched fit left the held-out samples out; its best is not the refit's.
                var watched = ""
                if outcome.refit != nil, case let .validation(fraction) = outcome.stop {
                    watched = " of the fit that held \(String(format: "%g", 100 * fraction)) % out"
                }
                rows.append(["\(inr(label)), best iterate by the reference (oracle\(watched))", "step \(best.iteration)", "—",
                             String(format: "%.2f", best.psnr), best.ssim.map { String(format: "%.3f", $0) } ?? "—"])
            }
        }
        rows += try baselines.map { [$0.name, "—", String(format: "%.2f", $0.seconds)] + (try scores($0.image)) }
        let kept = fits.map { label, outcome in "Kept" + (label.map { " from \($0)" } ?? "") + ": \(outcome.reason). " }.joined()
        let legend = kept
            + (reference == nil ? "No reference image was given, so no PSNR: the stopping rule chose the iterate without one."
                                : "PSNR/SSIM against the reference, computed after the fit; the reference chose nothing but the oracle row.")
        var panels: [(name: String, label: String, image: Image)] = []
        if [1, 3].contains(measurement.channels) {
            panels.append(("measurement", "measurement y (clipped to [0, 1] for display; exact in measurement.tif)", measurement))
        }
        func fileStem(_ label: String?) -> String { label.map { "reconstruction-" + RunFolder.fileSafe($0) } ?? "reconstruction" }
        panels += fits.map { label, outcome in (fileStem(label), "\(inr(label)), \(outcome.stop), step \(outcome.keptIteration)", outcome.kept) }
        panels += baselines.map { ($0.name, $0.name, $0.image) }
        if let reference { panels.append(("reference", "reference", reference)) }
        self.init(title: title, facts: facts, header: header, rows: rows, legend: legend, panels: panels,
                  charts: Self.charts(fits), trace: Self.traceCSV(fits),
                  floatImages: [("measurement.tif", measurement)] + fits.map { (fileStem($0.label) + ".tif", $0.outcome.kept) })
    }

    /// The discrepancy, held-out loss and risk estimate against the step, a line per fit with its kept iterate ringed; PSNR when it
    /// was measured.
    static func charts(_ fits: [(label: String?, outcome: Reconstruction.Outcome)]) -> [LineChart] {
        var charts = [LineChart]()
        func chart(_ title: String, _ label: String, _ value: (SolverTraceEntry) -> Double?) {
            let series = fits.compactMap { name, outcome -> LineChart.Series? in
                let trace = outcome.solve.trace
                let points = trace.compactMap { entry in value(entry).map { (Double(entry.iteration), $0) } }
                guard !points.isEmpty else { return nil }
                let marker = trace.first { $0.iteration == outcome.keptIteration }.flatMap(value).map { (Double(outcome.keptIteration), $0) }
                return LineChart.Series(name: name ?? "INR", points: points, marker: marker)
            }
            guard !series.isEmpty else { return }
            var chart = LineChart(title: title, xLabel: "iteration", yLabel: label, series: series)
            (chart.width, chart.height) = (520, 320)
            charts.append(chart)
        }
        chart("Discrepancy of the fitted samples (1 = the noise level; cut at 10)", "discrepancy") { $0.discrepancy.map { min($0, 10) } }
        chart("Loss on the held-out measurements", "held-out NLL") { $0.heldOutLoss }
        chart("Stein's unbiased estimate of the image's mean squared error", "SURE") { $0.risk }
        let scored = fits.filter { $0.outcome.solve.evaluations.contains { $0.psnr.isFinite } }
        if !scored.isEmpty {
            var psnr = LineChart(title: "PSNR against the reference", xLabel: "iteration", yLabel: "PSNR (dB)",
                                 series: scored.map { name, outcome in
                                     LineChart.Series(name: name ?? "INR", points: outcome.solve.evaluations.map { (Double($0.iteration), $0.psnr) })
                                 })
            (psnr.width, psnr.height) = (520, 320)
            charts.append(psnr)
        }
        return charts
    }

    /// `iteration,loss,discrepancy,held_out_loss,sure,degrees_of_freedom`, a row a step (empty cells for what was not measured); with labelled
    /// fits, a first column `prior` names each row's fit.
    static func traceCSV(_ fits: [(label: String?, outcome: Reconstruction.Outcome)]) -> String {
        func cell(_ value: Double?) -> String { value.map { "\($0)" } ?? "" }
        let labelled = fits.contains { $0.label != nil }
        var lines = [(labelled ? "prior," : "") + "iteration,loss,discrepancy,held_out_loss,sure,degrees_of_freedom"]
        for (label, outcome) in fits {
            let prefix = labelled ? MetricsCSV.quoted(label ?? "INR") + "," : ""
            lines += outcome.solve.trace.map { prefix + "\($0.iteration),\($0.loss),\(cell($0.discrepancy)),\(cell($0.heldOutLoss)),\(cell($0.risk)),\(cell($0.degreesOfFreedom))" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
