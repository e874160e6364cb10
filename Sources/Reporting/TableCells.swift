import Foundation

extension ComparisonTable {
    /// The table as text cells — a header and one row per method — shared by the Markdown and HTML reports.
    ///
    /// PSNR/SSIM cells read `31.25 / 0.912`; the best PSNR also gives its standard deviation over the images,
    /// `31.25 ± 0.55 / 0.912` (not with one image, whose header then lacks the ±); *speed-up* is the reference's
    /// iterations to its own best divided by the method's iterations to that same PSNR. When some fit reached its discrepancy target, two more columns
    /// give the mean step of that no-reference stop and the mean PSNR there.
    public var cells: (header: [String], rows: [[String]]) {
        let referenceIterations = rows.first { $0.method == reference }?.iterationsToReference
        var header = ["method"] + iterations.map(String.init)
            + [showsDeviation ? "best PSNR ± sd / SSIM" : "best PSNR / SSIM", "iterations to reach \(reference)", "seconds", "speed-up"]
        if showsDiscrepancyStop { header += ["discrepancy stop", "PSNR at stop"] }
        let body = rows.map { row -> [String] in
            var cells = [row.kind == .baseline ? "\(row.method) (baseline)" : row.method]
            cells += zip(row.psnrAt, row.ssimAt).map { Self.format(psnr: $0, ssim: $1) }
            cells.append(Self.format(psnr: row.bestPSNR, deviation: row.bestPSNRDeviation, ssim: row.bestSSIM))
            if let iterations = row.iterationsToReference {
                cells.append(String(format: "%.0f", iterations))
            } else if row.kind == .baseline {
                cells.append("—")  // a classical method has no iterations to count; the verdict says where it stands
            } else {
                cells.append("— (\(row.imagesReachingReference)/\(row.images) images)")
            }
            cells.append(row.secondsToReference.map { String(format: "%.1f", $0) } ?? "—")
            if let mine = row.iterationsToReference, let theirs = referenceIterations, mine > 0 {
                cells.append(String(format: "×%.1f", theirs / mine))
            } else {
                cells.append("—")
            }
            if showsDiscrepancyStop {
                if let stop = row.discrepancyStopIteration {
                    cells.append(String(format: "%.0f", stop))
                } else {
                    cells.append(row.imagesReachingDiscrepancy.map { "— (\($0)/\(row.images) images)" } ?? "—")
                }
                cells.append(Self.format(psnr: row.discrepancyStopPSNR, ssim: nil))
            }
            return cells
        }
        return (header, body)
    }

    /// Whether some row has a spread over images (it has several images).
    var showsDeviation: Bool { rows.contains { $0.bestPSNRDeviation != nil } }

    /// Whether any fit reached its discrepancy target (noiseless problems have none).
    var showsDiscrepancyStop: Bool { rows.contains { ($0.imagesReachingDiscrepancy ?? 0) > 0 } }

    /// How to read the table, in one paragraph.
    public var legend: String {
        "Cells are mean PSNR (dB) / SSIM over the images after that many iterations. *Best* is the mean of each "
            + "image's best iterate"
            + (showsDeviation ? ", ± the standard deviation of those bests over the images (n − 1 in the denominator)" : "")
            + ". *Iterations to reach \(reference)* and *seconds* are means over the images of "
            + "what a method needed to match \(reference)'s best PSNR on the same image (— where some image never "
            + "did); *speed-up* is \(reference)'s iterations to its own best divided by that."
            + (showsDiscrepancyStop
                ? " *Discrepancy stop* is the mean first step at which the mean squared residual, in units of the noise "
                    + "variance, fell to the target τ (the discrepancy principle, which needs no ground truth); *PSNR at "
                    + "stop* is the mean PSNR there."
                : "")
    }

    static func format(psnr: Double?, deviation: Double? = nil, ssim: Double?) -> String {
        guard let psnr, psnr.isFinite else { return "—" }
        return String(format: "%.2f", psnr) + (deviation.map { String(format: " ± %.2f", $0) } ?? "")
            + (ssim.map { String(format: " / %.3f", $0) } ?? "")
    }
}
