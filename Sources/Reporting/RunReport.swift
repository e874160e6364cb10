import Imaging

/// An image shown in a report: ground truth, a measurement, or a reconstruction, with its caption.
public struct GalleryPanel: Sendable {
    public var label: String
    /// What is shown, in [0, 1].
    public var image: Image
    /// A second caption line: a reconstruction's PSNR and SSIM against the ground truth, or what the display did to a
    /// measurement.
    public var detail: String?
    /// The values behind a display that changed them (a measurement clipped or rescaled to be shown), kept exactly
    /// as a float32 TIFF beside the picture.
    public var values: Image?

    public init(label: String, image: Image, detail: String? = nil, values: Image? = nil) {
        self.label = label
        self.image = image
        self.detail = detail
        self.values = values
    }
}

/// Everything one run of one problem produced: what the reporter turns into `Results/<run>/`.
public struct RunReport: Sendable {
    /// The problem's identifier, such as `denoise-faces-0.1`.
    public var problem: String
    /// A one-line title.
    public var title: String
    /// The fully resolved configuration (YAML), saved as `config.yaml` so the run can be repeated.
    public var configuration: String
    /// Every method's curve on every image.
    public var curves: [MethodCurve]
    /// Iteration counts of the table's PSNR/SSIM columns.
    public var tableIterations: [Int]
    /// The method whose best PSNR the "to reach" columns aim at (random SIREN in the paper's comparisons).
    public var reference: String
    /// Per image, in display order: ground truth, measurement, reconstructions.
    public var gallery: [(image: String, panels: [GalleryPanel])]
    /// Further facts worth a line in the report (seed, prior training time, …), in display order.
    public var facts: [(name: String, value: String)]

    public init(problem: String, title: String, configuration: String, curves: [MethodCurve], tableIterations: [Int],
                reference: String, gallery: [(image: String, panels: [GalleryPanel])] = [],
                facts: [(name: String, value: String)] = []) {
        self.problem = problem
        self.title = title
        self.configuration = configuration
        self.curves = curves
        self.tableIterations = tableIterations
        self.reference = reference
        self.gallery = gallery
        self.facts = facts
    }

    /// The comparison table of this run.
    public var table: ComparisonTable {
        ComparisonTable(problem: problem, curves: curves, iterations: tableIterations, reference: reference)
    }

    /// What the comparison found, in sentences computed from the curves.
    public var verdict: ComparisonVerdict {
        ComparisonVerdict(problem: problem, curves: curves, iterations: tableIterations, reference: reference)
    }
}
