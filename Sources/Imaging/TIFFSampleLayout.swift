import CTIFF

/// How a TIFF file stores its samples — size, sample type, colour channels, planes, strips or tiles — checked
/// against what ``TIFFFile`` supports, and the walk over its decoded strips or tiles.
struct TIFFSampleLayout {
    /// The supported sample types.
    enum SampleType {
        case unsigned8, unsigned16, float32

        var bytes: Int {
            switch self {
            case .unsigned8: 1
            case .unsigned16: 2
            case .float32: 4
            }
        }
    }

    let height: Int
    let width: Int
    let sampleType: SampleType
    /// 1 (gray) or 3 (RGB): the samples kept (every sample of a float measurement read with `keepingEverySample`).
    let colourChannels: Int
    /// All samples per pixel, colour plus declared extra samples (which are dropped).
    let samplesPerPixel: Int
    /// True when each sample has its own plane (PlanarConfiguration = 2).
    let separatePlanes: Bool

    /// The layout of `file`; with `keepingEverySample`, a float gray file's extra samples of unspecified meaning
    /// are kept as channels (a measurement: k-space's real and imaginary parts, say), not refused.
    init(_ file: TIFFHandle, keepingEverySample: Bool = false) throws {
        guard let width = file.uint32(TIFFTAG_IMAGEWIDTH), let height = file.uint32(TIFFTAG_IMAGELENGTH) else {
            throw file.fail(.malformed, "missing ImageWidth or ImageLength; expected both")
        }
        self.width = Int(width)
        self.height = Int(height)
        let bits = Int(file.uint16(TIFFTAG_BITSPERSAMPLE) ?? 1)
        let format = Int32(file.uint16(TIFFTAG_SAMPLEFORMAT) ?? UInt16(SAMPLEFORMAT_UINT))
        switch (format, bits) {
        case (SAMPLEFORMAT_UINT, 8): sampleType = .unsigned8
        case (SAMPLEFORMAT_UINT, 16): sampleType = .unsigned16
        case (SAMPLEFORMAT_IEEEFP, 32): sampleType = .float32
        default:
            throw file.fail(.unsupported, "\(bits)-bit \(Self.name(ofSampleFormat: format)) samples are not supported; expected 8- or 16-bit unsigned integers or 32-bit IEEE floats")
        }
        let photometric = file.uint16(TIFFTAG_PHOTOMETRIC).map(Int32.init)
        let colours: Int
        switch photometric {
        case PHOTOMETRIC_MINISBLACK: colours = 1
        case PHOTOMETRIC_RGB: colours = 3
        default:
            throw file.fail(.unsupported, "photometric interpretation \(photometric.map(String.init) ?? "missing") is not supported; expected gray (1, MinIsBlack) or RGB (2)")
        }
        samplesPerPixel = Int(file.uint16(TIFFTAG_SAMPLESPERPIXEL) ?? 1)
        separatePlanes = Int32(file.uint16(TIFFTAG_PLANARCONFIG) ?? UInt16(PLANARCONFIG_CONTIG)) == PLANARCONFIG_SEPARATE
        let extras = file.extraSampleTypes()
        if keepingEverySample, sampleType == .float32, colours == 1, samplesPerPixel == 1 + extras.count,
           extras.allSatisfy({ $0 == EXTRASAMPLE_UNSPECIFIED }) {
            colourChannels = samplesPerPixel
            return
        }
        colourChannels = colours
        let alpha = [EXTRASAMPLE_ASSOCALPHA, EXTRASAMPLE_UNASSALPHA]
        guard samplesPerPixel == colourChannels + extras.count, extras.count <= 1, extras.allSatisfy(alpha.contains) else {
            throw file.fail(.unsupported, "\(samplesPerPixel) samples per pixel (\(colourChannels) colour, \(extras.count) declared extra of types \(extras)); expected \(colourChannels) colour sample(s), optionally plus one declared alpha sample (ExtraSamples 1 or 2), which is dropped")
        }
    }

    private static func name(ofSampleFormat format: Int32) -> String {
        switch format {
        case SAMPLEFORMAT_UINT: "unsigned integer"
        case SAMPLEFORMAT_INT: "signed integer"
        case SAMPLEFORMAT_IEEEFP: "IEEE float"
        case SAMPLEFORMAT_COMPLEXINT: "complex integer"
        case SAMPLEFORMAT_COMPLEXIEEEFP: "complex IEEE float"
        default: "sample format \(format)"
        }
    }

    /// One decoded strip or tile: where it sits in the image and which samples it holds.
    struct Chunk {
        let row: Int, column: Int
        /// Pixels per stored row of the chunk (the tile width, or the image width for strips).
        let stride: Int
        /// The rows and columns of the chunk inside the image (edge tiles and the last strip are cut).
        let rows: Int, columns: Int
        /// The sample held when planes are separate (nil when the chunk holds every sample of each pixel).
        let plane: Int?

        /// Bytes the chunk must hold for its rows and columns.
        func requiredBytes(_ layout: TIFFSampleLayout) -> Int {
            ((rows - 1) * stride + columns) * (plane == nil ? layout.samplesPerPixel : 1) * layout.sampleType.bytes
        }

