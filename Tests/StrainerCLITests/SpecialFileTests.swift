import Foundation
import Imaging
import XCTest

/// A FIFO (or any file that is not a regular file) given where an image or a kernel is read is refused at once
/// (issue 21): opening a FIFO blocks until a writer comes, which used to hang the command for ever.
final class SpecialFileTests: XCTestCase {
    /// A FIFO named `name` in a scratch folder.
    private func fifo(_ name: String) throws -> URL {
        let url = try scratchFolder().appendingPathComponent(name)
        XCTAssertEqual(mkfifo(url.path, 0o600), 0, "mkfifo \(url.path)")
        return url
    }

    func testAFIFOGivenAsAnImageIsRefused() throws {
        let reference = try scratchFolder().appendingPathComponent("reference.png")
        try ImageFile.write(Image(height: 16, width: 16, channels: 1, pixels: Array(repeating: 0.5, count: 256)), to: reference)
        for (name, format) in [("pipe.png", "PNG"), ("pipe.tif", "TIFF"), ("pipe.pgm", "PGM/PPM"), ("pipe.jpg", "JPEG")] {
            let pipe = try fifo(name)
            try assertRefused(["metrics", reference.path, pipe.path], within: 10,
                              mentioning: ["\(name)': is a FIFO (named pipe); expected a regular \(format) file"])
        }
        try assertRefused(["fit", try fifo("pipe.png").path], within: 10, mentioning: ["is a FIFO (named pipe)"])
    }

    func testAFIFOGivenAsAPriorOrCheckpointIsRefused() throws {
        try assertRefused(["inspect", try fifo("pipe.safetensors").path], within: 10,
                          mentioning: ["pipe.safetensors: is a FIFO or another special file; expected a regular safetensors file"])
    }

    func testAFIFOGivenAsAKernelIsRefused() throws {
        let output = try scratchFolder().appendingPathComponent("y.tif")
        for name in ["kernel.txt", "kernel.png"] {
            let pipe = try fifo(name)
            try assertRefused(["simulate", "--operator", "{name: blur, kernel: file, path: \(pipe.path)}", "--phantom", "shepp-logan",
                               "--size", "16", output.path], within: 10, mentioning: ["\(name)", "is a FIFO (named pipe)"])
        }
    }
}
