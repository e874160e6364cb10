import ArgumentParser
import Foundation
import Imaging

/// `strainer metrics REFERENCE TEST [--json]`: PSNR and SSIM of TEST against REFERENCE.
struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare an image with a reference: PSNR (dB) and SSIM.",
        discussion: """
            Both images are read as intensities in [0, 1] (integer samples divided by 2^bits − 1; float TIFF as \
            stored) and must have the same height, width and channels. PSNR = 10·log10(1/MSE) over all pixels and \
            channels; SSIM is Wang et al. (2004) with an 11×11 Gaussian window (σ = 1.5), data range 1, as \
            scikit-image computes it, averaged over channels; it needs at least 11×11 pixels. Identical images \
            have an infinite PSNR, printed as "inf"; JSON has no infinity, so --json prints null for it (and for \
            any NaN).
            """)

    @Argument(help: "The reference (ground-truth) image: .png, .tif/.tiff, .pgm/.ppm/.pnm.")
    var reference: String

    @Argument(help: "The image to assess, same shape as the reference.")
    var test: String

    @Flag(help: "Print exactly one JSON object {\"psnr\": <dB>, \"ssim\": <value>} and nothing else.")
    var json = false

    func run() throws {
        let x = try ImageFile.read(URL(fileURLWithPath: reference))
        let y = try ImageFile.read(URL(fileURLWithPath: test))
        guard x.hasSameShape(as: y) else {
            throw ImagingError(.shapeMismatch, "'\(reference)' is \(x.shapeDescription) but '\(test)' is \(y.shapeDescription); expected images of the same shape (height×width×channels)")
        }
        try x.requireFiniteSamples(path: reference)
        try y.requireFiniteSamples(path: test)
        let psnr = try ImageMetrics.psnr(x, y), ssim = try ImageMetrics.ssim(x, y)
        if json {
            print("{\"psnr\": \(jsonNumber(psnr)), \"ssim\": \(jsonNumber(ssim))}")
        } else {
            print("PSNR \(psnr.isFinite ? String(format: "%.4f", psnr) : "inf") dB")
            print("SSIM \(String(format: "%.6f", ssim))")
        }
    }
}

/// `value` as a JSON number (shortest round-trip digits), or `null` when it is not finite.
func jsonNumber(_ value: Double) -> String {
    value.isFinite ? "\(value)" : "null"
}