        /// Converts the chunk's colour samples to intensities in `image`.
        func copy(_ bytes: UnsafeRawBufferPointer, into image: inout Image, layout: TIFFSampleLayout) {
            let samplesHere = plane == nil ? layout.samplesPerPixel : 1
            let channels = plane.map { $0..<$0 + 1 } ?? 0..<layout.colourChannels
            for r in 0..<rows {
                for c in 0..<columns {
                    let source = ((r * stride) + c) * samplesHere
                    let target = ((row + r) * image.width + column + c) * image.channels
                    for channel in channels {
                        let index = source + (plane == nil ? channel : 0)
                        image.pixels[target + channel] = layout.intensity(bytes, index)
                    }
                }
            }
        }
    }

    /// The intensity of the `index`-th sample of decoded bytes (host byte order, as libtiff returns them).
    func intensity(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> Float {
        switch sampleType {
        case .unsigned8: IntegerScale.uint8.intensity(Int(bytes[index]))
        case .unsigned16: IntegerScale.uint16.intensity(Int(bytes.load(fromByteOffset: 2 * index, as: UInt16.self)))
        case .float32: bytes.load(fromByteOffset: 4 * index, as: Float.self)
        }
    }

    /// Decodes every strip or tile holding colour samples and hands it to `body`.
    func forEachChunk(of file: TIFFHandle, _ body: (Chunk, UnsafeRawBufferPointer) throws -> Void) throws {
        let planes: [Int?] = separatePlanes ? Array(0..<colourChannels) : [nil]
        let tiled = TIFFIsTiled(file.tiff) != 0
        let chunkBytes = Int(tiled ? TIFFTileSize(file.tiff) : TIFFStripSize(file.tiff))
        guard chunkBytes > 0 else { throw file.fail(.malformed, "cannot size the \(tiled ? "tiles" : "strips")") }
        guard chunkBytes <= Self.maximumChunkBytes else {
            throw file.fail(.unsupported, "\(tiled ? "tiles" : "strips") of \(chunkBytes) decoded bytes are too large; expected at most "
                + "\(Self.maximumChunkBytes) bytes each (rewrite the file with smaller strips or tiles)")
        }
        // Not zero-filled: pages are touched only as libtiff decodes into them, so a header declaring a huge strip
        // over a few bytes of data costs no memory, and every byte `body` sees was decoded (checked below).
        let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkBytes, alignment: MemoryLayout<Float>.alignment)
        defer { raw.deallocate() }
        for plane in planes {
            for chunk in try chunks(of: file, tiled: tiled, plane: plane) {
                let sample = UInt16(plane ?? 0)
                let decoded = tiled
                    ? TIFFReadEncodedTile(file.tiff, TIFFComputeTile(file.tiff, UInt32(chunk.column), UInt32(chunk.row), 0, sample), raw.baseAddress, tmsize_t(chunkBytes))
                    : TIFFReadEncodedStrip(file.tiff, TIFFComputeStrip(file.tiff, UInt32(chunk.row), sample), raw.baseAddress, tmsize_t(chunkBytes))
                guard decoded >= chunk.requiredBytes(self) else {
                    throw file.fail(.malformed, "the \(tiled ? "tile" : "strip") at row \(chunk.row), column \(chunk.column) is truncated or corrupt; expected \(chunk.requiredBytes(self)) decoded bytes")
                }
                try body(chunk, UnsafeRawBufferPointer(raw))
            }
        }
    }

    /// The largest strip or tile read, decoded (256 MiB, a 16384 × 16384 8-bit image in one strip): with the image
    /// itself (at most 1 GiB of `Float`) a read stays well inside 2 GiB.
    static let maximumChunkBytes = 1 << 28

    /// The strips or tiles covering the image for one plane.
    private func chunks(of file: TIFFHandle, tiled: Bool, plane: Int?) throws -> [Chunk] {
        if tiled {
            guard let tileWidth = file.uint32(TIFFTAG_TILEWIDTH).map(Int.init),
                  let tileLength = file.uint32(TIFFTAG_TILELENGTH).map(Int.init), tileWidth > 0, tileLength > 0 else {
                throw file.fail(.malformed, "missing or zero TileWidth/TileLength; expected positive tile sizes")
            }
            return stride(from: 0, to: height, by: tileLength).flatMap { row in
                stride(from: 0, to: width, by: tileWidth).map { column in
                    Chunk(row: row, column: column, stride: tileWidth, rows: min(tileLength, height - row),
                          columns: min(tileWidth, width - column), plane: plane)
                }
            }
        }
        let rowsPerStrip = max(1, min(Int(file.uint32(TIFFTAG_ROWSPERSTRIP) ?? UInt32.max), height))
        return stride(from: 0, to: height, by: rowsPerStrip).map { row in
            Chunk(row: row, column: 0, stride: width, rows: min(rowsPerStrip, height - row), columns: width, plane: plane)
        }
    }
}
