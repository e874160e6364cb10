import Foundation
import Imaging
import Operators
import Reporting

/// A measurement `y` as a report shows it, labelled with what the display did to it, and its exact values kept
/// beside the picture (``GalleryPanel/values``: a float32 TIFF, complex samples as (re, im) channel pairs):
/// - in image units — the operator maps a constant image to the same constant (`A1 = 1`: identity, blur, resizing,
///   inpainting's kept pixels) — `y` is clipped to [0, 1], so a noisy image looks as it is and its kept values stay
///   comparable to the ground truth;
/// - otherwise (a sinogram) it is rescaled to [0, 1] by its range;
/// - complex (k-space): the centred log-magnitude `log(1 + |y|)`, rescaled.
public enum MeasurementPreview {
    public static func panel(of measurement: [Float], through forward: any LinearOperator) throws -> GalleryPanel {
        let shape = forward.outputShape
        let values = Image(height: shape.height, width: shape.width, channels: shape.channels, pixels: measurement)
        if forward.outputIsComplex {
            return GalleryPanel(label: "measurement", image: rescaled(logMagnitude(of: values)),
                                detail: "log-magnitude, rescaled (exact: .tif)", values: values)
        }
        guard try isInImageUnits(forward) else {
            return GalleryPanel(label: "measurement", image: rescaled(values), detail: "rescaled to its range (exact: .tif)",
                                values: values)
        }
        let clipped = Image(height: shape.height, width: shape.width, channels: shape.channels,
                            pixels: measurement.map { min(max($0, 0), 1) })
        let changed = clipped.pixels != measurement
        return GalleryPanel(label: "measurement", image: clipped, detail: changed ? "clipped to [0, 1] (exact: .tif)" : nil,
                            values: changed ? values : nil)
    }

    /// Whether `A1 = 1` wherever a measurement depends on the image at all (within 10⁻³): y is then in the image's
    /// own intensity units. Positions no pixel enters (`A1 = 0`, outside an inpainting mask) do not count.
    public static func isInImageUnits(_ forward: any LinearOperator) throws -> Bool {
        let response = try forward.apply([Float](repeating: 1, count: forward.inputShape.count))
        return response.allSatisfy { abs($0) < 1e-3 || abs($0 - 1) < 1e-3 } && response.contains { abs($0 - 1) < 1e-3 }
    }

    /// The centred log-magnitude of interleaved complex samples: FFT order puts frequency 0 at the corner, shifted
    /// to the centre.
    private static func logMagnitude(of values: Image) -> Image {
        let channels = values.channels / 2
        var magnitude = Image(height: values.height, width: values.width, channels: channels)
        for i in 0..<values.height {
            for j in 0..<values.width {
                let (si, sj) = ((i + values.height / 2) % values.height, (j + values.width / 2) % values.width)
                for c in 0..<channels {
                    let base = (si * values.width + sj) * values.channels + 2 * c
                    let modulus = hypot(values.pixels[base], values.pixels[base + 1])
                    magnitude.pixels[(i * values.width + j) * channels + c] = log1p(modulus)
                }
            }
        }
        return magnitude
    }

    private static func rescaled(_ image: Image) -> Image {
        let low = image.pixels.min() ?? 0
        let span = max((image.pixels.max() ?? 1) - low, .leastNormalMagnitude)
        return Image(height: image.height, width: image.width, channels: image.channels,
                     pixels: image.pixels.map { ($0 - low) / span })
    }
}
