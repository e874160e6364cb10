import Foundation
import Imaging
import Operators

/// A measurement `y` as an image a report can show: as it is when it already is an image in [0, 1] (a noisy,
/// masked or low-resolution image); rescaled to [0, 1] by its range otherwise (a sinogram); and for complex
/// measurements (k-space) the centred log-magnitude `log(1 + |y|)`, rescaled.
enum MeasurementPreview {
    static func image(of measurement: [Float], through forward: any LinearOperator) -> Image {
        let shape = forward.outputShape
        if forward.outputIsComplex {
            let channels = shape.channels / 2
            var magnitude = Image(height: shape.height, width: shape.width, channels: channels)
            for i in 0..<shape.height {
                for j in 0..<shape.width {
                    // FFT order puts frequency 0 at the corner; shift it to the centre.
                    let (si, sj) = ((i + shape.height / 2) % shape.height, (j + shape.width / 2) % shape.width)
                    for c in 0..<channels {
                        let base = (si * shape.width + sj) * shape.channels + 2 * c
                        let modulus = hypot(measurement[base], measurement[base + 1])
                        magnitude.pixels[(i * shape.width + j) * channels + c] = log1p(modulus)
                    }
                }
            }
            return rescaled(magnitude)
        }
        let image = Image(height: shape.height, width: shape.width, channels: shape.channels, pixels: measurement)
        let inUnitRange = measurement.allSatisfy { $0 >= -0.25 && $0 <= 1.25 }
        return inUnitRange ? Image(height: image.height, width: image.width, channels: image.channels,
                                   pixels: image.pixels.map { min(max($0, 0), 1) }) : rescaled(image)
    }

    private static func rescaled(_ image: Image) -> Image {
        let low = image.pixels.min() ?? 0
        let span = max((image.pixels.max() ?? 1) - low, .leastNormalMagnitude)
        return Image(height: image.height, width: image.width, channels: image.channels,
                     pixels: image.pixels.map { ($0 - low) / span })
    }
}
