import Foundation
import Imaging

/// A measurement y as a user brings it, read from a file chosen by extension: PNG, PGM/PPM (integer samples become
/// intensities in [0, 1]), JPEG (8-bit gray or RGB), or TIFF — 8/16-bit or float32, and a float32 file with
/// extra samples keeps them all as channels (complex k-space as real and imaginary parts, as `strainer simulate`
/// writes it). Every sample must be finite.
public enum MeasurementFile {
    /// The measurement stored at `url`.
    public static func read(_ url: URL) throws -> Image {
        let image: Image
        switch url.pathExtension.lowercased() {
        case "tif", "tiff": image = try TIFFFile.read(url, keepingEverySample: true)
        default: image = try ImageFile.read(url)
        }
        if let index = image.pixels.firstIndex(where: { !$0.isFinite }) {
            let pixel = index / image.channels
            throw ReconstructionError.nonFiniteMeasurement(
                file: url.path, row: pixel / image.width, column: pixel % image.width, channel: index % image.channels,
                value: image.pixels[index])
        }
        return image
    }
}
