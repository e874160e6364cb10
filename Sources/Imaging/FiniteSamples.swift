extension Image {
    /// Throws `invalidArgument` naming `path` when a sample is NaN or ±∞: a PSNR or SSIM of such an image is
    /// meaningless (`inf dB`, `-nan`), and a measurement holding them is no measurement. `what` says what the
    /// image is (`image`, `measurement`); the message gives how many samples and where the first one is.
    public func requireFiniteSamples(path: String, what: String = "image") throws {
        guard let first = pixels.firstIndex(where: { !$0.isFinite }) else { return }
        let count = pixels.lazy.filter { !$0.isFinite }.count
        let pixel = first / channels
        throw ImagingError(.invalidArgument, path: path,
                           "the \(what) holds \(count) non-finite sample\(count == 1 ? "" : "s") (NaN or ±inf), the first \(pixels[first]) "
                           + "at row \(pixel / width), column \(pixel % width), channel \(first % channels); expected finite values")
    }
}
