extension Image {
    /// The central `height × width` region of this image.
    ///
    /// The region starts at row `⌊(self.height − height) / 2⌋` and column `⌊(self.width − width) / 2⌋`: when an
    /// odd number of rows (columns) is removed, the extra one comes off the bottom (right).
    public func centerCropped(height newHeight: Int, width newWidth: Int) throws -> Image {
        guard (1...max(height, 1)).contains(newHeight), (1...max(width, 1)).contains(newWidth),
              height > 0, width > 0 else {
            throw ImagingError(.invalidArgument,
                               "cannot crop \(newHeight)×\(newWidth) from a \(shapeDescription) image; expected 1…\(height) rows and 1…\(width) columns")
        }
        let top = (height - newHeight) / 2, left = (width - newWidth) / 2
        var pixels = [Float]()
        pixels.reserveCapacity(newHeight * newWidth * channels)
        for row in top..<top + newHeight {
            let start = (row * width + left) * channels
            pixels.append(contentsOf: self.pixels[start..<start + newWidth * channels])
        }
        return Image(height: newHeight, width: newWidth, channels: channels, pixels: pixels)
    }

    /// The largest central square, `min(height, width)` on a side (see ``centerCropped(height:width:)``).
    public func centerCroppedToSquare() throws -> Image {
        let side = min(height, width)
        return try centerCropped(height: side, width: side)
    }
}
