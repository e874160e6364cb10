/// The numbers of a problem's comparison, one row per method, averaged over the images.
///
/// For each method: mean PSNR and SSIM after fixed iteration counts, the mean of each image's best PSNR,
/// and — against a reference method, random SIREN by default — the mean number of iterations and seconds the
/// method needed to reach the reference's best PSNR on the same image (the paper's "how much faster"); and, for
/// noisy problems, where the discrepancy principle would stop each fit without the ground truth.
public struct ComparisonTable: Codable, Equatable, Sendable {
    /// One method's row.
    public struct Row: Codable, Equatable, Sendable {
        public var method: String
        public var kind: MethodKind
        /// Number of images averaged.
        public var images: Int
        /// Mean PSNR after each of the table's iterations; `nil` where the method did not run that far
        /// (or is a baseline, which has no iterations).
        public var psnrAt: [Double?]
        /// Mean SSIM after each of the table's iterations, where measured.
        public var ssimAt: [Double?]
        /// Mean over images of the best PSNR reached.
        public var bestPSNR: Double
        /// The sample standard deviation over images of the best PSNR, √(Σ(bᵢ − b̄)²/(n − 1)); `nil` for one image
        /// (and in summaries written before it was recorded).
        public var bestPSNRDeviation: Double?
        /// Mean over images of the SSIM at the best-PSNR iterate, where measured.
        public var bestSSIM: Double?
        /// Mean iterations to reach the reference's best PSNR; `nil` unless every image reached it.
        public var iterationsToReference: Double?
        /// Mean seconds to reach the reference's best PSNR; `nil` unless every image reached it.
        public var secondsToReference: Double?
        /// How many images reached the reference's best PSNR.
        public var imagesReachingReference: Int
        /// Mean over images of the step at which the discrepancy first fell to its target (the no-reference
        /// stopping point); `nil` unless every image got there.
        public var discrepancyStopIteration: Double?
        /// Mean PSNR at that step; `nil` unless every image got there.
        public var discrepancyStopPSNR: Double?
        /// How many images got there; `nil` for a baseline.
        public var imagesReachingDiscrepancy: Int?
    }

    public var problem: String
    /// The iteration counts of the PSNR/SSIM columns.
    public var iterations: [Int]
    /// The method whose best PSNR the "to reach" columns aim at.
    public var reference: String
    public var rows: [Row]

    /// Builds the table of `problem` from the curves of every method on every image.
    ///
    /// - Parameters:
    ///   - iterations: the columns; each method contributes the last evaluation at or before each count.
    ///   - reference: the method whose per-image best PSNR the others must reach.
    public init(problem: String, curves: [MethodCurve], iterations: [Int], reference: String) {
        self.problem = problem
        self.iterations = iterations
        self.reference = reference
        let mine = curves.filter { $0.problem == problem }
        var referenceBest: [String: Double] = [:]
        for curve in mine where curve.method == reference {
            referenceBest[curve.image] = curve.best?.psnr
        }
        rows = mine.methodsInOrder.map { method in
            let runs = mine.filter { $0.method == method && !$0.points.isEmpty }
            let kind = runs.first?.kind ?? .prior
            let iterative = kind == .prior
            let reached = runs.compactMap { run in referenceBest[run.image].flatMap { run.firstPoint(reaching: $0) } }
            let everyImageReached = !runs.isEmpty && reached.count == runs.count
            let stops = runs.compactMap(\.discrepancyStopPoint)
            let everyImageStopped = !runs.isEmpty && stops.count == runs.count
            return Row(
                method: method, kind: kind, images: runs.count,
                psnrAt: iterations.map { iteration in
                    iterative ? Self.meanIfComplete(runs.map { $0.point(at: iteration)?.psnr }) : nil
                },
                ssimAt: iterations.map { iteration in
                    iterative ? Self.meanIfComplete(runs.map { $0.point(at: iteration)?.ssim }) : nil
                },
                bestPSNR: Self.mean(runs.compactMap { $0.best?.psnr }) ?? .nan,
                bestPSNRDeviation: Self.standardDeviation(runs.compactMap { $0.best?.psnr }),
                bestSSIM: Self.meanIfComplete(runs.map { $0.best?.ssim }),
                iterationsToReference: everyImageReached && iterative ? Self.mean(reached.map { Double($0.iteration) }) : nil,
                secondsToReference: everyImageReached ? Self.mean(reached.map(\.seconds)) : nil,
                imagesReachingReference: reached.count,
                discrepancyStopIteration: everyImageStopped ? Self.mean(stops.map { Double($0.iteration) }) : nil,
                discrepancyStopPSNR: everyImageStopped ? Self.mean(stops.map(\.psnr)) : nil,
                imagesReachingDiscrepancy: iterative ? stops.count : nil)
        }
    }

    /// The arithmetic mean, `nil` for no values.
    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// The sample standard deviation √(Σ(vᵢ − v̄)²/(n − 1)) (Bessel's correction: the images are a sample of the
    /// images the method would meet); `nil` for fewer than two values.
    static func standardDeviation(_ values: [Double]) -> Double? {
        guard values.count > 1, let mean = mean(values) else { return nil }
        return (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
    }

    /// The mean when every value is present: a column averaged over fewer images would not be comparable.
    static func meanIfComplete(_ values: [Double?]) -> Double? {
        let present = values.compactMap { $0 }
        return present.count == values.count ? mean(present) : nil
    }
}
