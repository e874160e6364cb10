import Foundation
import TestSupport
import INR
import Imaging
@testable import Priors
import SeededRandom

/// A fixture file of this test target.
func fixture(_ name: String) throws -> URL {
    guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil) else {
        throw PriorError(name, "fixture missing from the test bundle")
    }
    return url
}

/// Small seeded images with smooth content (sums of sinusoids) and a little texture.
func smoothImages(count: Int, size: Int, channels: Int = 3, seed: UInt64 = 1) -> [(name: String, image: Image)] {
    var random = RandomSource(seed: seed)
    return (0..<count).map { index in
        var image = Image(height: size, width: size, channels: channels)
        let (a, b, c) = (random.uniform(1, 4), random.uniform(1, 4), random.uniform(0, 6))
        for i in 0..<size {
            for j in 0..<size {
                for channel in 0..<channels {
                    let y = Float(i) / Float(size), x = Float(j) / Float(size)
                    image[i, j, channel] = 0.5 + 0.4 * sin(a * y * 3 + c + Float(channel)) * cos(b * x * 3 - Float(channel))
                }
            }
        }
        return ("image\(index)", image)
    }
}

