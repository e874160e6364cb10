import Foundation

/// Each image's best PSNR under each method, beside the reference method's on the same image: whether a mean gain
/// holds on every image, or is carried by a few.
///
/// For image i and method m, the cell is b(i, m) = max over m's evaluations on i of the PSNR, and for a method other
/// than the reference r also the difference d(i, m) = b(i, m) − b(i, r). The last row gives min_i d(i, m), the
/// smallest difference over the images (positive: m is ahead on every image).
public struct PerImageTable: Equatable, Sendable {
    /// The images, in the order the run first met them.
    public var images: [String]
    /// The methods, in the comparison table's order.
    public var methods: [String]
    /// The method the differences are taken from.
    public var reference: String
    /// best[i][m]: the best PSNR of `methods[m]` on `images[i]`; `nil` where the method did not run on that image.
    public var best: [[Double?]]

    /// The table of `problem`'s `curves`, its columns in the order of `methods`.
    public init(problem: String, curves: [MethodCurve], methods: [String], reference: String) {
        let mine = curves.filter { $0.problem == problem }
        var images: [String] = []
        for curve in mine where !images.contains(curve.image) { images.append(curve.image) }
        self.images = images
        self.methods = methods
        self.reference = reference
        best = images.map { image in
            methods.map { method in mine.first { $0.image == image && $0.method == method }?.best?.psnr }
        }
    }

    /// d(i, m), where both best PSNRs exist and `m` is not the reference.
    func difference(image i: Int, method m: Int) -> Double? {
        guard methods[m] != reference, let r = methods.firstIndex(of: reference), let mine = best[i][m], let theirs = best[i][r] else {
            return nil
        }
        return mine - theirs
    }

    /// The table as text cells — a header, a row per image, and (beside other methods) the row of smallest
    /// differences — shared by the Markdown and HTML reports. A cell reads `60.84 (+9.95)`; the reference's cells are the PSNR alone.
    public var cells: (header: [String], rows: [[String]]) {
        func signed(_ value: Double) -> String { String(format: "%+.2f", value) }
        let rows = images.indices.map { i in
            [images[i]] + methods.indices.map { m in
                guard let psnr = best[i][m], psnr.isFinite else { return "—" }
                return String(format: "%.2f", psnr) + (difference(image: i, method: m).map { " (\(signed($0)))" } ?? "")
            }
        }
        let smallest = ["smallest difference"] + methods.indices.map { m in
            let differences = images.indices.map { difference(image: $0, method: m) }
            guard !differences.contains(nil), let minimum = differences.compactMap({ $0 }).min() else { return "—" }
            return signed(minimum)
        }
        return (["image"] + methods, methods.count > 1 ? rows + [smallest] : rows)
    }

    /// How to read the table, in one sentence.
    public var legend: String {
        "Each image's best PSNR (dB) under each method; in brackets the difference from \(reference)'s best on the same "
            + "image. The last row is the smallest of those differences over the images (— where a method lacks an image)."
    }

    /// Worth showing: with one image it would repeat the comparison table.
    public var isInformative: Bool { images.count > 1 }
}
