/// `summary.json`: what a run found and where its pieces are — enough, with `metrics.csv` and `images/`, to
/// render the report again (`strainer report RUN_DIR`).
public struct RunSummary: Codable, Equatable, Sendable {
    /// A fact shown in the report's header (seed, prior training time, …).
    public struct Fact: Codable, Equatable, Sendable {
        public var name: String
        public var value: String
    }

    /// One panel of the image gallery, stored as a PNG file under `images/`.
    public struct Panel: Codable, Equatable, Sendable {
        public var label: String
        /// Path relative to the run folder.
        public var file: String
        /// The second caption line: a reconstruction's PSNR/SSIM, or what the display did to a measurement.
        public var detail: String?
        /// Path relative to the run folder of the exact values (float32 TIFF) when the picture changed them.
        public var values: String?
    }

    /// The panels shown side by side for one image.
    public struct GalleryRow: Codable, Equatable, Sendable {
        public var image: String
        public var panels: [Panel]
    }

    public var problem: String
    public var title: String
    public var suiteVersion: String
    /// ISO 8601 time the run finished.
    public var created: String
    public var facts: [Fact]
    public var table: ComparisonTable
    /// What the comparison found, in sentences (absent from the summaries of older runs).
    public var verdict: ComparisonVerdict?
    public var gallery: [GalleryRow]
}
